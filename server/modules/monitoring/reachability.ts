import { recordReachability } from "../outages/reachability";
import type { Scope } from "../scope";

// The one place where polls tell the outages module what they saw: one observation per device per
// poll. Outages (server/modules/outages/reachability.ts) turns them into incidents with a
// hold-down, so one missed poll is not an outage, and closes the poller's outage on the next answer.
// They run in the poll's own transaction: an outage opens exactly when its poll is stored.

export interface ReachabilityObservation {
  deviceId: string;
  up: boolean;
  at: Date;
  latencyMs?: number | null;
}

export async function reportReachability(scope: Scope, observations: ReachabilityObservation[]): Promise<void> {
  for (const o of observations)
    await recordReachability(scope, {
      deviceId: o.deviceId,
      up: o.up,
      at: o.at,
      ...(o.latencyMs != null ? { latencyMs: o.latencyMs } : {}),
    });
}
