-- A billing run writes a batch's lines (and their taxes) before its invoices
-- (server/modules/billing/run.ts): they need no invoice number, so they are written while the
-- batch before still holds the invoice counter's lock, and only the invoices wait for it. The run
-- defers this one check to its commit (SET CONSTRAINTS … DEFERRED), when the invoices are there.
-- Everyone else still gets the check at each statement (INITIALLY IMMEDIATE). Prisma's schema has
-- no word for deferrable constraints, so this lives here only (as BillingPeriod_invoiceId_fkey's).
ALTER TABLE "InvoiceLine" ALTER CONSTRAINT "InvoiceLine_invoiceId_companyId_fkey" DEFERRABLE INITIALLY IMMEDIATE;
