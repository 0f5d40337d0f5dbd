-- Depreciation (rules per item category or item, disposals with gain or loss) and preventive
-- maintenance (plans per unit or device type, and the occurrences that opened work orders).

-- CreateEnum
CREATE TYPE "DepreciationMethod" AS ENUM ('STRAIGHT_LINE', 'DECLINING_BALANCE');

-- CreateEnum
CREATE TYPE "DisposalKind" AS ENUM ('SOLD', 'SCRAPPED');

-- CreateTable
CREATE TABLE "DepreciationRule" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "category" TEXT,
    "itemId" TEXT,
    "method" "DepreciationMethod" NOT NULL,
    "usefulLifeMonths" INTEGER NOT NULL,
    "salvageBp" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DepreciationRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssetDisposal" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "kind" "DisposalKind" NOT NULL,
    "disposedOn" DATE NOT NULL,
    "proceedsMinor" INTEGER NOT NULL,
    "costMinor" INTEGER NOT NULL,
    "accumulatedMinor" INTEGER NOT NULL,
    "bookValueMinor" INTEGER NOT NULL,
    "gainMinor" INTEGER NOT NULL,
    "ruleText" TEXT NOT NULL,
    "reason" TEXT,
    "actorLabel" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssetDisposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenancePlan" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "instructions" TEXT,
    "assetId" TEXT,
    "deviceTypeId" TEXT,
    "intervalDays" INTEGER NOT NULL,
    "leadDays" INTEGER NOT NULL DEFAULT 7,
    "startsOn" DATE NOT NULL,
    "pausedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MaintenancePlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceOccurrence" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "assetId" TEXT,
    "deviceId" TEXT,
    "targetKey" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "workOrderId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MaintenanceOccurrence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DepreciationRule_companyId_category_key" ON "DepreciationRule"("companyId", "category");

-- CreateIndex
CREATE UNIQUE INDEX "DepreciationRule_companyId_itemId_key" ON "DepreciationRule"("companyId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "AssetDisposal_assetId_key" ON "AssetDisposal"("assetId");

-- CreateIndex
CREATE INDEX "AssetDisposal_companyId_disposedOn_idx" ON "AssetDisposal"("companyId", "disposedOn");

-- CreateIndex
CREATE INDEX "MaintenancePlan_companyId_pausedAt_idx" ON "MaintenancePlan"("companyId", "pausedAt");

-- CreateIndex
CREATE INDEX "MaintenancePlan_companyId_assetId_idx" ON "MaintenancePlan"("companyId", "assetId");

-- CreateIndex
CREATE UNIQUE INDEX "MaintenanceOccurrence_workOrderId_key" ON "MaintenanceOccurrence"("workOrderId");

-- CreateIndex
CREATE INDEX "MaintenanceOccurrence_companyId_assetId_idx" ON "MaintenanceOccurrence"("companyId", "assetId");

-- CreateIndex
CREATE INDEX "MaintenanceOccurrence_companyId_deviceId_idx" ON "MaintenanceOccurrence"("companyId", "deviceId");

-- CreateIndex
CREATE INDEX "MaintenanceOccurrence_companyId_planId_targetKey_idx" ON "MaintenanceOccurrence"("companyId", "planId", "targetKey");

-- CreateIndex
CREATE UNIQUE INDEX "MaintenanceOccurrence_planId_targetKey_dueOn_key" ON "MaintenanceOccurrence"("planId", "targetKey", "dueOn");

-- AddForeignKey
ALTER TABLE "DepreciationRule" ADD CONSTRAINT "DepreciationRule_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepreciationRule" ADD CONSTRAINT "DepreciationRule_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InventoryItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetDisposal" ADD CONSTRAINT "AssetDisposal_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetDisposal" ADD CONSTRAINT "AssetDisposal_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenancePlan" ADD CONSTRAINT "MaintenancePlan_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenancePlan" ADD CONSTRAINT "MaintenancePlan_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenancePlan" ADD CONSTRAINT "MaintenancePlan_deviceTypeId_fkey" FOREIGN KEY ("deviceTypeId") REFERENCES "DeviceType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceOccurrence" ADD CONSTRAINT "MaintenanceOccurrence_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceOccurrence" ADD CONSTRAINT "MaintenanceOccurrence_planId_fkey" FOREIGN KEY ("planId") REFERENCES "MaintenancePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceOccurrence" ADD CONSTRAINT "MaintenanceOccurrence_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceOccurrence" ADD CONSTRAINT "MaintenanceOccurrence_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceOccurrence" ADD CONSTRAINT "MaintenanceOccurrence_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The database refuses what no rule or disposal may hold: a life of zero months, a salvage value
-- outside 0–100% of cost, a rule for both a category and an item (or neither), negative proceeds.
ALTER TABLE "DepreciationRule" ADD CONSTRAINT "DepreciationRule_values" CHECK ("usefulLifeMonths" > 0 AND "usefulLifeMonths" <= 600 AND "salvageBp" >= 0 AND "salvageBp" <= 10000);
ALTER TABLE "DepreciationRule" ADD CONSTRAINT "DepreciationRule_one_target" CHECK (("category" IS NULL) <> ("itemId" IS NULL));
ALTER TABLE "AssetDisposal" ADD CONSTRAINT "AssetDisposal_amounts" CHECK ("proceedsMinor" >= 0 AND "costMinor" >= 0 AND "accumulatedMinor" >= 0 AND "bookValueMinor" >= 0);
-- A plan is for one unit or for a device type, repeats at least daily and opens its job before it is due.
ALTER TABLE "MaintenancePlan" ADD CONSTRAINT "MaintenancePlan_one_target" CHECK (("assetId" IS NULL) <> ("deviceTypeId" IS NULL));
ALTER TABLE "MaintenancePlan" ADD CONSTRAINT "MaintenancePlan_days" CHECK ("intervalDays" > 0 AND "leadDays" >= 0 AND "leadDays" < "intervalDays");
ALTER TABLE "MaintenanceOccurrence" ADD CONSTRAINT "MaintenanceOccurrence_one_target" CHECK (("assetId" IS NULL) <> ("deviceId" IS NULL));

-- Row-level security: each company sees only its own rules, disposals and maintenance plans.
SELECT lastmile_enable_tenant_rls('"DepreciationRule"');
SELECT lastmile_enable_tenant_rls('"AssetDisposal"');
SELECT lastmile_enable_tenant_rls('"MaintenancePlan"');
SELECT lastmile_enable_tenant_rls('"MaintenanceOccurrence"');
