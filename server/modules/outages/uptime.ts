import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import { customerDisplayName } from "../customers/schema";
import type { Scope } from "../scope";
import { creditFor } from "./compensation";
import { slaReportSchema, uptimeSchema } from "./schema";

// Uptime over a period, from the outages: a device is down from an outage's start to its
// resolution (or now, while open); a customer is down while an outage they were affected by
// (not online) was open. Overlapping outages count once (the intervals are merged), and a
// period still running ends now: the future is not uptime.

export interface Interval {
  start: Date;
  end: Date | null;
}

/** Seconds down within [from, to) and the uptime in basis points (10000 = 100%). */
export function uptimeOf(intervals: readonly Interval[], from: Date, to: Date, now = new Date()) {
  const end = Math.min(to.getTime(), now.getTime());
  const start = from.getTime();
  const periodMs = Math.max(0, end - start);
  const clipped = intervals
    .map((i) => [Math.max(i.start.getTime(), start), Math.min(i.end?.getTime() ?? end, end)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let downMs = 0;
  let cursor = -Infinity;
  for (const [a, b] of clipped) {
    const from_ = Math.max(a, cursor);
    if (b > from_) downMs += b - from_;
    cursor = Math.max(cursor, b);
  }
  const uptimeBps = periodMs === 0 ? 10_000 : Math.floor(((periodMs - downMs) * 10_000) / periodMs);
  return { periodSeconds: Math.round(periodMs / 1000), downSeconds: Math.round(downMs / 1000), uptimeBps };
}

const overlapping = (from: Date, to: Date): Prisma.OutageWhereInput => ({
  startedAt: { lt: to },
  OR: [{ resolvedAt: null }, { resolvedAt: { gt: from } }],
});

export async function uptime(scope: Scope, input: z.input<typeof uptimeSchema>, now = new Date()) {
  const q = uptimeSchema.parse(input);
  const where: Prisma.OutageWhereInput = q.deviceId
    ? { ...overlapping(q.from, q.to), deviceId: q.deviceId }
    : { ...overlapping(q.from, q.to), customers: { some: { customerId: q.customerId, online: false } } };
  const outages = await scope.tx.outage.findMany({
    where,
    select: { id: true, number: true, startedAt: true, resolvedAt: true },
    orderBy: { startedAt: "asc" },
  });
  return {
    ...uptimeOf(
      outages.map((o) => ({ start: o.startedAt, end: o.resolvedAt })),
      q.from,
      q.to,
      now,
    ),
    outages: outages.length,
  };
}

/**
 * The SLA credit report: every line of a business customer whose package promises an uptime
 * (slaUptimeBps), its uptime in the period from the outages that affected it, whether the promise
 * was kept, and for a broken one the credit its downtime is worth at the line's price.
 */
export async function slaReport(scope: Scope, input: z.input<typeof slaReportSchema>, now = new Date()) {
  const q = slaReportSchema.parse(input);
  const lines = await scope.tx.subscription.findMany({
    where: {
      status: { not: "TERMINATED" },
      customer: { type: "BUSINESS" },
      package: { slaUptimeBps: { not: null } },
    },
    select: {
      id: true,
      quantity: true,
      customer: {
        select: { id: true, accountNumber: true, type: true, firstName: true, lastName: true, businessName: true },
      },
      package: {
        select: { name: true, slaUptimeBps: true, priceMinor: true, billingCycle: true, validityMinutes: true },
      },
      outages: {
        where: { online: false, outage: overlapping(q.from, q.to) },
        select: { outage: { select: { startedAt: true, resolvedAt: true } } },
      },
    },
    orderBy: [{ customer: { accountNumber: "asc" } }, { createdAt: "asc" }],
  });
  return lines.map((l) => {
    const u = uptimeOf(
      l.outages.map((o) => ({ start: o.outage.startedAt, end: o.outage.resolvedAt })),
      q.from,
      q.to,
      now,
    );
    const target = l.package.slaUptimeBps!;
    const met = u.uptimeBps >= target;
    return {
      subscriptionId: l.id,
      customerId: l.customer.id,
      accountNumber: l.customer.accountNumber,
      customerName: customerDisplayName(l.customer),
      packageName: l.package.name,
      targetBps: target,
      ...u,
      outages: l.outages.length,
      met,
      creditMinor: met ? 0 : creditFor(l.package, l.quantity, u.downSeconds / 86_400),
    };
  });
}
