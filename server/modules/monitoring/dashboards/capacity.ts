import type { z } from "zod";
import type { Scope } from "../../scope";
import { CAPACITY_THRESHOLD, capacitySchema } from "../dashboards.schema";

// Capacity planning: for every uplink (an interface that reports its speed, ifHighSpeed), the trend
// of its daily peak utilization and the day that trend crosses 80 % of the link.
//
// The data. Day i's peak utilization is y_i = max(inBpsMax, outBpsMax) of the interface's daily
// rollup (the busiest 5-minute sample of the UTC day, in the busier direction) divided by its speed
// (speedMbps × 10^6 bits/s). The window is the last N complete UTC days (today, still under way,
// is left out: its peak so far is no day's peak). x_i is the day's number counted from the first
// day of the window (0, 1, 2, …); days without samples are left out, not counted as zero.
//
// The trend. An ordinary least-squares line y = a + b·x through the n points (n ≥ 3):
//   x̄ = Σx_i / n,   ȳ = Σy_i / n
//   b = Σ(x_i − x̄)(y_i − ȳ) / Σ(x_i − x̄)²      (utilization per day)
//   a = ȳ − b·x̄
// With fewer than three days, or every point on the same day, there is no trend (NOT_ENOUGH_DATA).
//
// The projection, from the latest day with data, x_L, whose trend value is y_L = a + b·x_L:
//   - y_L ≥ 0.8                → ABOVE: the trend is already at or over 80 %.
//   - b ≤ 0                    → NOT_RISING: flat or falling, it never gets there on this trend.
//   - x* = (0.8 − a) / b       → the trend reaches 80 % x* − x_L days after the latest day;
//     more than horizonDays    → NOT_WITHIN (the horizon, 365 days by default);
//     else                     → CROSSES on day x_L + ⌈x* − x_L⌉ (a UTC date; the first whole day
//                                  at or past the crossing).
//
// Worked example (capacity.test.ts): peaks of 500, 520, 540, 560, 580 Mb/s on a 1 Gb/s uplink on
// days 0–4 give b = 0.02, a = 0.5, x* = (0.8 − 0.5) / 0.02 = 15: 11 days after the latest day.

const DAY_MS = 86_400_000;

export type CapacityStatus = "NOT_ENOUGH_DATA" | "ABOVE" | "NOT_RISING" | "NOT_WITHIN" | "CROSSES";

export interface Fit {
  n: number;
  /** Utilization (fraction of the speed) at x = 0. */
  intercept: number;
  /** Utilization per day. */
  slope: number;
}

/** The least-squares line through (x, y), or null with fewer than three points or one distinct x. */
export function fitLine(points: readonly { x: number; y: number }[]): Fit | null {
  const n = points.length;
  if (n < 3) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { n, slope, intercept: my - slope * mx };
}

export interface Projection {
  status: CapacityStatus;
  /** The trend's value on the latest day with data. */
  trendNow: number | null;
  /** Days after the latest day with data until the trend reaches the threshold (CROSSES only). */
  daysToThreshold: number | null;
}

