-- AlterTable
ALTER TABLE "IpAddress" ADD COLUMN     "interfaceId" TEXT;

-- CreateIndex
CREATE INDEX "Device_companyId_managementIpAddressId_idx" ON "Device"("companyId", "managementIpAddressId");

-- CreateIndex
CREATE INDEX "IpAddress_companyId_interfaceId_idx" ON "IpAddress"("companyId", "interfaceId");

-- A management address written before the foreign key may point at nothing: forget it.
UPDATE "Device" d SET "managementIpAddressId" = NULL
 WHERE d."managementIpAddressId" IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM "IpAddress" a WHERE a.id = d."managementIpAddressId");

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_managementIpAddressId_fkey" FOREIGN KEY ("managementIpAddressId") REFERENCES "IpAddress"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpAddress" ADD CONSTRAINT "IpAddress_interfaceId_fkey" FOREIGN KEY ("interfaceId") REFERENCES "Interface"("id") ON DELETE SET NULL ON UPDATE CASCADE;
