import { drain } from "../../db/drain";
import { withTenant } from "../../db/tenant";
import * as audit from "../audit/service";
import type { Actor, Scope } from "../scope";
import { STALE_CAUSE } from "./schema";
import * as settings from "./settings";

// Sessions whose NAS fell silent. A session is online while it has no stoppedAt; when a NAS loses
// power or its Stop is lost, nothing would ever stop it, and it would show online (live view,
// counts, the customer page) until retention deletes it a month later. So a session with no
// accounting for longer than the company's setting (settings.ts; default 20 minutes, four missed
// 5-minute Interim-Updates) is closed here: stoppedAt is its last report, the last moment it is
// known to have been up, and its cause STALE_CAUSE. Its counters stay, so if the NAS was only
// out of reach, its next report still adds just the difference, and reopens the session (an
// Interim-Update) or stops it for real (a Stop): accounting.ts.
//
// The grace is the company's, not the session's: Acct-Interim-Interval travels only in the
// Access-Accept (RFC 2869 §5.16), never in accounting, and Lastmile sends none (the routers'
// own interim-update is set in the setup guide), so no session carries its interval.
//
// Batches lock their rows with SKIP LOCKED, like the retention job's deletes (prune.ts): a
// session accounting holds right now is being reported, so it is skipped, never waited for; two
// runs at once share the sessions, and each is closed once. No index serves "silent since":
// one on updatedAt would be rewritten by every Interim-Update, which today updates the row in
// place (HOT); the open sessions of a company are found by the (companyId, stoppedAt) index.

/** Sessions per statement, each in its own short transaction. */
export const STALE_BATCH = 1000;

export const staleActor: Actor = { type: "SYSTEM", label: "stale RADIUS sessions" };

export interface StaleRun {
  closed: number;
  /** The company's setting the run used; null: it closes nothing. */
  silentMinutes: number | null;
}

/** Closes the company's sessions silent for longer than its setting. Idempotent: a second run finds none. */
export async function closeStaleSessions(companyId: string, now = new Date(), batch = STALE_BATCH): Promise<StaleRun> {
  const tenant = { companyId, actor: staleActor };
  const { staleSessionMinutes: minutes } = await withTenant(companyId, (tx) => settings.get({ ...tenant, tx }));
  if (minutes === null) return { closed: 0, silentMinutes: null };
  const cutoff = new Date(now.getTime() - minutes * 60_000);
  const closed = await drain(tenant, batch, (scope) => closeBatch(scope, cutoff, minutes, batch));
  return { closed, silentMinutes: minutes };
}

/** At most `limit` sessions silent since before `cutoff`, closed at their last report; audited with the change. */
async function closeBatch(scope: Scope, cutoff: Date, minutes: number, limit: number): Promise<number> {
  // FOR UPDATE re-reads a row another transaction changed meanwhile and keeps it only if it
  // still matches: a session a report just woke, or another run just closed, is left alone.
  const rows = await scope.tx.$queryRaw<{ id: string }[]>`
    UPDATE "RadiusSession" SET "stoppedAt" = "updatedAt", "terminateCause" = ${STALE_CAUSE}
    WHERE id IN (
      SELECT id FROM "RadiusSession"
      WHERE "companyId" = ${scope.companyId} AND "stoppedAt" IS NULL AND "updatedAt" < ${cutoff}
      LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  if (rows.length > 0)
    await audit.record(scope, {
      action: "radius.stale_sessions_closed",
      entityType: "Company",
      entityId: scope.companyId,
      after: { closed: rows.length, silentMinutes: minutes, sessionIds: rows.map((r) => r.id).sort() },
    });
  return rows.length;
}
