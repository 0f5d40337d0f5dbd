import type { Actor } from "../scope";
import type { AccountingResult } from "./accounting";

// Accounting counters of this app instance, for /api/metrics (Prometheus text format): packets
// recorded, duplicates (retries and late packets that changed nothing), rejected (malformed),
// refused with 503 (queue full); and per RADIUS server key and source address the last
// accounting seen and the packets of the last full minute. Kept in memory: they start at zero
// when the instance starts, as Prometheus counters may.

const totals = { recorded: 0, duplicate: 0, ignored: 0, rejected: 0, overloaded: 0 };

interface SourceStats {
  companyId: string;
  keyId: string;
  keyLabel: string;
  source: string;
  lastAt: number;
  packets: number;
  minute: number;
  thisMinute: number;
  lastMinute: number;
}

const holder = globalThis as unknown as {
  lastmileRadiusMetrics?: { totals: typeof totals; sources: Map<string, SourceStats> };
};
const store = (holder.lastmileRadiusMetrics ??= { totals, sources: new Map() });

function seen(companyId: string, actor: Actor, packets: number, now = Date.now()) {
  const key = `${companyId}|${actor.id ?? ""}|${actor.ip ?? ""}`;
  const minute = Math.floor(now / 60_000);
  let s = store.sources.get(key);
  if (!s) {
    s = {
      companyId,
      keyId: actor.id ?? "",
      keyLabel: actor.label ?? "",
      source: actor.ip ?? "",
      lastAt: now,
      packets: 0,
      minute,
      thisMinute: 0,
      lastMinute: 0,
    };
    store.sources.set(key, s);
  }
  if (s.minute !== minute) {
    s.lastMinute = s.minute === minute - 1 ? s.thisMinute : 0;
    s.thisMinute = 0;
    s.minute = minute;
  }
  s.lastAt = now;
  s.packets += packets;
  s.thisMinute += packets;
}

export function recorded(companyId: string, actor: Actor, results: readonly AccountingResult[]) {
  for (const r of results) {
    if (r.outcome === "duplicate") store.totals.duplicate++;
    else if (r.outcome === "ignored") store.totals.ignored++;
    else store.totals.recorded++;
  }
  seen(companyId, actor, results.length);
}

export function rejected(count = 1) {
  store.totals.rejected += count;
}

export function overloaded() {
  store.totals.overloaded++;
}

export interface SourceActivity {
  keyId: string;
  source: string;
  lastAccountingAt: Date;
  /** Packets per second over the last full minute. */
  perSecond: number;
}

/** What this instance saw from a company's RADIUS servers, per key and source address. */
export function activityOf(companyId: string, now = Date.now()): SourceActivity[] {
  const minute = Math.floor(now / 60_000);
  return [...store.sources.values()]
    .filter((s) => s.companyId === companyId)
    .map((s) => ({
      keyId: s.keyId,
      source: s.source,
      lastAccountingAt: new Date(s.lastAt),
      perSecond: (s.minute === minute ? s.lastMinute : s.minute === minute - 1 ? s.thisMinute : 0) / 60,
    }));
}

const label = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** The counters in Prometheus's text exposition format. */
export function prometheusText(queued: number): string {
  const t = store.totals;
  const lines = [
    "# HELP lastmile_radius_accounting_packets_total Accounting packets by outcome.",
    "# TYPE lastmile_radius_accounting_packets_total counter",
    ...Object.entries(t).map(([outcome, n]) => `lastmile_radius_accounting_packets_total{outcome="${outcome}"} ${n}`),
    "# HELP lastmile_radius_accounting_queue Accounting packets waiting for their group commit.",
    "# TYPE lastmile_radius_accounting_queue gauge",
    `lastmile_radius_accounting_queue ${queued}`,
    "# HELP lastmile_radius_source_packets_total Accounting packets per company, RADIUS server key and source address.",
    "# TYPE lastmile_radius_source_packets_total counter",
    "# HELP lastmile_radius_source_last_seen_seconds When accounting last came from the key and address (Unix time).",
    "# TYPE lastmile_radius_source_last_seen_seconds gauge",
  ];
  for (const s of store.sources.values()) {
    const l = `company="${label(s.companyId)}",key="${label(s.keyId)}",source="${label(s.source)}"`;
    lines.push(`lastmile_radius_source_packets_total{${l}} ${s.packets}`);
    lines.push(`lastmile_radius_source_last_seen_seconds{${l}} ${Math.floor(s.lastAt / 1000)}`);
  }
  return lines.join("\n") + "\n";
}
