-- AlterTable
ALTER TABLE "Outage" ADD COLUMN     "parentId" TEXT;

-- AlterTable
ALTER TABLE "OutageUpdate" ADD COLUMN     "exceptOutageIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "notifiedAt" TIMESTAMPTZ(3),
ADD COLUMN     "notifyCustomers" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Outage_companyId_parentId_idx" ON "Outage"("companyId", "parentId");

-- AddForeignKey
ALTER TABLE "Outage" ADD CONSTRAINT "Outage_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Outage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Entries posted before the job existed told their customers when they were posted.
UPDATE "OutageUpdate" SET "notifyCustomers" = true, "notifiedAt" = "createdAt" WHERE kind <> 'COMPENSATED';
