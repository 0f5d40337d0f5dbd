import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { RestRoute } from "../../api/rest/route";
import { stampPeer } from "../../http/peer";
import { RADCLIENT } from "./freeradius-harness";
import { accounting, authorize, postAuth } from "./rest";

// The two ends around a FreeRADIUS daemon under test (freeradius-harness.ts starts the daemon):
// our RADIUS REST handlers behind a plain Node HTTP server for rlm_rest to call, as Next.js
// would serve them, and radclient sending packets as a NAS would. For the FreeRADIUS test
// (freeradius.test.ts) and the live-network journey (../nas/live-network-journey.test.ts).

/** Our REST handlers on 127.0.0.1, with what reached them. */
export interface RadiusApi {
  /** The port, fixed once first listened on (a restart comes back on it). */
  readonly port: number;
  /** Every request that reached the API: "<path> <User-Name>". */
  requests: string[];
  /** Accounting records the API stored (answered 2xx): "<Acct-Session-Id> <Acct-Status-Type> <Acct-Session-Time or 0>". */
  stored: string[];
  /** Listens (again) on its port. */
  start(): Promise<void>;
  /** Goes away: its port refuses connections, and FreeRADIUS's kept-alive ones are cut. */
  stop(): Promise<void>;
  readonly listening: boolean;
}

export async function startRadiusApi(): Promise<RadiusApi> {
  const routes: Record<string, RestRoute> = {
    "/api/radius/authorize": authorize,
    "/api/radius/post-auth": postAuth,
    "/api/radius/accounting": accounting,
  };
  const requests: string[] = [];
  const stored: string[] = [];
  let port = 0;
  const bridge = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const pathname = new URL(req.url ?? "/", "http://bridge").pathname;
      const route = routes[pathname];
      if (!route || req.method !== route.spec.method) return void res.writeHead(404).end();
      // As our production server does: the socket's address goes with the request.
      stampPeer(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      const body = Buffer.concat(chunks);
      const record = JSON.parse(body.toString() || "{}") as Record<string, { value?: unknown[] }>;
      const value = (name: string) => record[name]?.value?.[0];
      requests.push(`${pathname} ${String(value("User-Name"))}`);
      const answer = await route(
        new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body }),
      );
      if (route === accounting && answer.ok)
        stored.push(`${value("Acct-Session-Id")} ${value("Acct-Status-Type")} ${value("Acct-Session-Time") ?? 0}`);
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  const api: RadiusApi = {
    get port() {
      return port;
    },
    requests,
    stored,
    get listening() {
      return bridge.listening;
    },
    start: async () => {
      await new Promise<void>((resolve) => bridge.listen(port, "127.0.0.1", resolve));
      port = (bridge.address() as AddressInfo).port;
    },
    stop: async () => {
      const closed = new Promise((resolve) => bridge.close(resolve));
      bridge.closeAllConnections();
      await closed;
    },
  };
  await api.start();
  return api;
}

export interface RadiusAnswer {
  code: string;
  /** An attribute that came more than once has all its values. */
  attributes: Record<string, string | string[]>;
}

/**
 * Sends one packet with radclient to 127.0.0.1:`port`, as a NAS would, and reads the answer.
 * `daemonLog` goes into the error when nothing came back.
 */
export async function radclient(
  port: number,
  secret: string,
  kind: "auth" | "acct",
  attributes: Record<string, string | number>,
  daemonLog: () => string = () => "",
): Promise<RadiusAnswer> {
  const input = Object.entries(attributes)
    .map(([name, value]) => `${name} = ${typeof value === "number" ? value : JSON.stringify(value)}`)
    .join("\n");
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(RADCLIENT!, ["-x", "-r", "1", "-t", "5", `127.0.0.1:${port}`, kind, secret]);
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("error", reject);
    child.on("close", () => resolve(text));
    child.stdin.end(`${input}\n`);
  });
  const lines = out.split("\n");
  const received = lines.findIndex((l) => l.startsWith("Received "));
  if (received < 0) throw new Error(`no answer from FreeRADIUS:\n${out}\n--- daemon log ---\n${daemonLog()}`);
  const code = /^Received (\S+)/.exec(lines[received]!)![1]!;
  const attrs: Record<string, string | string[]> = {};
  for (const line of lines.slice(received + 1)) {
    const m = /^\t(\S+) = (.*)$/.exec(line);
    if (!m) break;
    const value = m[2]!.replace(/^"(.*)"$/, "$1");
    // An attribute sent more than once (Cisco-AVPair) keeps every value, in the order received.
    const seen = attrs[m[1]!];
    attrs[m[1]!] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return { code, attributes: attrs };
}
