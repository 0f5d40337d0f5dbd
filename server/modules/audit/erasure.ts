import type { Scope } from "../scope";

// Erasure of a customer inside the audit trail. The trail is append-only for the application;
// the one way to change it is lastmile_redact_audit() (migration 20261203080046_customer_erasure),
// which only replaces personal values in the entries about the erased person, in this company.

/** Keys whose values in before/after snapshots are personal data, whatever they contain. */
export const PERSONAL_KEYS = [
  "firstName",
  "lastName",
  "businessName",
  "displayName",
  "email",
  "phone",
  "altPhone",
  "serviceAddress",
  "serviceLatitude",
  "serviceLongitude",
  "billingAddress",
  "idDocumentNumber",
  "taxId",
  "notes",
  "tags",
  "installationAddress",
  "newAddress",
  "address",
  "signedByName",
] as const;

/**
 * Every value the entries about these records ever held under a personal key: an e-mail changed
 * last year is still personal data wherever it was written, so erasure looks for it too.
 */
export async function personalValuesAbout(scope: Scope, entityIds: readonly string[]): Promise<string[]> {
  if (!entityIds.length) return [];
  const entries = await scope.tx.auditEntry.findMany({
    where: { entityId: { in: [...entityIds] } },
    select: { before: true, after: true },
  });
  const keys = new Set<string>(PERSONAL_KEYS);
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (keys.has(k) && typeof x === "string") found.push(x);
        else walk(x);
      }
  };
  for (const e of entries) {
    walk(e.before);
    walk(e.after);
  }
  return found;
}

/** Redacts the entries about `entityIds` and those the customer's own sign-in made. */
export async function redactAbout(
  scope: Scope,
  e: { entityIds: readonly string[]; actorId: string | null; values: readonly string[] },
): Promise<number> {
  const [row] = await scope.tx.$queryRaw<{ changed: number }[]>`
    SELECT lastmile_redact_audit(${[...e.entityIds]}::text[], ${e.actorId}::text, ${[...PERSONAL_KEYS]}::text[], ${[...e.values]}::text[]) AS changed`;
  return Number(row?.changed ?? 0);
}
