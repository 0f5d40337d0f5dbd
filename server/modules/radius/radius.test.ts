import { env } from "../../lib/env";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { sha256 } from "../../lib/crypto";
import { failure } from "../../test/trpc";
import { usage as customerUsage } from "../customers/history";
import { systemActor, type Actor } from "../scope";
import * as access from "./access";
import { account, accountingPacket, counterStep, mibCrossed } from "./accounting";
import * as keys from "./keys";
import { attributesOf, encodeReply } from "./rlm-rest";
import { makeNetwork, packet, type Subscriber } from "./testing";

// The RADIUS module against the real database: keys, who may log in, and usage accounting.

type Network = Awaited<ReturnType<typeof makeNetwork>>;
let net: Network;
let other: Network;
let active: Subscriber;
const actor: Actor = { type: "API", id: "key-under-test", label: 'RADIUS server "test"' };
const MiB = 1024 * 1024;
const SOURCE = "10.0.0.53";
const UNKNOWN = { ok: false, reason: "unknown" };

beforeAll(async () => {
  net = await makeNetwork("radius-isp");
  other = await makeNetwork("radius-other");
  active = await net.subscriber("ACTIVE");
});

const t0 = new Date("2026-11-25T08:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe("RADIUS server keys", () => {
  it("are shown once, stored as a SHA-256, listed by prefix and revoked; names are unique among working keys", async () => {
    const { key, secret } = await net.admin.radius.createKey({ name: "  core-radius-1 " });
    expect(secret).toMatch(/^lmr_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({
      name: "core-radius-1",
      keyPrefix: secret.slice(0, 10),
      lastUsedAt: null,
      revokedAt: null,
    });
    const stored = await withTenant(net.company.id, (tx) =>
      tx.radiusServerKey.findUniqueOrThrow({ where: { id: key.id } }),
    );
    expect(stored.keyHash).toBe(sha256(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);

    const list = await net.admin.radius.keys();
    expect(list.map((k) => k.id)).toContain(key.id);
    expect(JSON.stringify(list)).not.toContain(secret);
    expect(Object.keys(list[0]).sort()).toEqual([
      "accounting",
      "allowedSources",
      "createdAt",
      "id",
      "keyPrefix",
      "lastUsedAt",
      "name",
      "revokedAt",
      "use",
    ]);
    expect(key.use).toBe("RADIUS");

    expect(await failure(net.admin.radius.createKey({ name: "CORE-RADIUS-1" }))).toMatchObject({
      code: "CONFLICT",
      fields: { name: expect.any(String) },
    });
    expect((await failure(net.admin.radius.createKey({ name: "   " }))).fields).toEqual({
      name: "Name the RADIUS server this key is for.",
    });

    expect(await keys.verify(net.company.id, secret, SOURCE)).toEqual({
      ok: true,
      key: { id: key.id, name: "core-radius-1" },
    });
    const revoked = await net.admin.radius.revokeKey({ id: key.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await keys.verify(net.company.id, secret, SOURCE)).toEqual(UNKNOWN);
    expect((await failure(net.admin.radius.revokeKey({ id: key.id }))).message).toBe("This key is already revoked.");
    // Revoked keys sink to the bottom of the list; the name is free again.
    await net.admin.radius.createKey({ name: "core-radius-1" });
    expect((await net.admin.radius.keys()).at(-1)?.id).toBe(key.id);

    const audit = await withTenant(net.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { entityId: key.id }, orderBy: { createdAt: "asc" } }),
    );
    expect(audit.map((a) => a.action)).toEqual(["radius_key.create", "radius_key.revoke"]);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it("work only for their own company, and note their last use at most once a minute", async () => {
    const { key, secret } = await net.admin.radius.createKey({ name: "edge" });
    expect(await keys.verify(other.company.id, secret, SOURCE)).toEqual(UNKNOWN);
    expect(await keys.verify(net.company.id, secret.slice(0, -1), SOURCE)).toEqual(UNKNOWN);
    expect(await keys.verify(net.company.id, "not-a-key", SOURCE)).toEqual(UNKNOWN);

    const lastUsed = () =>
      withTenant(
        net.company.id,
        async (tx) => (await tx.radiusServerKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt,
      );
    await keys.verify(net.company.id, secret, SOURCE, t0);
    expect(await lastUsed()).toEqual(t0);
    await keys.verify(net.company.id, secret, SOURCE, at(59));
    expect(await lastUsed()).toEqual(t0);
    await keys.verify(net.company.id, secret, SOURCE, at(60));
    expect(await lastUsed()).toEqual(at(60));
  });
});

describe("authorize and post-auth", () => {
  it("an active PPPoE subscriber gets its password to check and the provisioned reply attributes", async () => {
    const answer = await access.authorize(net.company.id, actor, { username: active.username, nasIp: "10.0.0.1" });
    expect(answer).toEqual({
      accept: true,
      login: "pppoe",
      items: [
        { list: "control", attribute: "Cleartext-Password", op: ":=", value: active.password },
        { list: "reply", attribute: "Mikrotik-Rate-Limit", op: ":=", value: "5000k/20000k" },
      ],
      // FreeRADIUS may reuse it for the configured window, and need not call post-auth.
      freshSeconds: env().RADIUS_FRESH_LOGIN_SECONDS,
      report: false,
    });
    expect(encodeReply(answer.accept ? answer.items : [])).toEqual({
      "control:Cleartext-Password": { op: ":=", value: active.password, do_xlat: false },
      "reply:Mikrotik-Rate-Limit": { op: ":=", value: "5000k/20000k", do_xlat: false },
    });
    // Post-auth has nothing to do for PPPoE.
    expect(await access.postAuth(net.company.id, actor, { username: active.username })).toEqual({ accept: true });
  });

  it("refuses pending, suspended, terminated and unknown logins with a message for the subscriber", async () => {
    const cases = [
      [(await net.subscriber("PENDING")).username, access.REFUSAL.pending],
      [(await net.subscriber("SUSPENDED")).username, access.REFUSAL.suspended],
      [(await net.subscriber("TERMINATED")).username, access.REFUSAL.terminated],
      ["nobody", access.REFUSAL.unknown],
      ["ZZZZZ-ZZZZZ", "Unknown voucher code"],
    ] as const;
    for (const [username, message] of cases)
      expect(await access.authorize(net.company.id, actor, { username }), username).toEqual({ accept: false, message });
    // Another company's subscriber is unknown here.
    const theirs = await other.subscriber("ACTIVE", "their-subscriber");
    expect(await access.authorize(net.company.id, actor, { username: theirs.username })).toEqual({
      accept: false,
      message: access.REFUSAL.unknown,
    });
  });

  it("an active subscription that is not provisioned yet waits rather than going online without limits", async () => {
    const sub = await net.subscriber("ACTIVE");
    await withTenant(net.company.id, (tx) =>
      tx.radiusAttribute.deleteMany({ where: { subscriptionId: sub.subscriptionId } }),
    );
    expect(await access.authorize(net.company.id, actor, { username: sub.username })).toEqual({
      accept: false,
      message: access.REFUSAL.notProvisioned,
    });
  });

  it("a voucher's password is its PIN, or its code; its clock starts at post-auth, once", async () => {
    const [plain] = await net.vouchers(net.packages.dayPass.id);
    const [pinned] = await net.vouchers(net.packages.dayPass.id, 1, true);
    const answer = await access.authorize(net.company.id, actor, { username: plain.code.toLowerCase() }, t0);
    // Never reused by FreeRADIUS, and reported at post-auth.
    expect(answer).toMatchObject({ accept: true, login: "voucher", freshSeconds: 0, report: true });
    const items = answer.accept ? answer.items : [];
    expect(items).toEqual([
      { list: "control", attribute: "Cleartext-Password", op: ":=", value: plain.code },
      { list: "reply", attribute: "Session-Timeout", op: ":=", value: "86400" },
      { list: "reply", attribute: "Mikrotik-Rate-Limit", op: ":=", value: "2000k/5000k" },
    ]);
    const pinnedAnswer = await access.authorize(net.company.id, actor, { username: pinned.code }, t0);
    expect(pinnedAnswer.accept && pinnedAnswer.items[0].value).toBe(pinned.pin);
    // Authorize alone (the password may yet be wrong) starts nothing.
    expect(await net.voucher(plain.code)).toMatchObject({ status: "UNUSED", firstUsedAt: null });

    expect(
      await access.postAuth(
        net.company.id,
        actor,
        { username: plain.code, nasIp: "10.0.0.1", callingStation: "AA-BB-CC-00-11-22" },
        t0,
      ),
    ).toEqual({ accept: true });
    expect(await net.voucher(plain.code)).toMatchObject({ status: "ACTIVE", firstUsedAt: t0, expiresAt: at(86_400) });
    expect(await access.postAuth(net.company.id, actor, { username: plain.code }, at(600))).toEqual({ accept: true });
    expect(await net.voucher(plain.code)).toMatchObject({ firstUsedAt: t0 });
    const audit = await withTenant(net.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { entityId: plain.id, action: "voucher.activate" } }),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorType: "API",
      actorLabel: 'RADIUS server "test"',
      after: expect.objectContaining({ nasIp: "10.0.0.1", callingStation: "AA-BB-CC-00-11-22" }),
    });

    // Later logins get the time that is left; once it is up, refused and marked EXPIRED.
    const later = await access.authorize(net.company.id, actor, { username: plain.code }, at(86_400 - 60));
    expect(later.accept && later.items[1]).toEqual({
      list: "reply",
      attribute: "Session-Timeout",
      op: ":=",
      value: "60",
    });
    expect(await access.authorize(net.company.id, actor, { username: plain.code }, at(86_400))).toEqual({
      accept: false,
      message: "This voucher has expired",
    });
    expect((await net.voucher(plain.code)).status).toBe("EXPIRED");
  });

  it("speaks the vendor of the registered NAS that asks: MikroTik as provisioned, Cisco AVPair, generic WISPr", async () => {
    const replies = async (username: string, nasVendor: "MIKROTIK" | "CISCO" | "GENERIC" | null) => {
      const answer = await access.authorize(net.company.id, actor, { username, nasIp: "10.0.0.1", nasVendor }, t0);
      expect(answer, `${username} on ${nasVendor}`).toMatchObject({ accept: true });
      return answer.accept ? answer.items.filter((i) => i.list === "reply") : [];
    };
    const reply = (attribute: string, value: string) => ({ list: "reply", attribute, op: ":=", value });
    const cisco = (upBps: number, downBps: number) => [
      reply("Cisco-AVPair", `ip:sub-qos-policy-in=add-class(sub,(class-default),police(${upBps}))`),
      reply("Cisco-AVPair", `ip:sub-qos-policy-out=add-class(sub,(class-default),police(${downBps}))`),
    ];
    // A MikroTik, and any NAS while the company has registered none: the rows as provisioned.
    for (const vendor of ["MIKROTIK", null] as const)
      expect(await replies(active.username, vendor)).toEqual([reply("Mikrotik-Rate-Limit", "5000k/20000k")]);
    expect(await replies(active.username, "CISCO")).toEqual(cisco(5_000_000, 20_000_000));
    expect(await replies(active.username, "GENERIC")).toEqual([
      reply("WISPr-Bandwidth-Max-Up", "5000000"),
      reply("WISPr-Bandwidth-Max-Down", "20000000"),
    ]);
    // A voucher likewise; its Session-Timeout is standard and goes to every vendor.
    const [v] = await net.vouchers(net.packages.dayPass.id);
    expect(await replies(v.code, "CISCO")).toEqual([reply("Session-Timeout", "86400"), ...cisco(2_000_000, 5_000_000)]);
    expect(await replies(v.code, "MIKROTIK")).toEqual([
      reply("Session-Timeout", "86400"),
      reply("Mikrotik-Rate-Limit", "2000k/5000k"),
    ]);
  });

  it("refuses a disabled voucher, also when it is disabled between authorize and post-auth", async () => {
    const [v] = await net.vouchers(net.packages.dayPass.id);
    expect(await access.authorize(net.company.id, actor, { username: v.code }, t0)).toMatchObject({ accept: true });
    await net.admin.vouchers.disableVoucher({ id: v.id });
    expect(await access.postAuth(net.company.id, actor, { username: v.code }, t0)).toEqual({
      accept: false,
      message: "This voucher was disabled",
    });
    expect(await access.authorize(net.company.id, actor, { username: v.code }, t0)).toEqual({
      accept: false,
      message: "This voucher was disabled",
    });
  });
});

