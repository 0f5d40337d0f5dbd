-- ─── FreeRADIUS's first-login functions with one SPI statement fewer per call (hand-written) ───
-- Same answers as 20261204080000_radius_sql_answers (see there for the design). What changes:
-- lastmile_radius_login() returns one row as OUT parameters instead of a set, so that
-- lastmile_radius_check() and _reply() call it as a plain expression (no `SELECT * FROM` function
-- scan, whose executor start-up was a visible part of a login's cost: docs/BENCHMARKS.md), and
-- it has no `SET search_path` of its own: only its owner may call it, and only from those two,
-- which set the path. No row → all OUT parameters null ("companyId" null: no answer).
DROP FUNCTION lastmile_radius_check(text, text);
DROP FUNCTION lastmile_radius_reply(text, text);
DROP FUNCTION lastmile_radius_login(text, text, boolean);
CREATE FUNCTION lastmile_radius_login(p_key text, p_username text, p_password boolean,
  OUT "companyId" text, OUT "subscriptionId" text, OUT password text, OUT "freshSeconds" integer)
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_wrapped bytea;
  v_sources text[];
  v_cipher bytea;
  v_answer_key bytea;
BEGIN
  IF p_key IS NULL OR p_username IS NULL OR p_username = '' THEN RETURN; END IF;
  SELECT k."companyId", k."answerKey", k."answerFreshSeconds", k."allowedSources"
    INTO "companyId", v_wrapped, "freshSeconds", v_sources
    FROM "RadiusServerKey" k
   WHERE k."keyHash" = encode(sha256(convert_to(p_key, 'UTF8')), 'hex') AND k."revokedAt" IS NULL;
  IF v_wrapped IS NULL THEN "companyId" := NULL; RETURN; END IF;
  IF cardinality(v_sources) > 0
     AND NOT coalesce(inet_client_addr() <<= ANY (v_sources::inet[]), false) THEN
    "companyId" := NULL; RETURN;
  END IF;
  SELECT s.id, rp.cipher INTO "subscriptionId", v_cipher
    FROM "Subscription" s
    JOIN "Package" p ON p."companyId" = s."companyId" AND p.id = s."packageId"
    JOIN "RadiusPassword" rp ON rp."subscriptionId" = s.id AND rp."companyId" = s."companyId"
   WHERE s."companyId" = lastmile_radius_login."companyId" AND s."pppoeUsername" = p_username AND s.status = 'ACTIVE'
     AND NOT (p."dataCapMb" IS NOT NULL AND p."billingCycle" <> 'VALIDITY' AND p."overagePerGbMinor" IS NULL)
     AND EXISTS (SELECT 1 FROM "RadiusAttribute" a
                  WHERE a."companyId" = s."companyId" AND a."subscriptionId" = s.id AND a.kind = 'reply');
  IF v_cipher IS NULL THEN "companyId" := NULL; "subscriptionId" := NULL; RETURN; END IF;
  "freshSeconds" := coalesce("freshSeconds", 0);
  IF NOT p_password THEN RETURN; END IF;
  v_answer_key := decrypt_iv(substr(v_wrapped, 17), sha256(convert_to('lastmile radius answers v1:' || p_key, 'UTF8')),
                             substr(v_wrapped, 1, 16), 'aes-cbc/pad:pkcs');
  password := convert_from(decrypt_iv(substr(v_cipher, 17), v_answer_key, substr(v_cipher, 1, 16), 'aes-cbc/pad:pkcs'), 'UTF8');
END $$;
ALTER FUNCTION lastmile_radius_login(text, text, boolean) OWNER TO lastmile_radius_answers;
REVOKE ALL ON FUNCTION lastmile_radius_login(text, text, boolean) FROM PUBLIC;

CREATE FUNCTION lastmile_radius_check(p_key text, p_username text)
  RETURNS TABLE (id integer, username text, attribute text, value text, op text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v record;
BEGIN
  v := lastmile_radius_login(p_key, p_username, true);
  IF v."companyId" IS NULL THEN RETURN; END IF;
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

CREATE FUNCTION lastmile_radius_reply(p_key text, p_username text)
  RETURNS TABLE (id integer, username text, attribute text, value text, op text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v record;
BEGIN
  v := lastmile_radius_login(p_key, p_username, false);
  IF v."companyId" IS NULL THEN RETURN; END IF;
  RETURN QUERY
    SELECT (row_number() OVER (ORDER BY a."createdAt", a.id))::integer, p_username, a.attribute, a.value, a.op::text
      FROM "RadiusAttribute" a
     WHERE a."companyId" = v."companyId" AND a."subscriptionId" = v."subscriptionId" AND a.kind = 'reply'
     ORDER BY a."createdAt", a.id;
END $$;
ALTER FUNCTION lastmile_radius_reply(text, text) OWNER TO lastmile_radius_answers;
REVOKE ALL ON FUNCTION lastmile_radius_reply(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lastmile_radius_reply(text, text) TO lastmile_radius;
