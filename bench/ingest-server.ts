// The app's RADIUS endpoints behind a plain Node HTTP server (as the production server hands
// them requests, without Next.js's own routing), on a fresh PostgreSQL database with a small
// ISP: what bench/ingest-app.ts drives. Prints one JSON line with what the load needs.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { RestRoute } from "../server/api/rest/route";
import { registerDirectRoutes } from "../server/api/rest/direct";
import { migrate } from "../server/db/migrate";
import { directRouteOf, serveDirect } from "../server/http/direct";
import { observed } from "../server/http/observe";
import { stampPeer } from "../server/http/peer";
import { routeMatcher } from "../server/http/route-templates";
import * as rest from "../server/modules/radius/rest";
import { makeNetwork } from "../server/modules/radius/testing";

await migrate(process.env.DATABASE_URL!);
// Without Inngest, provisioning of the new subscribers runs in this process.
(await import("../server/jobs")).handleEventsInline();
const net = await makeNetwork("bench-isp");
const { secret } = await net.admin.radius.createKey({ name: "bench" });
// BENCH_REGISTER_NAS=1: the NAS the load names (NAS-IP-Address 10.0.0.1) is registered, so the
// unknown-NAS check (server/modules/nas/known.ts) is active and looks every request's address up;
// without it the company has no NAS and the check lets every address through.
const registerNas = process.env.BENCH_REGISTER_NAS === "1";
if (registerNas) await net.admin.nas.create({ name: "bench-bng", ipAddress: "10.0.0.1", secret: "bench-nas-secret" });
const usernames: string[] = [];
// One session per subscriber, as on a real network (BENCH_SUBSCRIBERS, default 2,000: the batch
// load's sessions): each record then has its own subscriber's usage to add. Fewer subscribers
// fold a batch's usage into fewer rows and flatter the rate (docs/BENCHMARKS.md).
for (let i = 0; i < Number(process.env.BENCH_SUBSCRIBERS ?? 2000); i++)
  usernames.push((await net.subscriber()).username);

const routes: Record<string, RestRoute | undefined> = {
  "/api/radius/authorize": rest.authorize,
  "/api/radius/accounting": rest.accounting,
  "/api/radius/accounting/batch": (rest as Record<string, unknown>).accountingBatch as RestRoute | undefined,
};
// Served as the production server serves them (server/http/next-server.ts): the direct path
// (server/http/direct.ts) inside the wrapping of every request (server/http/observe.ts: request
// id, the HTTP latency histogram, the database-down gate). The cost is part of what this bench
// measures.
registerDirectRoutes(Object.values(routes).filter((route) => route !== undefined));
const templateOf = routeMatcher(Object.keys(routes));
const probe = async () => {};
const server = http.createServer(
  observed(
    (req, res) => {
      stampPeer(req);
      const direct = directRouteOf(req);
      if (direct) void serveDirect(direct, req, res);
      else res.writeHead(404).end();
    },
    templateOf,
    probe,
  ),
);
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(Number(process.env.BENCH_PORT ?? 0), "127.0.0.1", resolve));
console.log(
  JSON.stringify({
    ready: true,
    port: (server.address() as AddressInfo).port,
    host: `bench-isp.localhost`,
    key: secret,
    usernames,
    batch: Boolean(routes["/api/radius/accounting/batch"]),
    nasRegistered: registerNas,
  }),
);
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
