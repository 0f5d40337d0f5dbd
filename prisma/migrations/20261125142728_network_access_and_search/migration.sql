-- DropIndex
DROP INDEX "Customer_companyId_email_idx";

-- AlterTable
ALTER TABLE "ServiceRequest" ADD COLUMN     "appliedAt" TIMESTAMPTZ(3),
ADD COLUMN     "applyError" TEXT;

-- CreateTable
CREATE TABLE "RadiusServerKey" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "createdById" TEXT,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RadiusServerKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RadiusSession" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "acctSessionId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "subscriptionId" TEXT,
    "voucherId" TEXT,
    "nasIp" TEXT,
    "framedIp" TEXT,
    "callingStation" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "stoppedAt" TIMESTAMPTZ(3),
    "inputBytes" BIGINT NOT NULL DEFAULT 0,
    "outputBytes" BIGINT NOT NULL DEFAULT 0,
    "sessionSeconds" INTEGER NOT NULL DEFAULT 0,
    "terminateCause" TEXT,

    CONSTRAINT "RadiusSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RadiusServerKey_keyHash_key" ON "RadiusServerKey"("keyHash");

-- CreateIndex
CREATE INDEX "RadiusServerKey_companyId_createdAt_idx" ON "RadiusServerKey"("companyId", "createdAt");

-- CreateIndex
CREATE INDEX "RadiusSession_companyId_subscriptionId_startedAt_idx" ON "RadiusSession"("companyId", "subscriptionId", "startedAt");

-- CreateIndex
CREATE INDEX "RadiusSession_companyId_voucherId_idx" ON "RadiusSession"("companyId", "voucherId");

-- CreateIndex
CREATE INDEX "RadiusSession_companyId_stoppedAt_idx" ON "RadiusSession"("companyId", "stoppedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RadiusSession_companyId_username_acctSessionId_key" ON "RadiusSession"("companyId", "username", "acctSessionId");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_companyId_email_key" ON "Customer"("companyId", "email");

-- CreateIndex
CREATE INDEX "ServiceRequest_companyId_status_appliedAt_idx" ON "ServiceRequest"("companyId", "status", "appliedAt");

-- AddForeignKey
ALTER TABLE "RadiusServerKey" ADD CONSTRAINT "RadiusServerKey_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RadiusSession" ADD CONSTRAINT "RadiusSession_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Hand-written: row-level security, data, search ───

SELECT lastmile_enable_tenant_rls('"RadiusServerKey"');
SELECT lastmile_enable_tenant_rls('"RadiusSession"');

-- Changes approved before this migration took effect at approval time.
UPDATE "ServiceRequest" SET "appliedAt" = "decidedAt"
 WHERE status = 'APPROVED' AND ("effectiveDate" IS NULL OR "effectiveDate" <= ("decidedAt" AT TIME ZONE 'UTC')::date);

-- Customer search. Under row-level security PostgreSQL applies the tenant policy before any
-- condition that is not leakproof, and ILIKE/LIKE are not, so the trigram index on "searchText"
-- is never used and every search is a sequential scan of the table. This function runs as a
-- role that bypasses RLS and applies the tenant condition itself (the current transaction's
-- company, never a parameter), so the planner can use the index. It returns at most p_limit ids.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lastmile_search') THEN
    CREATE ROLE lastmile_search NOLOGIN BYPASSRLS;
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO lastmile_search;
GRANT SELECT ("id", "companyId", "searchText") ON "Customer" TO lastmile_search;

-- Dynamic SQL: a SQL-language function would be planned once with the pattern unknown, and
-- that generic plan never picks the trigram index; EXECUTE plans with the actual pattern.
CREATE OR REPLACE FUNCTION lastmile_customer_search(p_term text, p_limit integer)
  RETURNS TABLE (id text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN QUERY EXECUTE
    'SELECT c.id FROM "Customer" c WHERE c."companyId" = $1 AND c."searchText" LIKE $2 LIMIT $3'
    USING lastmile_company_id(),
          '%' || replace(replace(replace(lower(p_term), '\', '\\'), '%', '\%'), '_', '\_') || '%',
          greatest(p_limit, 0);
END $$;
ALTER FUNCTION lastmile_customer_search(text, integer) OWNER TO lastmile_search;
REVOKE ALL ON FUNCTION lastmile_customer_search(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lastmile_customer_search(text, integer) TO lastmile_app;

-- PPPoE passwords are no longer copied into the RADIUS rows: FreeRADIUS gets them from the
-- sealed subscription at authorize (rlm_rest), so no password is kept in clear.
DELETE FROM "RadiusAttribute" WHERE attribute = 'Cleartext-Password';
