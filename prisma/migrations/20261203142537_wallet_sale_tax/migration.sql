-- AlterTable
ALTER TABLE "WalletEntry" ADD COLUMN     "netMinor" INTEGER,
ADD COLUMN     "taxMinor" INTEGER,
ADD COLUMN     "taxes" JSONB;
