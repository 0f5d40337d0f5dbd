import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNetwork } from "../modules/radius/testing";

// PostgreSQL going away under a running app: the app process reaches the database through a TCP
// relay this test opens and closes (the machine's PostgreSQL itself is never stopped). While the
// relay is closed, requests get a clear 503 (JSON for the API, a page for people) and the process
// stays up; once it is open again, the same process answers normally by itself.

/** A TCP relay to PostgreSQL that can be cut (every connection dropped, new ones refused) and restored. */
function relay(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("error", () => {});
          s.on("close", () => {
            sockets.delete(s);
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server!.close(() => resolve());
    });
  return { open, cut, port: () => port };
}

const pgUrl = new URL(process.env.DATABASE_URL!);
const db = relay({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
let app: ChildProcess;
let appPort = 0;
let key = "";
let host = "";
let network: Awaited<ReturnType<typeof makeNetwork>>;

beforeAll(async () => {
  network = await makeNetwork("outage-isp");
  key = (await network.admin.radius.createKey({ name: "outage" })).secret;
  host = "outage-isp.localhost";
  await db.open();
  const via = (url: string) => {
    const u = new URL(url);
    u.hostname = "127.0.0.1";
    u.port = String(db.port());
    return u.toString();
  };
  app = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "outage-server.ts")], {
    env: {
      ...process.env,
      DATABASE_URL: via(process.env.DATABASE_URL!),
      APP_DATABASE_URL: via(process.env.APP_DATABASE_URL!),
      DATABASE_CONNECT_TIMEOUT_MS: "1000",
      ROOT_DOMAIN: "localhost:3000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  appPort = await new Promise<number>((resolve, reject) => {
    app.once("exit", (code) => reject(new Error(`outage server exited ${code}`)));
    readline.createInterface({ input: app.stdout! }).once("line", (line) => resolve(JSON.parse(line).port));
  });
});
afterAll(() => {
  app?.kill();
});

/** A request with a Host header (fetch() sends its own). */
function request(pathname: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: appPort, path: pathname, method, headers }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function authorize() {
  const res = await request(
    "/api/radius/authorize",
    "POST",
    { host, authorization: `Bearer ${key}`, "content-type": "application/json" },
    JSON.stringify({ "User-Name": { type: "string", value: ["nobody-here"] } }),
  );
  return { ...res, requestId: res.headers["x-request-id"] };
}

describe("PostgreSQL unreachable while the app runs", () => {
  it("answers 503 with a clear error while it is down, and recovers by itself", async () => {
    const before = await authorize();
    // An unknown username: RADIUS's refusal, read from the database.
    expect(before.status).toBe(401);
    expect(before.body).toMatch(/Unknown username/);
    expect(before.requestId).toMatch(/^[\w-]{8,}$/);

    await db.cut();
    const during = await authorize();
    expect(during.status).toBe(503);
    expect(JSON.parse(during.body)).toEqual({
      error: { code: "UNAVAILABLE", message: expect.stringMatching(/cannot reach its database/) },
    });
    // While marked down, a page gets a page that says so, at once.
    const page = await request("/customers", "GET", { host, accept: "text/html" });
    expect(page.status).toBe(503);
    expect(page.headers["retry-after"]).toBe("5");
    expect(page.body).toMatch(/Back in a moment/);
    expect(app.exitCode).toBeNull();

    await db.open();
    // The process itself notices: no restart, the next probe gets through.
    await expect.poll(async () => (await authorize()).status, { timeout: 15_000, interval: 500 }).toBe(before.status);
    expect(app.exitCode).toBeNull();
  });

  it("accounting answers 503 while it is down, so the NAS or FreeRADIUS sends again; the retry is stored", async () => {
    const sub = await network.subscriber("ACTIVE");
    const attr = (value: string | number) => ({
      type: typeof value === "number" ? "integer" : "string",
      value: [value],
    });
    const session = {
      "User-Name": attr(sub.username),
      "Acct-Session-Id": attr("outage-1"),
      "NAS-IP-Address": attr("10.0.0.1"),
    };
    const account = (packet: Record<string, unknown>) =>
      request(
        "/api/radius/accounting",
        "POST",
        { host, authorization: `Bearer ${key}`, "content-type": "application/json" },
        JSON.stringify({ ...session, ...packet }),
      );
    const stop = {
      "Acct-Status-Type": attr("Stop"),
      "Acct-Session-Time": attr(600),
      "Acct-Input-Octets": attr(1_000),
      "Acct-Output-Octets": attr(9_000),
    };
    expect((await account({ "Acct-Status-Type": attr("Start") })).status).toBe(204);

    // The session's Stop arrives while the database is away: refused, nothing counted.
    await db.cut();
    const during = await account(stop);
    expect(during.status).toBe(503);
    expect(JSON.parse(during.body)).toMatchObject({ error: { code: "UNAVAILABLE" } });

    await db.open();
    expect(await network.usage(sub.subscriptionId)).toEqual([]);
    // The NAS's retry once the database is back: answered, and its bytes counted.
    await expect.poll(async () => (await account(stop)).status, { timeout: 15_000, interval: 500 }).toBe(204);
    expect(await network.usage(sub.subscriptionId)).toEqual([
      expect.objectContaining({ downloadBytes: 9_000n, uploadBytes: 1_000n }),
    ]);
  });

  it("keeps a caller's X-Request-Id", async () => {
    const res = await request("/anything", "GET", { "x-request-id": "lb-1234.abcd" });
    expect(res.headers["x-request-id"]).toBe("lb-1234.abcd");
  });
});
