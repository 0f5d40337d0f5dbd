-- AlterTable
ALTER TABLE "RadiusServerKey" ADD COLUMN     "answerFreshSeconds" INTEGER,
ADD COLUMN     "answerKey" BYTEA;

-- CreateTable
CREATE TABLE "RadiusPassword" (
    "subscriptionId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "cipher" BYTEA NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RadiusPassword_pkey" PRIMARY KEY ("subscriptionId")
);

-- CreateIndex
CREATE INDEX "RadiusPassword_companyId_idx" ON "RadiusPassword"("companyId");

-- AddForeignKey
ALTER TABLE "RadiusPassword" ADD CONSTRAINT "RadiusPassword_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RadiusPassword" ADD CONSTRAINT "RadiusPassword_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── FreeRADIUS answers first logins from PostgreSQL (hand-written) ───
-- server/modules/radius/answers.ts and deploy/freeradius/mods-available/lastmile_sql explain the
-- design. In short: FreeRADIUS's rlm_sql logs in as lastmile_radius, which may do nothing but
-- call lastmile_radius_check() and lastmile_radius_reply() with its company's RADIUS server key
-- and a User-Name. The functions run as lastmile_radius_answers, which may read only the columns
-- they need (and bypasses RLS: the company is the one whose working key was presented, never a
-- parameter). They answer only an ordinary login (an ACTIVE subscription without a hard cap,
-- with its password and reply rows); anything else answers nothing, and FreeRADIUS asks the API.
-- The password is AES-256-CBC under the company's answer key, which the database holds only
-- encrypted under a key derived from a RADIUS server key's secret (of which it keeps only the
-- SHA-256): opening it needs the secret the caller presents.

SELECT lastmile_enable_tenant_rls('"RadiusPassword"');

CREATE EXTENSION IF NOT EXISTS pgcrypto;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lastmile_radius_answers') THEN
    CREATE ROLE lastmile_radius_answers NOLOGIN BYPASSRLS;
  END IF;
  -- FreeRADIUS's login. No password here: the operator sets one (docs/OPERATIONS.md, "RADIUS").
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lastmile_radius') THEN
    CREATE ROLE lastmile_radius LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO lastmile_radius_answers;
GRANT SELECT ("companyId", "keyHash", "revokedAt", "allowedSources", "answerKey", "answerFreshSeconds")
  ON "RadiusServerKey" TO lastmile_radius_answers;
GRANT SELECT ("id", "companyId", "packageId", "status", "pppoeUsername") ON "Subscription" TO lastmile_radius_answers;
GRANT SELECT ("id", "companyId", "dataCapMb", "billingCycle", "overagePerGbMinor") ON "Package" TO lastmile_radius_answers;
GRANT SELECT ("id", "companyId", "subscriptionId", "kind", "attribute", "op", "value", "createdAt")
  ON "RadiusAttribute" TO lastmile_radius_answers;
GRANT SELECT ("subscriptionId", "companyId", "cipher") ON "RadiusPassword" TO lastmile_radius_answers;

-- The login behind a working key and a User-Name, when it is one FreeRADIUS may answer itself
-- (the same conditions as the ordinary answer in server/modules/radius/access.ts, pppoeAnswer):
-- the subscription ACTIVE, its package without a hard cap counted per cycle (those answers
-- depend on usage: the API answers them), its password stored for RADIUS, at least one reply row
-- written by provisioning; the key not revoked, and, when it is bound to source addresses, the
-- database connection coming from one of them. No row otherwise. The password (decrypted) only
-- when asked for.
CREATE OR REPLACE FUNCTION lastmile_radius_login(p_key text, p_username text, p_password boolean)
  RETURNS TABLE ("companyId" text, "subscriptionId" text, password text, "freshSeconds" integer)
  LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
  v_company text;
  v_wrapped bytea;
  v_fresh integer;
  v_sources text[];
  v_sub text;
  v_cipher bytea;
  v_answer_key bytea;
