import type { Scope } from "../scope";

// The retention job's delete of idempotency keys (server/modules/retention). Apart from
// service.ts, which answers REST requests, so the job does not load the REST layer.

/**
 * How long a key is remembered: a retry within this time gets the first answer. Longer than any
 * client's retries (a phone that was offline over a weekend, a forwarder's backlog), short enough
 * that the stored answers do not pile up. Older keys are deleted by the nightly retention job,
 * after which the key is free again: a request with it is a new one. The API reference says so
 * (IDEMPOTENCY_DESCRIPTION).
 */
export const IDEMPOTENCY_KEY_DAYS = 7;

/**
 * Deletes at most `limit` keys claimed before `cutoff`, with SKIP LOCKED like the other prunes:
 * two runs share the rows, and a key a request holds right now is left for the next run.
 */
export async function pruneOlderThan(scope: Scope, cutoff: Date, limit: number): Promise<number> {
  return scope.tx.$executeRaw`
    DELETE FROM "IdempotencyRecord" WHERE id IN (
      SELECT id FROM "IdempotencyRecord"
      WHERE "companyId" = ${scope.companyId} AND "createdAt" < ${cutoff}
      LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
}
