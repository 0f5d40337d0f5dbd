import type { CycleAlignment } from "../../db/generated/prisma/enums";
import type { Tx } from "../../db/tenant";
import { newId } from "../../lib/ids";
import type { BilledCycle } from "../billing/periods";
import { toDateString } from "../subscriptions/dates";
import { periodContaining, previousPeriod, type CapPeriod } from "./period";

// A subscription's data allowance for a billing period: the package's cap, plus the top-ups
// bought for that period, plus what rolled over from the period before (packages with
// dataRollover). Everything here works on a batch of subscriptions with a fixed number of
// queries, so the usage-notice job costs the same few queries for 5 or 5,000 subscribers.
// Billing reads the same tables (DataTopUp, DataRollover) with SQL for overage: keep the two in step.

export const MIB = 1_048_576n;

export interface CappedSubscription {
  id: string;
  startDate: Date;
  cycle: BilledCycle;
  dataCapMb: number;
  dataRollover: boolean;
}

export interface Allowance {
  subscriptionId: string;
  period: CapPeriod;
  capMb: number;
  topUpMb: number;
  rolloverMb: number;
  /** cap + top-ups + rollover. */
  allowanceMb: number;
  usedBytes: bigint;
  /** Every started MB counts, as billing's overage counts it. */
  usedMb: number;
}

/** Started MiB of `bytes`. */
export const usedMbOf = (bytes: bigint): number => Number((bytes + MIB - 1n) / MIB);

/** The company's cycle alignment (billing settings; anniversary until the company saved its settings). */
export async function alignmentOf(tx: Tx): Promise<CycleAlignment> {
  const settings = await tx.billingSettings.findFirst({ select: { cycleAlignment: true } });
  return settings?.cycleAlignment ?? "ANNIVERSARY";
}

interface Span {
  id: string;
  start: Date;
  end: Date;
}

interface Measured {
  subscriptionId: string;
  usedBytes: bigint;
  topUpMb: number;
  rolloverMb: number;
}

/**
 * Usage, top-ups and rollover of each subscription in its span: one query for the whole batch.
 * Usage inside a bandwidth policy's free window (FreeUsageDaily, fair-use.ts) does not count.
 */
async function measure(tx: Tx, spans: Span[]): Promise<Map<string, Measured>> {
  if (spans.length === 0) return new Map();
  const rows = await tx.$queryRaw<Measured[]>`
    SELECT p.id AS "subscriptionId",
      GREATEST(0, COALESCE((SELECT sum(u."downloadBytes" + u."uploadBytes") FROM "UsageDaily" u
        WHERE u."subscriptionId" = p.id AND u.day BETWEEN p.s AND p.e), 0)
        - COALESCE((SELECT sum(f.bytes) FROM "FreeUsageDaily" f
        WHERE f."subscriptionId" = p.id AND f.day BETWEEN p.s AND p.e), 0))::bigint AS "usedBytes",
      COALESCE((SELECT sum(t.mb) FROM "DataTopUp" t
        WHERE t."subscriptionId" = p.id AND t."periodStart" BETWEEN p.s AND p.e), 0)::int AS "topUpMb",
      COALESCE((SELECT sum(r.mb) FROM "DataRollover" r
        WHERE r."subscriptionId" = p.id AND r."periodStart" BETWEEN p.s AND p.e), 0)::int AS "rolloverMb"
    FROM unnest(${spans.map((s) => s.id)}::text[], ${spans.map((s) => toDateString(s.start))}::date[],
      ${spans.map((s) => toDateString(s.end))}::date[]) AS p(id, s, e)`;
  return new Map(rows.map((r) => [r.subscriptionId, { ...r, usedBytes: BigInt(r.usedBytes) }]));
}

/**
 * Writes the rollover into the current period of each subscription whose package rolls data over,
 * once (unique per subscription and period): cap + top-ups − used of the previous period, never
 * negative. The previous period's own rollover is left out, so unused data lives one period only.
 */
export async function ensureRollovers(
  tx: Tx,
  companyId: string,
  subs: CappedSubscription[],
  day: Date,
  alignment: CycleAlignment,
): Promise<number> {
  const due = subs
    .filter((s) => s.dataRollover)
    .map((s) => {
      const cycle = { startDate: s.startDate, cycle: s.cycle, alignment };
      const current = periodContaining(day, cycle);
      return { sub: s, current, previous: previousPeriod(current, cycle) };
    })
    .filter((d): d is typeof d & { previous: CapPeriod } => d.previous !== null);
  if (due.length === 0) return 0;
  const existing = await tx.dataRollover.findMany({
    where: { subscriptionId: { in: due.map((d) => d.sub.id) } },
    select: { subscriptionId: true, periodStart: true },
  });
  const have = new Set(existing.map((r) => `${r.subscriptionId}|${toDateString(r.periodStart)}`));
  const missing = due.filter((d) => !have.has(`${d.sub.id}|${toDateString(d.current.start)}`));
  if (missing.length === 0) return 0;
  const before = await measure(
    tx,
    missing.map((d) => ({ id: d.sub.id, start: d.previous.start, end: d.previous.end })),
  );
  const { count } = await tx.dataRollover.createMany({
    data: missing.map((d) => {
      const m = before.get(d.sub.id);
      const unused = d.sub.dataCapMb + (m?.topUpMb ?? 0) - usedMbOf(m?.usedBytes ?? 0n);
      return {
        id: newId(),
        companyId,
        subscriptionId: d.sub.id,
        periodStart: d.current.start,
        fromStart: d.previous.start,
        fromEnd: d.previous.end,
        mb: Math.max(0, unused),
      };
    }),
    skipDuplicates: true,
  });
  return count;
}

/** The allowance and usage of each subscription in the period containing `day`. */
export async function allowancesOn(
  tx: Tx,
  companyId: string,
  subs: CappedSubscription[],
  day: Date,
  alignment: CycleAlignment,
): Promise<Allowance[]> {
  await ensureRollovers(tx, companyId, subs, day, alignment);
  const periods = new Map(
    subs.map((s) => [s.id, periodContaining(day, { startDate: s.startDate, cycle: s.cycle, alignment })]),
  );
  const measured = await measure(
    tx,
    subs.map((s) => ({ id: s.id, ...periods.get(s.id)! })),
  );
  return subs.map((s) => {
    const m = measured.get(s.id);
    const topUpMb = m?.topUpMb ?? 0;
    const rolloverMb = m?.rolloverMb ?? 0;
    const usedBytes = m?.usedBytes ?? 0n;
    return {
      subscriptionId: s.id,
      period: periods.get(s.id)!,
      capMb: s.dataCapMb,
      topUpMb,
      rolloverMb,
      allowanceMb: s.dataCapMb + topUpMb + rolloverMb,
      usedBytes,
      usedMb: usedMbOf(usedBytes),
    };
  });
}
