-- CreateEnum
CREATE TYPE "ChargeKind" AS ENUM ('EQUIPMENT', 'INSTALLATION', 'DATA_TOP_UP', 'PLAN_CHANGE', 'FINAL_USAGE', 'OTHER');

-- AlterEnum
ALTER TYPE "BillingRunStatus" ADD VALUE 'QUEUED';

-- AlterTable
ALTER TABLE "TaxRate" ADD COLUMN     "compound" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PendingCharge" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "subscriptionId" TEXT,
    "kind" "ChargeKind" NOT NULL,
    "lineKind" "InvoiceLineKind" NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPriceMinor" INTEGER NOT NULL,
    "grossMinor" INTEGER NOT NULL,
    "taxCategory" "TaxCategory" NOT NULL,
    "periodStart" DATE,
    "periodEnd" DATE,
    "usedMb" INTEGER,
    "includedMb" INTEGER,
    "rule" TEXT NOT NULL,
    "sourceKey" TEXT,
    "invoiceId" TEXT,
    "createdById" TEXT,
    "cancelledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingCharge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PendingCharge_companyId_customerId_invoiceId_idx" ON "PendingCharge"("companyId", "customerId", "invoiceId");

-- CreateIndex
CREATE INDEX "PendingCharge_companyId_invoiceId_idx" ON "PendingCharge"("companyId", "invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "PendingCharge_companyId_sourceKey_key" ON "PendingCharge"("companyId", "sourceKey");

-- AddForeignKey
ALTER TABLE "PendingCharge" ADD CONSTRAINT "PendingCharge_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingCharge" ADD CONSTRAINT "PendingCharge_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingCharge" ADD CONSTRAINT "PendingCharge_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingCharge" ADD CONSTRAINT "PendingCharge_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;
SELECT lastmile_enable_tenant_rls('"PendingCharge"');
