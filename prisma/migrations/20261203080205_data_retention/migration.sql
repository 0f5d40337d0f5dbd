-- CreateTable
CREATE TABLE "RetentionPolicy" (
    "companyId" TEXT NOT NULL,
    "radiusSessionDays" INTEGER,
    "usageDays" INTEGER,
    "auditDays" INTEGER,
    "outboxDays" INTEGER,
    "lastRunAt" TIMESTAMPTZ(3),
    "lastRunPruned" JSONB,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RetentionPolicy_pkey" PRIMARY KEY ("companyId")
);

-- AddForeignKey
ALTER TABLE "RetentionPolicy" ADD CONSTRAINT "RetentionPolicy_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

SELECT lastmile_enable_tenant_rls('"RetentionPolicy"');

-- ─── Pruning the audit trail: the one deliberate exception to append-only ───
-- The application role still has no DELETE on "AuditEntry" and the trigger still refuses every
-- UPDATE except the erasure's redaction (20261203080046_customer_erasure). A DELETE passes the trigger only for an entry older than its company's audit
-- retention, and never younger than a year (the floor is here, not only in the settings form),
-- so no path — the application, a stolen connection, an operator's psql session — can remove
-- the last year of the trail or anything the company chose to keep. No policy row, or a null
-- period ("keep for ever"): nothing is ever deletable.

-- Entries of the company created before this instant may be deleted; NULL when none may.
CREATE OR REPLACE FUNCTION lastmile_audit_prunable_before(p_company text) RETURNS timestamptz
  LANGUAGE sql STABLE SET search_path = public AS $$
    SELECT now() - make_interval(days => greatest(r."auditDays", 365))
    FROM "RetentionPolicy" r WHERE r."companyId" = p_company AND r."auditDays" IS NOT NULL
  $$;

CREATE OR REPLACE FUNCTION lastmile_audit_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD."createdAt" < lastmile_audit_prunable_before(OLD."companyId") THEN
    RETURN OLD;
  END IF;
  -- Kept from the erasure migration: lastmile_redact_audit's own updates (personal values only).
  IF TG_OP = 'UPDATE' AND current_setting('lastmile.audit_redaction', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'The audit trail is append-only';
END $$;

-- The retention job's only way to delete audit entries: at most p_limit entries of the current
-- transaction's company (app.company_id) created before both p_before and the company's own
-- retention. It runs as its owner (the migration role), which holds DELETE; row-level security
-- still keeps it to the one company. SKIP LOCKED lets two runs at once share the work instead of
-- waiting on each other; each entry is deleted once.
CREATE OR REPLACE FUNCTION lastmile_prune_audit(p_before timestamptz, p_limit integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_company text := lastmile_company_id();
  v_allowed timestamptz;
  v_deleted integer;
BEGIN
  IF v_company IS NULL OR p_before IS NULL OR p_limit IS NULL OR p_limit < 1 THEN
    RETURN 0;
  END IF;
  v_allowed := lastmile_audit_prunable_before(v_company);
  IF v_allowed IS NULL THEN
    RETURN 0;
  END IF;
  DELETE FROM "AuditEntry" WHERE id IN (
    SELECT id FROM "AuditEntry"
    WHERE "companyId" = v_company AND "createdAt" < LEAST(p_before, v_allowed)
    ORDER BY "createdAt"
    LIMIT p_limit
    FOR UPDATE SKIP LOCKED);
  GET DIAGNOSTICS v_deleted = ROW_COUNT;
  RETURN v_deleted;
END $$;
REVOKE ALL ON FUNCTION lastmile_prune_audit(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lastmile_prune_audit(timestamptz, integer) TO lastmile_app;
