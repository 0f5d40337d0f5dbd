import type { z } from "zod";
import { NotFound } from "../../lib/errors";
import type { Scope } from "../scope";
import { deviceStatusSchema, deviceTrafficSchema } from "./schema";

// What the console (and later the dashboards) read of the series: a device's reachability and
// interfaces now, and an interface's traffic over time from the rollups.

const HOUR_MS = 3_600_000;
/** The default window of each resolution. */
const WINDOW_MS = { FIVE_MINUTES: 24 * HOUR_MS, HOUR: 7 * 24 * HOUR_MS, DAY: 90 * 24 * HOUR_MS } as const;

async function mustExist(scope: Scope, deviceId: string) {
  const device = await scope.tx.device.findUnique({ where: { id: deviceId }, select: { id: true } });
  if (!device) throw new NotFound("Device");
}

/** The device's reachability and its interfaces' last readings (null reachability: never polled). */
export async function deviceStatus(scope: Scope, input: z.input<typeof deviceStatusSchema>) {
  const { deviceId } = deviceStatusSchema.parse(input);
  await mustExist(scope, deviceId);
  const [reachability, interfaces] = await Promise.all([
    scope.tx.deviceReachability.findUnique({
      where: { deviceId },
      select: {
        up: true,
        via: true,
        polledAt: true,
        lastSeenAt: true,
        latencyMs: true,
        lossPercent: true,
        sysDescr: true,
        sysUpTimeCs: true,
        error: true,
      },
    }),
    scope.tx.interfaceCounter.findMany({
      where: { deviceId },
      select: { ifIndex: true, ifName: true, interfaceId: true, at: true, operStatus: true, speedMbps: true },
      orderBy: { ifIndex: "asc" },
    }),
  ]);
  return {
    reachability: reachability && {
      ...reachability,
      sysUpTimeSeconds: reachability.sysUpTimeCs === null ? null : Number(reachability.sysUpTimeCs) / 100,
      sysUpTimeCs: undefined,
    },
    interfaces: interfaces.map((i) => ({ ...i, up: i.operStatus === 1 })),
  };
}

export interface TrafficPoint {
  at: Date;
  inBpsAvg: number | null;
  outBpsAvg: number | null;
  inBpsMax: number | null;
  outBpsMax: number | null;
  inErrors: number;
  outErrors: number;
  /** Share of the bucket's samples with the interface up (0–1). */
  availability: number | null;
}

/**
 * Traffic of every polled interface of a device, bucket by bucket: average and peak bits/s in and
 * out, errors, availability (share of samples with the interface up).
 */
export async function deviceTraffic(scope: Scope, input: z.input<typeof deviceTrafficSchema>) {
  const { deviceId, resolution, from, to } = deviceTrafficSchema.parse(input);
  await mustExist(scope, deviceId);
  const end = to ?? new Date();
  const start = from ?? new Date(end.getTime() - WINDOW_MS[resolution]);
  const [rows, names] = await Promise.all([
    scope.tx.interfaceRollup.findMany({
      where: { deviceId, resolution, bucket: { gte: start, lt: end } },
      orderBy: [{ ifIndex: "asc" }, { bucket: "asc" }],
    }),
    scope.tx.interfaceCounter.findMany({
      where: { deviceId },
      select: { ifIndex: true, ifName: true, interfaceId: true },
    }),
  ]);
  const byIndex = new Map(names.map((n) => [n.ifIndex, n]));
  const series = new Map<
    number,
    { ifIndex: number; name: string; interfaceId: string | null; points: TrafficPoint[] }
  >();
  for (const r of rows) {
    let s = series.get(r.ifIndex);
    if (!s) {
      const n = byIndex.get(r.ifIndex);
      s = {
        ifIndex: r.ifIndex,
        name: n?.ifName ?? `ifIndex ${r.ifIndex}`,
        interfaceId: n?.interfaceId ?? r.interfaceId,
        points: [],
      };
      series.set(r.ifIndex, s);
    }
    s.points.push({
      at: r.bucket,
      inBpsAvg: r.rateSamples ? r.inBpsSum / r.rateSamples : null,
      outBpsAvg: r.rateSamples ? r.outBpsSum / r.rateSamples : null,
      inBpsMax: r.inBpsMax,
      outBpsMax: r.outBpsMax,
      inErrors: Number(r.inErrors),
      outErrors: Number(r.outErrors),
      availability: r.samples ? r.upSamples / r.samples : null,
    });
  }
  return { resolution, from: start, to: end, interfaces: [...series.values()] };
}
