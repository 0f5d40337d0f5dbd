-- ─── FreeRADIUS's SQL answers: less PostgreSQL work per login (hand-written) ───
-- 20261204080000_radius_sql_answers answered a first login with two SECURITY DEFINER plpgsql
-- functions that each called a third (lastmile_radius_login) to verify the key and find the
-- login in several statements, each function with a per-call `SET search_path` (a GUC save and
-- restore): PostgreSQL spent 2.5–2.8 times the rlm_sql peer's CPU per login
-- (docs/BENCHMARKS.md). Now each of the two is one statement in one plpgsql function (its plan
-- cached for the connection's life, unlike a non-inlined LANGUAGE sql function, which
-- PostgreSQL 15 plans again at every call: measured 10 times slower here), with no nested call
-- and no `SET` clause. The check query decrypts the password; the reply query never does.
--
-- Without `SET search_path` nothing the caller can create or put in its search path may change
-- what the functions read: every table and non-catalog function is schema-qualified and every
-- type name is pg_catalog's (a temporary table makes a type of its name in pg_temp, which is
-- searched for types before pg_catalog); functions and operators are found in pg_catalog
-- first and never in pg_temp, and lastmile_radius may create nothing in any schema
-- (answers.test.ts checks it).
--
-- The security properties are unchanged: lastmile_radius reads no table and may call only these
-- two functions; the company is the one whose working (unrevoked, source-allowed) key is
-- presented, and a poller key, which has no answer key, gets nothing; the password is opened
-- only with that key's secret.
--
-- Tried and not kept: one lookup per login (the check leaving the reply rows in a session
-- setting that an inlined reply function read back) cost more PostgreSQL CPU per login than
-- the two lookups, measured side by side.

DROP FUNCTION IF EXISTS public.lastmile_radius_reply(text, text);
DROP FUNCTION IF EXISTS public.lastmile_radius_check(text, text);
DROP FUNCTION IF EXISTS public.lastmile_radius_login(text, text, boolean);

-- rlm_sql's authorize_check_query: radcheck's shape. The password to compare and the two
-- control items of dictionary.lastmile, then the subscription's own check rows (as the API
-- answers them: without Cleartext-Password and Auth-Type). Every row is an assignment, so rlm_sql
-- puts them in the control list. Rows only for an ordinary login (the same conditions as the
-- API's pppoeAnswer in server/modules/radius/access.ts): the subscription ACTIVE, its package
-- without a hard cap counted per cycle, its password stored for RADIUS, at least one reply row.
CREATE FUNCTION public.lastmile_radius_check(p_key pg_catalog.text, p_username pg_catalog.text)
  RETURNS TABLE (id pg_catalog.int4, username pg_catalog.text, attribute pg_catalog.text, value pg_catalog.text, op pg_catalog.text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
  RETURN QUERY
  WITH login AS (
    SELECT s.id AS sub, s."companyId" AS company, k."answerKey" AS wrapped, rp.cipher,
           coalesce(k."answerFreshSeconds", 0) AS fresh
      FROM public."RadiusServerKey" k
      JOIN public."Subscription" s ON s."companyId" = k."companyId" AND s."pppoeUsername" = p_username AND s.status = 'ACTIVE'
      JOIN public."Package" p ON p."companyId" = s."companyId" AND p.id = s."packageId"
      JOIN public."RadiusPassword" rp ON rp."subscriptionId" = s.id AND rp."companyId" = s."companyId"
     WHERE k."keyHash" = pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(p_key, 'UTF8')), 'hex')
       AND k."revokedAt" IS NULL AND k."answerKey" IS NOT NULL
       AND (pg_catalog.cardinality(k."allowedSources") = 0
            OR coalesce(pg_catalog.inet_client_addr() <<= ANY (k."allowedSources"::pg_catalog.inet[]), false))
       AND NOT (p."dataCapMb" IS NOT NULL AND p."billingCycle" <> 'VALIDITY' AND p."overagePerGbMinor" IS NULL)
       AND EXISTS (SELECT 1 FROM public."RadiusAttribute" a
                    WHERE a."companyId" = s."companyId" AND a."subscriptionId" = s.id AND a.kind = 'reply')
  )
  -- Both are the 16-byte IV followed by the AES-256-CBC ciphertext (answers.ts).
  SELECT 1, p_username, 'Cleartext-Password'::pg_catalog.text,
         pg_catalog.convert_from(public.decrypt_iv(pg_catalog.substr(l.cipher, 17),
           public.decrypt_iv(pg_catalog.substr(l.wrapped, 17),
                             pg_catalog.sha256(pg_catalog.convert_to('lastmile radius answers v1:' || p_key, 'UTF8')),
                             pg_catalog.substr(l.wrapped, 1, 16), 'aes-cbc/pad:pkcs'),
           pg_catalog.substr(l.cipher, 1, 16), 'aes-cbc/pad:pkcs'), 'UTF8'),
         ':='::pg_catalog.text
    FROM login l
  UNION ALL SELECT 2, p_username, 'Lastmile-Fresh-Seconds', l.fresh::pg_catalog.text, ':=' FROM login l
  UNION ALL SELECT 3, p_username, 'Lastmile-Report-Login', '0', ':=' FROM login l
  UNION ALL
  SELECT (3 + pg_catalog.row_number() OVER (ORDER BY a."createdAt", a.id))::pg_catalog.int4, p_username,
         a.attribute, a.value, a.op::pg_catalog.text
    FROM login l
    JOIN public."RadiusAttribute" a ON a."companyId" = l.company AND a."subscriptionId" = l.sub AND a.kind = 'check'
   WHERE pg_catalog.lower(a.attribute) NOT IN ('cleartext-password', 'auth-type');
