-- AlterTable
ALTER TABLE "BillingSettings" ADD COLUMN     "bankDetails" TEXT,
ADD COLUMN     "invoiceAddress" TEXT,
ADD COLUMN     "mpesaPaybill" TEXT,
ADD COLUMN     "mpesaTill" TEXT;

-- CreateTable
CREATE TABLE "InvoiceDelivery" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestedBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvoiceDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InvoiceDelivery_companyId_invoiceId_idx" ON "InvoiceDelivery"("companyId", "invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "InvoiceDelivery_invoiceId_key_key" ON "InvoiceDelivery"("invoiceId", "key");

-- AddForeignKey
ALTER TABLE "InvoiceDelivery" ADD CONSTRAINT "InvoiceDelivery_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceDelivery" ADD CONSTRAINT "InvoiceDelivery_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
SELECT lastmile_enable_tenant_rls('"InvoiceDelivery"');
