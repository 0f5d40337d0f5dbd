-- CreateTable
CREATE TABLE "RadiusAnswer" (
    "subscriptionId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "pppoeUsername" TEXT NOT NULL,
    "cipher" BYTEA NOT NULL,
    "checkAttributes" TEXT[],
    "checkOps" TEXT[],
    "checkValues" TEXT[],
    "replyAttributes" TEXT[],
    "replyOps" TEXT[],
    "replyValues" TEXT[],

    CONSTRAINT "RadiusAnswer_pkey" PRIMARY KEY ("subscriptionId")
);

-- CreateIndex
CREATE UNIQUE INDEX "RadiusAnswer_companyId_pppoeUsername_key" ON "RadiusAnswer"("companyId", "pppoeUsername");

-- AddForeignKey
ALTER TABLE "RadiusAnswer" ADD CONSTRAINT "RadiusAnswer_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RadiusAnswer" ADD CONSTRAINT "RadiusAnswer_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── FreeRADIUS's first logins from a table of ready answers (hand-written) ───
-- lastmile_radius_check() and lastmile_radius_reply() (20261204080000_radius_sql_answers) found
-- the login on every call: the key, the subscription, its package, password and RADIUS rows, in
-- some eight statements over fourteen relation scans per login, three to four times the
-- PostgreSQL work of a radcheck/radreply read (docs/BENCHMARKS.md, "RADIUS ingest"). Now the
-- answer of every login they may answer is kept ready in RadiusAnswer, one row per login, and
-- each function is one statement: the key checked as before, then one index lookup.
--
-- Who may see what does not change: FreeRADIUS's login lastmile_radius may only call the two
-- functions (it cannot read RadiusAnswer, so it still cannot list a company's logins); the
-- password stays encrypted under the company's answer key, opened only with the presented key's
-- secret. Only the triggers below write the table (as lastmile_radius_answers, which bypasses
-- RLS: they must see every row a statement touched, whoever runs it). The app may read it under
-- RLS like RadiusPassword (company export), never write it.

SELECT lastmile_enable_tenant_rls('"RadiusAnswer"');
REVOKE INSERT, UPDATE, DELETE ON "RadiusAnswer" FROM lastmile_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "RadiusAnswer" TO lastmile_radius_answers;
-- A company being deleted gets no new answers while its rows are cascaded away (below).
GRANT SELECT ("id") ON "Company" TO lastmile_radius_answers;
-- The refresh locks the rows an answer is made of (below); PostgreSQL lets a role lock rows
-- only with an UPDATE grant on some column: the one whose value says least.
GRANT UPDATE ("updatedAt") ON "Subscription", "Package" TO lastmile_radius_answers;

-- The answers of these subscriptions made again from their current rows: a row for each one
-- that is an ordinary login (the conditions of access.ts's pppoeAnswer the old functions
-- checked at every call: ACTIVE, a package without a hard cap counted per cycle, its password
-- stored for RADIUS, at least one reply row), none for the others. The check rows are those the
-- API forwards (not Cleartext-Password or Auth-Type), both lists in provisioning's order.
-- Two transactions changing what one answer is made of (a sync rewriting the rows while staff
-- suspend the subscription; a switch to a package while that package gets a cap) must not both
-- make it from before the other's change, or the later commit would leave a stale answer. So the
-- subscriptions are locked first (NO KEY UPDATE, as an UPDATE of their status takes) and their
-- packages shared (as an UPDATE of the package conflicts with): a refresh that comes second waits
-- for the first transaction's commit, and its statements then read it. The Package trigger passes
-- p_lock = false: its UPDATE holds the packages already, and locking their subscriptions after
-- them could deadlock with a sync that holds a subscription and waits for its package.
-- Deleted first and inserted again rather than compared: a username that moved from one
-- subscription to another in the same statement cannot collide; the upsert only meets a row
-- another transaction inserted meanwhile for the same subscription.
CREATE OR REPLACE FUNCTION lastmile_radius_answers_refresh(p_subscriptions text[], p_lock boolean DEFAULT true)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF coalesce(cardinality(p_subscriptions), 0) = 0 THEN RETURN; END IF;
  IF p_lock THEN
    PERFORM 1 FROM "Subscription" s JOIN "Package" p ON p."companyId" = s."companyId" AND p.id = s."packageId"
     WHERE s.id = ANY (p_subscriptions) ORDER BY s.id FOR NO KEY UPDATE OF s FOR SHARE OF p;
  END IF;
  DELETE FROM "RadiusAnswer" WHERE "subscriptionId" = ANY (p_subscriptions);
  INSERT INTO "RadiusAnswer" ("subscriptionId", "companyId", "pppoeUsername", cipher,
                              "checkAttributes", "checkOps", "checkValues",
                              "replyAttributes", "replyOps", "replyValues")
  SELECT s.id, s."companyId", s."pppoeUsername", rp.cipher,
         coalesce(a."checkAttributes", '{}'), coalesce(a."checkOps", '{}'), coalesce(a."checkValues", '{}'),
         a."replyAttributes", a."replyOps", a."replyValues"
    FROM "Subscription" s
    JOIN "Company" c ON c.id = s."companyId"
    JOIN "Package" p ON p."companyId" = s."companyId" AND p.id = s."packageId"
    JOIN "RadiusPassword" rp ON rp."subscriptionId" = s.id AND rp."companyId" = s."companyId"
   CROSS JOIN LATERAL (
     SELECT array_agg(r.attribute ORDER BY r."createdAt", r.id) FILTER (WHERE r.forwarded) AS "checkAttributes",
            array_agg(r.op::text ORDER BY r."createdAt", r.id) FILTER (WHERE r.forwarded) AS "checkOps",
            array_agg(r.value ORDER BY r."createdAt", r.id) FILTER (WHERE r.forwarded) AS "checkValues",
            array_agg(r.attribute ORDER BY r."createdAt", r.id) FILTER (WHERE r.kind = 'reply') AS "replyAttributes",
            array_agg(r.op::text ORDER BY r."createdAt", r.id) FILTER (WHERE r.kind = 'reply') AS "replyOps",
            array_agg(r.value ORDER BY r."createdAt", r.id) FILTER (WHERE r.kind = 'reply') AS "replyValues"
       FROM (SELECT ra.id, ra.kind, ra.attribute, ra.op, ra.value, ra."createdAt",
                    ra.kind = 'check' AND lower(ra.attribute) NOT IN ('cleartext-password', 'auth-type') AS forwarded
               FROM "RadiusAttribute" ra
              WHERE ra."companyId" = s."companyId" AND ra."subscriptionId" = s.id) r
   ) a
   WHERE s.id = ANY (p_subscriptions) AND s.status = 'ACTIVE' AND s."pppoeUsername" IS NOT NULL
     AND NOT (p."dataCapMb" IS NOT NULL AND p."billingCycle" <> 'VALIDITY' AND p."overagePerGbMinor" IS NULL)
     AND a."replyAttributes" IS NOT NULL
  ON CONFLICT ("subscriptionId") DO UPDATE SET
     "companyId" = EXCLUDED."companyId", "pppoeUsername" = EXCLUDED."pppoeUsername", cipher = EXCLUDED.cipher,
     "checkAttributes" = EXCLUDED."checkAttributes", "checkOps" = EXCLUDED."checkOps",
     "checkValues" = EXCLUDED."checkValues", "replyAttributes" = EXCLUDED."replyAttributes",
     "replyOps" = EXCLUDED."replyOps", "replyValues" = EXCLUDED."replyValues";
END $$;
ALTER FUNCTION lastmile_radius_answers_refresh(text[], boolean) OWNER TO lastmile_radius_answers;
REVOKE ALL ON FUNCTION lastmile_radius_answers_refresh(text[], boolean) FROM PUBLIC;

-- The triggers: statement-level, each collects the subscriptions its statement touched (from
-- the transition tables) and refreshes them once, so a bulk statement (a seed, a migration, a
-- suspension run) costs one refresh, not one per row. What needs no trigger, and why:
--   • a new Subscription has no RadiusPassword yet (its foreign key needs the subscription);
--   • a deleted Subscription takes its answer with it (RadiusAnswer's foreign key cascades);
--   • a new Package has no subscriptions, and one with subscriptions cannot be deleted
--     (Subscription's foreign key restricts; a company's deletion takes both).
-- A company's deletion cascades into the source tables; their triggers then find no qualifying
-- row (the Company join in the refresh), and RadiusAnswer's own rows cascade away.

-- Subscription: status (a suspension takes effect with the statement), username, package.
CREATE OR REPLACE FUNCTION lastmile_radius_answers_on_subscription() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM lastmile_radius_answers_refresh(ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE (n.status, n."pppoeUsername", n."packageId", n."companyId")
           IS DISTINCT FROM (o.status, o."pppoeUsername", o."packageId", o."companyId")));
  RETURN NULL;
END $$;

-- Package: a cap, its cycle or overage price decide whether its subscribers' answers may be kept.
CREATE OR REPLACE FUNCTION lastmile_radius_answers_on_package() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM lastmile_radius_answers_refresh(ARRAY(
    SELECT s.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN "Subscription" s ON s."companyId" = n."companyId" AND s."packageId" = n.id AND s.status = 'ACTIVE'
     WHERE (n."dataCapMb", n."billingCycle", n."overagePerGbMinor")
           IS DISTINCT FROM (o."dataCapMb", o."billingCycle", o."overagePerGbMinor")), false);
  RETURN NULL;
END $$;

-- RadiusPassword and RadiusAttribute (a voucher's rows have no subscription): every change.
CREATE OR REPLACE FUNCTION lastmile_radius_answers_on_rows() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM lastmile_radius_answers_refresh(ARRAY(
      SELECT DISTINCT "subscriptionId" FROM new_rows WHERE "subscriptionId" IS NOT NULL));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM lastmile_radius_answers_refresh(ARRAY(
      SELECT "subscriptionId" FROM new_rows WHERE "subscriptionId" IS NOT NULL
       UNION SELECT "subscriptionId" FROM old_rows WHERE "subscriptionId" IS NOT NULL));
  ELSE
    PERFORM lastmile_radius_answers_refresh(ARRAY(
      SELECT DISTINCT "subscriptionId" FROM old_rows WHERE "subscriptionId" IS NOT NULL));
  END IF;
  RETURN NULL;
END $$;

ALTER FUNCTION lastmile_radius_answers_on_subscription() OWNER TO lastmile_radius_answers;
ALTER FUNCTION lastmile_radius_answers_on_package() OWNER TO lastmile_radius_answers;
ALTER FUNCTION lastmile_radius_answers_on_rows() OWNER TO lastmile_radius_answers;
REVOKE ALL ON FUNCTION lastmile_radius_answers_on_subscription() FROM PUBLIC;
REVOKE ALL ON FUNCTION lastmile_radius_answers_on_package() FROM PUBLIC;
REVOKE ALL ON FUNCTION lastmile_radius_answers_on_rows() FROM PUBLIC;

-- PostgreSQL allows transition tables only on single-event triggers: one trigger per event.
CREATE TRIGGER lastmile_radius_answers AFTER UPDATE ON "Subscription"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lastmile_radius_answers_on_subscription();
CREATE TRIGGER lastmile_radius_answers AFTER UPDATE ON "Package"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lastmile_radius_answers_on_package();
CREATE TRIGGER lastmile_radius_answers_insert AFTER INSERT ON "RadiusPassword"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lastmile_radius_answers_on_rows();
CREATE TRIGGER lastmile_radius_answers_update AFTER UPDATE ON "RadiusPassword"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lastmile_radius_answers_on_rows();
CREATE TRIGGER lastmile_radius_answers_delete AFTER DELETE ON "RadiusPassword"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lastmile_radius_answers_on_rows();
CREATE TRIGGER lastmile_radius_answers_insert AFTER INSERT ON "RadiusAttribute"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lastmile_radius_answers_on_rows();
CREATE TRIGGER lastmile_radius_answers_update AFTER UPDATE ON "RadiusAttribute"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lastmile_radius_answers_on_rows();
CREATE TRIGGER lastmile_radius_answers_delete AFTER DELETE ON "RadiusAttribute"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lastmile_radius_answers_on_rows();

-- The ready answer of a User-Name, for a working key of its company: the key not revoked, with
-- an answer key, and, when it is bound to source addresses, the connection coming from one of
-- them; then the company's answer by username (one index lookup). The one place both functions
-- check the key. Plain SQL, without SECURITY DEFINER or SET, so that PostgreSQL inlines it into
-- their statements; only they may call it (they run as its owner).
CREATE OR REPLACE FUNCTION lastmile_radius_ready_answer(p_key text, p_username text)
  RETURNS TABLE ("answerKey" bytea, "freshSeconds" integer, cipher bytea,
                 "checkAttributes" text[], "checkOps" text[], "checkValues" text[],
                 "replyAttributes" text[], "replyOps" text[], "replyValues" text[])
  LANGUAGE sql STABLE AS $$
    SELECT k."answerKey", coalesce(k."answerFreshSeconds", 0), r.cipher,
           r."checkAttributes", r."checkOps", r."checkValues", r."replyAttributes", r."replyOps", r."replyValues"
      FROM public."RadiusServerKey" k
      JOIN public."RadiusAnswer" r ON r."companyId" = k."companyId" AND r."pppoeUsername" = p_username
     WHERE k."keyHash" = encode(sha256(convert_to(p_key, 'UTF8')), 'hex') AND k."revokedAt" IS NULL
       AND k."answerKey" IS NOT NULL AND p_username <> ''
       AND (coalesce(cardinality(k."allowedSources"), 0) = 0
            OR coalesce(inet_client_addr() <<= ANY (k."allowedSources"::inet[]), false))
$$;
ALTER FUNCTION lastmile_radius_ready_answer(text, text) OWNER TO lastmile_radius_answers;
REVOKE ALL ON FUNCTION lastmile_radius_ready_answer(text, text) FROM PUBLIC;

-- rlm_sql's authorize_check_query, radcheck's shape, as before: the password to compare and the
-- two control items of dictionary.lastmile, then the login's own check rows. The password is
-- opened here, with the presented secret (both are the 16-byte IV followed by the AES-256-CBC
-- ciphertext, answers.ts; the two decryptions and two SHA-256 cost about 15 µs).
-- Each function's statement is planned once per connection (plan_cache_mode): planning it costs
-- PostgreSQL about twice what running it does, and PL/pgSQL would otherwise plan it anew at each
-- of its first five calls on every connection.
CREATE OR REPLACE FUNCTION lastmile_radius_check(p_key text, p_username text)
  RETURNS TABLE (id integer, username text, attribute text, value text, op text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
    SELECT o.n::integer, p_username, o.attribute, o.value, o.op
      FROM lastmile_radius_ready_answer(p_key, p_username) r
     CROSS JOIN LATERAL unnest(
             ARRAY['Cleartext-Password', 'Lastmile-Fresh-Seconds', 'Lastmile-Report-Login'] || r."checkAttributes",
             ARRAY[convert_from(decrypt_iv(substr(r.cipher, 17),
                                           decrypt_iv(substr(r."answerKey", 17),
                                                      sha256(convert_to('lastmile radius answers v1:' || p_key, 'UTF8')),
                                                      substr(r."answerKey", 1, 16), 'aes-cbc/pad:pkcs'),
                                           substr(r.cipher, 1, 16), 'aes-cbc/pad:pkcs'), 'UTF8'),
                   r."freshSeconds"::text, '0'] || r."checkValues",
             ARRAY[':=', ':=', ':='] || r."checkOps"
           ) WITH ORDINALITY AS o(attribute, value, op, n)
     ORDER BY o.n;
END $$;

-- rlm_sql's authorize_reply_query: the login's reply rows in their order; nothing for a login
-- lastmile_radius_check() does not answer (the same key check, the same lookup).
CREATE OR REPLACE FUNCTION lastmile_radius_reply(p_key text, p_username text)
  RETURNS TABLE (id integer, username text, attribute text, value text, op text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
    SELECT o.n::integer, p_username, o.attribute, o.value, o.op
      FROM lastmile_radius_ready_answer(p_key, p_username) r
     CROSS JOIN LATERAL unnest(r."replyAttributes", r."replyValues", r."replyOps") WITH ORDINALITY AS o(attribute, value, op, n)
     ORDER BY o.n;
END $$;

-- Both were already owned by lastmile_radius_answers and callable only by lastmile_radius;
-- CREATE OR REPLACE keeps that. The lookup they shared is replaced by the table.
DROP FUNCTION IF EXISTS lastmile_radius_login(text, text, boolean);

-- The answers of the logins that exist already.
SELECT lastmile_radius_answers_refresh(ARRAY(SELECT id FROM "Subscription" WHERE status = 'ACTIVE'));
