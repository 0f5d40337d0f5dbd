import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { resetEnvCache } from "../../lib/env";
import { settleInline } from "../../jobs/emit";
import { urlFor } from "../../test/databases";
import {
  conninfoOf,
  freeUdpPort,
  missingFreeradius,
  RLM_SQL_POSTGRESQL,
  shippedModulesAndPolicy,
  shippedSite,
  startFreeradius,
  writeRaddb,
  type Daemon,
} from "./freeradius-harness";
import { radclient as sendPacket, startRadiusApi, type RadiusAnswer, type RadiusApi } from "./freeradius-api";
import { makeCustomer, packageInput } from "../subscriptions/testing";
import { makeNetwork, type Subscriber } from "./testing";

// The real thing: Debian's FreeRADIUS 3 daemon with the configuration we ship (deploy/freeradius:
// the module, the login policy and both sites, direct and buffered, in one daemon; see
// freeradius-harness.ts), calling our REST handlers over HTTP, driven by radclient as a NAS would.
// A tiny HTTP server on 127.0.0.1 (freeradius-api.ts) hands rlm_rest's requests to the route handlers; rlm_rest calls
// http://<slug>.localhost:<port>, which libcurl resolves to loopback, so the company comes from
// the Host header as in production.

if (missingFreeradius)
  console.warn(
    `Skipping the FreeRADIUS integration test: ${missingFreeradius} is not installed. apt-get install -y freeradius freeradius-rest freeradius-utils`,
  );

const SECRET = "nas-shared-secret";
const SLUG = "fr-isp";

type Network = Awaited<ReturnType<typeof makeNetwork>>;
let net: Network;
let active: Subscriber;
let keyId: string;
let suspended: Subscriber;
let dir: string;
let daemon: Daemon | undefined;
let api: RadiusApi | undefined;
const ports = { auth: 0, acct: 0, bufferedAuth: 0, bufferedAcct: 0 };
/** The auth port of each daemon's site radclient can send to (the SQL ones are set by their describe). */
const authPorts: Record<string, number> = {};
const asked = (username: string) => api!.requests.filter((r) => r.endsWith(` ${username}`)).map((r) => r.split(" ")[0]);

/** The fresh-answer window the API gives ordinary PPPoE logins (0: FreeRADIUS asks every time). */
function freshWindow(seconds: number): void {
  process.env.RADIUS_FRESH_LOGIN_SECONDS = String(seconds);
  resetEnvCache();
}

/** Sends one packet with radclient, as a NAS would, and reads the answer (from the direct site unless told). */
function radclient(
  kind: "auth" | "acct",
  attributes: Record<string, string | number>,
  site: "direct" | "buffered" | "sql" | "sql-down" = "direct",
): Promise<RadiusAnswer> {
  const port =
    site === "direct"
      ? kind === "auth"
        ? ports.auth
        : ports.acct
      : site === "buffered"
        ? kind === "auth"
          ? ports.bufferedAuth
          : ports.bufferedAcct
        : authPorts[site]!;
  return sendPacket(port, SECRET, kind, attributes, () => daemon?.log() ?? "");
}

