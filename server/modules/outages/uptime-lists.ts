import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import { pageOf } from "../../lib/schema";
import { customerDisplayName } from "../customers/schema";
import type { Scope } from "../scope";
import { outageLabel, serviceQualitySchema, uptimeByDeviceSchema } from "./schema";
import { uptimeOf } from "./uptime";

// The uptime pages: every device, and every customer's line, that an outage took down in a
// period, with its uptime (uptime.ts's rule: outages merged, clipped to the period, an open one
// runs to now), worst first. Whatever no outage touched was up the whole period: the lists say
// how many, and do not page through them.
//
// Service quality per customer is the same per subscription, against the uptime its package
// promises (Package.slaUptimeBps; none: no promise, shown without a verdict).

const overlapping = (from: Date, to: Date): Prisma.OutageWhereInput => ({
  startedAt: { lt: to },
  OR: [{ resolvedAt: null }, { resolvedAt: { gt: from } }],
});

export async function uptimeByDevice(scope: Scope, input: z.input<typeof uptimeByDeviceSchema>, now = new Date()) {
  const q = uptimeByDeviceSchema.parse(input);
  const deviceWhere: Prisma.DeviceWhereInput = q.q ? { name: { contains: q.q, mode: "insensitive" } } : {};
  const outages = await scope.tx.outage.findMany({
    where: { ...overlapping(q.from, q.to), deviceId: { not: null }, device: deviceWhere },
    select: {
      id: true,
      number: true,
      startedAt: true,
      resolvedAt: true,
      device: {
        select: { id: true, name: true, site: { select: { name: true } }, deviceType: { select: { role: true } } },
      },
    },
    orderBy: { startedAt: "asc" },
  });
  const byDevice = new Map<string, { device: NonNullable<(typeof outages)[number]["device"]>; list: typeof outages }>();
  for (const o of outages) {
    const e = byDevice.get(o.device!.id) ?? { device: o.device!, list: [] };
    e.list.push(o);
    byDevice.set(o.device!.id, e);
  }
  const rows = [...byDevice.values()]
    .map(({ device, list }) => ({
      deviceId: device.id,
      name: device.name,
      role: device.deviceType.role,
      siteName: device.site?.name ?? null,
      ...uptimeOf(
        list.map((o) => ({ start: o.startedAt, end: o.resolvedAt })),
        q.from,
        q.to,
        now,
      ),
      outages: list.length,
      lastOutage: { id: list.at(-1)!.id, label: outageLabel(list.at(-1)!.number) },
    }))
    .sort((a, b) => a.uptimeBps - b.uptimeBps || a.name.localeCompare(b.name));
  const devices = await scope.tx.device.count({ where: { ...deviceWhere, status: { not: "DECOMMISSIONED" } } });
  return {
    ...pageOf(rows.length, q.page, q.pageSize),
    rows: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
    /** Devices (not decommissioned, matching the search) that no outage touched in the period. */
    upThroughout: Math.max(0, devices - rows.length),
  };
}

export async function serviceQuality(scope: Scope, input: z.input<typeof serviceQualitySchema>, now = new Date()) {
  const q = serviceQualitySchema.parse(input);
  const asNumber = q.q && /^\d{1,9}$/.test(q.q) ? Number(q.q) : null;
  const customerWhere: Prisma.CustomerWhereInput = q.q
    ? {
        OR: [
          { firstName: { contains: q.q, mode: "insensitive" } },
          { lastName: { contains: q.q, mode: "insensitive" } },
          { businessName: { contains: q.q, mode: "insensitive" } },
          ...(asNumber !== null ? [{ accountNumber: asNumber }] : []),
        ],
      }
    : {};
  const hits = await scope.tx.outageCustomer.findMany({
    where: { online: false, outage: overlapping(q.from, q.to), customer: customerWhere },
    select: {
      subscriptionId: true,
      outage: { select: { startedAt: true, resolvedAt: true } },
      customer: {
        select: { id: true, accountNumber: true, type: true, firstName: true, lastName: true, businessName: true },
      },
      subscription: { select: { package: { select: { name: true, slaUptimeBps: true } } } },
    },
  });
  const bySub = new Map<string, { hit: (typeof hits)[number]; intervals: { start: Date; end: Date | null }[] }>();
  for (const h of hits) {
    const e = bySub.get(h.subscriptionId) ?? { hit: h, intervals: [] };
    e.intervals.push({ start: h.outage.startedAt, end: h.outage.resolvedAt });
    bySub.set(h.subscriptionId, e);
  }
  const all = [...bySub.entries()].map(([subscriptionId, { hit, intervals }]) => {
    const u = uptimeOf(intervals, q.from, q.to, now);
    const targetBps = hit.subscription.package.slaUptimeBps;
    return {
      subscriptionId,
      customerId: hit.customer.id,
      accountNumber: hit.customer.accountNumber,
      customerName: customerDisplayName(hit.customer),
      packageName: hit.subscription.package.name,
      targetBps,
      ...u,
      outages: intervals.length,
      /** null: the package promises no uptime. */
      met: targetBps === null ? null : u.uptimeBps >= targetBps,
    };
  });
  const rows = all
    .filter((r) => !q.belowSla || r.met === false)
    .sort(
      (a, b) =>
        Number(a.met !== false) - Number(b.met !== false) ||
        a.uptimeBps - b.uptimeBps ||
        a.accountNumber - b.accountNumber,
    );
  const lines = await scope.tx.subscription.count({
    where: { status: { in: ["ACTIVE", "SUSPENDED"] }, customer: customerWhere },
  });
  return {
    ...pageOf(rows.length, q.page, q.pageSize),
    rows: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
    belowSla: all.filter((r) => r.met === false).length,
    /** Active or suspended lines (matching the search) that no outage touched in the period. */
    upThroughout: Math.max(0, lines - all.length),
  };
}
