import type { Scope } from "../scope";

// The retention job's deletes of RADIUS records (server/modules/retention), a batch at a time so
// a big table never needs one long transaction. Each batch locks its rows with SKIP LOCKED:
// two runs at once divide the rows between them instead of waiting, and accounting that holds a
// session's row (lockSession) is never blocked by a prune.

/**
 * Deletes at most `limit` sessions whose last sign of life is before `cutoff`: stopped before it,
 * or never stopped and silent since. A NAS reports a live session every few minutes, so one
 * silent for the retention period (a month at least) is over; its NAS restarted or lost the Stop.
 */
export async function pruneSessionsOlderThan(scope: Scope, cutoff: Date, limit: number): Promise<number> {
  // Two statements so each uses the (companyId, stoppedAt) index: stopped ones, then silent open ones.
  const stopped = await scope.tx.$executeRaw`
    DELETE FROM "RadiusSession" WHERE id IN (
      SELECT id FROM "RadiusSession"
      WHERE "companyId" = ${scope.companyId} AND "stoppedAt" < ${cutoff}
      LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
  if (stopped >= limit) return stopped;
  const silent = await scope.tx.$executeRaw`
    DELETE FROM "RadiusSession" WHERE id IN (
      SELECT id FROM "RadiusSession"
      WHERE "companyId" = ${scope.companyId} AND "stoppedAt" IS NULL AND "updatedAt" < ${cutoff}
      LIMIT ${limit - stopped} FOR UPDATE SKIP LOCKED)`;
  return stopped + silent;
}

/** Deletes at most `limit` days of usage (any subscription) of UTC days that ended before `cutoff`'s day. */
export async function pruneUsageOlderThan(scope: Scope, cutoff: Date, limit: number): Promise<number> {
  const day = cutoff.toISOString().slice(0, 10);
  return scope.tx.$executeRaw`
    DELETE FROM "UsageDaily" WHERE ("subscriptionId", day) IN (
      SELECT "subscriptionId", day FROM "UsageDaily"
      WHERE "companyId" = ${scope.companyId} AND day < ${day}::date
      LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
}

/** Deletes at most `limit` hours of usage (any subscription) that began before `cutoff`. */
export async function pruneHourlyUsageOlderThan(scope: Scope, cutoff: Date, limit: number): Promise<number> {
  return scope.tx.$executeRaw`
    DELETE FROM "UsageHourly" WHERE ("subscriptionId", hour) IN (
      SELECT "subscriptionId", hour FROM "UsageHourly"
      WHERE "companyId" = ${scope.companyId} AND hour < ${cutoff}
      LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
}
