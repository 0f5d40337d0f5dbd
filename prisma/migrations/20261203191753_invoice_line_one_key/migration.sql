-- An invoice line has one foreign key instead of two: (invoiceId, companyId) to its invoice, which
-- says that the invoice exists AND is the same company's (the separate keys to Company and Invoice
-- did not say they agree). The invoice's own key vouches for the company; deleting the company or
-- the invoice still cascades to the line. A billing run of 100,000 subscriptions writes ~116,000
-- lines: one look-up per line less, for one more unique index on Invoice (80,000 rows).

-- DropForeignKey
ALTER TABLE "InvoiceLine" DROP CONSTRAINT "InvoiceLine_companyId_fkey";

-- DropForeignKey
ALTER TABLE "InvoiceLine" DROP CONSTRAINT "InvoiceLine_invoiceId_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_id_companyId_key" ON "Invoice"("id", "companyId");

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_invoiceId_companyId_fkey" FOREIGN KEY ("invoiceId", "companyId") REFERENCES "Invoice"("id", "companyId") ON DELETE CASCADE ON UPDATE CASCADE;
