// Fourteen days of monitoring for the demo network, so the dashboards (Network → Monitoring) and the
// uptime pages show something before any real device is polled:
// - interface rollups (hourly for 14 days, 5-minute for the last day, daily) of the core's WAN
//   uplink (its evening peaks grow towards 80 % of 1 Gb/s: capacity planning gives a date), the
//   core's links to the two aggregation switches, and the Westlands switch's link to the OLT;
// - reachability and device rollups (the access point answers ping only: latency and loss);
// - RADIUS sessions (evenings and some daytime) and hourly usage per subscription, with most lines
//   online now (not the portal's demo customers, whom other journeys suspend and restore);
// - one automatic outage of agg-westlands three days ago (2 h 35 min), through the outages module's
//   own hold-down, so uptime, service quality and the SLA credit report have something to say.
// Shapes follow Nairobi evenings (peak 21:00 local, 18:00 UTC). Deterministic; runs once (it does
// nothing when the company has interface rollups already).
import { withTenant, type Tx } from "../server/db/tenant";
import { newId } from "../server/lib/ids";
import { recordReachability } from "../server/modules/outages/reachability";
import type { Scope } from "../server/modules/scope";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAYS = 14;

/** A repeatable number in [0, 1) from a few integers. */
function noise(...keys: number[]): number {
  let h = 2166136261;
  for (const k of keys) h = Math.imul(h ^ (k & 0xffffffff), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

/** Share of the evening peak at a UTC hour (Nairobi = UTC+3): low before dawn, a lunch bump, the evening. */
function shape(utcHour: number): number {
  const local = (utcHour + 3) % 24;
  const evening = Math.exp(-((local - 21) ** 2) / (2 * 2.5 ** 2));
  const lunch = Math.exp(-((local - 13) ** 2) / (2 * 2 ** 2));
  return Math.min(1, 0.22 + 0.78 * evening + 0.25 * lunch);
}

interface Uplink {
  device: string;
  ifIndex: number;
  name: string;
  speedMbps: number;
  /** Evening peak in Mb/s on the first day and on the last. */
  peakFirst: number;
  peakLast: number;
}

const UPLINKS: Uplink[] = [
  { device: "core-1", ifIndex: 1, name: "ether1", speedMbps: 1000, peakFirst: 540, peakLast: 700 },
  { device: "core-1", ifIndex: 2, name: "sfp-sfpplus1", speedMbps: 10_000, peakFirst: 380, peakLast: 395 },
  { device: "core-1", ifIndex: 3, name: "sfp-sfpplus2", speedMbps: 10_000, peakFirst: 160, peakLast: 150 },
  { device: "agg-westlands", ifIndex: 2, name: "sfp-sfpplus2", speedMbps: 1000, peakFirst: 300, peakLast: 330 },
];

export async function seedMonitoring(companyId: string, now = new Date()): Promise<void> {
  const done = await withTenant(companyId, (tx) => tx.interfaceRollup.count());
  if (done > 0) return;
  const end = Math.floor(now.getTime() / HOUR) * HOUR; // the current hour's start
  const start = end - DAYS * DAY;
  const scope = (tx: Tx): Scope => ({ tx, companyId, actor: { type: "SYSTEM", label: "seed" } });

  const devices = await withTenant(companyId, (tx) =>
    tx.device.findMany({
      where: { name: { in: ["core-1", "agg-westlands", "olt-westlands", "ap-kilimani-sector1"] } },
      select: { id: true, name: true, interfaces: { select: { id: true, name: true } } },
    }),
  );
  const byName = new Map(devices.map((d) => [d.name, d]));
  if (!byName.has("core-1")) return; // the demo network is not there

  // The outage first: customers with a live session when it opens count as online, not affected.
  const agg = byName.get("agg-westlands");
  if (agg) {
    const t = end - 3 * DAY - 6 * HOUR; // three days ago, 15:00 UTC (18:00 in Nairobi)
    await withTenant(companyId, async (tx) => {
      await recordReachability(scope(tx), { deviceId: agg.id, up: true, at: new Date(t - 5 * 60_000), latencyMs: 1.1 });
      await recordReachability(scope(tx), { deviceId: agg.id, up: false, at: new Date(t) });
      await recordReachability(scope(tx), { deviceId: agg.id, up: false, at: new Date(t + 5 * 60_000) });
      await recordReachability(scope(tx), {
        deviceId: agg.id,
        up: true,
        at: new Date(t + 155 * 60_000),
        latencyMs: 1.2,
      });
    });
  }

  await withTenant(companyId, async (tx) => {
    // Interfaces: counters (name and speed), then hourly, 5-minute and daily rollups.
    for (const u of UPLINKS) {
      const d = byName.get(u.device);
      if (!d) continue;
      const interfaceId = d.interfaces.find((i) => i.name === u.name)?.id ?? null;
      await tx.interfaceCounter.create({
        data: {
          companyId,
          deviceId: d.id,
          ifIndex: u.ifIndex,
          ifName: u.name,
          interfaceId,
          at: new Date(end),
          sysUpTimeCs: 360_000_000n,
          inOctets: 0,
          outOctets: 0,
          operStatus: 1,
          speedMbps: u.speedMbps,
        },
      });
      const hourly = [];
      const days = new Map<number, { sumIn: number; sumOut: number; maxIn: number; maxOut: number; n: number }>();
      const fiveMinutes = [];
      for (let t = start; t < end; t += HOUR) {
        const dayIndex = (t - start) / DAY;
        const peak = (u.peakFirst + ((u.peakLast - u.peakFirst) * dayIndex) / DAYS) * 1e6;
        const hour = new Date(t).getUTCHours();
        const inBps = peak * shape(hour) * (0.9 + 0.1 * noise(u.ifIndex, t / HOUR));
        const outBps = inBps * 0.12;
        const inMax = inBps * (1.04 + 0.06 * noise(u.ifIndex, t / HOUR, 7));
        const outMax = outBps * 1.1;
        hourly.push({
          companyId,
          deviceId: d.id,
          ifIndex: u.ifIndex,
          resolution: "HOUR" as const,
          bucket: new Date(t),
          interfaceId,
          samples: 12,
          upSamples: 12,
          rateSamples: 12,
          inBpsSum: inBps * 12,
          outBpsSum: outBps * 12,
          inBpsMax: inMax,
          outBpsMax: outMax,
          inErrors: 0n,
          outErrors: 0n,
        });
        const day = Math.floor(t / DAY) * DAY;
        const acc = days.get(day) ?? { sumIn: 0, sumOut: 0, maxIn: 0, maxOut: 0, n: 0 };
        acc.sumIn += inBps * 12;
        acc.sumOut += outBps * 12;
        acc.maxIn = Math.max(acc.maxIn, inMax);
        acc.maxOut = Math.max(acc.maxOut, outMax);
        acc.n += 12;
        days.set(day, acc);
        if (t >= end - DAY)
          for (let m = 0; m < 12; m++) {
            const v = inBps * (0.95 + 0.1 * noise(u.ifIndex, t / HOUR, m));
            fiveMinutes.push({
              companyId,
              deviceId: d.id,
              ifIndex: u.ifIndex,
              resolution: "FIVE_MINUTES" as const,
              bucket: new Date(t + m * 5 * 60_000),
              interfaceId,
              samples: 1,
              upSamples: 1,
              rateSamples: 1,
              inBpsSum: v,
              outBpsSum: v * 0.12,
              inBpsMax: v,
              outBpsMax: v * 0.12,
              inErrors: 0n,
              outErrors: 0n,
            });
          }
      }
      const daily = [...days].map(([day, a]) => ({
        companyId,
        deviceId: d.id,
        ifIndex: u.ifIndex,
        resolution: "DAY" as const,
        bucket: new Date(day),
        interfaceId,
        samples: a.n,
        upSamples: a.n,
        rateSamples: a.n,
        inBpsSum: a.sumIn,
        outBpsSum: a.sumOut,
        inBpsMax: a.maxIn,
        outBpsMax: a.maxOut,
        inErrors: 0n,
        outErrors: 0n,
      }));
      await tx.interfaceRollup.createMany({ data: [...hourly, ...fiveMinutes, ...daily] });
    }

    // Devices: up now; the access point is pinged (no SNMP), with evening latency and some loss.
    for (const d of devices) {
      const pinged = d.name.startsWith("ap-");
      await tx.deviceReachability.create({
        data: {
          deviceId: d.id,
          companyId,
          up: true,
          via: pinged ? "ICMP" : "SNMP",
          polledAt: new Date(end),
          lastSeenAt: new Date(end),
          latencyMs: pinged ? 6.4 : null,
          lossPercent: pinged ? 0 : null,
          sysDescr: pinged ? null : "RouterOS 7.16",
        },
      });
      const rows = [];
      for (let t = start; t < end; t += HOUR) {
        const down =
          d.name === "agg-westlands" && t >= end - 3 * DAY - 6 * HOUR && t < end - 3 * DAY - 6 * HOUR + 155 * 60_000;
        const up = down ? 0 : 12;
        const latency = pinged ? 3 + 9 * shape(new Date(t).getUTCHours()) + 2 * noise(9, t / HOUR) : 0;
        const loss = pinged && shape(new Date(t).getUTCHours()) > 0.9 ? 4 * noise(3, t / HOUR) : 0;
        const base = { companyId, deviceId: d.id, bucket: new Date(t), samples: 12, upSamples: up };
        const ping = pinged
          ? {
              latencySamples: 12,
              latencySumMs: latency * 12,
              latencyMaxMs: latency * 1.6,
              lossPercentSum: loss * 12,
              lossSamples: 12,
            }
          : { latencySamples: 0, latencySumMs: 0, latencyMaxMs: null, lossPercentSum: 0, lossSamples: 0 };
        rows.push({ ...base, ...ping, resolution: "HOUR" as const });
        if (t >= end - DAY)
          for (let m = 0; m < 12; m++)
            rows.push({
              ...base,
              bucket: new Date(t + m * 5 * 60_000),
              samples: 1,
              upSamples: up ? 1 : 0,
              latencySamples: pinged ? 1 : 0,
              latencySumMs: latency,
              latencyMaxMs: pinged ? latency * 1.3 : null,
              lossPercentSum: loss,
              lossSamples: pinged ? 1 : 0,
              resolution: "FIVE_MINUTES" as const,
            });
      }
      await tx.deviceRollup.createMany({ data: rows });
    }

    // Sessions and hourly usage of the active lines with a PPPoE login.
    const lines = await tx.subscription.findMany({
      where: { status: "ACTIVE", pppoeUsername: { not: null } },
      select: { id: true, pppoeUsername: true, customer: { select: { user: { select: { id: true } } } } },
      orderBy: { createdAt: "asc" },
    });
    const sessions = [];
    const usage = [];
    for (const [i, line] of lines.entries()) {
      const username = line.pppoeUsername!;
      for (let day = 0; day < DAYS; day++) {
        const dayStart = start + day * DAY;
        // Evening: from 14–16 UTC (17–19 local) to 20–22 UTC; some lines also 06–11 UTC.
        const eveningFrom =
          dayStart + (14 + Math.floor(3 * noise(i, day, 1))) * HOUR + Math.floor(60 * noise(i, day, 2)) * 60_000;
        const eveningTo = dayStart + (20 + Math.floor(3 * noise(i, day, 3))) * HOUR;
        const spans: [number, number][] = [[eveningFrom, eveningTo]];
        if (noise(i, day, 4) < 0.5)
          spans.push([dayStart + 6 * HOUR, dayStart + (9 + Math.floor(3 * noise(i, day, 5))) * HOUR]);
        for (const [k, [from, to]] of spans.entries()) {
          if (from >= end) continue;
          sessions.push({
            id: newId(),
            companyId,
            acctSessionId: `seed-${day}-${k}`,
            username,
            subscriptionId: line.id,
            startedAt: new Date(from),
            updatedAt: new Date(Math.min(to, end)),
            stoppedAt: new Date(Math.min(to, end - 1)),
            sessionSeconds: Math.round((Math.min(to, end) - from) / 1000),
            terminateCause: "User-Request",
          });
        }
      }
      // Online now: most lines, never the portal's demo customers (other journeys suspend them).
      if (!line.customer.user && noise(i, 99) < 0.75)
        sessions.push({
          id: newId(),
          companyId,
          acctSessionId: "seed-now",
          username,
          subscriptionId: line.id,
          startedAt: new Date(end - (1 + Math.floor(5 * noise(i, 98))) * HOUR),
          updatedAt: new Date(end),
          stoppedAt: null,
          sessionSeconds: 0,
          terminateCause: null,
        });
      const appetite = 0.3 + 2.2 * noise(i, 42); // some lines use far more than others
      for (let t = start; t < end; t += HOUR) {
        const down = BigInt(
          Math.round(appetite * 900_000_000 * shape(new Date(t).getUTCHours()) * (0.7 + 0.6 * noise(i, t / HOUR))),
        );
        usage.push({
          companyId,
          subscriptionId: line.id,
          hour: new Date(t),
          downloadBytes: down,
          uploadBytes: down / 8n,
        });
      }
    }
    await tx.radiusSession.createMany({ data: sessions, skipDuplicates: true });
    await tx.usageHourly.createMany({ data: usage, skipDuplicates: true });
  });
}
