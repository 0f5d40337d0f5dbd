-- AlterEnum
ALTER TYPE "AttachmentKind" ADD VALUE 'LOGO';

-- AlterTable
ALTER TABLE "BillingSettings" ADD COLUMN     "logoAttachmentId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "BillingSettings_logoAttachmentId_key" ON "BillingSettings"("logoAttachmentId");

-- AddForeignKey
ALTER TABLE "BillingSettings" ADD CONSTRAINT "BillingSettings_logoAttachmentId_fkey" FOREIGN KEY ("logoAttachmentId") REFERENCES "Attachment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
