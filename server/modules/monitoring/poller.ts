import type { z } from "zod";
import { withTenant } from "../../db/tenant";
import { env } from "../../lib/env";
import * as devicePolling from "../devices/poll-targets";
import { systemActor, type Actor } from "../scope";
import { ping, type PingOptions } from "./icmp";
import { ingest, type IngestSummary } from "./ingest";
import type { devicePollSchema } from "./schema";
import { readDevice, SnmpFailure } from "./snmp-client";

// One poll of a company's network: every device in service with a management IP is read over SNMP
// (v2c with its community, or v3 with its user), a bounded number at a time, each within its own timeout; the devices
// without SNMP credentials, and those whose SNMP did not answer, are pinged with fping together.
// A device that times out or answers garbage is recorded as such; the others are not held up.
// The results go through the same ingest as POST /api/ingest/snmp.

export interface PollOptions {
  /** SNMP's UDP port on every device (SNMP_PORT; tests and the bench use a high loopback port). */
  port?: number;
  concurrency?: number;
  timeoutMs?: number;
  retries?: number;
  /** The most one device may take in all (a slow agent with a huge table), default 60 s. */
  deviceDeadlineMs?: number;
  /** false: no ping for devices without SNMP. */
  ping?: boolean | PingOptions;
  actor?: Actor;
}

export interface PollReport extends IngestSummary {
  /** Devices by what became of their poll. */
  snmp: number;
  pinged: number;
  failed: { deviceId: string; name: string; error: string }[];
  /** Set when devices needed ping and fping is not installed. */
  pingUnavailable?: string;
  ms: number;
}

type DevicePoll = z.input<typeof devicePollSchema>;
const DEVICE_DEADLINE_MS = 60_000;

/** The work's answer, or a timeout failure once `ms` have passed (the work is left to finish on its own). */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SnmpFailure("timeout", `The device took longer than ${ms / 1000} s to answer; stopped.`)),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Devices per ingest transaction: a very large network is written in slices. */
const INGEST_SLICE = 500;

export async function pollCompany(companyId: string, options: PollOptions = {}): Promise<PollReport> {
  const started = performance.now();
  const actor = options.actor ?? systemActor;
  const targets = (await withTenant(companyId, (tx) => devicePolling.pollTargets({ tx, companyId, actor }))).filter(
    (t) => t.address,
  );
  const e = env();
  const port = options.port ?? e.SNMP_PORT;
  const timeoutMs = options.timeoutMs ?? e.SNMP_TIMEOUT_MS;
  const retries = options.retries ?? 1;

  const polls = await mapLimit(targets, options.concurrency ?? e.SNMP_CONCURRENCY, async (t): Promise<DevicePoll> => {
    const at = new Date();
    if (!t.snmp) return { deviceId: t.id, at, error: "No SNMP credentials (v2c community or v3 user) on this device." };
    try {
      const answer = await withDeadline(
        readDevice({ address: t.address!, port, credentials: t.snmp, timeoutMs, retries }),
        options.deviceDeadlineMs ?? DEVICE_DEADLINE_MS,
      );
      return { deviceId: t.id, at, snmp: answer };
    } catch (err) {
      const message = err instanceof SnmpFailure ? err.message : `Poll failed: ${String(err).slice(0, 200)}`;
      return { deviceId: t.id, at, error: message };
    }
  });

  const unanswered = polls.filter((p) => !p.snmp);
  let pingUnavailable: string | undefined;
  if (unanswered.length > 0 && options.ping !== false) {
    const address = new Map(targets.map((t) => [t.id, t.address!]));
    const results = await ping(
      unanswered.map((p) => address.get(p.deviceId)!),
      typeof options.ping === "object" ? options.ping : {},
    );
    if (!results)
      pingUnavailable = "fping is not installed (apt-get install fping): devices without SNMP were not pinged.";
    else for (const p of unanswered) p.icmp = results.get(address.get(p.deviceId)!) ?? null;
  }

  const summary: IngestSummary = {
    devices: 0,
    up: 0,
    interfaces: 0,
    rated: 0,
    noRate: { first: 0, rebooted: 0, reset: 0, "not-after": 0 },
    duplicates: 0,
  };
  for (let i = 0; i < polls.length; i += INGEST_SLICE) {
    const part = await withTenant(companyId, (tx) =>
      ingest({ tx, companyId, actor }, { devices: polls.slice(i, i + INGEST_SLICE) }),
    );
    summary.devices += part.devices;
    summary.up += part.up;
    summary.interfaces += part.interfaces;
    summary.rated += part.rated;
    summary.duplicates += part.duplicates;
    for (const k of Object.keys(summary.noRate) as (keyof IngestSummary["noRate"])[])
      summary.noRate[k] += part.noRate[k];
  }
  const names = new Map(targets.map((t) => [t.id, t.name]));
  return {
    ...summary,
    snmp: polls.filter((p) => p.snmp).length,
    pinged: polls.filter((p) => p.icmp).length,
    failed: polls
      .filter((p) => !p.snmp)
      .map((p) => ({
        deviceId: p.deviceId,
        name: names.get(p.deviceId) ?? p.deviceId,
        error: p.error ?? "No answer.",
      })),
    ...(pingUnavailable ? { pingUnavailable } : {}),
    ms: Math.round(performance.now() - started),
  };
}

/** Runs `work` over `items`, at most `limit` at a time, keeping their order in the answer. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
