import type { IncomingMessage, ServerResponse } from "node:http";
import { databaseBack, databaseDown, UNAVAILABLE_MESSAGE } from "../db/availability";
import { log } from "../lib/log";
import { metrics } from "../lib/metrics";
import { requestIdFrom, withRequestContext } from "../lib/request-context";

// What our HTTP server does around every request, Next.js's and the direct RADIUS routes alike:
//  • a request id (the caller's X-Request-Id when sane, else a new one), answered in
//    X-Request-Id and carried by every log line of the request (server/lib/request-context.ts);
//  • lastmile_http_request_duration_seconds by method, route template and status;
//  • while PostgreSQL is marked unreachable (server/db/availability.ts), a 503 at once, except for
//    the health check, static files and metrics, until a probe gets through.
// The per-request cost is a clock read, one histogram observation (label children cached) and a
// closure: small next to the cheapest RADIUS request.

const SLOW_MS = 2_000;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Child = { observe(v: number): void };

/** Paths that must answer while the database is down. */
const answersWithoutDatabase = (path: string) =>
  path === "/api/health" || path === "/api/metrics" || path.startsWith("/_next/");

function unavailable(req: IncomingMessage, res: ServerResponse, path: string) {
  const headers = { "retry-after": "5", "cache-control": "no-store" };
  if (path.startsWith("/api/") || (req.headers.accept ?? "").includes("application/json")) {
    res.writeHead(503, { ...headers, "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "UNAVAILABLE", message: UNAVAILABLE_MESSAGE } }));
    return;
  }
  res.writeHead(503, { ...headers, "content-type": "text/html; charset=utf-8" });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1"><title>Back in a moment · Lastmile</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;line-height:1.5">` +
      `<h1>Back in a moment</h1><p>${UNAVAILABLE_MESSAGE}</p>` +
      `<p>This page tries again by itself every 10 seconds.</p></body></html>`,
  );
}

export function observed(
  handle: Handler,
  templateOf: (pathname: string) => string,
  probeDatabase: () => Promise<unknown>,
): Handler {
  const children = new Map<string, Child>();
  const child = (method: string, route: string, status: number): Child => {
    const key = `${method} ${status} ${route}`;
    let c = children.get(key);
    if (!c) children.set(key, (c = metrics.httpDuration.labels(method, route, String(status))));
    return c;
  };
  return (req, res) => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    metrics.httpInFlight.inc();
    res.once("close", () => {
      metrics.httpInFlight.dec();
      const ms = performance.now() - started;
      const method = req.method ?? "GET";
      const route = templateOf(path);
      child(method, route, res.statusCode).observe(ms / 1000);
      if (res.statusCode >= 500 || ms > SLOW_MS)
        withRequestContext({ requestId }, () =>
          log[res.statusCode >= 500 ? "error" : "warn"](
            { method, route, status: res.statusCode, ms: Math.round(ms) },
            res.statusCode >= 500 ? "request failed" : "slow request",
          ),
        );
      else if (log.isLevelEnabled("debug"))
        withRequestContext({ requestId }, () =>
          log.debug({ method, route, status: res.statusCode, ms: Math.round(ms) }, "request"),
        );
    });
    withRequestContext({ requestId }, () => {
      if (!databaseDown() || answersWithoutDatabase(path)) return handle(req, res);
      void databaseBack(probeDatabase).then((back) => (back ? handle(req, res) : unavailable(req, res, path)));
    });
  };
}
