import type { z } from "zod";
import { NotFound } from "../../lib/errors";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { create } from "./open";
import { close } from "./resolve";
import { observationSchema } from "./schema";
import { getSettings } from "./settings";

// The poller's one call, per device per poll: did it answer? The per-device state (consecutive
// misses, first miss, last seen) decides, with the company's hold-down, when a device is down:
//   • an answer: the device is up, the count of misses starts again, and an outage the poller
//     opened for it closes (resolved at this answer's time);
//   • a miss: one more; at `holdDownPolls` in a row the device is down and an outage opens,
//     started at the first miss. One lost poll is therefore not an outage (default 2).
// Observations are applied under the state row's lock, newest only: the same one twice, or an
// older one arriving after a newer (a retried batch), changes nothing.
// A device already in an open outage (staff opened one, or the poller did) gets no second one.

export type Observation = z.input<typeof observationSchema>;

export type ReachabilityResult =
  { changed: false } | { changed: true; status: "UP" | "DOWN"; opened?: string; closed?: string; misses: number };

export async function recordReachability(scope: Scope, input: Observation): Promise<ReachabilityResult> {
  const o = observationSchema.parse(input);
  const device = await scope.tx.device.findUnique({ where: { id: o.deviceId }, select: { id: true, name: true } });
  if (!device) throw new NotFound("Device");
  await scope.tx.deviceOutageState.createMany({
    data: [{ deviceId: o.deviceId, companyId: scope.companyId }],
    skipDuplicates: true,
  });
  // The row lock serialises two polls of one device (a retried batch racing the next poll).
  const [state] = await scope.tx.$queryRaw<
    {
      status: "UNKNOWN" | "UP" | "DOWN";
      consecutiveMisses: number;
      missingSince: Date | null;
      lastPolledAt: Date | null;
    }[]
  >`SELECT status::text AS status, "consecutiveMisses", "missingSince", "lastPolledAt"
      FROM "DeviceOutageState" WHERE "deviceId" = ${o.deviceId} FOR UPDATE`;
  if (!state) throw new NotFound("Device");
  if (state.lastPolledAt && o.at <= state.lastPolledAt) return { changed: false };

  if (o.up) {
    await scope.tx.deviceOutageState.update({
      where: { deviceId: o.deviceId },
      data: {
        status: "UP",
        consecutiveMisses: 0,
        missingSince: null,
        lastSeenAt: o.at,
        lastPolledAt: o.at,
        latencyMs: o.latencyMs ?? null,
      },
    });
    let closed: string | undefined;
    const open = await scope.tx.outage.findFirst({
      where: { deviceId: o.deviceId, status: "OPEN", source: "AUTOMATIC" },
      select: { id: true },
    });
    if (open) {
      await close(scope, open.id, o.at, { rootCause: null, message: null });
      closed = open.id;
    }
    if (state.status === "DOWN") await audit.record(scope, transition(device, "UP", o.at));
    return { changed: true, status: "UP", closed, misses: 0 };
  }

  const misses = state.consecutiveMisses + 1;
  const missingSince = state.missingSince ?? o.at;
  const { holdDownPolls } = await getSettings(scope);
  const down = state.status === "DOWN" || misses >= holdDownPolls;
  await scope.tx.deviceOutageState.update({
    where: { deviceId: o.deviceId },
    data: { status: down ? "DOWN" : state.status, consecutiveMisses: misses, missingSince, lastPolledAt: o.at },
  });
  let opened: string | undefined;
  if (down && state.status !== "DOWN") {
    await audit.record(scope, transition(device, "DOWN", o.at));
    const already = await scope.tx.outage.findFirst({
      where: { deviceId: o.deviceId, status: "OPEN" },
      select: { id: true },
    });
    if (!already)
      opened = (
        await create(scope, {
          source: "AUTOMATIC",
          title: `${device.name} is not answering`,
          description: null,
          deviceId: o.deviceId,
          siteId: null,
          startedAt: missingSince,
        })
      ).id;
  }
  return { changed: true, status: down ? "DOWN" : "UP", opened, misses };
}

const transition = (device: { id: string; name: string }, status: "UP" | "DOWN", at: Date) => ({
  action: status === "DOWN" ? "device.down" : "device.up",
  entityType: "Device",
  entityId: device.id,
  after: { name: device.name, status, at },
});