BEGIN
  IF p_key IS NULL OR p_username IS NULL OR p_username = '' THEN RETURN; END IF;
  SELECT k."companyId", k."answerKey", k."answerFreshSeconds", k."allowedSources"
    INTO v_company, v_wrapped, v_fresh, v_sources
    FROM "RadiusServerKey" k
   WHERE k."keyHash" = encode(sha256(convert_to(p_key, 'UTF8')), 'hex') AND k."revokedAt" IS NULL;
  IF v_wrapped IS NULL THEN RETURN; END IF;
  IF cardinality(v_sources) > 0
     AND NOT coalesce(inet_client_addr() <<= ANY (v_sources::inet[]), false) THEN
    RETURN;
  END IF;
  SELECT s.id, rp.cipher INTO v_sub, v_cipher
    FROM "Subscription" s
    JOIN "Package" p ON p."companyId" = s."companyId" AND p.id = s."packageId"
    JOIN "RadiusPassword" rp ON rp."subscriptionId" = s.id AND rp."companyId" = s."companyId"
   WHERE s."companyId" = v_company AND s."pppoeUsername" = p_username AND s.status = 'ACTIVE'
     AND NOT (p."dataCapMb" IS NOT NULL AND p."billingCycle" <> 'VALIDITY' AND p."overagePerGbMinor" IS NULL)
     AND EXISTS (SELECT 1 FROM "RadiusAttribute" a
                  WHERE a."companyId" = s."companyId" AND a."subscriptionId" = s.id AND a.kind = 'reply');
  IF v_cipher IS NULL THEN RETURN; END IF;
  IF NOT p_password THEN
    RETURN QUERY SELECT v_company, v_sub, NULL::text, coalesce(v_fresh, 0);
    RETURN;
  END IF;
  -- Both are the 16-byte IV followed by the AES-256-CBC ciphertext (answers.ts).
  v_answer_key := decrypt_iv(substr(v_wrapped, 17), sha256(convert_to('lastmile radius answers v1:' || p_key, 'UTF8')),
                             substr(v_wrapped, 1, 16), 'aes-cbc/pad:pkcs');
  RETURN QUERY SELECT v_company, v_sub,
    convert_from(decrypt_iv(substr(v_cipher, 17), v_answer_key, substr(v_cipher, 1, 16), 'aes-cbc/pad:pkcs'), 'UTF8'),
    coalesce(v_fresh, 0);
END $$;
ALTER FUNCTION lastmile_radius_login(text, text, boolean) OWNER TO lastmile_radius_answers;
REVOKE ALL ON FUNCTION lastmile_radius_login(text, text, boolean) FROM PUBLIC;

-- rlm_sql's authorize_check_query: radcheck's shape. The password to compare and the two
-- control items of dictionary.lastmile, then the subscription's own check rows (as the API
-- answers them: without Cleartext-Password and Auth-Type). Every row is an assignment (":=" as
-- provisioning writes them), so rlm_sql puts them in the control list.
CREATE OR REPLACE FUNCTION lastmile_radius_check(p_key text, p_username text)
  RETURNS TABLE (id integer, username text, attribute text, value text, op text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v record;
BEGIN
  SELECT * INTO v FROM lastmile_radius_login(p_key, p_username, true);
  IF NOT FOUND THEN RETURN; END IF;
  RETURN QUERY
    SELECT 1, p_username, 'Cleartext-Password'::text, v.password, ':='::text
    UNION ALL SELECT 2, p_username, 'Lastmile-Fresh-Seconds', v."freshSeconds"::text, ':='
    UNION ALL SELECT 3, p_username, 'Lastmile-Report-Login', '0', ':='
    UNION ALL
    SELECT (3 + row_number() OVER (ORDER BY a."createdAt", a.id))::integer, p_username, a.attribute, a.value, a.op::text
      FROM "RadiusAttribute" a
     WHERE a."companyId" = v."companyId" AND a."subscriptionId" = v."subscriptionId" AND a.kind = 'check'
       AND lower(a.attribute) NOT IN ('cleartext-password', 'auth-type');
END $$;
ALTER FUNCTION lastmile_radius_check(text, text) OWNER TO lastmile_radius_answers;
REVOKE ALL ON FUNCTION lastmile_radius_check(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lastmile_radius_check(text, text) TO lastmile_radius;

-- rlm_sql's authorize_reply_query: the reply rows provisioning wrote, in their order; nothing
-- for a login lastmile_radius_check() does not answer.
CREATE OR REPLACE FUNCTION lastmile_radius_reply(p_key text, p_username text)
  RETURNS TABLE (id integer, username text, attribute text, value text, op text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v record;
BEGIN
  SELECT * INTO v FROM lastmile_radius_login(p_key, p_username, false);
  IF NOT FOUND THEN RETURN; END IF;
  RETURN QUERY
    SELECT (row_number() OVER (ORDER BY a."createdAt", a.id))::integer, p_username, a.attribute, a.value, a.op::text
      FROM "RadiusAttribute" a
     WHERE a."companyId" = v."companyId" AND a."subscriptionId" = v."subscriptionId" AND a.kind = 'reply'
     ORDER BY a."createdAt", a.id;
END $$;
ALTER FUNCTION lastmile_radius_reply(text, text) OWNER TO lastmile_radius_answers;
REVOKE ALL ON FUNCTION lastmile_radius_reply(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lastmile_radius_reply(text, text) TO lastmile_radius;
