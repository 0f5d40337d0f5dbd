-- The migrator (server/db/migrate.ts) moves every clear tax id and ID document number into the
-- sealed columns of the previous migration right before this SQL runs, in the same transaction
-- (prisma/data-migrations.ts), and clears it. A tool that applies only the SQL (`prisma migrate
-- deploy`) skips that step: then this migration refuses to drop values, and nothing is lost.
-- Row-level security is lifted for the owner only inside this transaction, so every company's
-- rows are checked whatever role runs the migrations.
ALTER TABLE "Customer" NO FORCE ROW LEVEL SECURITY;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Customer" WHERE "taxId" IS NOT NULL OR "idDocumentNumber" IS NOT NULL) THEN
    RAISE EXCEPTION 'Customer tax ids or ID document numbers are not sealed yet: apply the migrations with `npm run db:migrate`, which seals them first.';
  END IF;
END $$;
ALTER TABLE "Customer" FORCE ROW LEVEL SECURITY;

-- Audit entries of customers copied both values in clear; new entries redact them
-- (server/modules/audit/service.ts), and so do these old ones. The trail is otherwise append-only:
-- its trigger is set aside for this one statement only.
ALTER TABLE "AuditEntry" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "AuditEntry" DISABLE TRIGGER audit_append_only;
UPDATE "AuditEntry"
   SET "before" = CASE WHEN jsonb_typeof("before") = 'object' THEN "before" || jsonb_strip_nulls(jsonb_build_object(
         'taxId', CASE WHEN "before"->>'taxId' IS NOT NULL THEN '[redacted]' END,
         'idDocumentNumber', CASE WHEN "before"->>'idDocumentNumber' IS NOT NULL THEN '[redacted]' END)) ELSE "before" END,
       "after" = CASE WHEN jsonb_typeof("after") = 'object' THEN "after" || jsonb_strip_nulls(jsonb_build_object(
         'taxId', CASE WHEN "after"->>'taxId' IS NOT NULL THEN '[redacted]' END,
         'idDocumentNumber', CASE WHEN "after"->>'idDocumentNumber' IS NOT NULL THEN '[redacted]' END)) ELSE "after" END
 WHERE "entityType" = 'Customer'
   AND (coalesce("before"->>'taxId', "before"->>'idDocumentNumber', "after"->>'taxId', "after"->>'idDocumentNumber') IS NOT NULL);
ALTER TABLE "AuditEntry" ENABLE TRIGGER audit_append_only;
ALTER TABLE "AuditEntry" FORCE ROW LEVEL SECURITY;

-- AlterTable
ALTER TABLE "Customer" DROP COLUMN "idDocumentNumber",
DROP COLUMN "taxId";
