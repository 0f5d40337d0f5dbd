import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BATCH_BYTES } from "../modules/radius/batch";
import { accountingBatch, authorize } from "../modules/radius/rest";
import { makeNetwork, type Subscriber } from "../modules/radius/testing";
import { withTenant } from "../db/tenant";
import { registerDirectRoutes } from "../api/rest/direct";
import { directRouteOf, serveDirect } from "./direct";
import { stampPeer } from "./peer";

// The production server answers RADIUS's endpoints without Next.js's router (direct.ts): through
// a real HTTP server wired as next-server.ts wires it (anything not direct gets 404 here, where
// Next.js would take it), the answers are the routes' own, with the headers proxy.ts adds.

let server: http.Server;
let port: number;
let key: string;
let sub: Subscriber;
let companyId: string;
const HOST = "direct-radius.localhost:3000";

beforeAll(async () => {
  const net = await makeNetwork("direct-radius");
  companyId = net.company.id;
  key = (await net.admin.radius.createKey({ name: "core" })).secret;
  sub = await net.subscriber("ACTIVE");
  registerDirectRoutes([authorize, accountingBatch]);
  server = http.createServer((req, res) => {
    stampPeer(req);
    const route = directRouteOf(req);
    if (route) void serveDirect(route, req, res);
    else res.writeHead(404, { "x-not-direct": "1" }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A POST; `chunked`: without Content-Length, the body in pieces. */
function post(path: string, body: string | Buffer, headers: Record<string, string> = {}, chunked = false) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: {
          host: HOST,
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          ...(chunked ? {} : { "content-length": String(Buffer.byteLength(body)) }),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", (err) => (chunked ? undefined : reject(err)));
    if (!chunked) return void req.end(body);
    const buffer = Buffer.from(body);
    for (let at = 0; at < buffer.length; at += 1 << 20) req.write(buffer.subarray(at, at + (1 << 20)));
    req.end();
  });
}

const login = (username: string) => JSON.stringify({ "User-Name": { type: "string", value: [username] } });

describe("RADIUS endpoints on the direct path", () => {
  it("authorize answers as the route does: the password and attributes, with the security headers", async () => {
    const res = await post("/api/radius/authorize", login(sub.username));
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.text);
    expect(answer["control:Cleartext-Password"]).toEqual({ op: ":=", value: sub.password, do_xlat: false });
    expect(Object.keys(answer).some((k) => k.startsWith("reply:"))).toBe(true);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("refuses an unknown user and a wrong key with the route's statuses", async () => {
    const unknown = await post("/api/radius/authorize", login("nobody-here"));
    expect(unknown.status).toBe(401);
    expect(JSON.parse(unknown.text)["reply:Reply-Message"].value).toBe("Unknown username.");
    const wrongKey = await post("/api/radius/authorize", login(sub.username), { authorization: "Bearer lmr_forged" });
    expect(wrongKey.status).toBe(401);
    expect(JSON.parse(wrongKey.text).error.code).toBe("UNAUTHORIZED");
  });

  it("leaves other paths, a query string, a trailing slash and other methods to Next.js", async () => {
    for (const path of ["/api/radius/authorize/", "/api/radius/authorize?x=1", "/api/radius/accounting", "/api/health"])
      expect((await post(path, login(sub.username))).headers["x-not-direct"]).toBe("1");
    const get = await new Promise<number>((resolve) =>
      http.get({ host: "127.0.0.1", port, path: "/api/radius/authorize", headers: { host: HOST } }, (res) => {
        res.resume();
        resolve(res.headers["x-not-direct"] ? 404 : (res.statusCode ?? 0));
      }),
    );
    expect(get).toBe(404);
  });

  it("a batch is read from the bytes as received and answered per record, text outside ASCII included", async () => {
    const start = (session: string, username: string) =>
      JSON.stringify({
        "User-Name": { type: "string", value: [username] },
        "Acct-Session-Id": { type: "string", value: [session] },
        "Acct-Status-Type": { type: "string", value: ["Start"] },
      });
    const body = [
      start("direct-1", sub.username),
      start("direct-1", sub.username),
      "{not json",
      start("direct-2", "zoë-straße"),
    ].join("\n");
    const res = await post("/api/radius/accounting/batch", body, { "content-type": "application/x-ndjson" });
    expect(res.status).toBe(200);
    expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.text));
    const answer = JSON.parse(res.text);
    expect(answer.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      "recorded",
      "duplicate",
      "rejected",
      "recorded",
    ]);
    expect(answer.results[2].reason).toBe("The line is not valid JSON.");
    const stored = await withTenant(companyId, (tx) =>
      tx.radiusSession.findMany({
        where: { acctSessionId: { in: ["direct-1", "direct-2"] } },
        orderBy: { acctSessionId: "asc" },
      }),
    );
    expect(stored.map((s) => s.username)).toEqual([sub.username, "zoë-straße"]);
  });

  it("a batch over the size limit is refused with 413 and stores nothing", async () => {
    const record = JSON.stringify({
      "User-Name": { type: "string", value: [sub.username] },
      "Acct-Session-Id": { type: "string", value: ["too-big"] },
      "Acct-Status-Type": { type: "string", value: ["Start"] },
    });
    const body = Buffer.from((record + "\n").repeat(Math.ceil(MAX_BATCH_BYTES / record.length) + 10));
    for (const chunked of [false, true]) {
      const res = await post("/api/radius/accounting/batch", body, { "content-type": "application/x-ndjson" }, chunked);
      expect(res.status).toBe(413);
      expect(JSON.parse(res.text).error.code).toBe("PAYLOAD_TOO_LARGE");
    }
    expect(await withTenant(companyId, (tx) => tx.radiusSession.count({ where: { acctSessionId: "too-big" } }))).toBe(
      0,
    );
  });
});
