import { withoutTenant, type Tx } from "../../db/tenant";
import { sha256 } from "../../lib/crypto";
import { TooManyRequests } from "../../lib/errors";

// Request limits for what anyone can call without an account (ISP and portal sign-up, password-
// reset requests, RADIUS lookups of unknown usernames), kept in PostgreSQL so that they hold
// across every app instance. Like the sign-in slots in lockout.ts, a request claims its place
// with one atomic statement before it does any work: the upsert takes the bucket's row lock, so
// concurrent requests are counted one after another and each learns its own number; no read
// followed by a write for a race to slip through.
//
// A bucket is a fixed window per key: the first request opens it, and the first request after
// it ended starts a new one. Keys are hashed, so the table holds no addresses or e-mails.

export interface Limit {
  /** What is limited and for whom, e.g. ["portal.register", companyId, "ip", ip]. */
  key: readonly string[];
  max: number;
  windowSeconds: number;
}

export interface Claim {
  /** This request's number in the window (1 = the first). */
  count: number;
  resetAt: Date;
  allowed: boolean;
}

/** The stored key of a limit's bucket (for a hot path that reads the bucket in its own statement). */
export const bucketKey = (key: readonly string[]) => sha256(JSON.stringify(key));

/** Counts one request against `limit` (in the caller's transaction) and says whether it is within it. */
export async function claim(tx: Tx, limit: Limit): Promise<Claim> {
  const window = `${limit.windowSeconds} seconds`;
  const rows = await tx.$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimitBucket" (key, count, "resetAt")
    VALUES (${bucketKey(limit.key)}, 1, now() + ${window}::interval)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN 1 ELSE "RateLimitBucket".count + 1 END,
      "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN now() + ${window}::interval
                       ELSE "RateLimitBucket"."resetAt" END
    RETURNING count, "resetAt"`;
  const { count, resetAt } = rows[0]!;
  await pruneSometimes(tx);
  return { count, resetAt, allowed: count <= limit.max };
}

/** True when `limit` is already used up in its current window (nothing is counted). */
export async function exceeded(tx: Tx, limit: Limit): Promise<boolean> {
  const rows = await tx.$queryRaw<{ count: number }[]>`
    SELECT count FROM "RateLimitBucket" WHERE key = ${bucketKey(limit.key)} AND "resetAt" > now()`;
  return (rows[0]?.count ?? 0) >= limit.max;
}

/** Ended windows are deleted now and then (about one claim in PRUNE_EVERY), by whoever claims. */
const PRUNE_EVERY = 100;

async function pruneSometimes(tx: Tx) {
  if (Math.random() * PRUNE_EVERY < 1) await prune(tx);
}

/** Deletes windows that ended over an hour ago. */
export async function prune(tx: Tx) {
  // An hour's grace: a row that is about to be reused costs nothing to keep. Rows another
  // request holds are skipped, so two pruning requests never wait for (or deadlock on) each other.
  await tx.$executeRaw`
    DELETE FROM "RateLimitBucket" WHERE key IN (
      SELECT key FROM "RateLimitBucket" WHERE "resetAt" < now() - interval '1 hour'
      LIMIT 1000 FOR UPDATE SKIP LOCKED)`;
}

/**
 * Counts the request against every limit, in its own short transaction (committed before the
 * work starts, so concurrent requests see it), and throws TooManyRequests when any is exceeded.
 * Every limit is counted even when an earlier one refuses: a refused request is still a request.
 */
export async function enforce(limits: readonly Limit[], message: string): Promise<void> {
  const claims = await withoutTenant(async (tx) => {
    const out: Claim[] = [];
    for (const limit of limits) out.push(await claim(tx, limit));
    return out;
  });
  if (claims.some((c) => !c.allowed)) throw new TooManyRequests(message);
}
