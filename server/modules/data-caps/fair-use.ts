import type { CapAction, CoaReason } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { wallParts } from "../../lib/zone";
import { changeLiveSessions } from "../bandwidth/live";
import { inFreeWindow } from "../bandwidth/schema";
import { SPEED_ATTRIBUTES, type RadiusRow } from "../provisioning/attributes";
import { provisionedRows } from "../provisioning/service";
import { systemActor, type Scope } from "../scope";
import { toDateString } from "../subscriptions/dates";
import { alignmentOf, allowancesOn, MIB, type Allowance } from "./allowance";
import { CAP_SELECT, capActionOf } from "./quota";
import { CAPPED_WHERE, cappedOf, companyToday } from "./subscriptions";

// Fair use per billing cycle, for subscribers already online. RADIUS authorize gives every new
// login the right answer by itself (quota.ts: full speed, fair-use speed, refused or captive);
// a session that was online when its cycle's usage crossed the cap needs the NAS told. This job
// (every 5 minutes, and on demand) finds the crossings and asks for one live-session change per
// crossing (bandwidth/live.ts → the nas module's RFC 5176 sender: a CoA to the fair-use speed, or
// a Disconnect so the session re-authorizes into "refused" or the walled garden), and one to
// restore full service when a top-up lifts the allowance or the next cycle starts.
//
// The per-cycle state (FairUseState, one row per subscription and cycle) is flipped by
// conditional writes (over → only if it was not; back → only if it was), so a retried or
// overlapping run requests nothing twice. Packages with an overage price are billed for usage
// above the cap and never limited.
//
// Night windows: usage inside a bandwidth policy's free hours is metered here too, from the open
// sessions' counters between two runs that both fall inside the window (FairUseMeter), and
// written to FreeUsageDaily, which the allowance subtracts. It is as fine as the NAS's interim
// updates and this job's interval; the accounting path itself is untouched.

const BATCH = 500;
/** A gap between two readings longer than this is not attributed to the window (the job was down). */
const MAX_METER_GAP_MS = 2 * 60 * 60 * 1000;

export interface FairUseRun {
  checked: number;
  crossed: number;
  restored: number;
  /** Live-session changes requested (CoA or disconnect). */
  changes: number;
  /** Bytes metered in free windows on this run (a number: the run's result is JSON for Inngest). */
  freeBytes: number;
}

interface Flipped {
  id: string;
  subscriptionId: string;
  action: CapAction;
}

interface OpenSession {
  id: string;
  subscriptionId: string;
  /** Both directions so far, as the NAS last reported them. */
  bytes: bigint;
}

/**
 * The open RADIUS sessions (Start or Interim seen, no Stop) of these subscriptions. A read of the
 * radius module's table: radius imports this module (authorize asks for the quota), so it cannot
 * be an import the other way.
 */
async function openSessions(scope: Scope, subscriptionIds: readonly string[]): Promise<OpenSession[]> {
  if (subscriptionIds.length === 0) return [];
  const rows = await scope.tx.radiusSession.findMany({
    where: { subscriptionId: { in: [...subscriptionIds] }, stoppedAt: null },
    select: { id: true, subscriptionId: true, inputBytes: true, outputBytes: true },
  });
  return rows.map((r) => ({ id: r.id, subscriptionId: r.subscriptionId!, bytes: r.inputBytes + r.outputBytes }));
}

/** One company's fair use now; idempotent. */
export async function enforceCompany(companyId: string, now: Date = new Date()): Promise<FairUseRun> {
  return withTenant(companyId, (tx) => enforce({ tx, companyId, actor: { ...systemActor, label: "fair use" } }, now));
}

