-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "writeOffReason" TEXT,
ADD COLUMN     "writtenOffAt" TIMESTAMPTZ(3),
ADD COLUMN     "writtenOffMinor" INTEGER;
