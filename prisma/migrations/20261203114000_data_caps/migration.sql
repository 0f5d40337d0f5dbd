-- CreateEnum
CREATE TYPE "DataTopUpPayment" AS ENUM ('WALLET', 'INVOICE');

-- AlterTable
ALTER TABLE "Package" ADD COLUMN     "dataRollover" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "DataTopUpOption" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mb" INTEGER NOT NULL,
    "priceMinor" INTEGER NOT NULL,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DataTopUpOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataTopUp" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mb" INTEGER NOT NULL,
    "priceMinor" INTEGER NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "payment" "DataTopUpPayment" NOT NULL,
    "paymentRef" TEXT,
    "requestKey" TEXT NOT NULL,
    "purchasedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataTopUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataRollover" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "fromStart" DATE NOT NULL,
    "fromEnd" DATE NOT NULL,
    "mb" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataRollover_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataCapNotice" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "thresholdPct" INTEGER NOT NULL,
    "usedMb" INTEGER NOT NULL,
    "allowanceMb" INTEGER NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataCapNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DataTopUpOption_companyId_archivedAt_idx" ON "DataTopUpOption"("companyId", "archivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DataTopUpOption_companyId_name_key" ON "DataTopUpOption"("companyId", "name");

-- CreateIndex
CREATE INDEX "DataTopUp_companyId_subscriptionId_periodStart_idx" ON "DataTopUp"("companyId", "subscriptionId", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "DataTopUp_subscriptionId_requestKey_key" ON "DataTopUp"("subscriptionId", "requestKey");

-- CreateIndex
CREATE INDEX "DataRollover_companyId_periodStart_idx" ON "DataRollover"("companyId", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "DataRollover_subscriptionId_periodStart_key" ON "DataRollover"("subscriptionId", "periodStart");

-- CreateIndex
CREATE INDEX "DataCapNotice_companyId_sentAt_idx" ON "DataCapNotice"("companyId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "DataCapNotice_subscriptionId_periodStart_thresholdPct_key" ON "DataCapNotice"("subscriptionId", "periodStart", "thresholdPct");

-- AddForeignKey
ALTER TABLE "DataTopUpOption" ADD CONSTRAINT "DataTopUpOption_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataTopUp" ADD CONSTRAINT "DataTopUp_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataTopUp" ADD CONSTRAINT "DataTopUp_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataTopUp" ADD CONSTRAINT "DataTopUp_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "DataTopUpOption"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataRollover" ADD CONSTRAINT "DataRollover_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataRollover" ADD CONSTRAINT "DataRollover_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataCapNotice" ADD CONSTRAINT "DataCapNotice_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataCapNotice" ADD CONSTRAINT "DataCapNotice_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

SELECT lastmile_enable_tenant_rls('"DataTopUpOption"');
SELECT lastmile_enable_tenant_rls('"DataTopUp"');
SELECT lastmile_enable_tenant_rls('"DataRollover"');
SELECT lastmile_enable_tenant_rls('"DataCapNotice"');