export async function enforce(scope: Scope, now: Date = new Date()): Promise<FairUseRun> {
  const { tx, companyId } = scope;
  // One run per company at a time: the free-window meter reads and moves a baseline.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`fair-use:${companyId}`}))`;
  const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } });
  const today = await companyToday(tx, companyId, now);
  const alignment = await alignmentOf(tx);
  const run: FairUseRun = { checked: 0, crossed: 0, restored: 0, changes: 0, freeBytes: 0 };
  run.freeBytes = Number(await meterFreeUsage(scope, company.timeZone, now));

  // Cycles that ended over the cap: the new cycle starts at full speed.
  const ended = await tx.$queryRaw<Flipped[]>`
    UPDATE "FairUseState" SET "overCap" = false, "restoredAt" = ${now}
    WHERE "overCap" AND "periodEnd" < ${today}::date
    RETURNING id, "subscriptionId", action::text AS action`;
  await settle(scope, [], ended, new Map(), run);

  for (let after = ""; ;) {
    // Keyset batches: memory stays flat however many subscribers the company has.
    const rows = await tx.subscription.findMany({
      where: {
        status: "ACTIVE",
        id: { gt: after },
        startDate: { lte: today },
        package: { ...CAPPED_WHERE.package, overagePerGbMinor: null },
      },
      select: CAP_SELECT,
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const capped = rows.flatMap((r) => cappedOf(r) ?? []);
    run.checked += capped.length;
    const allowances = await allowancesOn(tx, companyId, capped, today, alignment);
    const isOver = (a: Allowance) => a.usedBytes >= BigInt(a.allowanceMb) * MIB;
    const byId = new Map(rows.map((r) => [r.id, capActionOf(r)]));
    const crossed = await claimCrossings(scope, allowances.filter(isOver), (id) => byId.get(id)!.onCap, now);
    const lifted = await claimLifted(
      scope,
      allowances.filter((a) => !isOver(a)),
      now,
    );
    await settle(scope, crossed, lifted, byId, run);
  }
  return run;
}

/** Marks each over-cap subscription's cycle as over, once; returns those that were not already. */
async function claimCrossings(
  scope: Scope,
  over: Allowance[],
  actionOf: (subscriptionId: string) => CapAction,
  now: Date,
): Promise<Flipped[]> {
  if (over.length === 0) return [];
  return scope.tx.$queryRaw<Flipped[]>`
    INSERT INTO "FairUseState" (id, "companyId", "subscriptionId", "periodStart", "periodEnd", "overCap", action,
      "usedMb", "allowanceMb", "crossedAt")
    SELECT t.id, ${scope.companyId}, t.sub, t.ps, t.pe, true, t.action::"CapAction", t.used, t.allowance, ${now}
    FROM unnest(${over.map(() => newId())}::text[], ${over.map((a) => a.subscriptionId)}::text[],
      ${over.map((a) => toDateString(a.period.start))}::date[], ${over.map((a) => toDateString(a.period.end))}::date[],
      ${over.map((a) => actionOf(a.subscriptionId))}::text[], ${over.map((a) => a.usedMb)}::int[],
      ${over.map((a) => a.allowanceMb)}::int[]) AS t(id, sub, ps, pe, action, used, allowance)
    ON CONFLICT ("subscriptionId", "periodStart") DO UPDATE SET "overCap" = true, action = EXCLUDED.action,
      "usedMb" = EXCLUDED."usedMb", "allowanceMb" = EXCLUDED."allowanceMb", "crossedAt" = EXCLUDED."crossedAt",
      "restoredAt" = NULL
    WHERE NOT "FairUseState"."overCap"
    RETURNING id, "subscriptionId", action::text AS action`;
}

/** Cycles marked over whose usage is under the allowance again (a top-up): back to full service, once. */
async function claimLifted(scope: Scope, under: Allowance[], now: Date): Promise<Flipped[]> {
  if (under.length === 0) return [];
  return scope.tx.$queryRaw<Flipped[]>`
    UPDATE "FairUseState" SET "overCap" = false, "restoredAt" = ${now}
    WHERE "overCap" AND ("subscriptionId", "periodStart") IN (
      SELECT * FROM unnest(${under.map((a) => a.subscriptionId)}::text[],
        ${under.map((a) => toDateString(a.period.start))}::date[]))
    RETURNING id, "subscriptionId", action::text AS action`;
}

/** The live-session changes for what was just flipped, for subscriptions online now. */
async function settle(
  scope: Scope,
  crossed: Flipped[],
  restored: Flipped[],
  actions: Map<string, { fairUse: RadiusRow[] | null }>,
  run: FairUseRun,
) {
  run.crossed += crossed.length;
  run.restored += restored.length;
  const ids = [...crossed, ...restored].map((f) => f.subscriptionId);
  const online = new Set((await openSessions(scope, ids)).map((s) => s.subscriptionId));
  for (const c of crossed) {
    if (!online.has(c.subscriptionId)) continue;
    const fairUse = actions.get(c.subscriptionId)?.fairUse;
    // Slowed down by CoA without dropping the session; cut off or walled garden by a Disconnect,
    // after which the login is refused or let into the garden by authorize.
    if (c.action === "THROTTLE" && fairUse) await change(scope, c, "coa", "FAIR_USE", fairUse);
    else await change(scope, c, "disconnect", c.action === "CAPTIVE" ? "CAPTIVE" : "QUOTA");
    run.changes++;
  }
  for (const r of restored) {
    // Refused subscribers have no session to change; a throttled one gets its full speed back by
    // CoA, a captive one is disconnected so that it logs in again outside the walled garden.
    if (!online.has(r.subscriptionId) || r.action === "DISCONNECT") continue;
    if (r.action === "THROTTLE") {
      const full = (await provisionedRows(scope, r.subscriptionId)).filter(
        (row) => row.kind === "reply" && SPEED_ATTRIBUTES.has(row.attribute),
      );
      await change(scope, r, "coa", "RESTORE", full);
    } else await change(scope, r, "disconnect", "RESTORE");
    run.changes++;
  }
}

async function change(
  scope: Scope,
  state: Flipped,
  action: "coa" | "disconnect",
  reason: CoaReason,
  attributes?: RadiusRow[],
) {
  await changeLiveSessions(scope, { subscriptionId: state.subscriptionId, action, reason, attributes });
  await scope.tx.fairUseState.update({ where: { id: state.id }, data: { changes: { increment: 1 } } });
}

/**
 * Free-window usage since the last run: for each open session of a subscriber whose policy has a
 * free window, the bytes between the last reading and now count as free when both readings fall
 * inside the window (company time). Readings are kept per session; closed sessions' are dropped.
 */
async function meterFreeUsage(scope: Scope, timeZone: string, now: Date): Promise<bigint> {
  const { tx, companyId } = scope;
  const windowed = await tx.subscription.findMany({
    where: { status: "ACTIVE", package: { bandwidthPolicy: { freeFromHour: { not: null } } } },
    select: {
      id: true,
      package: { select: { bandwidthPolicy: { select: { freeFromHour: true, freeToHour: true } } } },
    },
  });
  const sessions = await openSessions(
    scope,
    windowed.map((s) => s.id),
  );
  await tx.fairUseMeter.deleteMany({ where: { sessionId: { notIn: sessions.map((s) => s.id) } } });
  if (sessions.length === 0) return 0n;
  const windows = new Map(windowed.map((s) => [s.id, s.package.bandwidthPolicy!]));
  const last = new Map(
    (await tx.fairUseMeter.findMany({ where: { sessionId: { in: sessions.map((s) => s.id) } } })).map((m) => [
      m.sessionId,
      m,
    ]),
  );
  const hourOf = (at: Date) => Number(wallParts(at, timeZone).hour) % 24;
  const free = new Map<string, bigint>();
  for (const s of sessions) {
    const m = last.get(s.id);
    const w = windows.get(s.subscriptionId)!;
    const inside = (at: Date) => inFreeWindow(hourOf(at), w.freeFromHour, w.freeToHour);
    if (!m || s.bytes <= m.bytes || now.getTime() - m.seenAt.getTime() > MAX_METER_GAP_MS) continue;
    if (inside(m.seenAt) && inside(now))
      free.set(s.subscriptionId, (free.get(s.subscriptionId) ?? 0n) + s.bytes - m.bytes);
  }
  await tx.$executeRaw`
    INSERT INTO "FairUseMeter" ("sessionId", "companyId", "subscriptionId", bytes, "seenAt")
    SELECT t.id, ${companyId}, t.sub, t.bytes, ${now}
    FROM unnest(${sessions.map((s) => s.id)}::text[], ${sessions.map((s) => s.subscriptionId)}::text[],
      ${sessions.map((s) => s.bytes.toString())}::bigint[]) AS t(id, sub, bytes)
    ON CONFLICT ("sessionId") DO UPDATE SET bytes = EXCLUDED.bytes, "seenAt" = EXCLUDED."seenAt"`;
  let total = 0n;
  // UsageDaily's days are UTC dates: the free bytes go to the same day the accounting put them on.
  const day = now.toISOString().slice(0, 10);
  for (const [subscriptionId, bytes] of free) {
    total += bytes;
    await tx.$executeRaw`
      INSERT INTO "FreeUsageDaily" ("companyId", "subscriptionId", day, bytes)
      VALUES (${companyId}, ${subscriptionId}, ${day}::date, ${bytes.toString()}::bigint)
      ON CONFLICT ("subscriptionId", day) DO UPDATE SET bytes = "FreeUsageDaily".bytes + EXCLUDED.bytes`;
  }
  return total;
}
