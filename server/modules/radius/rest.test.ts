import { env } from "../../lib/env";
import { beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { failure } from "../../test/trpc";
import { accounting, authorize, postAuth } from "./rest";
import { makeNetwork, type Subscriber } from "./testing";

// The endpoints FreeRADIUS's rlm_rest calls, as it calls them: its JSON, its status codes, and a
// RADIUS server key bound to one company.

type Network = Awaited<ReturnType<typeof makeNetwork>>;
let net: Network;
let other: Network;
let key: string;
let otherKey: string;
let sub: Subscriber;
const HOST = hostOf("rest-radius");
const OTHER_HOST = hostOf("rest-radius-b");

/** A request body as rlm_rest builds it. */
function rlm(attrs: Record<string, string | number>) {
  return Object.fromEntries(
    Object.entries(attrs).map(([name, value]) => [
      name,
      { type: typeof value === "number" ? "integer" : "string", value: [value] },
    ]),
  );
}

beforeAll(async () => {
  net = await makeNetwork("rest-radius");
  other = await makeNetwork("rest-radius-b");
  key = (await net.admin.radius.createKey({ name: "core" })).secret;
  otherKey = (await other.admin.radius.createKey({ name: "theirs" })).secret;
  sub = await net.subscriber("ACTIVE");
});

describe("RADIUS server key", () => {
  it("is required, must be this company's, and must not be revoked", async () => {
    const body = rlm({ "User-Name": sub.username });
    expect((await call(authorize, { host: HOST, body })).status).toBe(401);
    expect((await call(authorize, { host: HOST, body, token: "lmr_forged" })).status).toBe(401);
    // Company B's key on company A's address: refused, whatever it asks about.
    const cross = await call(authorize, { host: HOST, body, token: otherKey });
    expect(cross.status).toBe(401);
    expect(cross.body).toEqual({ error: { code: "UNAUTHORIZED", message: expect.stringContaining("not valid here") } });
    expect(
      (
        await call(accounting, {
          host: HOST,
          body: rlm({ "User-Name": sub.username, "Acct-Status-Type": "Start", "Acct-Session-Id": "x" }),
          token: otherKey,
        })
      ).status,
    ).toBe(401);
    expect(await withTenant(net.company.id, (tx) => tx.radiusSession.count())).toBe(0);
    // A user's access token is not a RADIUS key either.
    expect((await call(authorize, { host: HOST, body, token: "eyJhbGciOiJIUzI1NiJ9.e30.x" })).status).toBe(401);
    // On its own company's address the same key works.
    expect(
      (await call(authorize, { host: OTHER_HOST, body: rlm({ "User-Name": "nobody" }), token: otherKey })).status,
    ).toBe(401);

    const { key: row, secret } = await net.admin.radius.createKey({ name: "to revoke" });
    expect((await call(authorize, { host: HOST, body, token: secret })).status).toBe(200);
    await net.admin.radius.revokeKey({ id: row.id });
    expect((await call(authorize, { host: HOST, body, token: secret })).status).toBe(401);
  });

  it("may come as the password of Basic authentication (rlm_rest's auth = 'basic')", async () => {
    const basic = `Basic ${Buffer.from(`radius:${key}`).toString("base64")}`;
    expect(
      (await call(authorize, { host: HOST, body: rlm({ "User-Name": sub.username }), authorization: basic })).status,
    ).toBe(200);
  });

  it("records when it was last used", async () => {
    const before = await withTenant(net.company.id, (tx) =>
      tx.radiusServerKey.findFirstOrThrow({ where: { name: "core" } }),
    );
    expect(before.lastUsedAt).toBeInstanceOf(Date);
    expect(Date.now() - before.lastUsedAt!.getTime()).toBeLessThan(60_000);
  });

  it("an unknown company's address is not found", async () => {
    expect(
      (await call(authorize, { host: hostOf("no-such-isp"), body: rlm({ "User-Name": "x" }), token: key })).status,
    ).toBe(404);
  });
});

describe("POST /api/radius/authorize", () => {
  it("accepts an active subscriber with the password to check and the NAS attributes, in rlm_rest's format", async () => {
    const res = await call(authorize, {
      host: HOST,
      token: key,
      body: rlm({ "User-Name": sub.username, "User-Password": "whatever", "NAS-IP-Address": "10.0.0.1" }),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      "control:Cleartext-Password": { op: ":=", value: sub.password, do_xlat: false },
      "reply:Mikrotik-Rate-Limit": { op: ":=", value: "5000k/20000k", do_xlat: false },
      "control:Lastmile-Fresh-Seconds": { op: ":=", value: String(env().RADIUS_FRESH_LOGIN_SECONDS), do_xlat: false },
      "control:Lastmile-Report-Login": { op: ":=", value: "0", do_xlat: false },
    });
  });

  it("refuses with 401 and a Reply-Message (rlm_rest: reject), and a body without User-Name the same way", async () => {
    const suspended = await net.subscriber("SUSPENDED");
    const res = await call(authorize, { host: HOST, token: key, body: rlm({ "User-Name": suspended.username }) });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      "reply:Reply-Message": {
        op: ":=",
        value: "This service is suspended. Please contact your provider.",
        do_xlat: false,
      },
    });
    const none = await call(authorize, { host: HOST, token: key, body: rlm({ "NAS-IP-Address": "10.0.0.1" }) });
    expect(none.status).toBe(401);
    expect(none.body["reply:Reply-Message"].value).toBe("The request has no User-Name.");
    expect((await call(authorize, { host: HOST, token: key, raw: "{nope" })).status).toBe(400);
  });

  it('accepts the plain form {"User-Name": "…"} too', async () => {
    expect((await call(authorize, { host: HOST, token: key, body: { "User-Name": sub.username } })).status).toBe(200);
  });
});

