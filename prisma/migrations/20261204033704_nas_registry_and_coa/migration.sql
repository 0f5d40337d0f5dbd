-- CreateEnum
CREATE TYPE "NasType" AS ENUM ('ROUTER', 'BNG', 'HOTSPOT_GATEWAY');

-- CreateEnum
CREATE TYPE "NasVendor" AS ENUM ('MIKROTIK', 'CISCO', 'GENERIC');

-- CreateEnum
CREATE TYPE "CoaKind" AS ENUM ('DISCONNECT', 'COA');

-- CreateEnum
CREATE TYPE "CoaReason" AS ENUM ('SUSPENSION', 'TERMINATION', 'PACKAGE_CHANGE', 'QUOTA', 'FAIR_USE', 'CAPTIVE', 'RESTORE', 'STAFF');

-- CreateEnum
CREATE TYPE "CoaResult" AS ENUM ('PENDING', 'ACK', 'NAK', 'TIMEOUT', 'NO_NAS');

-- CreateTable
CREATE TABLE "Nas" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "type" "NasType" NOT NULL DEFAULT 'ROUTER',
    "vendor" "NasVendor" NOT NULL DEFAULT 'MIKROTIK',
    "coaPort" INTEGER NOT NULL DEFAULT 3799,
    "secret" TEXT NOT NULL,
    "secretRotatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deviceId" TEXT,
    "siteId" TEXT,
    "notes" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Nas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoaRequest" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "kind" "CoaKind" NOT NULL,
    "reason" "CoaReason" NOT NULL,
    "nasId" TEXT,
    "subscriptionId" TEXT,
    "sessionId" TEXT,
    "username" TEXT NOT NULL,
    "acctSessionId" TEXT NOT NULL,
    "nasIp" TEXT,
    "framedIp" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "result" "CoaResult" NOT NULL DEFAULT 'PENDING',
    "errorCause" INTEGER,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestedById" TEXT,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CoaRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Nas_companyId_siteId_idx" ON "Nas"("companyId", "siteId");

-- CreateIndex
CREATE INDEX "Nas_companyId_deviceId_idx" ON "Nas"("companyId", "deviceId");

-- CreateIndex
CREATE UNIQUE INDEX "Nas_companyId_ipAddress_key" ON "Nas"("companyId", "ipAddress");

-- CreateIndex
CREATE UNIQUE INDEX "Nas_companyId_name_key" ON "Nas"("companyId", "name");

-- CreateIndex
CREATE INDEX "CoaRequest_companyId_subscriptionId_requestedAt_idx" ON "CoaRequest"("companyId", "subscriptionId", "requestedAt");

-- CreateIndex
CREATE INDEX "CoaRequest_companyId_requestedAt_idx" ON "CoaRequest"("companyId", "requestedAt");

-- CreateIndex
CREATE INDEX "CoaRequest_companyId_sessionId_idx" ON "CoaRequest"("companyId", "sessionId");

-- CreateIndex
CREATE INDEX "CoaRequest_companyId_nasId_idx" ON "CoaRequest"("companyId", "nasId");

-- AddForeignKey
ALTER TABLE "Nas" ADD CONSTRAINT "Nas_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Nas" ADD CONSTRAINT "Nas_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Nas" ADD CONSTRAINT "Nas_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoaRequest" ADD CONSTRAINT "CoaRequest_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoaRequest" ADD CONSTRAINT "CoaRequest_nasId_fkey" FOREIGN KEY ("nasId") REFERENCES "Nas"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoaRequest" ADD CONSTRAINT "CoaRequest_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security: each company sees only its own NAS and Disconnect/CoA requests.
SELECT lastmile_enable_tenant_rls('"Nas"');
SELECT lastmile_enable_tenant_rls('"CoaRequest"');
