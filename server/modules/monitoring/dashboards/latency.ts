import type { z } from "zod";
import { NotFound } from "../../../lib/errors";
import type { Scope } from "../../scope";
import { pastPart, resolutionFor } from "./period";
import { latencySchema } from "../dashboards.schema";

// Latency, packet loss and availability per device from the device rollups, with each device's
// state now (up or down at its last poll): the dashboard's table and up/down counts, and one
// device's latency and loss over time for the chart.
//
// Availability is the share of the period's polls the device answered (SNMP or ping): it reads
// the polls, not the outages, so a device counts as down from its first missed poll (the outage's
// hold-down does not apply). Latency and loss exist only for pinged polls.

export async function latency(scope: Scope, input: z.input<typeof latencySchema>, now = new Date()) {
  const q = latencySchema.parse(input);
  if (q.deviceId && !(await scope.tx.device.findUnique({ where: { id: q.deviceId }, select: { id: true } })))
    throw new NotFound("Device");
  const { from, to } = pastPart(q.from, q.to, now);
  const resolution = resolutionFor(from, to, now);
  const window = { resolution, bucket: { gte: from, lt: to } };
  const sums = await scope.tx.deviceRollup.groupBy({
    by: ["deviceId"],
    where: window,
    _sum: {
      samples: true,
      upSamples: true,
      latencySamples: true,
      latencySumMs: true,
      lossPercentSum: true,
      lossSamples: true,
    },
    _max: { latencyMaxMs: true },
  });
  const polled = await scope.tx.deviceReachability.findMany({
    select: {
      deviceId: true,
      up: true,
      via: true,
      polledAt: true,
      lastSeenAt: true,
      device: { select: { name: true, site: { select: { name: true } } } },
    },
  });
  const byDevice = new Map(sums.map((s) => [s.deviceId, s]));
  const devices = polled
    .map((p) => {
      const s = byDevice.get(p.deviceId);
      const samples = s?._sum.samples ?? 0;
      const latencySamples = s?._sum.latencySamples ?? 0;
      const lossSamples = s?._sum.lossSamples ?? 0;
      return {
        deviceId: p.deviceId,
        name: p.device.name,
        siteName: p.device.site?.name ?? null,
        up: p.up,
        via: p.via,
        polledAt: p.polledAt,
        lastSeenAt: p.lastSeenAt,
        polls: samples,
        /** Share of the period's polls answered, basis points; null without polls in the period. */
        availabilityBps: samples ? Math.floor(((s?._sum.upSamples ?? 0) * 10_000) / samples) : null,
        latencyAvgMs: latencySamples ? (s?._sum.latencySumMs ?? 0) / latencySamples : null,
        latencyMaxMs: s?._max.latencyMaxMs ?? null,
        lossPercent: lossSamples ? (s?._sum.lossPercentSum ?? 0) / lossSamples : null,
      };
    })
    // Down first, then the least available, then the slowest.
    .sort(
      (a, b) =>
        Number(a.up) - Number(b.up) ||
        (a.availabilityBps ?? 10_001) - (b.availabilityBps ?? 10_001) ||
        (b.latencyAvgMs ?? -1) - (a.latencyAvgMs ?? -1) ||
        a.name.localeCompare(b.name),
    );
  const chartDevice = q.deviceId ?? devices.find((d) => d.latencyAvgMs !== null)?.deviceId ?? null;
  const series = chartDevice
    ? await scope.tx.deviceRollup.findMany({
        where: { ...window, deviceId: chartDevice },
        orderBy: { bucket: "asc" },
      })
    : [];
  return {
    resolution,
    from,
    to,
    up: devices.filter((d) => d.up).length,
    down: devices.filter((d) => !d.up).length,
    devices,
    chart: {
      deviceId: chartDevice,
      points: series.map((r) => ({
        at: r.bucket,
        latencyAvgMs: r.latencySamples ? r.latencySumMs / r.latencySamples : null,
        latencyMaxMs: r.latencyMaxMs,
        lossPercent: r.lossSamples ? r.lossPercentSum / r.lossSamples : null,
        availability: r.samples ? r.upSamples / r.samples : null,
      })),
    },
  };
}
