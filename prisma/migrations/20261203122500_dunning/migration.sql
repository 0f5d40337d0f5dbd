-- CreateEnum
CREATE TYPE "DunningChannel" AS ENUM ('EMAIL', 'SMS', 'PORTAL');

-- CreateEnum
CREATE TYPE "DunningNoticeKind" AS ENUM ('REMINDER', 'SUSPENDED', 'RESTORED', 'ARRANGEMENT_BROKEN');

-- CreateEnum
CREATE TYPE "ArrangementKind" AS ENUM ('PROMISE', 'INSTALMENTS');

-- CreateEnum
CREATE TYPE "ArrangementStatus" AS ENUM ('REQUESTED', 'ACTIVE', 'KEPT', 'BROKEN', 'DECLINED', 'CANCELLED');

-- CreateTable
CREATE TABLE "DunningSettings" (
    "companyId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "graceDays" INTEGER NOT NULL DEFAULT 7,
    "steps" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DunningSettings_pkey" PRIMARY KEY ("companyId")
);

-- CreateTable
CREATE TABLE "DunningNotice" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" "DunningNoticeKind" NOT NULL,
    "key" TEXT NOT NULL,
    "invoiceId" TEXT,
    "offsetDays" INTEGER,
    "channels" "DunningChannel"[],
    "summary" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DunningNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DunningSuspension" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "overdueMinor" INTEGER NOT NULL,
    "suspendedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "restoredAt" TIMESTAMPTZ(3),
    "closedReason" TEXT,

    CONSTRAINT "DunningSuspension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentArrangement" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" "ArrangementKind" NOT NULL,
    "status" "ArrangementStatus" NOT NULL,
    "invoiceIds" TEXT[],
    "coveredMinor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "note" TEXT,
    "requestedByCustomer" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionNote" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "closedReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PaymentArrangement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArrangementInstalment" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "arrangementId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "dueDate" DATE NOT NULL,
    "amountMinor" INTEGER NOT NULL,

    CONSTRAINT "ArrangementInstalment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DunningNotice_companyId_customerId_sentAt_idx" ON "DunningNotice"("companyId", "customerId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "DunningNotice_companyId_key_key" ON "DunningNotice"("companyId", "key");

-- CreateIndex
CREATE INDEX "DunningSuspension_companyId_customerId_restoredAt_idx" ON "DunningSuspension"("companyId", "customerId", "restoredAt");

-- CreateIndex
CREATE INDEX "DunningSuspension_companyId_subscriptionId_idx" ON "DunningSuspension"("companyId", "subscriptionId");

-- CreateIndex
CREATE INDEX "PaymentArrangement_companyId_status_idx" ON "PaymentArrangement"("companyId", "status");

-- CreateIndex
CREATE INDEX "PaymentArrangement_companyId_customerId_status_idx" ON "PaymentArrangement"("companyId", "customerId", "status");

-- CreateIndex
CREATE INDEX "ArrangementInstalment_companyId_arrangementId_idx" ON "ArrangementInstalment"("companyId", "arrangementId");

-- CreateIndex
CREATE UNIQUE INDEX "ArrangementInstalment_arrangementId_position_key" ON "ArrangementInstalment"("arrangementId", "position");

-- AddForeignKey
ALTER TABLE "DunningSettings" ADD CONSTRAINT "DunningSettings_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DunningNotice" ADD CONSTRAINT "DunningNotice_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DunningNotice" ADD CONSTRAINT "DunningNotice_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DunningSuspension" ADD CONSTRAINT "DunningSuspension_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DunningSuspension" ADD CONSTRAINT "DunningSuspension_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DunningSuspension" ADD CONSTRAINT "DunningSuspension_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentArrangement" ADD CONSTRAINT "PaymentArrangement_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentArrangement" ADD CONSTRAINT "PaymentArrangement_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArrangementInstalment" ADD CONSTRAINT "ArrangementInstalment_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArrangementInstalment" ADD CONSTRAINT "ArrangementInstalment_arrangementId_fkey" FOREIGN KEY ("arrangementId") REFERENCES "PaymentArrangement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

SELECT lastmile_enable_tenant_rls('"DunningSettings"');
SELECT lastmile_enable_tenant_rls('"DunningNotice"');
SELECT lastmile_enable_tenant_rls('"DunningSuspension"');
SELECT lastmile_enable_tenant_rls('"PaymentArrangement"');
SELECT lastmile_enable_tenant_rls('"ArrangementInstalment"');
