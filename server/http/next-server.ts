import next from "next";
import { checkHealth } from "../api/rest/health";
import { disconnectDb } from "../db/client";
import { env } from "../lib/env";
import { directRouteOf, serveDirect } from "./direct";
import { gracefulServer } from "./graceful";
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
  const { SHUTDOWN_DELAY_MS, SHUTDOWN_TIMEOUT_MS } = env();
  const graceful = gracefulServer(
    (req, res) => {
      stampPeer(req);
      const direct = directRouteOf(req);
      if (direct) void serveDirect(direct, req, res);
      else void handle(req, res);
    },
    {
      // Ready = what /api/health checks (database reachable, migrations applied) and not shutting down.
      ready: async () => (await checkHealth()).status === "ok",
      delayMs: SHUTDOWN_DELAY_MS,
      timeoutMs: SHUTDOWN_TIMEOUT_MS,
    },
  );
  const { server } = graceful;
  // FreeRADIUS's rlm_rest keeps its HTTP connections open for reuse and closes them after its
  // pool's idle_timeout (60 s in deploy/freeradius/mods-available/lastmile). Node's default
  // keep-alive timeout is 5 s: the app closed idle connections first, and rlm_rest then sent
  // requests on connections already closed (seen as CLOSE-WAIT sockets and failed accounting in
  // npm run bench:ingest). The server's side must outlive the client's.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Must exceed keepAliveTimeout, or Node drops a kept-alive connection whose next request is slow to arrive.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  await graceful.listen(opts.port, opts.hostname);
  console.log(`Lastmile is listening on port ${opts.port}.`);
  return {
    /** The graceful shutdown: drain (./graceful.ts), then Next.js and the database pool. */
    close: async () => {
      await graceful.drain();
      await app.close();
      await disconnectDb();
      console.log("Database pool closed.");
    },
  };
}