/** Where the trend stands against the threshold, seen from day lastX (see the top of this file). */
export function project(
  fit: Fit | null,
  lastX: number,
  horizonDays: number,
  threshold = CAPACITY_THRESHOLD,
): Projection {
  if (!fit) return { status: "NOT_ENOUGH_DATA", trendNow: null, daysToThreshold: null };
  const trendNow = fit.intercept + fit.slope * lastX;
  if (trendNow >= threshold) return { status: "ABOVE", trendNow, daysToThreshold: null };
  if (fit.slope <= 0) return { status: "NOT_RISING", trendNow, daysToThreshold: null };
  const days = (threshold - fit.intercept) / fit.slope - lastX;
  if (days > horizonDays) return { status: "NOT_WITHIN", trendNow, daysToThreshold: null };
  // Rounded to nine decimals before the ceiling, so floating-point noise (11.000000000000002) does
  // not move the date a whole day.
  return { status: "CROSSES", trendNow, daysToThreshold: Math.ceil(Math.round(days * 1e9) / 1e9) };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every uplink's daily peaks over the last `days` complete UTC days (not today), trend and projection. */
export async function capacity(scope: Scope, input: z.input<typeof capacitySchema>, now = new Date()) {
  const q = capacitySchema.parse(input);
  // Complete UTC days only: today's peak so far (a morning's) would drag the trend down.
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const start = today - q.days * DAY_MS;
  const uplinks = await scope.tx.interfaceCounter.findMany({
    where: { speedMbps: { gt: 0 } },
    select: {
      deviceId: true,
      ifIndex: true,
      ifName: true,
      interfaceId: true,
      speedMbps: true,
      device: { select: { name: true, site: { select: { name: true } } } },
    },
    orderBy: [{ deviceId: "asc" }, { ifIndex: "asc" }],
  });
  const rollups = uplinks.length
    ? await scope.tx.interfaceRollup.findMany({
        where: {
          resolution: "DAY",
          bucket: { gte: new Date(start), lt: new Date(today) },
          deviceId: { in: [...new Set(uplinks.map((u) => u.deviceId))] },
        },
        select: { deviceId: true, ifIndex: true, bucket: true, inBpsMax: true, outBpsMax: true },
        orderBy: { bucket: "asc" },
      })
    : [];
  const peaks = new Map<string, { day: number; peakBps: number }[]>();
  for (const r of rollups) {
    const peak = Math.max(r.inBpsMax ?? -1, r.outBpsMax ?? -1);
    if (peak < 0) continue;
    const key = `${r.deviceId}|${r.ifIndex}`;
    const list = peaks.get(key) ?? [];
    list.push({ day: r.bucket.getTime(), peakBps: peak });
    peaks.set(key, list);
  }
  const rows = uplinks.map((u) => {
    const speedBps = u.speedMbps! * 1e6;
    const days = peaks.get(`${u.deviceId}|${u.ifIndex}`) ?? [];
    const points = days.map((d) => ({ x: Math.round((d.day - start) / DAY_MS), y: d.peakBps / speedBps }));
    const fit = fitLine(points);
    const lastX = points.at(-1)?.x ?? 0;
    const p = project(fit, lastX, q.horizonDays);
    return {
      deviceId: u.deviceId,
      deviceName: u.device.name,
      siteName: u.device.site?.name ?? null,
      ifIndex: u.ifIndex,
      ifName: u.ifName,
      interfaceId: u.interfaceId,
      speedMbps: u.speedMbps!,
      days: days.map((d, i) => ({
        day: isoDay(d.day),
        peakBps: d.peakBps,
        utilization: points[i]!.y,
        trend: fit ? fit.intercept + fit.slope * points[i]!.x : null,
      })),
      latestPeak: points.at(-1)?.y ?? null,
      /** Utilization per 30 days, from the trend. */
      slopePer30Days: fit ? fit.slope * 30 : null,
      ...p,
      crossesOn:
        p.status === "CROSSES" && p.daysToThreshold !== null
          ? isoDay(start + (lastX + p.daysToThreshold) * DAY_MS)
          : null,
    };
  });
  // The most urgent first: above, then by crossing date, then the rest by their latest peak.
  const rank = (s: CapacityStatus) => ["ABOVE", "CROSSES", "NOT_WITHIN", "NOT_RISING", "NOT_ENOUGH_DATA"].indexOf(s);
  rows.sort(
    (a, b) =>
      rank(a.status) - rank(b.status) ||
      (a.crossesOn ?? "").localeCompare(b.crossesOn ?? "") ||
      (b.latestPeak ?? -1) - (a.latestPeak ?? -1) ||
      a.deviceName.localeCompare(b.deviceName) ||
      a.ifIndex - b.ifIndex,
  );
  return {
    days: q.days,
    horizonDays: q.horizonDays,
    threshold: CAPACITY_THRESHOLD,
    from: isoDay(start),
    to: isoDay(today - DAY_MS),
    uplinks: rows,
  };
}
