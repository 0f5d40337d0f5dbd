import { queued } from "../../modules/radius/group-commit";
import { prometheusText } from "../../modules/radius/metrics";
import { safeEqual } from "../../lib/crypto";
import { env } from "../../lib/env";
import { addMetricsText, METRICS_CONTENT_TYPE, metricsText } from "../../lib/metrics";
import { defineRoute, RestError } from "./route";

// The RADIUS counters kept outside prom-client, in every scrape (here and on METRICS_PORT).
addMetricsText("radius", () => prometheusText(queued()));

/** The token /api/metrics asks for: METRICS_TOKEN, else HEALTH_TOKEN (what it asked for before). */
function metricsToken(): string | undefined {
  const e = env();
  return e.METRICS_TOKEN ?? e.HEALTH_TOKEN;
}

// Prometheus metrics (server/lib/metrics.ts; names in docs/OPERATIONS.md "Metrics"). They name
// companies and RADIUS servers, so they are not public: a bearer token, or METRICS_PORT (a port
// of their own, inside the cluster only; server/http/metrics-port.ts).
export const metrics = defineRoute({
  method: "GET",
  path: "/api/metrics",
  summary: "Metrics for Prometheus",
  description:
    "This app instance's metrics in Prometheus's text format: HTTP requests by route template and status with latency histograms, the database pool and query latency, background job runs and failures, RADIUS accounting packets, SNMP samples, e-mails and SMS sent or failed, billing run durations, and Node.js process metrics. Requires METRICS_TOKEN (or, when that is unset, HEALTH_TOKEN) as a bearer token; METRICS_PORT serves the same without a token on a port of its own.",
  tags: ["System"],
  auth: "none",
  tenant: false,
  produces: "text/plain",
  errors: { 401: "The METRICS_TOKEN is missing or wrong (or none is configured)." },
  handler: async ({ req }) => {
    const token = metricsToken();
    const given = req.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
    if (!token || !given || !safeEqual(given, token))
      throw new RestError(401, "UNAUTHORIZED", "Send the METRICS_TOKEN as a bearer token.");
    return new Response(await metricsText(), {
      headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" },
    });
  },
});
