-- CreateEnum
CREATE TYPE "RollupResolution" AS ENUM ('FIVE_MINUTES', 'HOUR', 'DAY');

-- CreateEnum
CREATE TYPE "ReachabilityVia" AS ENUM ('SNMP', 'ICMP', 'NONE');

-- CreateTable
CREATE TABLE "DeviceReachability" (
    "deviceId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "up" BOOLEAN NOT NULL,
    "via" "ReachabilityVia" NOT NULL,
    "polledAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3),
    "latencyMs" DOUBLE PRECISION,
    "lossPercent" DOUBLE PRECISION,
    "sysDescr" TEXT,
    "sysUpTimeCs" BIGINT,
    "error" TEXT,

    CONSTRAINT "DeviceReachability_pkey" PRIMARY KEY ("deviceId")
);

-- CreateTable
CREATE TABLE "InterfaceCounter" (
    "companyId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "ifIndex" INTEGER NOT NULL,
    "ifName" TEXT NOT NULL,
    "interfaceId" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "sysUpTimeCs" BIGINT NOT NULL,
    "inOctets" DECIMAL(20,0) NOT NULL,
    "outOctets" DECIMAL(20,0) NOT NULL,
    "inErrors" BIGINT,
    "outErrors" BIGINT,
    "operStatus" INTEGER NOT NULL,
    "speedMbps" INTEGER,

    CONSTRAINT "InterfaceCounter_pkey" PRIMARY KEY ("deviceId","ifIndex")
);

-- CreateTable
CREATE TABLE "InterfaceSample" (
    "companyId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "ifIndex" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "interfaceId" TEXT,
    "operUp" BOOLEAN NOT NULL,
    "inBps" DOUBLE PRECISION,
    "outBps" DOUBLE PRECISION,
    "inErrors" BIGINT,
    "outErrors" BIGINT,

    CONSTRAINT "InterfaceSample_pkey" PRIMARY KEY ("deviceId","ifIndex","at")
);

-- CreateTable
CREATE TABLE "InterfaceRollup" (
    "companyId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "ifIndex" INTEGER NOT NULL,
    "resolution" "RollupResolution" NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "interfaceId" TEXT,
    "samples" INTEGER NOT NULL,
    "upSamples" INTEGER NOT NULL,
    "rateSamples" INTEGER NOT NULL,
    "inBpsSum" DOUBLE PRECISION NOT NULL,
    "outBpsSum" DOUBLE PRECISION NOT NULL,
    "inBpsMax" DOUBLE PRECISION,
    "outBpsMax" DOUBLE PRECISION,
    "inErrors" BIGINT NOT NULL,
    "outErrors" BIGINT NOT NULL,

    CONSTRAINT "InterfaceRollup_pkey" PRIMARY KEY ("deviceId","ifIndex","resolution","bucket")
);

-- CreateTable
CREATE TABLE "DeviceSample" (
    "companyId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "up" BOOLEAN NOT NULL,
    "via" "ReachabilityVia" NOT NULL,
    "latencyMs" DOUBLE PRECISION,
    "lossPercent" DOUBLE PRECISION,

    CONSTRAINT "DeviceSample_pkey" PRIMARY KEY ("deviceId","at")
);

-- CreateTable
CREATE TABLE "DeviceRollup" (
    "companyId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "resolution" "RollupResolution" NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "samples" INTEGER NOT NULL,
    "upSamples" INTEGER NOT NULL,
    "latencySamples" INTEGER NOT NULL,
    "latencySumMs" DOUBLE PRECISION NOT NULL,
    "latencyMaxMs" DOUBLE PRECISION,
    "lossPercentSum" DOUBLE PRECISION NOT NULL,
    "lossSamples" INTEGER NOT NULL,

    CONSTRAINT "DeviceRollup_pkey" PRIMARY KEY ("deviceId","resolution","bucket")
);

-- CreateTable
CREATE TABLE "UsageHourly" (
    "companyId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "downloadBytes" BIGINT NOT NULL DEFAULT 0,
    "uploadBytes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "UsageHourly_pkey" PRIMARY KEY ("subscriptionId","hour")
);

-- CreateIndex
CREATE INDEX "DeviceReachability_companyId_up_idx" ON "DeviceReachability"("companyId", "up");

-- CreateIndex
CREATE INDEX "InterfaceCounter_companyId_deviceId_idx" ON "InterfaceCounter"("companyId", "deviceId");

-- CreateIndex
CREATE INDEX "InterfaceSample_companyId_at_idx" ON "InterfaceSample"("companyId", "at");

-- CreateIndex
CREATE INDEX "InterfaceRollup_companyId_resolution_bucket_idx" ON "InterfaceRollup"("companyId", "resolution", "bucket");

-- CreateIndex
CREATE INDEX "DeviceSample_companyId_at_idx" ON "DeviceSample"("companyId", "at");

-- CreateIndex
CREATE INDEX "DeviceRollup_companyId_resolution_bucket_idx" ON "DeviceRollup"("companyId", "resolution", "bucket");

-- CreateIndex
CREATE INDEX "UsageHourly_companyId_hour_idx" ON "UsageHourly"("companyId", "hour");

-- AddForeignKey
ALTER TABLE "DeviceReachability" ADD CONSTRAINT "DeviceReachability_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceReachability" ADD CONSTRAINT "DeviceReachability_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterfaceCounter" ADD CONSTRAINT "InterfaceCounter_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterfaceCounter" ADD CONSTRAINT "InterfaceCounter_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterfaceSample" ADD CONSTRAINT "InterfaceSample_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterfaceSample" ADD CONSTRAINT "InterfaceSample_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterfaceRollup" ADD CONSTRAINT "InterfaceRollup_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterfaceRollup" ADD CONSTRAINT "InterfaceRollup_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceSample" ADD CONSTRAINT "DeviceSample_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceSample" ADD CONSTRAINT "DeviceSample_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceRollup" ADD CONSTRAINT "DeviceRollup_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceRollup" ADD CONSTRAINT "DeviceRollup_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageHourly" ADD CONSTRAINT "UsageHourly_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageHourly" ADD CONSTRAINT "UsageHourly_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security: every new table is tenant-owned.
SELECT lastmile_enable_tenant_rls('"DeviceReachability"');
SELECT lastmile_enable_tenant_rls('"InterfaceCounter"');
SELECT lastmile_enable_tenant_rls('"InterfaceSample"');
SELECT lastmile_enable_tenant_rls('"InterfaceRollup"');
SELECT lastmile_enable_tenant_rls('"DeviceSample"');
SELECT lastmile_enable_tenant_rls('"DeviceRollup"');
SELECT lastmile_enable_tenant_rls('"UsageHourly"');
