-- Inventory (issue 14): cycle counts of a location (a snapshot of what the ledger expected, what
-- was counted, posted once as adjustments) and RMAs of faulty units sent back to their supplier.

-- CreateEnum
CREATE TYPE "StockCountStatus" AS ENUM ('OPEN', 'POSTED');

-- CreateEnum
CREATE TYPE "RmaStatus" AS ENUM ('SENT', 'REPAIRED_RETURNED', 'REPLACED', 'REFUSED');

-- CreateTable
CREATE TABLE "StockCount" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "locationId" TEXT NOT NULL,
    "status" "StockCountStatus" NOT NULL DEFAULT 'OPEN',
    "reason" TEXT,
    "startedBy" TEXT,
    "postedBy" TEXT,
    "postedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StockCount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockCountLine" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "countId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "expectedQuantity" INTEGER NOT NULL,
    "countedQuantity" INTEGER,
    "expectedSerials" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "countedSerials" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "StockCountLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rma" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "rmaNumber" TEXT NOT NULL,
    "status" "RmaStatus" NOT NULL DEFAULT 'SENT',
    "fault" TEXT NOT NULL,
    "sentFromLocationId" TEXT,
    "replacementAssetId" TEXT,
    "outcomeNote" TEXT,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Rma_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StockCount_companyId_number_key" ON "StockCount"("companyId", "number");

-- CreateIndex
CREATE INDEX "StockCount_companyId_locationId_idx" ON "StockCount"("companyId", "locationId");

-- CreateIndex
CREATE INDEX "StockCount_companyId_status_idx" ON "StockCount"("companyId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "StockCountLine_countId_itemId_key" ON "StockCountLine"("countId", "itemId");

-- CreateIndex
CREATE INDEX "StockCountLine_companyId_itemId_idx" ON "StockCountLine"("companyId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "Rma_companyId_rmaNumber_key" ON "Rma"("companyId", "rmaNumber");

-- CreateIndex
CREATE INDEX "Rma_companyId_assetId_idx" ON "Rma"("companyId", "assetId");

-- CreateIndex
CREATE INDEX "Rma_companyId_status_idx" ON "Rma"("companyId", "status");

-- AddForeignKey
ALTER TABLE "StockCount" ADD CONSTRAINT "StockCount_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockCount" ADD CONSTRAINT "StockCount_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "StockLocation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockCountLine" ADD CONSTRAINT "StockCountLine_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockCountLine" ADD CONSTRAINT "StockCountLine_countId_fkey" FOREIGN KEY ("countId") REFERENCES "StockCount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockCountLine" ADD CONSTRAINT "StockCountLine_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InventoryItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rma" ADD CONSTRAINT "Rma_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rma" ADD CONSTRAINT "Rma_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rma" ADD CONSTRAINT "Rma_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rma" ADD CONSTRAINT "Rma_replacementAssetId_fkey" FOREIGN KEY ("replacementAssetId") REFERENCES "Asset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Counted quantities are never negative; an RMA is closed exactly when it has an outcome. (One
-- open count per location and one open RMA per unit are kept by counts.ts and rma.ts, which
-- lock the location and the unit first.)
ALTER TABLE "StockCountLine" ADD CONSTRAINT "StockCountLine_quantities" CHECK ("expectedQuantity" >= 0 AND ("countedQuantity" IS NULL OR "countedQuantity" >= 0));
ALTER TABLE "Rma" ADD CONSTRAINT "Rma_closed_with_outcome" CHECK (("status" = 'SENT') = ("closedAt" IS NULL));

-- Row-level security: each company sees only its own counts and RMAs.
SELECT lastmile_enable_tenant_rls('"StockCount"');
SELECT lastmile_enable_tenant_rls('"StockCountLine"');
SELECT lastmile_enable_tenant_rls('"Rma"');