describe("POST /api/radius/post-auth and /api/radius/accounting", () => {
  it("a voucher's first login activates it (204), and accounting adds usage once (204)", async () => {
    const [v] = await net.vouchers(net.packages.bundle.id);
    const auth = await call(authorize, { host: HOST, token: key, body: rlm({ "User-Name": v.code }) });
    expect(auth.body["control:Cleartext-Password"].value).toBe(v.code);
    expect(auth.body["reply:Mikrotik-Total-Limit"].value).toBe(String(5 * 1024 * 1024));
    // A voucher's answer is never reused by FreeRADIUS, and its login is reported at post-auth.
    expect(auth.body["control:Lastmile-Fresh-Seconds"].value).toBe("0");
    expect(auth.body["control:Lastmile-Report-Login"].value).toBe("1");
    const ok = await call(postAuth, {
      host: HOST,
      token: key,
      body: rlm({ "User-Name": v.code, "Calling-Station-Id": "AA-BB-CC-DD-EE-FF" }),
    });
    expect(ok.status).toBe(204);
    expect(ok.text).toBe("");
    expect(await net.voucher(v.code)).toMatchObject({ status: "ACTIVE", firstUsedAt: expect.any(Date) });

    const interim = rlm({
      "User-Name": v.code,
      "Acct-Status-Type": "Interim-Update",
      "Acct-Session-Id": "s1",
      "Acct-Input-Octets": 1048576,
      "Acct-Output-Octets": 2097152,
      "Acct-Session-Time": 60,
    });
    for (let i = 0; i < 2; i++)
      expect((await call(accounting, { host: HOST, token: key, body: interim })).status).toBe(204);
    expect(await net.voucher(v.code)).toMatchObject({ usedMb: 3, usedSeconds: 60 });

    await net.admin.vouchers.disableVoucher({ id: v.id });
    const refused = await call(postAuth, { host: HOST, token: key, body: rlm({ "User-Name": v.code }) });
    expect(refused.status).toBe(401);
    expect(refused.body["reply:Reply-Message"].value).toBe("This voucher was disabled");
  });

  it("accounting without an Acct-Session-Id is 422 (rlm_rest: invalid; the NAS will retry)", async () => {
    const res = await call(accounting, {
      host: HOST,
      token: key,
      body: rlm({ "User-Name": sub.username, "Acct-Status-Type": "Stop" }),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual({ "Acct-Session-Id": "Required." });
  });

  it("PPPoE usage lands in the customer's daily usage", async () => {
    const s = await net.subscriber("ACTIVE");
    const body = rlm({
      "User-Name": s.username,
      "Acct-Status-Type": "Stop",
      "Acct-Session-Id": "p1",
      "Acct-Input-Octets": 700,
      "Acct-Output-Octets": 9000,
      "Acct-Output-Gigawords": 1,
      "Acct-Session-Time": 90,
    });
    expect((await call(accounting, { host: HOST, token: key, body })).status).toBe(204);
    expect(await net.usage(s.subscriptionId)).toEqual([
      { day: expect.any(Date), downloadBytes: 2n ** 32n + 9000n, uploadBytes: 700n },
    ]);
  });
});

describe("a key bound to source addresses", () => {
  it("works from its addresses and prefixes, and is refused (403, logged once a minute) from any other", async () => {
    const made = await net.admin.radius.createKey({ name: "bound", allowedSources: "192.0.2.7, 198.51.100.0/24" });
    expect(made.key.allowedSources).toEqual(["192.0.2.7", "198.51.100.0/24"]);
    expect(await failure(net.admin.radius.createKey({ name: "typo", allowedSources: "10.0.0.300" }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { allowedSources: expect.stringContaining('"10.0.0.300" is not an IP address') },
    });
    const body = rlm({ "User-Name": sub.username });
    const from = (ip: string) => call(authorize, { host: HOST, body, token: made.secret, ip });
    expect((await from("192.0.2.7")).status).toBe(200);
    expect((await from("198.51.100.200")).status).toBe(200);
    // An IPv4 client as a dual-stack socket reports it.
    expect((await from("::ffff:198.51.100.9")).status).toBe(200);
    const refused = await from("203.0.113.66");
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: { code: "FORBIDDEN", message: expect.stringContaining("203.0.113.66") } });
    expect(JSON.stringify(refused.body)).not.toContain(sub.password);
    await from("203.0.113.66");
    const acct = await call(accounting, {
      host: HOST,
      token: made.secret,
      ip: "203.0.113.66",
      body: rlm({ "User-Name": sub.username, "Acct-Status-Type": "Start", "Acct-Session-Id": "src-1" }),
    });
    expect(acct.status).toBe(403);
    const logged = await withTenant(net.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: "radius_key.source_refused", entityId: made.key.id } }),
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actorType: "API", ip: "203.0.113.66" });
    // Staff widen the list: the address works at once.
    await net.admin.radius.setKeySources({ id: made.key.id, allowedSources: "192.0.2.7\n203.0.113.64/27" });
    expect((await from("203.0.113.66")).status).toBe(200);
    expect((await from("198.51.100.200")).status).toBe(403);
  });
});

