-- CreateEnum
CREATE TYPE "CapAction" AS ENUM ('THROTTLE', 'DISCONNECT', 'CAPTIVE');

-- CreateEnum
CREATE TYPE "BlockedAccess" AS ENUM ('REJECT', 'CAPTIVE');

-- AlterTable
ALTER TABLE "Package" ADD COLUMN     "bandwidthPolicyId" TEXT,
ADD COLUMN     "onCap" "CapAction" NOT NULL DEFAULT 'DISCONNECT',
ADD COLUMN     "suspendedAccess" "BlockedAccess";

-- CreateTable
CREATE TABLE "BandwidthPolicy" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "downloadKbps" INTEGER NOT NULL,
    "uploadKbps" INTEGER NOT NULL,
    "burstDownloadKbps" INTEGER,
    "burstUploadKbps" INTEGER,
    "burstThresholdBps" INTEGER,
    "burstTimeSeconds" INTEGER,
    "priority" INTEGER,
    "fupDownloadKbps" INTEGER,
    "fupUploadKbps" INTEGER,
    "addressList" TEXT,
    "freeFromHour" INTEGER,
    "freeToHour" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BandwidthPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaptiveSettings" (
    "companyId" TEXT NOT NULL,
    "suspended" "BlockedAccess" NOT NULL DEFAULT 'REJECT',
    "addressList" TEXT NOT NULL DEFAULT 'lastmile-captive',
    "framedPool" TEXT,
    "portalUrl" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CaptiveSettings_pkey" PRIMARY KEY ("companyId")
);

-- CreateTable
CREATE TABLE "FairUseState" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "overCap" BOOLEAN NOT NULL,
    "action" "CapAction" NOT NULL,
    "usedMb" INTEGER NOT NULL,
    "allowanceMb" INTEGER NOT NULL,
    "crossedAt" TIMESTAMPTZ(3) NOT NULL,
    "restoredAt" TIMESTAMPTZ(3),
    "changes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FairUseState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FreeUsageDaily" (
    "companyId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "bytes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "FreeUsageDaily_pkey" PRIMARY KEY ("subscriptionId","day")
);

-- CreateTable
CREATE TABLE "FairUseMeter" (
    "sessionId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FairUseMeter_pkey" PRIMARY KEY ("sessionId")
);

-- CreateIndex
CREATE UNIQUE INDEX "BandwidthPolicy_companyId_name_key" ON "BandwidthPolicy"("companyId", "name");

-- CreateIndex
CREATE INDEX "FairUseState_companyId_overCap_periodEnd_idx" ON "FairUseState"("companyId", "overCap", "periodEnd");

-- CreateIndex
CREATE UNIQUE INDEX "FairUseState_subscriptionId_periodStart_key" ON "FairUseState"("subscriptionId", "periodStart");

-- CreateIndex
CREATE INDEX "FreeUsageDaily_companyId_day_idx" ON "FreeUsageDaily"("companyId", "day");

-- CreateIndex
CREATE INDEX "FairUseMeter_companyId_seenAt_idx" ON "FairUseMeter"("companyId", "seenAt");

-- CreateIndex
CREATE INDEX "Package_companyId_bandwidthPolicyId_idx" ON "Package"("companyId", "bandwidthPolicyId");

-- AddForeignKey
ALTER TABLE "BandwidthPolicy" ADD CONSTRAINT "BandwidthPolicy_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaptiveSettings" ADD CONSTRAINT "CaptiveSettings_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairUseState" ADD CONSTRAINT "FairUseState_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairUseState" ADD CONSTRAINT "FairUseState_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreeUsageDaily" ADD CONSTRAINT "FreeUsageDaily_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreeUsageDaily" ADD CONSTRAINT "FreeUsageDaily_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairUseMeter" ADD CONSTRAINT "FairUseMeter_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Package" ADD CONSTRAINT "Package_bandwidthPolicyId_fkey" FOREIGN KEY ("bandwidthPolicyId") REFERENCES "BandwidthPolicy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Packages with fair-use speeds slowed subscribers down at the cap before this setting existed
-- (only caps without them were quotas): keep that behaviour.
UPDATE "Package" SET "onCap" = 'THROTTLE' WHERE "fupDownloadKbps" IS NOT NULL OR "fupUploadKbps" IS NOT NULL;

SELECT lastmile_enable_tenant_rls('"BandwidthPolicy"');
SELECT lastmile_enable_tenant_rls('"CaptiveSettings"');
SELECT lastmile_enable_tenant_rls('"FairUseState"');
SELECT lastmile_enable_tenant_rls('"FreeUsageDaily"');
SELECT lastmile_enable_tenant_rls('"FairUseMeter"');
