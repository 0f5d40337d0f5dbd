-- The device a job is about; with the subscription's access device it gives the job its site, which
-- scopes what a field technician sees of the network.
-- AlterTable
ALTER TABLE "WorkOrder" ADD COLUMN     "deviceId" TEXT;

-- CreateIndex
CREATE INDEX "WorkOrder_companyId_deviceId_idx" ON "WorkOrder"("companyId", "deviceId");

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE SET NULL ON UPDATE CASCADE;
