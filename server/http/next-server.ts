import next from "next";
import { checkHealth } from "../api/rest/health";
import { disconnectDb } from "../db/client";
import { env } from "../lib/env";
import { log } from "../lib/log";
import { listenForDrops } from "../shared-state";
import { directRouteOf, serveDirect } from "./direct";
import { gracefulServer } from "./graceful";
import { startMetricsServer } from "./metrics-port";
import { observed } from "./observe";
import { routeMatcherOf } from "./route-templates";
import { stampPeer } from "./peer";

// The production HTTP server: Next.js's own request handler behind a plain node:http server, so
// every request carries the address of the socket it came in on (./peer.ts). The RADIUS
// endpoints FreeRADIUS calls for every login and packet are answered by their route handlers
// directly, without Next.js's router (./direct.ts, server/api/rest/direct.ts). Readiness,
// liveness and the graceful shutdown on SIGTERM are ./graceful.ts's.

/** Longer than rlm_rest's pool idle_timeout (60 s), so FreeRADIUS always closes an idle connection first. */
export const KEEP_ALIVE_MS = 65_000;

export async function startNextServer(opts: { dir: string; port: number; hostname?: string }) {
  const app = next({ dev: false, dir: opts.dir, port: opts.port, hostname: opts.hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const templateOf = routeMatcherOf(opts.dir);
  // The pool server/db/client.ts keeps on globalThis (opened by the first request): a probe for a
  // database marked down needs no copy of the ORM on this side of the bundle.
  const probe = async () => {
    const pool = (globalThis as unknown as { lastmileDb?: { pool: { query(sql: string): Promise<unknown> } } })
      .lastmileDb?.pool;
    if (pool) await pool.query("SELECT 1");
  };
  const e = env();
  const graceful = gracefulServer(
    observed(
      (req, res) => {
        stampPeer(req);
        const direct = directRouteOf(req);
        if (direct) void serveDirect(direct, req, res);
        else void handle(req, res);
      },
      templateOf,
      probe,
    ),
    {
      // Ready = what /api/health checks (database reachable, migrations applied) and not shutting down.
      ready: async () => (await checkHealth()).status === "ok",
      delayMs: e.SHUTDOWN_DELAY_MS,
      timeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    },
  );
  const { server } = graceful;
  const metricsServer = e.METRICS_PORT ? await startMetricsServer(e.METRICS_PORT, e.METRICS_HOST) : null;
  // Caches every instance must drop an entry from together (server/shared-state); the embedded
  // database serves one instance only.
  if (!process.env.LASTMILE_EMBEDDED_DB)
    await listenForDrops().catch((err: unknown) =>
      log.warn(
        { err: (err as Error).message },
        "shared state: not listening for cache drops; caches expire on their own",
      ),
    );
  // FreeRADIUS's rlm_rest keeps its HTTP connections open for reuse and closes them after its
  // pool's idle_timeout (60 s in deploy/freeradius/mods-available/lastmile). Node's default
  // keep-alive timeout is 5 s: the app closed idle connections first, and rlm_rest then sent
  // requests on connections already closed (seen as CLOSE-WAIT sockets and failed accounting in
  // npm run bench:ingest). The server's side must outlive the client's.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Must exceed keepAliveTimeout, or Node drops a kept-alive connection whose next request is slow to arrive.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  await graceful.listen(opts.port, opts.hostname);
  log.info({ port: opts.port }, `Lastmile is listening on port ${opts.port}.`);
  return {
    /** The graceful shutdown: drain (./graceful.ts), then Next.js and the database pool. */
    close: async () => {
      await graceful.drain();
      metricsServer?.close();
      await app.close();
      await disconnectDb();
      log.info("Database pool closed.");
    },
  };
}
