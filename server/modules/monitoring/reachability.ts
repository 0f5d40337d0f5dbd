import type { Scope } from "../scope";

// The one place where polls tell the outages module what they saw: one observation per device per
// poll. Outages (server/modules/outages, another branch) turns them into incidents with a
// hold-down, so one missed poll is not an outage. Until that module is merged this is where its
// recordReachability is to be called; nothing else in monitoring needs to change then.

export interface ReachabilityObservation {
  deviceId: string;
  up: boolean;
  at: Date;
}

export async function reportReachability(scope: Scope, observations: ReachabilityObservation[]): Promise<void> {
  void scope;
  void observations;
}
