import { createServer } from "node:http";
import next from "next";
import { env } from "../lib/env";
import { log } from "../lib/log";
import { listenForDrops } from "../shared-state";
import { directRouteOf, serveDirect } from "./direct";
import { startMetricsServer } from "./metrics-port";
import { observed } from "./observe";
import { routeMatcherOf } from "./route-templates";
import { stampPeer } from "./peer";

// The production HTTP server: Next.js's own request handler behind a plain node:http server, so
// every request carries the address of the socket it came in on (./peer.ts). The RADIUS
// endpoints FreeRADIUS calls for every login and packet are answered by their route handlers
// directly, without Next.js's router (./direct.ts, server/api/rest/direct.ts).

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
  const server = createServer(
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
  );
  const e = env();
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
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname, resolve);
  });
  log.info({ port: opts.port }, `Lastmile is listening on port ${opts.port}.`);
  return {
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      metricsServer?.close();
      await app.close();
    },
  };
}
