-- A billing run claims a batch's periods with the ids of the invoices it is about to write in the
-- same transaction (server/modules/billing/run.ts): it defers this one check to its commit
-- (SET CONSTRAINTS … DEFERRED) instead of claiming first and updating every period afterwards.
-- Everyone else still gets the check at each statement (INITIALLY IMMEDIATE). Prisma's schema has
-- no word for deferrable constraints, so this lives here only.
ALTER TABLE "BillingPeriod" ALTER CONSTRAINT "BillingPeriod_invoiceId_fkey" DEFERRABLE INITIALLY IMMEDIATE;
