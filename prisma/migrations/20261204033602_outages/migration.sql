-- CreateEnum
CREATE TYPE "Reachability" AS ENUM ('UNKNOWN', 'UP', 'DOWN');

-- CreateEnum
CREATE TYPE "OutageStatus" AS ENUM ('OPEN', 'RESOLVED');

-- CreateEnum
CREATE TYPE "OutageSource" AS ENUM ('AUTOMATIC', 'MANUAL');

-- CreateEnum
CREATE TYPE "OutageUpdateKind" AS ENUM ('OPENED', 'UPDATE', 'RESOLVED', 'COMPENSATED');

-- CreateEnum
CREATE TYPE "CompensationMode" AS ENUM ('NONE', 'PREPAID_DAYS', 'CREDIT');

-- CreateTable
CREATE TABLE "OutageSettings" (
    "companyId" TEXT NOT NULL,
    "holdDownPolls" INTEGER NOT NULL DEFAULT 2,
    "compensationMode" "CompensationMode" NOT NULL DEFAULT 'NONE',
    "compensationMinMinutes" INTEGER NOT NULL DEFAULT 240,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OutageSettings_pkey" PRIMARY KEY ("companyId")
);

-- CreateTable
CREATE TABLE "DeviceOutageState" (
    "deviceId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "status" "Reachability" NOT NULL DEFAULT 'UNKNOWN',
    "consecutiveMisses" INTEGER NOT NULL DEFAULT 0,
    "missingSince" TIMESTAMPTZ(3),
    "lastSeenAt" TIMESTAMPTZ(3),
    "lastPolledAt" TIMESTAMPTZ(3),
    "latencyMs" DOUBLE PRECISION,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DeviceOutageState_pkey" PRIMARY KEY ("deviceId")
);

-- CreateTable
CREATE TABLE "Outage" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "source" "OutageSource" NOT NULL,
    "status" "OutageStatus" NOT NULL DEFAULT 'OPEN',
    "deviceId" TEXT,
    "siteId" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "rootCause" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Outage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutageCustomer" (
    "companyId" TEXT NOT NULL,
    "outageId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "online" BOOLEAN NOT NULL DEFAULT false,
    "compensationDays" INTEGER,
    "compensationMinor" INTEGER,
    "compensatedAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutageCustomer_pkey" PRIMARY KEY ("outageId","subscriptionId")
);

-- CreateTable
CREATE TABLE "OutageUpdate" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "outageId" TEXT NOT NULL,
    "kind" "OutageUpdateKind" NOT NULL,
    "message" TEXT NOT NULL,
    "authorLabel" TEXT,
    "emailed" INTEGER NOT NULL DEFAULT 0,
    "texted" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutageUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutageTicket" (
    "ticketId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "outageId" TEXT NOT NULL,
    "linkedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutageTicket_pkey" PRIMARY KEY ("ticketId")
);

-- CreateIndex
CREATE INDEX "DeviceOutageState_companyId_status_idx" ON "DeviceOutageState"("companyId", "status");

-- CreateIndex
CREATE INDEX "Outage_companyId_status_startedAt_idx" ON "Outage"("companyId", "status", "startedAt");

-- CreateIndex
CREATE INDEX "Outage_companyId_deviceId_status_idx" ON "Outage"("companyId", "deviceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Outage_companyId_number_key" ON "Outage"("companyId", "number");

-- CreateIndex
CREATE INDEX "OutageCustomer_companyId_customerId_idx" ON "OutageCustomer"("companyId", "customerId");

-- CreateIndex
CREATE INDEX "OutageUpdate_companyId_outageId_createdAt_idx" ON "OutageUpdate"("companyId", "outageId", "createdAt");

-- CreateIndex
CREATE INDEX "OutageTicket_companyId_outageId_idx" ON "OutageTicket"("companyId", "outageId");

-- AddForeignKey
ALTER TABLE "OutageSettings" ADD CONSTRAINT "OutageSettings_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceOutageState" ADD CONSTRAINT "DeviceOutageState_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceOutageState" ADD CONSTRAINT "DeviceOutageState_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outage" ADD CONSTRAINT "Outage_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outage" ADD CONSTRAINT "Outage_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outage" ADD CONSTRAINT "Outage_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutageCustomer" ADD CONSTRAINT "OutageCustomer_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutageCustomer" ADD CONSTRAINT "OutageCustomer_outageId_fkey" FOREIGN KEY ("outageId") REFERENCES "Outage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutageCustomer" ADD CONSTRAINT "OutageCustomer_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutageCustomer" ADD CONSTRAINT "OutageCustomer_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutageUpdate" ADD CONSTRAINT "OutageUpdate_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutageUpdate" ADD CONSTRAINT "OutageUpdate_outageId_fkey" FOREIGN KEY ("outageId") REFERENCES "Outage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutageTicket" ADD CONSTRAINT "OutageTicket_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutageTicket" ADD CONSTRAINT "OutageTicket_outageId_fkey" FOREIGN KEY ("outageId") REFERENCES "Outage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutageTicket" ADD CONSTRAINT "OutageTicket_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Row-level security for the new tenant tables ───
SELECT lastmile_enable_tenant_rls('"OutageSettings"');
SELECT lastmile_enable_tenant_rls('"DeviceOutageState"');
SELECT lastmile_enable_tenant_rls('"Outage"');
SELECT lastmile_enable_tenant_rls('"OutageCustomer"');
SELECT lastmile_enable_tenant_rls('"OutageUpdate"');
SELECT lastmile_enable_tenant_rls('"OutageTicket"');
