-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "siteId" TEXT;

-- CreateIndex
CREATE INDEX "Device_companyId_siteId_idx" ON "Device"("companyId", "siteId");

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
