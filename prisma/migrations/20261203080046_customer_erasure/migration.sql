-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "erasedAt" TIMESTAMPTZ(3);

-- ─── Erasure of a customer's personal data inside the audit trail (hand-written) ───
-- The trail stays append-only for the application role (it has no UPDATE grant). Erasure must
-- still take a person's name, e-mail and phone out of the entries about them, so this one
-- function, owned by the migration role, rewrites string values of the given entries of the
-- current company: values under personal keys become "[redacted]", and any other text has the
-- given personal values replaced. Ids, actions, times and amounts stay as they were.

-- Text with each personal value (case-insensitive, taken literally) replaced by "[redacted]".
CREATE OR REPLACE FUNCTION lastmile_redact_text(t text, vals text[]) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v text;
BEGIN
  IF t IS NULL OR vals IS NULL THEN RETURN t; END IF;
  FOREACH v IN ARRAY vals LOOP
    -- Shorter values would blank ordinary words; the caller passes whole names, e-mails, phones.
    IF length(v) >= 3 THEN
      t := regexp_replace(t, regexp_replace(v, '([.^$|?*+()\[\]{}\\-])', '\\\1', 'g'), '[redacted]', 'gi');
    END IF;
  END LOOP;
  RETURN t;
END $$;

-- The same for every string inside a JSON document; a value under one of `keys` is replaced whole.
CREATE OR REPLACE FUNCTION lastmile_redact_json(doc jsonb, keys text[], vals text[]) RETURNS jsonb
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF doc IS NULL THEN RETURN NULL; END IF;
  CASE jsonb_typeof(doc)
    WHEN 'object' THEN
      RETURN (
        SELECT coalesce(jsonb_object_agg(
          e.k,
          CASE WHEN e.k = ANY(keys) AND jsonb_typeof(e.v) <> 'null' THEN '"[redacted]"'::jsonb
               ELSE lastmile_redact_json(e.v, keys, vals) END), '{}'::jsonb)
        FROM jsonb_each(doc) AS e(k, v));
    WHEN 'array' THEN
      RETURN (
        SELECT coalesce(jsonb_agg(lastmile_redact_json(e.v, keys, vals) ORDER BY e.i), '[]'::jsonb)
        FROM jsonb_array_elements(doc) WITH ORDINALITY AS e(v, i));
    WHEN 'string' THEN
      RETURN to_jsonb(lastmile_redact_text(doc #>> '{}', vals));
    ELSE
      RETURN doc;
  END CASE;
END $$;

-- Redacts the current company's entries about `entity_ids` or made by `actor_id` (the customer's
-- own portal sign-in, whose address and browser are personal data too). Returns how many changed.
CREATE OR REPLACE FUNCTION lastmile_redact_audit(entity_ids text[], actor_id text, keys text[], vals text[])
  RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  company text := lastmile_company_id();
  changed integer;
BEGIN
  IF company IS NULL THEN RETURN 0; END IF;
  PERFORM set_config('lastmile.audit_redaction', 'on', true);
  UPDATE "AuditEntry" a SET
    "before" = lastmile_redact_json(a."before", keys, vals),
    "after" = lastmile_redact_json(a."after", keys, vals),
    "actorLabel" = CASE WHEN actor_id IS NOT NULL AND a."actorId" = actor_id THEN '[erased]'
                        ELSE lastmile_redact_text(a."actorLabel", vals) END,
    "ip" = CASE WHEN actor_id IS NOT NULL AND a."actorId" = actor_id THEN NULL ELSE a."ip" END,
    "userAgent" = CASE WHEN actor_id IS NOT NULL AND a."actorId" = actor_id THEN NULL ELSE a."userAgent" END
  WHERE a."companyId" = company
    AND (a."entityId" = ANY(entity_ids) OR (actor_id IS NOT NULL AND a."actorId" = actor_id));
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('lastmile.audit_redaction', 'off', true);
  RETURN changed;
END $$;
REVOKE ALL ON FUNCTION lastmile_redact_audit(text[], text, text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lastmile_redact_audit(text[], text, text[], text[]) TO lastmile_app;

-- The append-only trigger lets exactly that function's updates through; deletes never pass.
-- The application role cannot use the setting to get around it: it has no UPDATE grant at all.
CREATE OR REPLACE FUNCTION lastmile_audit_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('lastmile.audit_redaction', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'The audit trail is append-only';
END $$;