describe("accounting", () => {
  it("reads rlm_rest's attributes: 64-bit counters from gigawords, the delay, enumerated and numeric status", () => {
    const attrs = attributesOf({
      "User-Name": { type: "string", value: ["acc42"] },
      "Acct-Status-Type": { type: "integer", value: ["Interim-Update"] },
      "Acct-Session-Id": { type: "string", value: ["81a0001"] },
      "Acct-Input-Octets": { type: "integer", value: [1000] },
      "Acct-Input-Gigawords": { type: "integer", value: [1] },
      "Acct-Output-Octets": { type: "integer", value: [4000] },
      "Acct-Session-Time": { type: "integer", value: [60] },
      "Acct-Delay-Time": { type: "integer", value: [5] },
      "NAS-IP-Address": { type: "ipaddr", value: ["10.0.0.1"] },
    });
    expect(accountingPacket(attrs, at(100))).toEqual({
      status: "Interim-Update",
      username: "acc42",
      acctSessionId: "81a0001",
      nasIp: "10.0.0.1",
      framedIp: null,
      callingStation: null,
      inputBytes: 4_294_968_296,
      outputBytes: 4000,
      sessionSeconds: 60,
      terminateCause: null,
      at: at(95).getTime(),
    });
    expect(accountingPacket(attributesOf({ "Acct-Status-Type": 2 })).status).toBe("Stop");
    expect(accountingPacket(attributesOf({ "Acct-Status-Type": "Failed" })).status).toBeNull();
  });

  it("counters as numbers: Gigawords wraps exact past 2^32 and up to 2^53 - 1; a total past 2^53 is refused", async () => {
    const read = (octets: number | string, gigawords: number) =>
      accountingPacket(
        attributesOf({
          "User-Name": "acc42",
          "Acct-Session-Id": "wrap",
          "Acct-Status-Type": "Interim-Update",
          "Acct-Output-Octets": octets,
          "Acct-Output-Gigawords": gigawords,
        }),
      ).outputBytes;
    expect(read(4_294_967_295, 0)).toBe(4_294_967_295);
    expect(read(0, 1)).toBe(4_294_967_296);
    expect(read(5, 1)).toBe(4_294_967_301);
    expect(counterStep(4_294_967_295, read(5, 1))).toEqual({ added: 6, baseline: 4_294_967_301 });
    expect(read(4_294_967_295, 2 ** 21 - 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(BigInt(read(123_456_789, 1_000_000)!)).toBe(1_000_000n * 2n ** 32n + 123_456_789n);
    await expect(
      account(
        net.company.id,
        actor,
        packet({ username: "x", acctSessionId: "huge", status: "Interim-Update", outputBytes: 2 ** 53 }),
      ),
    ).rejects.toMatchObject({ code: "INVALID", fields: { "Acct-Output-Octets": expect.stringContaining("2^53") } });
    await expect(
      account(
        net.company.id,
        actor,
        packet({ username: "x", acctSessionId: "huge", status: "Stop", inputBytes: read("12345678901234567890", 0) }),
      ),
    ).rejects.toMatchObject({ code: "INVALID" });
  });

  it("counter steps: differences add, a retry adds nothing, a counter going backwards starts a new baseline", () => {
    expect(counterStep(100, 250)).toEqual({ added: 150, baseline: 250 });
    expect(counterStep(250, 250)).toEqual({ added: 0, baseline: 250 });
    expect(counterStep(250, 40)).toEqual({ added: 0, baseline: 40 });
    expect(counterStep(250, null)).toEqual({ added: 0, baseline: 250 });
    expect(mibCrossed(0, MiB - 1)).toBe(0);
    expect(mibCrossed(MiB - 1, MiB)).toBe(1);
    expect(mibCrossed(MiB, 3 * MiB + 5)).toBe(2);
  });

  it("a PPPoE session: Start, Interims and Stop add each byte once to the subscriber's UTC day; retries and late packets add nothing", async () => {
    const sub = await net.subscriber("ACTIVE");
    const base = {
      username: sub.username,
      acctSessionId: "pppoe-1",
      framedIp: "100.64.0.10",
      callingStation: "11:22:33:44:55:66",
    };
    expect(await account(net.company.id, actor, packet({ ...base, status: "Start", at: at(0) }))).toMatchObject({
      outcome: "recorded",
      added: { downloadBytes: 0, uploadBytes: 0 },
    });
    const i1 = packet({
      ...base,
      status: "Interim-Update",
      inputBytes: 1_000,
      outputBytes: 10_000,
      sessionSeconds: 300,
      at: at(300),
    });
    expect((await account(net.company.id, actor, i1)).added).toEqual({
      downloadBytes: 10_000,
      uploadBytes: 1_000,
      seconds: 300,
    });
    expect((await account(net.company.id, actor, i1)).added).toEqual({
      downloadBytes: 0,
      uploadBytes: 0,
      seconds: 0,
    });
    const i2 = packet({
      ...base,
      status: "Interim-Update",
      inputBytes: 3_000,
      outputBytes: 50_000,
      sessionSeconds: 600,
      at: at(600),
    });
    expect((await account(net.company.id, actor, i2)).added).toEqual({
      downloadBytes: 40_000,
      uploadBytes: 2_000,
      seconds: 300,
    });
    // i1 again, late: older than what we have, so neither counted nor taken as a new baseline.
    expect((await account(net.company.id, actor, i1)).added).toEqual({
      downloadBytes: 0,
      uploadBytes: 0,
      seconds: 0,
    });
    // A retried Start does not reset the counters either.
    await account(net.company.id, actor, packet({ ...base, status: "Start", at: at(0) }));
    const stop = packet({
      ...base,
      status: "Stop",
      inputBytes: 3_500,
      outputBytes: 60_000,
      sessionSeconds: 700,
      terminateCause: "User-Request",
      at: at(700),
    });
    expect((await account(net.company.id, actor, stop)).added).toEqual({
      downloadBytes: 10_000,
      uploadBytes: 500,
      seconds: 100,
    });
    expect((await account(net.company.id, actor, stop)).added).toEqual({
      downloadBytes: 0,
      uploadBytes: 0,
      seconds: 0,
    });

    expect(await net.usage(sub.subscriptionId)).toEqual([
      { day: new Date("2026-11-25T00:00:00Z"), downloadBytes: 60_000n, uploadBytes: 3_500n },
    ]);
    const session = await withTenant(net.company.id, (tx) =>
      tx.radiusSession.findFirstOrThrow({ where: { acctSessionId: "pppoe-1" } }),
    );
    expect(session).toMatchObject({
      subscriptionId: sub.subscriptionId,
      voucherId: null,
      nasIp: "10.0.0.1",
      framedIp: "100.64.0.10",
      callingStation: "11:22:33:44:55:66",
      startedAt: at(0),
      stoppedAt: at(700),
      terminateCause: "User-Request",
      inputBytes: 3_500n,
      outputBytes: 60_000n,
      sessionSeconds: 700,
    });

    // The customer's usage (portal chart, GET /api/customers/{id}/usage) shows it.
    const seen = await withTenant(net.company.id, (tx) =>
      customerUsage({ tx, companyId: net.company.id, actor: systemActor }, sub.customerId, {
        from: new Date("2026-11-01"),
        to: new Date("2026-11-30"),
      }),
    );
    expect(seen.daily).toEqual([{ day: "2026-11-25", downloadBytes: 60_000, uploadBytes: 3_500 }]);
  });

  it("counters past 4 GiB, a counter reset, a session over midnight UTC, and a session whose Start was lost", async () => {
    const sub = await net.subscriber("ACTIVE");
    const base = { username: sub.username, acctSessionId: "pppoe-2" };
    const night = new Date("2026-11-25T23:55:00Z");
    const after = (s: number) => new Date(night.getTime() + s * 1000);
    // No Start: the first Interim counts everything since the session began.
    await account(
      net.company.id,
      actor,
      packet({
        ...base,
        status: "Interim-Update",
        inputBytes: 5 * 2 ** 30,
        outputBytes: 100,
        sessionSeconds: 60,
        at: after(0),
      }),
    );
    // The NAS's counter went backwards (restarted): nothing added, new baseline.
    await account(
      net.company.id,
      actor,
      packet({
        ...base,
        status: "Interim-Update",
        inputBytes: 10,
        outputBytes: 200,
        sessionSeconds: 120,
        at: after(60),
      }),
    );
    await account(
      net.company.id,
      actor,
      packet({
        ...base,
        status: "Interim-Update",
        inputBytes: 1_010,
        outputBytes: 300,
        sessionSeconds: 600,
        at: after(600),
      }),
    );
    expect(await net.usage(sub.subscriptionId)).toEqual([
      { day: new Date("2026-11-25T00:00:00Z"), downloadBytes: 200n, uploadBytes: 5n * 2n ** 30n },
      { day: new Date("2026-11-26T00:00:00Z"), downloadBytes: 100n, uploadBytes: 1_000n },
    ]);
    // The same bytes by UTC hour (peak hours), written by the same statement.
    expect(
      await withTenant(net.company.id, (tx) =>
        tx.usageHourly.findMany({
          where: { subscriptionId: sub.subscriptionId },
          orderBy: { hour: "asc" },
          select: { hour: true, downloadBytes: true, uploadBytes: true },
        }),
      ),
    ).toEqual([
      { hour: new Date("2026-11-25T23:00:00Z"), downloadBytes: 200n, uploadBytes: 5n * 2n ** 30n },
      { hour: new Date("2026-11-26T00:00:00Z"), downloadBytes: 100n, uploadBytes: 1_000n },
    ]);
    const session = await withTenant(net.company.id, (tx) =>
      tx.radiusSession.findFirstOrThrow({ where: { acctSessionId: "pppoe-2" } }),
    );
    expect(session.startedAt).toEqual(after(-60));
  });

  it("a data voucher uses its allowance in whole MiB across sessions and expires when it is used up", async () => {
    const [v] = await net.vouchers(net.packages.bundle.id);
    const base = { username: v.code, acctSessionId: "hs-1" };
    await account(net.company.id, actor, packet({ ...base, status: "Start", at: at(0) }));
    // The Start activates the voucher when post-auth did not.
    expect(await net.voucher(v.code)).toMatchObject({ status: "ACTIVE", firstUsedAt: at(0) });
    await account(
      net.company.id,
      actor,
      packet({
        ...base,
        status: "Interim-Update",
        inputBytes: MiB / 2,
        outputBytes: MiB,
        sessionSeconds: 60,
        at: at(60),
      }),
    );
    expect(await net.voucher(v.code)).toMatchObject({ usedMb: 1, usedSeconds: 60, status: "ACTIVE" });
    // The same report again: nothing more.
    await account(
      net.company.id,
      actor,
      packet({
        ...base,
        status: "Interim-Update",
        inputBytes: MiB / 2,
        outputBytes: MiB,
        sessionSeconds: 60,
        at: at(60),
      }),
    );
    expect(await net.voucher(v.code)).toMatchObject({ usedMb: 1, usedSeconds: 60 });
    // The half MiB left over counts with the next one.
    await account(
      net.company.id,
      actor,
      packet({
        ...base,
        status: "Stop",
        inputBytes: MiB,
        outputBytes: 2 * MiB,
        sessionSeconds: 120,
        at: at(120),
      }),
    );
    expect(await net.voucher(v.code)).toMatchObject({ usedMb: 3, usedSeconds: 120, status: "ACTIVE" });
    await account(
      net.company.id,
      actor,
      packet({
        ...base,
        acctSessionId: "hs-2",
        status: "Stop",
        inputBytes: 0,
        outputBytes: 2 * MiB,
        sessionSeconds: 30,
        at: at(300),
      }),
    );
    expect(await net.voucher(v.code)).toMatchObject({ usedMb: 5, usedSeconds: 150, status: "EXPIRED" });
    expect(await access.authorize(net.company.id, actor, { username: v.code }, at(400))).toEqual({
      accept: false,
      message: "This voucher has expired",
    });
    // Vouchers have no subscription: nothing lands in anyone's daily usage.
    expect(await withTenant(net.company.id, (tx) => tx.radiusSession.count({ where: { voucherId: v.id } }))).toBe(2);
  });

  it("a time voucher still online when its time is up is marked EXPIRED by the next report", async () => {
    const [v] = await net.vouchers(net.packages.dayPass.id);
    await access.postAuth(net.company.id, actor, { username: v.code }, t0);
    await account(
      net.company.id,
      actor,
      packet({
        username: v.code,
        acctSessionId: "hs-day",
        status: "Interim-Update",
        inputBytes: 1,
        outputBytes: 1,
        sessionSeconds: 86_400,
        at: at(86_400),
      }),
    );
    expect(await net.voucher(v.code)).toMatchObject({ status: "EXPIRED", usedSeconds: 86_400 });
  });

  it("Accounting-On closes the NAS's open sessions; unknown logins are recorded without usage; missing ids are refused", async () => {
    await account(
      net.company.id,
      actor,
      packet({ username: "stranger", acctSessionId: "x-1", status: "Start", nasIp: "10.9.9.9", at: at(0) }),
    );
    const stranger = await withTenant(net.company.id, (tx) =>
      tx.radiusSession.findFirstOrThrow({ where: { acctSessionId: "x-1" } }),
    );
    expect(stranger).toMatchObject({ subscriptionId: null, voucherId: null, stoppedAt: null });
    expect(
      await account(
        net.company.id,
        actor,
        packet({ username: null, acctSessionId: null, status: "Accounting-On", nasIp: "10.9.9.9", at: at(60) }),
      ),
    ).toMatchObject({ outcome: "nas_restarted", closed: 1 });
    expect(
      await withTenant(net.company.id, (tx) => tx.radiusSession.findUniqueOrThrow({ where: { id: stranger.id } })),
    ).toMatchObject({ stoppedAt: at(60), terminateCause: "NAS-Reboot" });
    await expect(
      account(net.company.id, actor, packet({ username: "x", acctSessionId: null, status: "Stop" })),
    ).rejects.toMatchObject({ code: "INVALID", fields: { "Acct-Session-Id": "Required." } });
    expect(
      await account(net.company.id, actor, packet({ username: "x", acctSessionId: "y", status: null })),
    ).toMatchObject({ outcome: "ignored" });
  });

  it("a session id the NAS uses again after a reboot starts a new session on the same row", async () => {
    const sub = await net.subscriber("ACTIVE");
    const base = { username: sub.username, acctSessionId: "reused" };
    await account(net.company.id, actor, packet({ ...base, status: "Start", at: at(0) }));
    await account(
      net.company.id,
      actor,
      packet({ ...base, status: "Stop", inputBytes: 10, outputBytes: 20, sessionSeconds: 60, at: at(60) }),
    );
    // The reboot moved the subscriber to another NAS, and its address changes during the new session.
    await account(
      net.company.id,
      actor,
      packet({ ...base, status: "Start", nasIp: "10.0.0.2", framedIp: "100.64.0.20", at: at(3600) }),
    );
    const session = () =>
      withTenant(net.company.id, (tx) => tx.radiusSession.findFirstOrThrow({ where: { acctSessionId: "reused" } }));
    expect(await session()).toMatchObject({
      startedAt: at(3600),
      stoppedAt: null,
      terminateCause: null,
      inputBytes: 0n,
      sessionSeconds: 0,
      nasIp: "10.0.0.2",
      framedIp: "100.64.0.20",
      subscriptionId: sub.subscriptionId,
    });
    await account(
      net.company.id,
      actor,
      packet({
        ...base,
        status: "Interim-Update",
        nasIp: "10.0.0.2",
        framedIp: "100.64.0.21",
        inputBytes: 5,
        outputBytes: 7,
        sessionSeconds: 30,
        at: at(3630),
      }),
    );
    expect(await net.usage(sub.subscriptionId)).toEqual([
      { day: new Date("2026-11-25T00:00:00Z"), downloadBytes: 27n, uploadBytes: 15n },
    ]);
    expect(await session()).toMatchObject({
      startedAt: at(3600),
      updatedAt: at(3630),
      stoppedAt: null,
      inputBytes: 5n,
      outputBytes: 7n,
      sessionSeconds: 30,
      nasIp: "10.0.0.2",
      framedIp: "100.64.0.21",
    });
  });

  it("another company's subscriber is not touched by this company's accounting", async () => {
    const theirs = await other.subscriber("ACTIVE", "only-at-other");
    await account(
      net.company.id,
      actor,
      packet({
        username: theirs.username,
        acctSessionId: "cross",
        status: "Stop",
        inputBytes: 1,
        outputBytes: 1,
        sessionSeconds: 1,
      }),
    );
    expect(await other.usage(theirs.subscriptionId)).toEqual([]);
    expect(await withTenant(other.company.id, (tx) => tx.radiusSession.count())).toBe(0);
  });
});

describe("what the accounting actor leaves in the audit log", () => {
  it("usage itself is metering and not audited", async () => {
    const before = await withTenant(net.company.id, (tx) => tx.auditEntry.count());
    await account(
      net.company.id,
      systemActor,
      packet({
        username: active.username,
        acctSessionId: "quiet",
        status: "Interim-Update",
        inputBytes: 1,
        outputBytes: 1,
        sessionSeconds: 1,
      }),
    );
    expect(await withTenant(net.company.id, (tx) => tx.auditEntry.count())).toBe(before);
  });
});
