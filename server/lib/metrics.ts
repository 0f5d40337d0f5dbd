import type { Pool } from "pg";
import client from "prom-client";

// The instance's Prometheus metrics, served by /api/metrics (server/api/rest/metrics.ts) or on
// METRICS_PORT (server/http/metrics-port.ts). Names and meanings are listed in
// docs/OPERATIONS.md "Metrics", which the Grafana dashboard and the alert rules use.
//
// Hot paths only increment counters or observe one histogram: no label is built from request
// data beyond a bounded set (route templates, outcomes), and no company id is a label (there
// may be thousands; the RADIUS per-source series in modules/radius/metrics.ts are the one
// exception, bounded by the RADIUS servers a company registers).
//
// On globalThis: our HTTP server (loaded by tsx) and Next.js's bundles each load this file, and
// all must count into the one registry.

const SECONDS_FAST = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SECONDS_QUERY = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const SECONDS_SLOW = [0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

function build() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const r = [registry];
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "lastmile_http_request_duration_seconds",
      help: "HTTP requests by method, route template and status: latency (its _count is the request count).",
      labelNames: ["method", "route", "status"] as const,
      buckets: SECONDS_FAST,
      registers: r,
    }),
    httpInFlight: new client.Gauge({
      name: "lastmile_http_requests_in_flight",
      help: "HTTP requests being answered now.",
      registers: r,
    }),
    dbQueryDuration: new client.Histogram({
      name: "lastmile_db_query_duration_seconds",
      help: "PostgreSQL statements sent by the app's pool: latency.",
      buckets: SECONDS_QUERY,
      registers: r,
    }),
    dbQueryErrors: new client.Counter({
      name: "lastmile_db_query_errors_total",
      help: "PostgreSQL statements that failed (any reason, constraint violations included).",
      registers: r,
    }),
    dbPool: new client.Gauge({
      name: "lastmile_db_pool_connections",
      help: "The app's PostgreSQL pool: connections open (total), idle, and requests waiting for one (waiting); max is the pool's ceiling.",
      labelNames: ["state"] as const,
      registers: r,
      collect() {
        // The pool server/db/client.ts keeps on globalThis, when one is open.
        const pool = (globalThis as unknown as { lastmileDb?: { pool: Pool } }).lastmileDb?.pool;
        if (!pool) return;
        this.set({ state: "total" }, pool.totalCount);
        this.set({ state: "idle" }, pool.idleCount);
        this.set({ state: "waiting" }, pool.waitingCount);
        this.set({ state: "max" }, pool.options.max ?? 10);
      },
    }),
    dbUnavailable: new client.Gauge({
      name: "lastmile_db_unavailable",
      help: "1 while this instance cannot reach PostgreSQL (it answers 503), else 0.",
      registers: r,
      collect() {
        const down = (globalThis as unknown as { lastmileDbHealth?: { downSince: number | null } }).lastmileDbHealth;
        this.set(down?.downSince ? 1 : 0);
      },
    }),
    jobRuns: new client.Counter({
      name: "lastmile_job_runs_total",
      help: "Background function runs by function, where they ran (inngest or inline) and outcome (ok, retry: failed and will be retried, failed: failed for good).",
      labelNames: ["function", "mode", "outcome"] as const,
      registers: r,
    }),
    jobDuration: new client.Histogram({
      name: "lastmile_job_duration_seconds",
      help: "Background function runs: time per run (for Inngest, per request Inngest makes).",
      labelNames: ["function", "mode"] as const,
      buckets: SECONDS_SLOW,
      registers: r,
    }),
    snmpSamples: new client.Counter({
      name: "lastmile_snmp_samples_total",
      help: "SNMP samples ingested (interface counters and device readings stored).",
      registers: r,
    }),
    snmpDevices: new client.Counter({
      name: "lastmile_snmp_device_polls_total",
      help: "Device poll results ingested, by outcome (up: answered, down: no answer).",
      labelNames: ["outcome"] as const,
      registers: r,
    }),
    emails: new client.Counter({
      name: "lastmile_emails_total",
      help: "E-mails handed to the provider, by outcome (sent, failed, unconfigured: neither SMTP_URL nor RESEND_API_KEY).",
      labelNames: ["outcome"] as const,
      registers: r,
    }),
    sms: new client.Counter({
      name: "lastmile_sms_total",
      help: "SMS handed to a provider, by outcome (sent, failed).",
      labelNames: ["outcome"] as const,
      registers: r,
    }),
    billingRunDuration: new client.Histogram({
      name: "lastmile_billing_run_duration_seconds",
      help: "Billing runs of one company: time from start to the last invoice, by outcome (ok, failed).",
      labelNames: ["outcome"] as const,
      buckets: SECONDS_SLOW,
      registers: r,
    }),
    billingInvoices: new client.Counter({
      name: "lastmile_billing_invoices_total",
      help: "Invoices issued by billing runs.",
      registers: r,
    }),
  };
}

const holder = globalThis as unknown as { lastmileMetrics?: ReturnType<typeof build> };
export const metrics = (holder.lastmileMetrics ??= build());

/** Extra text appended to the registry's (series kept outside prom-client, e.g. RADIUS per source). */
type Extra = () => string;
const extras = ((globalThis as unknown as { lastmileMetricExtras?: Map<string, Extra> }).lastmileMetricExtras ??=
  new Map());

/** Registers text in Prometheus format appended to every scrape (once per name). */
export function addMetricsText(name: string, text: Extra): void {
  extras.set(name, text);
}

/** Every metric in Prometheus's text format. */
export async function metricsText(): Promise<string> {
  const parts = [await metrics.registry.metrics()];
  for (const extra of extras.values()) parts.push(extra());
  return parts.join("\n");
}

export const METRICS_CONTENT_TYPE = metrics.registry.contentType;

/** Times `work` into a histogram with `labels`; the outcome label is set from how it ended. */
export async function timed<T>(histogram: client.Histogram<"outcome">, work: () => Promise<T>): Promise<T> {
  const end = histogram.startTimer();
  try {
    const result = await work();
    end({ outcome: "ok" });
    return result;
  } catch (err) {
    end({ outcome: "failed" });
    throw err;
  }
}
