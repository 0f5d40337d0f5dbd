-- Customer tax ids and ID document numbers are kept sealed (AES-256-GCM under APP_ENCRYPTION_KEY)
-- with a blind index each for exact search; the clear columns go in the next migration, after the
-- migrator has sealed their values (prisma/data-migrations.ts).

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "idDocumentNumberHmac" TEXT,
ADD COLUMN     "idDocumentNumberSealed" TEXT,
ADD COLUMN     "taxIdHmac" TEXT,
ADD COLUMN     "taxIdSealed" TEXT;

-- CreateIndex
CREATE INDEX "Customer_companyId_taxIdHmac_idx" ON "Customer"("companyId", "taxIdHmac");

-- CreateIndex
CREATE INDEX "Customer_companyId_idDocumentNumberHmac_idx" ON "Customer"("companyId", "idDocumentNumberHmac");
