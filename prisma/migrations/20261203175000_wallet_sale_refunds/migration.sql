-- AlterTable
ALTER TABLE "WalletEntry" ADD COLUMN     "refundOfId" TEXT;

-- CreateIndex
CREATE INDEX "WalletEntry_companyId_refundOfId_idx" ON "WalletEntry"("companyId", "refundOfId");
