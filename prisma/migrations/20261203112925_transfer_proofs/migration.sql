-- CreateEnum
CREATE TYPE "TransferProofStatus" AS ENUM ('SUBMITTED', 'VERIFIED', 'REJECTED');

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "transferProofId" TEXT;

-- CreateTable
CREATE TABLE "TransferProof" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "status" "TransferProofStatus" NOT NULL DEFAULT 'SUBMITTED',
    "amountMinor" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "paidOn" DATE NOT NULL,
    "note" TEXT,
    "submittedById" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "rejectReason" TEXT,
    "paymentId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TransferProof_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TransferProof_paymentId_key" ON "TransferProof"("paymentId");

-- CreateIndex
CREATE INDEX "TransferProof_companyId_status_createdAt_idx" ON "TransferProof"("companyId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "TransferProof_companyId_customerId_createdAt_idx" ON "TransferProof"("companyId", "customerId", "createdAt");

-- CreateIndex
CREATE INDEX "Attachment_companyId_transferProofId_idx" ON "Attachment"("companyId", "transferProofId");

-- AddForeignKey
ALTER TABLE "TransferProof" ADD CONSTRAINT "TransferProof_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferProof" ADD CONSTRAINT "TransferProof_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_transferProofId_fkey" FOREIGN KEY ("transferProofId") REFERENCES "TransferProof"("id") ON DELETE CASCADE ON UPDATE CASCADE;
SELECT lastmile_enable_tenant_rls('"TransferProof"');
