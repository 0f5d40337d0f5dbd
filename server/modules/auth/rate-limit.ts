import type { Tx } from "../../db/tenant";
import { sha256 } from "../../lib/crypto";
import { TooManyRequests } from "../../lib/errors";
import { sharedState } from "../../shared-state";
import { hitInTransaction } from "../../shared-state/postgres";

export { prune } from "../../shared-state/postgres";

// Request limits for what anyone can call without an account (ISP and portal sign-up, password-
// reset requests, failed sign-ins, RADIUS lookups of unknown usernames), kept where every app
// instance sees them (server/shared-state: PostgreSQL, or Redis when REDIS_URL is set). A request
// claims its place with one atomic step before it does any work, so concurrent requests are
// counted one after another and each learns its own number; no read followed by a write for a
// race to slip through.
//
// A bucket is a fixed window per key: the first request opens it, and the first request after
// it ended starts a new one. Keys are hashed, so neither store holds addresses or e-mails.

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

/**
 * Counts one request against `limit` in the caller's PostgreSQL transaction, whatever store the
 * other limits use: for the RADIUS paths that read the same bucket inside their own statements
 * (server/modules/radius/access.ts, keys.ts), where the count must commit with their work.
 */
export async function claim(tx: Tx, limit: Limit): Promise<Claim> {
  const { count, resetAt } = await hitInTransaction(tx, bucketKey(limit.key), limit.windowSeconds);
  return { count, resetAt, allowed: count <= limit.max };
}

/**
 * Counts the request against every limit (committed before the work starts, so concurrent
 * requests on every instance see it) and throws TooManyRequests when any is exceeded. Every
 * limit is counted even when an earlier one refuses: a refused request is still a request.
 */
export async function enforce(limits: readonly Limit[], message: string): Promise<void> {
  const state = sharedState();
  const counts = await Promise.all(limits.map((l) => state.hit(bucketKey(l.key), l.windowSeconds)));
  if (counts.some((c, i) => c.count > limits[i]!.max)) throw new TooManyRequests(message);
}

/** For each limit, whether it is used up in its current window (nothing is counted). */
export async function usedUp(limits: readonly Limit[]): Promise<boolean[]> {
  const counts = await sharedState().peek(limits.map((l) => bucketKey(l.key)));
  return counts.map((n, i) => n >= limits[i]!.max);
}

/** Counts one failure against every limit (a wrong password), without refusing anything now. */
export async function count(limits: readonly Limit[]): Promise<void> {
  const state = sharedState();
  await Promise.all(limits.map((l) => state.hit(bucketKey(l.key), l.windowSeconds)));
}