describe.skipIf(!!missingFreeradius)("FreeRADIUS (rlm_rest) against the Lastmile API", () => {
  beforeAll(async () => {
    // Most cases check what the API answers, so FreeRADIUS asks it at every login unless a case
    // opens a window ("the fresh-answer window" below).
    freshWindow(0);
    net = await makeNetwork(SLUG);
    active = await net.subscriber("ACTIVE");
    suspended = await net.subscriber("SUSPENDED");
    const { key, secret } = await net.admin.radius.createKey({ name: "freeradius under test" });
    keyId = key.id;
    for (const name of ["auth", "acct", "bufferedAuth", "bufferedAcct"] as const) ports[name] = await freeUdpPort();
    api = await startRadiusApi();
    dir = writeRaddb({
      secret: SECRET,
      ...shippedModulesAndPolicy(),
      sites: {
        lastmile: shippedSite("lastmile", ports.auth, ports.acct),
        "lastmile-buffered": shippedSite("lastmile-buffered", ports.bufferedAuth, ports.bufferedAcct),
      },
    });
    daemon = await startFreeradius(dir, ports.auth, SECRET, {
      LASTMILE_API_URL: `http://${SLUG}.localhost:${api!.port}`,
      LASTMILE_RADIUS_KEY: secret,
    });
  });

  afterAll(async () => {
    delete process.env.RADIUS_FRESH_LOGIN_SECONDS;
    resetEnvCache();
    await daemon?.stop();
    if (api?.listening) await api.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("PAP for an active PPPoE subscriber: Access-Accept with the package's rate limit", async () => {
    const answer = await radclient("auth", {
      "User-Name": active.username,
      "User-Password": active.password,
      "NAS-IP-Address": "10.0.0.1",
      "Calling-Station-Id": "AA:BB:CC:DD:EE:01",
    });
    expect(answer).toEqual({ code: "Access-Accept", attributes: { "Mikrotik-Rate-Limit": "5000k/20000k" } });
  });

  it("CHAP and MS-CHAPv2 work too, as the password is handed to FreeRADIUS to compare", async () => {
    expect((await radclient("auth", { "User-Name": active.username, "CHAP-Password": active.password })).code).toBe(
      "Access-Accept",
    );
    expect((await radclient("auth", { "User-Name": active.username, "MS-CHAP-Password": active.password })).code).toBe(
      "Access-Accept",
    );
  });

  it("a wrong password is rejected, and the reject tells nothing about the package", async () => {
    const answer = await radclient("auth", { "User-Name": active.username, "User-Password": `${active.password}x` });
    expect(answer).toEqual({ code: "Access-Reject", attributes: {} });
  });

  it("a suspended subscriber is rejected with a Reply-Message", async () => {
    const answer = await radclient("auth", { "User-Name": suspended.username, "User-Password": suspended.password });
    expect(answer).toEqual({
      code: "Access-Reject",
      attributes: { "Reply-Message": "This service is suspended. Please contact your provider." },
    });
  });

  it("a bandwidth policy reaches the NAS as MikroTik and WISPr attributes the dictionaries know", async () => {
    const policy = await net.admin.bandwidth.policies.create({
      name: "FR policy",
      downloadKbps: 30_000,
      uploadKbps: 10_000,
      priority: 4,
      addressList: "home-30m",
    });
    const pkg = await net.admin.packages.create(
      packageInput("PPPOE", { code: "FR-POL", bandwidthPolicyId: policy.id }),
    );
    const customer = await makeCustomer(net.company.id);
    const { subscription, pppoePassword } = await net.admin.subscriptions.create({
      customerId: customer.id,
      packageId: pkg.id,
      startDate: "2026-11-01",
    });
    await net.admin.subscriptions.activate({ id: subscription.id });
    await settleInline();
    const answer = await radclient("auth", {
      "User-Name": subscription.pppoeUsername!,
      "User-Password": pppoePassword!,
    });
    expect(answer).toEqual({
      code: "Access-Accept",
      attributes: {
        "Mikrotik-Rate-Limit": "10000k/30000k 0/0 0/0 0/0 4",
        "WISPr-Bandwidth-Max-Down": "30000000",
        "WISPr-Bandwidth-Max-Up": "10000000",
        "Mikrotik-Address-List": "home-30m",
      },
    });
  });

  it("the walled garden: a suspended subscriber is accepted into the captive list and pool, never from a fresh answer, and resuming restores full speed at the next login", async () => {
    await net.admin.bandwidth.captive.save({
      suspended: "CAPTIVE",
      addressList: "lastmile-captive",
      framedPool: "captive",
    });
    freshWindow(300);
    try {
      const sub = await net.subscriber("SUSPENDED");
      const login = { "User-Name": sub.username, "User-Password": sub.password };
      const garden = {
        code: "Access-Accept",
        attributes: { "Mikrotik-Address-List": "lastmile-captive", "Framed-Pool": "captive" },
      };
      expect(await radclient("auth", login)).toEqual(garden);
      expect(await radclient("auth", login)).toEqual(garden);
      // Both asked the API: a walled-garden answer is not reused inside the window.
      expect(asked(sub.username)).toEqual(["/api/radius/authorize", "/api/radius/authorize"]);
      expect(await radclient("auth", { ...login, "User-Password": `${sub.password}x` })).toEqual({
        code: "Access-Reject",
        attributes: {},
      });

      await net.admin.subscriptions.resume({ id: sub.subscriptionId });
      await settleInline();
      expect(await radclient("auth", login)).toEqual({
        code: "Access-Accept",
        attributes: { "Mikrotik-Rate-Limit": "5000k/20000k" },
      });
    } finally {
      freshWindow(0);
      await net.admin.bandwidth.captive.save({ suspended: "REJECT", addressList: "lastmile-captive" });
    }
  });

  it("a PPPoE session's Start, Interim-Update (sent twice) and Stop land once in the day's usage", async () => {
    const session = {
      "User-Name": active.username,
      "Acct-Session-Id": "81a00001",
      "NAS-IP-Address": "10.0.0.1",
      "Framed-IP-Address": "100.64.0.7",
    };
    expect((await radclient("acct", { ...session, "Acct-Status-Type": "Start" })).code).toBe("Accounting-Response");
    const interim = {
      ...session,
      "Acct-Status-Type": "Interim-Update",
      "Acct-Input-Octets": 2_000,
      "Acct-Output-Octets": 50_000,
      "Acct-Output-Gigawords": 1,
      "Acct-Session-Time": 300,
    };
    expect((await radclient("acct", interim)).code).toBe("Accounting-Response");
    expect((await radclient("acct", interim)).code).toBe("Accounting-Response");
    const stop = {
      ...session,
      "Acct-Status-Type": "Stop",
      "Acct-Input-Octets": 3_000,
      "Acct-Output-Octets": 80_000,
      "Acct-Output-Gigawords": 1,
      "Acct-Session-Time": 600,
      "Acct-Terminate-Cause": "User-Request",
    };
    expect((await radclient("acct", stop)).code).toBe("Accounting-Response");
    const days = await net.usage(active.subscriptionId);
    expect(days).toHaveLength(1);
    // Download is what the NAS sent to the subscriber (Acct-Output-*), upload what it received.
    expect(days[0]).toMatchObject({ downloadBytes: 2n ** 32n + 80_000n, uploadBytes: 3_000n });
    const row = await withTenant(net.company.id, (tx) =>
      tx.radiusSession.findFirstOrThrow({ where: { acctSessionId: "81a00001" } }),
    );
    expect(row).toMatchObject({
      subscriptionId: active.subscriptionId,
      framedIp: "100.64.0.7",
      stoppedAt: expect.any(Date),
      terminateCause: "User-Request",
      sessionSeconds: 600,
    });
  });

  it("an unused voucher is accepted, becomes ACTIVE at its first login, and its usage is counted once", async () => {
    const [v] = await net.vouchers(net.packages.bundle.id);
    const answer = await radclient("auth", {
      "User-Name": v.code,
      "User-Password": v.code,
      "Calling-Station-Id": "AA:BB:CC:DD:EE:02",
    });
    expect(answer).toEqual({
      code: "Access-Accept",
      attributes: {
        "Mikrotik-Total-Limit": String(5 * 1024 * 1024),
        "Mikrotik-Total-Limit-Gigawords": "0",
        "Mikrotik-Rate-Limit": "2000k/5000k",
      },
    });
    expect(await net.voucher(v.code)).toMatchObject({ status: "ACTIVE", firstUsedAt: expect.any(Date) });

    const session = { "User-Name": v.code, "Acct-Session-Id": "hs-0001", "NAS-IP-Address": "10.0.0.2" };
    await radclient("acct", { ...session, "Acct-Status-Type": "Start" });
    const interim = {
      ...session,
      "Acct-Status-Type": "Interim-Update",
      "Acct-Input-Octets": 1_048_576,
      "Acct-Output-Octets": 1_048_576,
      "Acct-Session-Time": 120,
    };
    await radclient("acct", interim);
    await radclient("acct", interim);
    expect(await net.voucher(v.code)).toMatchObject({ status: "ACTIVE", usedMb: 2, usedSeconds: 120 });
    // The allowance runs out with the Stop: the voucher expires and the next login is refused.
    await radclient("acct", {
      ...session,
      "Acct-Status-Type": "Stop",
      "Acct-Input-Octets": 1_048_576,
      "Acct-Output-Octets": 4_194_304,
      "Acct-Session-Time": 300,
    });
    expect(await net.voucher(v.code)).toMatchObject({ status: "EXPIRED", usedMb: 5, usedSeconds: 300 });
    expect(await radclient("auth", { "User-Name": v.code, "User-Password": v.code })).toEqual({
      code: "Access-Reject",
      attributes: { "Reply-Message": "This voucher has expired" },
    });
  });

  it("a voucher with a PIN needs the PIN as its password, and a wrong PIN starts nothing", async () => {
    const [v] = await net.vouchers(net.packages.dayPass.id, 1, true);
    expect(
      (await radclient("auth", { "User-Name": v.code, "User-Password": v.pin === "0000" ? "0001" : "0000" })).code,
    ).toBe("Access-Reject");
    expect(await net.voucher(v.code)).toMatchObject({ status: "UNUSED", firstUsedAt: null });
    const answer = await radclient("auth", { "User-Name": v.code, "User-Password": v.pin! });
    expect(answer).toMatchObject({
      code: "Access-Accept",
      attributes: { "Session-Timeout": "86400", "Mikrotik-Rate-Limit": "2000k/5000k" },
    });
    expect(await net.voucher(v.code)).toMatchObject({ status: "ACTIVE" });
  });

  it("an expired voucher is rejected", async () => {
    const [v] = await net.vouchers(net.packages.dayPass.id);
    await withTenant(net.company.id, (tx) =>
      tx.voucher.update({
        where: { id: v.id },
        data: {
          status: "ACTIVE",
          firstUsedAt: new Date(Date.now() - 2 * 86_400_000),
          expiresAt: new Date(Date.now() - 86_400_000),
        },
      }),
    );
    expect(await radclient("auth", { "User-Name": v.code, "User-Password": v.code })).toEqual({
      code: "Access-Reject",
      attributes: { "Reply-Message": "This voucher has expired" },
    });
    expect((await net.voucher(v.code)).status).toBe("EXPIRED");
  });

  it("a key bound to other source addresses: every login is rejected, and the refusal is audited", async () => {
    const login = { "User-Name": active.username, "User-Password": active.password };
    await net.admin.radius.setKeySources({ id: keyId, allowedSources: "127.0.0.0/8" });
    expect((await radclient("auth", login)).code).toBe("Access-Accept");
    await net.admin.radius.setKeySources({ id: keyId, allowedSources: "192.0.2.1" });
    try {
      expect(await radclient("auth", login)).toEqual({ code: "Access-Reject", attributes: {} });
      const refused = await withTenant(net.company.id, (tx) =>
        tx.auditEntry.findMany({ where: { action: "radius_key.source_refused", entityId: keyId } }),
      );
      expect(refused.map((a) => a.ip)).toEqual([expect.stringMatching(/127\.0\.0\.1$/)]);
    } finally {
      await net.admin.radius.setKeySources({ id: keyId, allowedSources: "" });
    }
  });

  describe("the fresh-answer window", () => {
    // The window is the API's, per answer: each case sets the one it needs. Long enough here
    // that a loaded machine cannot outlast it between two radclient runs.
    afterAll(() => freshWindow(0));

    it("an ordinary login makes one HTTP call, and a re-dial within the window makes none", async () => {
      freshWindow(300);
      const sub = await net.subscriber("ACTIVE");
      const login = { "User-Name": sub.username, "User-Password": sub.password };
      const accepted = { code: "Access-Accept", attributes: { "Mikrotik-Rate-Limit": "5000k/20000k" } };
      expect(await radclient("auth", login)).toEqual(accepted);
      // authorize only: a PPPoE login has nothing to report at post-auth.
      expect(asked(sub.username)).toEqual(["/api/radius/authorize"]);

      // Re-dials, by any method, on either site: answered by FreeRADIUS with the same attributes.
      expect(await radclient("auth", login)).toEqual(accepted);
      expect(await radclient("auth", login, "buffered")).toEqual(accepted);
      expect((await radclient("auth", { "User-Name": sub.username, "CHAP-Password": sub.password })).code).toBe(
        "Access-Accept",
      );
      // The password is still checked against the fresh answer.
      expect(await radclient("auth", { ...login, "User-Password": `${sub.password}x` })).toEqual({
        code: "Access-Reject",
        attributes: {},
      });
      expect(asked(sub.username)).toEqual(["/api/radius/authorize"]);
    });

    it("a subscriber suspended inside the window can re-dial until it ends; then the API's refusal drops the kept answer too", async () => {
      const WINDOW = 8;
      freshWindow(WINDOW);
      const sub = await net.subscriber("ACTIVE");
      const login = { "User-Name": sub.username, "User-Password": sub.password };
      expect((await radclient("auth", login)).code).toBe("Access-Accept");
      await net.admin.subscriptions.suspend({ id: sub.subscriptionId, reason: "Unpaid invoice" });
      await settleInline();
      // The documented trade-off: inside the window the old answer stands.
      expect((await radclient("auth", login)).code).toBe("Access-Accept");
      expect(asked(sub.username)).toEqual(["/api/radius/authorize"]);

      await new Promise((r) => setTimeout(r, (WINDOW + 1) * 1000));
      expect(await radclient("auth", login)).toEqual({
        code: "Access-Reject",
        attributes: { "Reply-Message": "This service is suspended. Please contact your provider." },
      });
      expect(asked(sub.username)).toEqual(["/api/radius/authorize", "/api/radius/authorize"]);
      // Nothing kept for them any more: with the API down they are refused, not let in from a copy.
      await api!.stop();
      try {
        expect(await radclient("auth", login)).toEqual({ code: "Access-Reject", attributes: {} });
      } finally {
        await api!.start();
      }
    }, 90_000);

    it("a voucher is asked about at every login and its first login is still reported at post-auth", async () => {
      freshWindow(300);
      const [v] = await net.vouchers(net.packages.dayPass.id);
      const login = { "User-Name": v.code, "User-Password": v.code };
      expect((await radclient("auth", login)).code).toBe("Access-Accept");
      expect(asked(v.code)).toEqual(["/api/radius/authorize", "/api/radius/post-auth"]);
      expect(await net.voucher(v.code)).toMatchObject({ status: "ACTIVE", firstUsedAt: expect.any(Date) });
      // Its time left changes, so the next login asks again (and reports again, which changes nothing).
      expect((await radclient("auth", login)).code).toBe("Access-Accept");
      expect(asked(v.code)).toEqual([
        "/api/radius/authorize",
        "/api/radius/post-auth",
        "/api/radius/authorize",
        "/api/radius/post-auth",
      ]);
    });
  });

  describe("while the API is down", () => {
    it("a subscriber who logged in before still logs in with the same limits; a wrong password and anyone else are refused", async () => {
      const regular = await net.subscriber("ACTIVE");
      const newcomer = await net.subscriber("ACTIVE");
      const login = { "User-Name": regular.username, "User-Password": regular.password };
      const accepted = { code: "Access-Accept", attributes: { "Mikrotik-Rate-Limit": "5000k/20000k" } };
      expect(await radclient("auth", login)).toEqual(accepted);

      await api!.stop();
      const before = api!.requests.length;
      try {
        // The last good answer (no fresh window here: FreeRADIUS tried the API and fell back).
        expect(await radclient("auth", login)).toEqual(accepted);
        expect(await radclient("auth", login, "buffered")).toEqual(accepted);
        expect(
          (await radclient("auth", { "User-Name": regular.username, "MS-CHAP-Password": regular.password })).code,
        ).toBe("Access-Accept");
        expect(await radclient("auth", { ...login, "User-Password": `${regular.password}x` })).toEqual({
          code: "Access-Reject",
          attributes: {},
        });
        expect(await radclient("auth", { "User-Name": newcomer.username, "User-Password": newcomer.password })).toEqual(
          { code: "Access-Reject", attributes: {} },
        );
        expect(api!.requests.length).toBe(before);
      } finally {
        await api!.start();
      }
      // Back: the API answers again (the newcomer is not refused from a stale state).
      expect(
        (await radclient("auth", { "User-Name": newcomer.username, "User-Password": newcomer.password })).code,
      ).toBe("Access-Accept");
    });

    it("a subscriber the API refused once since their last login is refused too", async () => {
      const sub = await net.subscriber("ACTIVE");
      const login = { "User-Name": sub.username, "User-Password": sub.password };
      expect((await radclient("auth", login)).code).toBe("Access-Accept");
      await net.admin.subscriptions.suspend({ id: sub.subscriptionId, reason: "Unpaid invoice" });
      await settleInline();
      expect((await radclient("auth", login)).code).toBe("Access-Reject");

      await api!.stop();
      try {
        expect(await radclient("auth", login)).toEqual({ code: "Access-Reject", attributes: {} });
      } finally {
        await api!.start();
      }
    });

    it("buffered accounting: the NAS is answered at once, and every record reaches the API once it is back", async () => {
      const sub = await net.subscriber("ACTIVE");
      const sessions = ["b0000001", "b0000002", "b0000003"];
      const sent: string[] = [];
      await api!.stop();
      try {
        for (const id of sessions) {
          const session = { "User-Name": sub.username, "Acct-Session-Id": id, "NAS-IP-Address": "10.0.0.9" };
          const packets = [
            { ...session, "Acct-Status-Type": "Start" },
            ...[1, 2, 3].map((n) => ({
              ...session,
              "Acct-Status-Type": "Interim-Update",
              "Acct-Input-Octets": n * 1_000,
              "Acct-Output-Octets": n * 10_000,
              "Acct-Session-Time": n * 300,
            })),
            {
              ...session,
              "Acct-Status-Type": "Stop",
              "Acct-Input-Octets": 5_000,
              "Acct-Output-Octets": 50_000,
              "Acct-Output-Gigawords": 1,
              "Acct-Session-Time": 1_200,
              "Acct-Terminate-Cause": "User-Request",
            },
          ];
          for (const packet of packets) {
            // Answered while the API is down: the record is in the detail file.
            expect((await radclient("acct", packet, "buffered")).code).toBe("Accounting-Response");
            sent.push(
              `${id} ${packet["Acct-Status-Type"]} ${"Acct-Session-Time" in packet ? packet["Acct-Session-Time"] : 0}`,
            );
          }
        }
        expect(api!.stored.filter((r) => r.startsWith("b000000"))).toEqual([]);
        // They wait in the spool the NAS's address picks (10.0.0.9: 9 modulo 4), and only there.
        const waiting = (spool: number) => {
          const folder = path.join(dir, "log/radacct/lastmile", String(spool));
          return existsSync(folder)
            ? readdirSync(folder).reduce((sum, f) => sum + readFileSync(path.join(folder, f), "utf8"), "")
            : "";
        };
        expect([0, 1, 2, 3].map((n) => waiting(n).match(/Acct-Session-Id = "b000000\d"/g)?.length ?? 0)).toEqual([
          0, 15, 0, 0,
        ]);
      } finally {
        await api!.start();
      }

      // The reader retries every few seconds; wait until the last Stop is stored.
      const deadline = Date.now() + 60_000;
      while (!api!.stored.includes(`b0000003 Stop 1200`) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 250));
      // Each record once, in the order the NAS sent them.
      expect(api!.stored.filter((r) => r.startsWith("b000000"))).toEqual(sent);
      const days = await net.usage(sub.subscriptionId);
      expect(days).toEqual([
        expect.objectContaining({ downloadBytes: 3n * (2n ** 32n + 50_000n), uploadBytes: 15_000n }),
      ]);
      const rows = await withTenant(net.company.id, (tx) =>
        tx.radiusSession.findMany({ where: { acctSessionId: { in: sessions } }, orderBy: { acctSessionId: "asc" } }),
      );
      expect(rows.map((r) => [r.acctSessionId, r.sessionSeconds, r.terminateCause])).toEqual(
        sessions.map((id) => [id, 1_200, "User-Request"]),
      );
    });
  });

  describe.skipIf(!RLM_SQL_POSTGRESQL)("first logins from PostgreSQL (mods-available/lastmile_sql)", () => {
    // Two more daemons with the SQL module enabled: one reaching the test database as
    // FreeRADIUS's database login (lastmile_radius), one whose database does not answer.
    const daemons: Daemon[] = [];
    const dirs: string[] = [];
    let sqlSecret: string;

    async function sqlDaemon(site: "sql" | "sql-down", conninfo: string) {
      const [auth, acct] = [await freeUdpPort(), await freeUdpPort()];
      authPorts[site] = auth;
      const raddb = writeRaddb({
        secret: SECRET,
        ...shippedModulesAndPolicy({ sql: true }),
        sites: { lastmile: shippedSite("lastmile", auth, acct) },
      });
      dirs.push(raddb);
      daemons.push(
        await startFreeradius(raddb, auth, SECRET, {
          LASTMILE_API_URL: `http://${SLUG}.localhost:${api!.port}`,
          LASTMILE_RADIUS_KEY: sqlSecret,
          LASTMILE_SQL_CONNINFO: conninfo,
        }),
      );
    }

    beforeAll(async () => {
      // The key carries the fresh window the app gives at the time (here 0: every login looks again).
      freshWindow(0);
      sqlSecret = (await net.admin.radius.createKey({ name: "freeradius with sql" })).secret;
      const database = new URL(process.env.DATABASE_URL!).pathname.slice(1);
      await sqlDaemon("sql", conninfoOf(urlFor(database, "lastmile_radius")));
      await sqlDaemon("sql-down", "host=127.0.0.1 port=1 dbname=nothing user=lastmile_radius connect_timeout=1");
    });

    afterAll(async () => {
      await Promise.all(daemons.map((d) => d.stop()));
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    it("a first login is answered from the database with the API's attributes and no HTTP call, by PAP, CHAP and MS-CHAPv2", async () => {
      const sub = await net.subscriber("ACTIVE");
      const login = { "User-Name": sub.username, "User-Password": sub.password };
      expect(await radclient("auth", login, "sql")).toEqual({
        code: "Access-Accept",
        attributes: { "Mikrotik-Rate-Limit": "5000k/20000k" },
      });
      expect((await radclient("auth", { "User-Name": sub.username, "CHAP-Password": sub.password }, "sql")).code).toBe(
        "Access-Accept",
      );
      expect(
        (await radclient("auth", { "User-Name": sub.username, "MS-CHAP-Password": sub.password }, "sql")).code,
      ).toBe("Access-Accept");
      expect(await radclient("auth", { ...login, "User-Password": `${sub.password}x` }, "sql")).toEqual({
        code: "Access-Reject",
        attributes: {},
      });
      expect(asked(sub.username)).toEqual([]);

      // Suspended: the database has no answer, the API refuses with its message.
      await net.admin.subscriptions.suspend({ id: sub.subscriptionId, reason: "Unpaid invoice" });
      await settleInline();
      expect(await radclient("auth", login, "sql")).toEqual({
        code: "Access-Reject",
        attributes: { "Reply-Message": "This service is suspended. Please contact your provider." },
      });
      expect(asked(sub.username)).toEqual(["/api/radius/authorize"]);
    });

    it("vouchers still go to the API, and their first login is reported at post-auth", async () => {
      const [v] = await net.vouchers(net.packages.dayPass.id);
      expect((await radclient("auth", { "User-Name": v.code, "User-Password": v.code }, "sql")).code).toBe(
        "Access-Accept",
      );
      expect(asked(v.code)).toEqual(["/api/radius/authorize", "/api/radius/post-auth"]);
      expect(await net.voucher(v.code)).toMatchObject({ status: "ACTIVE" });
    });

    it("while the API is down, a subscriber who never logged in before logs in; a suspended one is refused", async () => {
      const newcomer = await net.subscriber("ACTIVE");
      const held = await net.subscriber("SUSPENDED");
      await api!.stop();
      try {
        expect(
          await radclient("auth", { "User-Name": newcomer.username, "User-Password": newcomer.password }, "sql"),
        ).toEqual({ code: "Access-Accept", attributes: { "Mikrotik-Rate-Limit": "5000k/20000k" } });
        expect(await radclient("auth", { "User-Name": held.username, "User-Password": held.password }, "sql")).toEqual({
          code: "Access-Reject",
          attributes: {},
        });
      } finally {
        await api!.start();
      }
    });

    it("while the database cannot be reached, logins are asked of the API as without the module", async () => {
      const sub = await net.subscriber("ACTIVE");
      expect(await radclient("auth", { "User-Name": sub.username, "User-Password": sub.password }, "sql-down")).toEqual(
        { code: "Access-Accept", attributes: { "Mikrotik-Rate-Limit": "5000k/20000k" } },
      );
      expect(asked(sub.username)).toEqual(["/api/radius/authorize"]);
    });
  });
});
