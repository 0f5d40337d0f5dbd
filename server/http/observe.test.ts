import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { call } from "../api/rest/testing";
import { metrics as metricsRoute } from "../api/rest/metrics";
import { withoutTenant } from "../db/tenant";
import { resetEnvCache } from "../lib/env";
import { metricsText } from "../lib/metrics";
import { observed } from "./observe";
import { routeMatcher } from "./route-templates";

// What /api/metrics shows after real requests and queries: the series docs/OPERATIONS.md
// "Metrics" names, labelled by route template, and only for a caller with the token.

describe("route templates", () => {
  const templateOf = routeMatcher([
    "/api/customers/[id]",
    "/api/customers",
    "/api/customers/export",
    "/customers/[id]/[[...tab]]",
    "/api/auth/[...nextauth]",
    "/",
  ]);
  it.each([
    ["/api/customers/ck9abc123", "/api/customers/[id]"],
    ["/api/customers/export", "/api/customers/export"],
    ["/api/customers", "/api/customers"],
    ["/customers/ck9abc123", "/customers/[id]/[[...tab]]"],
    ["/customers/ck9abc123/billing/x", "/customers/[id]/[[...tab]]"],
    ["/api/auth/callback/credentials", "/api/auth/[...nextauth]"],
    ["/", "/"],
    ["/wp-admin/setup.php", "unmatched"],
    ["/_next/static/chunks/a.js", "/_next/static"],
  ])("%s is %s", (path, template) => expect(templateOf(path)).toBe(template));
});

describe("/api/metrics", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvCache();
  });

  it("counts requests by route template and status, and database statements, for a caller with METRICS_TOKEN", async () => {
    const server = createServer(
      observed(
        (req, res) => res.writeHead(req.url?.includes("missing") ? 404 : 200).end("ok"),
        routeMatcher(["/api/customers/[id]"]),
        async () => {},
      ),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const id of ["a1", "b2", "c3"]) await (await fetch(`${base}/api/customers/${id}`)).text();
      await (await fetch(`${base}/api/customers/missing`)).text();
    } finally {
      server.close();
    }
    await withoutTenant((tx) => tx.$queryRaw`SELECT 1`);

    vi.stubEnv("METRICS_TOKEN", "metrics-token-for-the-test-0123");
    resetEnvCache();
    expect((await call(metricsRoute, { host: "localhost:3000" })).status).toBe(401);
    expect((await call(metricsRoute, { host: "localhost:3000", token: "a-wrong-token-0123456789" })).status).toBe(401);
    const res = await call(metricsRoute, { host: "localhost:3000", token: "metrics-token-for-the-test-0123" });
    expect(res.status).toBe(200);
    const text = res.text;
    expect(text).toMatch(
      /lastmile_http_request_duration_seconds_count\{method="GET",route="\/api\/customers\/\[id\]",status="200"\} 3\n/,
    );
    expect(text).toMatch(
      /lastmile_http_request_duration_seconds_count\{method="GET",route="\/api\/customers\/\[id\]",status="404"\} 1\n/,
    );
    expect(Number(text.match(/lastmile_db_query_duration_seconds_count (\d+)/)?.[1])).toBeGreaterThan(0);
    expect(text).toMatch(/lastmile_db_pool_connections\{state="max"\} 10/);
    expect(text).toMatch(/lastmile_db_unavailable 0/);
    // Every family the docs name is there (with zero or more samples).
    for (const name of [
      "lastmile_http_requests_in_flight",
      "lastmile_job_runs_total",
      "lastmile_job_duration_seconds",
      "lastmile_snmp_samples_total",
      "lastmile_snmp_device_polls_total",
      "lastmile_emails_total",
      "lastmile_sms_total",
      "lastmile_billing_run_duration_seconds",
      "lastmile_billing_invoices_total",
      "lastmile_radius_accounting_packets_total",
      "process_cpu_seconds_total",
    ])
      expect(text).toContain(`# TYPE ${name} `);
    expect(await metricsText()).toContain("lastmile_radius_accounting_queue");
  });
});
