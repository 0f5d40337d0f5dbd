import type { z } from "zod";
import { Prisma } from "../../../db/generated/prisma/client";
import { NotFound } from "../../../lib/errors";
import type { Scope } from "../../scope";
import { companyTimeZone, HOURS_OF_DAY, pastPart, resolutionFor } from "./period";
import { bandwidthSchema } from "../dashboards.schema";

// Bandwidth over time for the whole network, a site, a device or one interface, from the
// interface rollups, and its peak hours on the company's clock.
//
// - One interface: its own average and peak bits/s per bucket.
// - A device, a site or the network: the sum over every polled interface in it. Traffic that
//   crosses a device enters one port and leaves another, so a sum counts it once per port it
//   crosses: compare such figures with each other over time, and read one interface (an uplink)
//   for what a link carries. The "peak" of a sum is the sum of the interfaces' peaks in the
//   bucket: an upper bound, since they need not peak at the same moment.
// - Peak hours: the average of the hourly rollups per hour of the day on the company's clock
//   (hour buckets are UTC hours; in a zone whose offset is not whole hours, a bucket is counted
//   in the local hour it starts in). Only the last 90 days have hourly rollups.

export interface BandwidthPoint {
  at: Date;
  inBps: number | null;
  outBps: number | null;
  inPeakBps: number | null;
  outPeakBps: number | null;
}

interface Row {
  at: Date;
  inBps: number | null;
  outBps: number | null;
  inPeakBps: number | null;
  outPeakBps: number | null;
}

function filterOf(scope: Scope, q: z.output<typeof bandwidthSchema>) {
  const parts = [Prisma.sql`r."companyId" = ${scope.companyId}`];
  if (q.deviceId) parts.push(Prisma.sql`r."deviceId" = ${q.deviceId}`);
  if (q.ifIndex !== undefined) parts.push(Prisma.sql`r."ifIndex" = ${q.ifIndex}`);
  if (q.siteId) parts.push(Prisma.sql`r."deviceId" IN (SELECT d.id FROM "Device" d WHERE d."siteId" = ${q.siteId})`);
  return Prisma.join(parts, " AND ");
}

async function mustExist(scope: Scope, q: z.output<typeof bandwidthSchema>) {
  if (q.siteId && !(await scope.tx.site.findUnique({ where: { id: q.siteId }, select: { id: true } })))
    throw new NotFound("Site");
  if (q.deviceId && !(await scope.tx.device.findUnique({ where: { id: q.deviceId }, select: { id: true } })))
    throw new NotFound("Device");
}

export async function bandwidth(scope: Scope, input: z.input<typeof bandwidthSchema>, now = new Date()) {
  const q = bandwidthSchema.parse(input);
  await mustExist(scope, q);
  const { from, to } = pastPart(q.from, q.to, now);
  const resolution = resolutionFor(from, to, now);
  const where = filterOf(scope, q);
  const timeZone = await companyTimeZone(scope);

  const points = await scope.tx.$queryRaw<Row[]>`
    SELECT r.bucket AS at,
      SUM(CASE WHEN r."rateSamples" > 0 THEN r."inBpsSum" / r."rateSamples" END) AS "inBps",
      SUM(CASE WHEN r."rateSamples" > 0 THEN r."outBpsSum" / r."rateSamples" END) AS "outBps",
      SUM(r."inBpsMax") AS "inPeakBps",
      SUM(r."outBpsMax") AS "outPeakBps"
    FROM "InterfaceRollup" r
    WHERE ${where} AND r.resolution = ${resolution}::"RollupResolution"
      AND r.bucket >= ${from} AND r.bucket < ${to}
    GROUP BY r.bucket
    ORDER BY r.bucket`;

  const hourly = await scope.tx.$queryRaw<{ hour: number; inBps: number | null; outBps: number | null }[]>`
    SELECT EXTRACT(HOUR FROM t.bucket AT TIME ZONE ${timeZone})::int AS hour,
      AVG(t."inBps") AS "inBps", AVG(t."outBps") AS "outBps"
    FROM (
      SELECT r.bucket,
        SUM(CASE WHEN r."rateSamples" > 0 THEN r."inBpsSum" / r."rateSamples" END) AS "inBps",
        SUM(CASE WHEN r."rateSamples" > 0 THEN r."outBpsSum" / r."rateSamples" END) AS "outBps"
      FROM "InterfaceRollup" r
      WHERE ${where} AND r.resolution = 'HOUR'::"RollupResolution" AND r.bucket >= ${from} AND r.bucket < ${to}
      GROUP BY r.bucket
    ) t
    WHERE t."inBps" IS NOT NULL OR t."outBps" IS NOT NULL
    GROUP BY 1`;
  const byHour = new Map(hourly.map((h) => [h.hour, h]));
  const peakHours = HOURS_OF_DAY.map((hour) => ({
    hour,
    inBps: byHour.get(hour)?.inBps ?? null,
    outBps: byHour.get(hour)?.outBps ?? null,
  }));
  const total = (h: { inBps: number | null; outBps: number | null }) => (h.inBps ?? 0) + (h.outBps ?? 0);
  const busiest = peakHours
    .filter((h) => h.inBps !== null || h.outBps !== null)
    .sort((a, b) => total(b) - total(a) || a.hour - b.hour)[0];

  // The busiest bucket of the period, by the larger direction's peak (else its average).
  let peak: { at: Date; bps: number; direction: "in" | "out" } | null = null;
  for (const p of points) {
    for (const [direction, v] of [
      ["in", p.inPeakBps ?? p.inBps],
      ["out", p.outPeakBps ?? p.outBps],
    ] as const)
      if (v !== null && (peak === null || v > peak.bps)) peak = { at: p.at, bps: v, direction };
  }
  return {
    resolution,
    from,
    to,
    timeZone,
    points: points as BandwidthPoint[],
    peak,
    peakHours,
    /** The hour of the day (company clock) with the most traffic on average; null without hourly data. */
    busiestHour: busiest?.hour ?? null,
  };
}

/** What the bandwidth chart can be narrowed to: sites with polled devices, polled devices and their interfaces. */
export async function targets(scope: Scope) {
  const counters = await scope.tx.interfaceCounter.findMany({
    select: {
      deviceId: true,
      ifIndex: true,
      ifName: true,
      speedMbps: true,
      device: { select: { name: true, site: { select: { id: true, name: true } } } },
    },
    orderBy: [{ deviceId: "asc" }, { ifIndex: "asc" }],
  });
  const devices = new Map<
    string,
    {
      id: string;
      name: string;
      siteId: string | null;
      interfaces: { ifIndex: number; name: string; speedMbps: number | null }[];
    }
  >();
  const sites = new Map<string, { id: string; name: string }>();
  for (const c of counters) {
    let d = devices.get(c.deviceId);
    if (!d) {
      d = { id: c.deviceId, name: c.device.name, siteId: c.device.site?.id ?? null, interfaces: [] };
      devices.set(c.deviceId, d);
    }
    d.interfaces.push({ ifIndex: c.ifIndex, name: c.ifName, speedMbps: c.speedMbps });
    if (c.device.site) sites.set(c.device.site.id, c.device.site);
  }
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  return { sites: [...sites.values()].sort(byName), devices: [...devices.values()].sort(byName) };
}
