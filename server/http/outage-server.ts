// A test server for outage.test.ts: our HTTP server's per-request layer (./observe.ts) in front of
// the direct RADIUS routes, as server/http/next-server.ts runs them, without a Next.js build.
// Other paths answer 200 "page" once the layer lets them through (they stand for Next.js's pages).
// Prints {"port"} when listening.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { registerDirectRoutes } from "../api/rest/direct";
import * as radius from "../modules/radius/rest";
import { directRouteOf, serveDirect } from "./direct";
import { observed } from "./observe";
import { stampPeer } from "./peer";
import { routeMatcher } from "./route-templates";

registerDirectRoutes([radius.authorize, radius.accounting]);
const probe = async () => {
  const pool = (globalThis as unknown as { lastmileDb?: { pool: { query(sql: string): Promise<unknown> } } }).lastmileDb
    ?.pool;
  if (pool) await pool.query("SELECT 1");
};
const server = createServer(
  observed(
    (req, res) => {
      stampPeer(req);
      const direct = directRouteOf(req);
      if (direct) void serveDirect(direct, req, res);
      else res.writeHead(200, { "content-type": "text/plain" }).end("page");
    },
    routeMatcher(["/api/radius/authorize", "/api/radius/accounting"]),
    probe,
  ),
);
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
process.on("SIGTERM", () => process.exit(0));