END $$;
ALTER FUNCTION public.lastmile_radius_check(text, text) OWNER TO lastmile_radius_answers;
REVOKE ALL ON FUNCTION public.lastmile_radius_check(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.lastmile_radius_check(text, text) TO lastmile_radius;

-- rlm_sql's authorize_reply_query: the reply rows provisioning wrote, in their order; nothing
-- for a login lastmile_radius_check() does not answer (the same conditions, without the password).
CREATE FUNCTION public.lastmile_radius_reply(p_key pg_catalog.text, p_username pg_catalog.text)
  RETURNS TABLE (id pg_catalog.int4, username pg_catalog.text, attribute pg_catalog.text, value pg_catalog.text, op pg_catalog.text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
  RETURN QUERY
  SELECT (pg_catalog.row_number() OVER (ORDER BY a."createdAt", a.id))::pg_catalog.int4, p_username,
         a.attribute, a.value, a.op::pg_catalog.text
    FROM public."RadiusServerKey" k
    JOIN public."Subscription" s ON s."companyId" = k."companyId" AND s."pppoeUsername" = p_username AND s.status = 'ACTIVE'
    JOIN public."Package" p ON p."companyId" = s."companyId" AND p.id = s."packageId"
    JOIN public."RadiusAttribute" a ON a."companyId" = s."companyId" AND a."subscriptionId" = s.id AND a.kind = 'reply'
   WHERE k."keyHash" = pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(p_key, 'UTF8')), 'hex')
     AND k."revokedAt" IS NULL AND k."answerKey" IS NOT NULL
     AND (pg_catalog.cardinality(k."allowedSources") = 0
          OR coalesce(pg_catalog.inet_client_addr() <<= ANY (k."allowedSources"::pg_catalog.inet[]), false))
     AND NOT (p."dataCapMb" IS NOT NULL AND p."billingCycle" <> 'VALIDITY' AND p."overagePerGbMinor" IS NULL)
     AND EXISTS (SELECT 1 FROM public."RadiusPassword" rp WHERE rp."subscriptionId" = s.id AND rp."companyId" = s."companyId")
   ORDER BY a."createdAt", a.id;
END $$;
ALTER FUNCTION public.lastmile_radius_reply(text, text) OWNER TO lastmile_radius_answers;
REVOKE ALL ON FUNCTION public.lastmile_radius_reply(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.lastmile_radius_reply(text, text) TO lastmile_radius;