describe("unknown usernames", () => {
  it("are logged, and past the budget every authorize from that key and address is refused with 429", async () => {
    const max = 120; // RADIUS_UNKNOWN_USERS_PER_MINUTE's default
    const made = await net.admin.radius.createKey({ name: "guesser" });
    const ask = (username: string, ip = "192.0.2.99") =>
      call(authorize, { host: HOST, token: made.secret, ip, body: rlm({ "User-Name": username }) });
    // Truly parallel guesses on the pool: the budget still holds.
    const guesses = await Promise.all(Array.from({ length: max + 30 }, (_, i) => ask(`guess-${i}`)));
    expect(guesses.filter((r) => r.status === 401)).toHaveLength(max);
    expect(guesses.filter((r) => r.status === 429)).toHaveLength(30);
    // A real subscriber from the same key and address is refused too: the guesser learns nothing.
    const real = await ask(sub.username);
    expect(real.status).toBe(429);
    expect(JSON.stringify(real.body)).not.toContain(sub.password);
    // Another address of the same key has its own budget.
    expect((await ask(sub.username, "192.0.2.100")).status).toBe(200);
    const logged = await withTenant(net.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: { startsWith: "radius.unknown_username" }, actorId: made.key.id } }),
    );
    expect(logged.filter((a) => a.action === "radius.unknown_username")).toHaveLength(max);
    expect(logged.filter((a) => a.action === "radius.unknown_username_limit")).toHaveLength(1);
    expect(logged.find((a) => a.action === "radius.unknown_username")).toMatchObject({ ip: "192.0.2.99" });
  });
});
