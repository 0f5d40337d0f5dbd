import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { metrics } from "../../api/rest/metrics";
import { withTenant } from "../../db/tenant";
import { resetEnvCache } from "../../lib/env";
import { makeNetwork, type Subscriber } from "./testing";
import { MAX_BATCH_RECORDS } from "./batch";
import { accountingPacket } from "./accounting";
import { applyInTransaction, MAX_GROUP, MAX_QUEUE } from "./group-commit";
import { accounting, accountingBatch } from "./rest";
import { attributesOf, rlmRestRequestOf, rlmRestRequestSchema } from "./rlm-rest";

// Accounting at volume: the batch endpoint, group commit of concurrent packets, and both
// keeping the guarantees of single packets (a packet counts once, Gigawords, Accounting-On,
// vouchers' allowance) and the companies apart.

type Network = Awaited<ReturnType<typeof makeNetwork>>;
let net: Network;
let other: Network;
let key: string;
let otherKey: string;
const HOST = hostOf("ingest-isp");
const OTHER_HOST = hostOf("ingest-other");
const GiB4 = 4_294_967_296;

beforeAll(async () => {
  net = await makeNetwork("ingest-isp");
  other = await makeNetwork("ingest-other");
  key = (await net.admin.radius.createKey({ name: "core" })).secret;
  otherKey = (await other.admin.radius.createKey({ name: "theirs" })).secret;
});

/** A record as rlm_rest builds it. */
function rlm(attrs: Record<string, string | number>) {
  return Object.fromEntries(
    Object.entries(attrs).map(([name, value]) => [
      name,
      { type: typeof value === "number" ? "integer" : "string", value: [value] },
    ]),
  );
}

const acct = (sub: Subscriber, sid: string, status: string, extra: Record<string, string | number> = {}) =>
  rlm({
    "User-Name": sub.username,
    "Acct-Session-Id": sid,
    "Acct-Status-Type": status,
    "NAS-IP-Address": "10.9.0.1",
    ...extra,
  });

const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join("\n");

async function batch(records: unknown[], host = HOST, token = key) {
  return call(accountingBatch, { host, token, raw: ndjson(records) });
}

async function totals(n: Network, subscriptionId: string) {
  const rows = await n.usage(subscriptionId);
  return {
    down: rows.reduce((s, r) => s + r.downloadBytes, 0n),
    up: rows.reduce((s, r) => s + r.uploadBytes, 0n),
  };
}

describe("POST /api/radius/accounting/batch", () => {
  it("applies a session's Start, Interims (with a Gigawords wrap), retries, a late packet and Stop once each", async () => {
    const sub = await net.subscriber("ACTIVE");
    const i = (secs: number, out: number, gw = 0) =>
      acct(sub, "b-1", "Interim-Update", {
        "Acct-Session-Time": secs,
        "Acct-Input-Octets": secs * 10,
        "Acct-Output-Octets": out,
        "Acct-Output-Gigawords": gw,
      });
    const records = [
      acct(sub, "b-1", "Start"),
      acct(sub, "b-1", "Start"), // retried
      i(300, 4_000_000_000),
      i(600, 100, 1), // the 32-bit counter wrapped: 2^32 + 100
      i(300, 4_000_000_000), // late retry of an older report
      i(600, 100, 1), // duplicate
      acct(sub, "b-1", "Stop", {
        "Acct-Session-Time": 900,
        "Acct-Input-Octets": 9000,
        "Acct-Output-Octets": 500,
        "Acct-Output-Gigawords": 1,
      }),
    ];
    const first = await batch(records);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      "recorded",
      "duplicate",
      "recorded",
      "recorded",
      "duplicate",
      "duplicate",
      "recorded",
    ]);
    expect(await totals(net, sub.subscriptionId)).toEqual({ down: BigInt(GiB4 + 500), up: 9000n });
    // The whole batch again, as a forwarder replays it after an outage: FreeRADIUS's detail
    // reader adds the time the records waited to Acct-Delay-Time. Nothing more is counted.
    const again = await batch(records.map((r) => ({ ...r, "Acct-Delay-Time": { type: "integer", value: [3600] } })));
    expect(again.body).toMatchObject({ recorded: 0, duplicate: 7, rejected: 0 });
    expect(await totals(net, sub.subscriptionId)).toEqual({ down: BigInt(GiB4 + 500), up: 9000n });
  });

  it("64-bit totals stay exact: a Gigawords wrap at 2^32, a total of 2^53 - 1; a total past 2^53 is refused alone", async () => {
    const sub = await net.subscriber("ACTIVE");
    // (2^21 - 1) × 2^32 + (2^32 - 1) = 2^53 - 1, the largest total a session may report.
    const MAX_GW = 2 ** 21 - 1;
    const report = (secs: number, out: number, gw: number, extra: Record<string, string | number> = {}) =>
      acct(sub, "wide-1", "Interim-Update", {
        "Acct-Session-Time": secs,
        "Acct-Input-Octets": 7,
        "Acct-Output-Octets": out,
        "Acct-Output-Gigawords": gw,
        ...extra,
      });
    const res = await batch([
      acct(sub, "wide-1", "Start"),
      report(60, GiB4 - 1, 0),
      report(120, 1, 1), // the counter wrapped: 2^32 + 1, two bytes more
      report(180, GiB4 - 1, MAX_GW),
      report(240, 0, MAX_GW + 1), // 2^53: no real counter
      report(300, 5, 0, { "Acct-Input-Octets": "12345678901234567890" }), // 20 digits
      report(180, GiB4 - 1, MAX_GW), // a retry adds nothing
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      "recorded",
      "recorded",
      "recorded",
      "recorded",
      "rejected",
      "rejected",
      "duplicate",
    ]);
    expect(res.body.results[4].reason).toContain("2^53");
    expect(await totals(net, sub.subscriptionId)).toEqual({ down: 2n ** 53n - 1n, up: 7n });
    const session = await withTenant(net.company.id, (tx) =>
      tx.radiusSession.findFirstOrThrow({ where: { acctSessionId: "wide-1" } }),
    );
    expect(session).toMatchObject({ outputBytes: 2n ** 53n - 1n, inputBytes: 7n, sessionSeconds: 180 });
  });

  it("rejects bad lines with the reason and stores the rest", async () => {
    const sub = await net.subscriber("ACTIVE");
    const text = [
      JSON.stringify(acct(sub, "b-2", "Start")),
      "{not json",
      JSON.stringify(rlm({ "Acct-Status-Type": "Interim-Update", "Acct-Session-Id": "b-2" })),
      JSON.stringify({ "User-Name": { value: [{ nested: true }] } }),
      JSON.stringify(acct(sub, "b-2", "Interim-Update", { "Acct-Session-Time": 60, "Acct-Output-Octets": 777 })),
    ].join("\n");
    const res = await call(accountingBatch, { host: HOST, token: key, raw: text });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ recorded: 2, rejected: 3 });
    expect(res.body.results[1]).toEqual({ outcome: "rejected", reason: "The line is not valid JSON." });
    expect(res.body.results[2].reason).toContain("User-Name and Acct-Session-Id");
    expect(res.body.results[3].outcome).toBe("rejected");
    expect(await totals(net, sub.subscriptionId)).toEqual({ down: 777n, up: 0n });
  });

  it("takes a JSON array too, and refuses a batch over the limit with 413 storing nothing", async () => {
    const sub = await net.subscriber("ACTIVE");
    const arr = await call(accountingBatch, {
      host: HOST,
      token: key,
      body: [acct(sub, "b-3", "Start"), acct(sub, "b-3", "Stop", { "Acct-Session-Time": 5, "Acct-Output-Octets": 10 })],
    });
    expect(arr.body).toMatchObject({ recorded: 2 });
    const tooMany = Array.from({ length: MAX_BATCH_RECORDS + 1 }, (_, n) => acct(sub, `big-${n}`, "Start"));
    const res = await batch(tooMany);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    const tooBig = await call(accountingBatch, { host: HOST, token: key, raw: "x".repeat(9_000_000) });
    expect(tooBig.status).toBe(413);
    const sessions = await withTenant(net.company.id, (tx) =>
      tx.radiusSession.count({ where: { acctSessionId: { startsWith: "big-" } } }),
    );
    expect(sessions).toBe(0);
  });

  it("Accounting-On in a batch closes the NAS's sessions that began before it, not those after", async () => {
    const sub = await net.subscriber("ACTIVE");
    const res = await batch([
      acct(sub, "b-4", "Start", { "NAS-IP-Address": "10.9.9.9" }),
      rlm({ "Acct-Status-Type": "Accounting-On", "NAS-IP-Address": "10.9.9.9" }),
      acct(sub, "b-5", "Start", { "NAS-IP-Address": "10.9.9.9" }),
    ]);
    expect(res.body.results[1]).toEqual({ outcome: "recorded", closed: 1 });
    const open = await withTenant(net.company.id, (tx) =>
      tx.radiusSession.findMany({ where: { nasIp: "10.9.9.9" }, select: { acctSessionId: true, stoppedAt: true } }),
    );
    expect(Object.fromEntries(open.map((s) => [s.acctSessionId, s.stoppedAt === null]))).toEqual({
      "b-4": false,
      "b-5": true,
    });
  });

  it("a data voucher used through the batch expires at its allowance", async () => {
    const [v] = await net.vouchers(net.packages.bundle.id);
    const rec = (status: string, extra: Record<string, string | number> = {}) =>
      rlm({ "User-Name": v.code, "Acct-Session-Id": "hv-1", "Acct-Status-Type": status, ...extra });
    await batch([
      rec("Start"),
      rec("Interim-Update", { "Acct-Session-Time": 60, "Acct-Output-Octets": 3 * 1024 * 1024 }),
      rec("Interim-Update", { "Acct-Session-Time": 120, "Acct-Output-Octets": 6 * 1024 * 1024 }),
    ]);
    expect((await net.voucher(v.code)).status).toBe("EXPIRED");
  });
  it("10,000 records with bad lines, retries and late reports mixed in: exact counts and byte totals", async () => {
    const subs = [await net.subscriber("ACTIVE"), await net.subscriber("ACTIVE"), await net.subscriber("ACTIVE")];
    const SESSIONS = 900;
    const stopOf = (s: number) => ({
      up: 9n * 300n * 1000n + BigInt(s),
      // Every seventh session ends past 4 GiB downstream: Gigawords.
      down: 9n * 300n * 10_000n + BigInt(s * 7) + (s % 7 === 0 ? 2n ** 32n : 0n),
    });
    const packet = (s: number, phase: number) => {
      const status = phase === 0 ? "Start" : phase === 9 ? "Stop" : "Interim-Update";
      if (phase === 0) return acct(subs[s % 3], `big10k-${s}`, status);
      const secs = phase * 300;
      const up = phase === 9 ? stopOf(s).up : BigInt(secs * 1000 + s);
      const down = phase === 9 ? stopOf(s).down : BigInt(secs * 10_000 + s * 7);
      return acct(subs[s % 3], `big10k-${s}`, status, {
        "Acct-Session-Time": secs,
        "Acct-Input-Octets": Number(up % 2n ** 32n),
        "Acct-Output-Octets": Number(down % 2n ** 32n),
        "Acct-Output-Gigawords": Number(down / 2n ** 32n),
      });
    };
    const bad = [
      "{not json",
      JSON.stringify(rlm({ "User-Name": subs[0].username, "Acct-Status-Type": "Interim-Update" })),
      JSON.stringify({ "User-Name": { value: [{ nested: true }] } }),
      JSON.stringify(rlm({ "User-Name": "a\u0000b", "Acct-Session-Id": "x", "Acct-Status-Type": "Start" })),
    ];
    const lines: string[] = [];
    const kinds: ("good" | "duplicate" | number)[] = [];
    let good = 0;
    let bads = 0;
    const push = (line: string, kind: "good" | "duplicate") => {
      lines.push(line);
      kinds.push(kind);
      // A bad line after every 24th good or repeated one: 400 in all, of the four kinds in turn.
      if (++good % 24 === 0) {
        lines.push(bad[bads % 4]);
        kinds.push(bads++ % 4);
      }
    };
    for (let phase = 0; phase <= 9; phase++) {
      for (let s = 0; s < SESSIONS; s++) push(JSON.stringify(packet(s, phase)), "good");
      // Late retries of the phase before (older than what is stored) and, at the end, the Stops again.
      if (phase > 0) for (let s = 0; s < 60; s++) push(JSON.stringify(packet(s, phase - 1)), "duplicate");
    }
    for (let s = 0; s < 60; s++) push(JSON.stringify(packet(s, 9)), "duplicate");
    expect(lines.length).toBe(10_000);

    const res = await call(accountingBatch, { host: HOST, token: key, raw: lines.join("\n") });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ recorded: 9_000, duplicate: 600, rejected: 400, ignored: 0 });
    const reasons = [
      "The line is not valid JSON.",
      "An accounting record needs User-Name and Acct-Session-Id.",
      "Not an rlm_rest record: User-Name.value.0: expected text, a number or true/false.",
      "User-Name.value.0: text may not contain the NUL character.",
    ];
    res.body.results.forEach((r: { outcome: string; reason?: string }, n: number) => {
      const kind = kinds[n];
      if (typeof kind === "number") expect(r).toEqual({ outcome: "rejected", reason: reasons[kind] });
      else expect(r.outcome).toBe(kind === "good" ? "recorded" : "duplicate");
    });
    for (const [n, sub] of subs.entries()) {
      const want = { down: 0n, up: 0n };
      for (let s = n; s < SESSIONS; s += 3) {
        want.down += stopOf(s).down;
        want.up += stopOf(s).up;
      }
      expect(await totals(net, sub.subscriptionId)).toEqual(want);
    }
    const sessions = await withTenant(net.company.id, (tx) =>
      tx.radiusSession.count({ where: { acctSessionId: { startsWith: "big10k-" }, stoppedAt: { not: null } } }),
    );
    expect(sessions).toBe(SESSIONS);
  }, 240_000);

  it("a Start replayed after its session's Stop, its Acct-Delay-Time dropped, does not reopen the session: Event-Timestamp dates it", async () => {
    const sub = await net.subscriber("ACTIVE");
    const t0 = Math.floor(Date.now() / 1000) - 600;
    // rlm_rest writes dates as text; forwarders often as seconds since 1970.
    const asText = (s: number) => new Date(s * 1000).toUTCString().replace(/^\w+, (\d+) (\w+) (\d+) /, "$2 $1 $3 ");
    const session = [
      acct(sub, "replayed-1", "Start", { "Event-Timestamp": asText(t0) }),
      acct(sub, "replayed-1", "Interim-Update", {
        "Event-Timestamp": t0 + 60,
        "Acct-Session-Time": 60,
        "Acct-Output-Octets": 5000,
      }),
      acct(sub, "replayed-1", "Stop", {
        "Event-Timestamp": t0 + 120,
        "Acct-Session-Time": 120,
        "Acct-Output-Octets": 9000,
      }),
    ];
    expect((await batch(session)).body.rejected).toBe(0);
    // A forwarder replays the whole session a moment later, one record a call.
    for (const record of session) expect((await batch([record])).status).toBe(200);
    expect(await totals(net, sub.subscriptionId)).toEqual({ down: 9000n, up: 0n });
    // A NAS whose clock says 1970 (no NTP) is dated by our clock less Acct-Delay-Time instead.
    const at = accountingPacket(
      new Map([
        ["event-timestamp", "3600"],
        ["acct-delay-time", "30"],
      ]),
      new Date(t0 * 1000),
    ).at;
    expect(at).toBe((t0 - 30) * 1000);
  });

  it("the same batch sent by two forwarders at once (two connections, as two app instances) counts each record once", async () => {
    const subs = [await net.subscriber("ACTIVE"), await net.subscriber("ACTIVE")];
    const SESSIONS = 150;
    const records: unknown[] = [];
    // Phase by phase, as a forwarder replays its backlog (an hour old, each record's wait in its
    // Acct-Delay-Time, so the Start is older than the Stop); large enough to be split by session.
    for (let phase = 0; phase <= 9; phase++)
      for (let s = 0; s < SESSIONS; s++)
        records.push(
          phase === 0
            ? acct(subs[s % 2], `twice-${s}`, "Start", { "Acct-Delay-Time": 3600 + 540 })
            : acct(subs[s % 2], `twice-${s}`, phase === 9 ? "Stop" : "Interim-Update", {
                "Acct-Delay-Time": 3600 + (9 - phase) * 60,
                "Acct-Session-Time": phase * 60,
                "Acct-Input-Octets": phase * 1000 + s,
                // Past 4 GiB from the fifth report on: Gigawords.
                "Acct-Output-Octets": phase * 100_000,
                "Acct-Output-Gigawords": phase >= 5 ? 1 : 0,
              }),
        );
    const [a, b] = await Promise.all([batch(records), batch(records)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.rejected + b.body.rejected).toBe(0);
    // Every record was recorded by one of the two and is a duplicate for the other.
    a.body.results.forEach((r: { outcome: string }, n: number) => {
      expect([r.outcome, b.body.results[n].outcome].sort()).toEqual(["duplicate", "recorded"]);
    });
    for (const [n, sub] of subs.entries()) {
      const want = { down: 0n, up: 0n };
      for (let s = n; s < SESSIONS; s += 2) {
        want.down += BigInt(GiB4) + 900_000n;
        want.up += BigInt(9000 + s);
      }
      expect(await totals(net, sub.subscriptionId)).toEqual(want);
    }
  }, 120_000);
});

describe("group commit of single packets", () => {
  it("concurrent packets of one session from many connections count each byte once", async () => {
    const sub = await net.subscriber("ACTIVE");
    await call(accounting, { host: HOST, token: key, body: acct(sub, "g-1", "Start") });
    // 40 interim reports and their retries, all in flight at once, in scrambled order.
    const reports = Array.from({ length: 40 }, (_, n) =>
      acct(sub, "g-1", "Interim-Update", { "Acct-Session-Time": (n + 1) * 60, "Acct-Output-Octets": (n + 1) * 1000 }),
    );
    const sent = [...reports, ...reports].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    const answers = await Promise.all(sent.map((body) => call(accounting, { host: HOST, token: key, body })));
    expect(answers.every((a) => a.status === 204)).toBe(true);
    // Whatever the order, the stored total is the highest report's, never more.
    expect(await totals(net, sub.subscriptionId)).toEqual({ down: 40_000n, up: 0n });
  });

  it("a full queue answers 503 with Retry-After and stores nothing of those packets; sent again, they count once", async () => {
    const sub = await net.subscriber("ACTIVE");
    const sid = "full-queue";
    expect((await call(accounting, { host: HOST, token: key, body: acct(sub, sid, "Start") })).status).toBe(204);
    // Another connection holds the session's row: the groups being written wait for it, and
    // packets pile up behind them past what the queue takes.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query(`SELECT 1 FROM "RadiusSession" WHERE "acctSessionId" = $1 FOR UPDATE`, [sid]);
    const reports = Array.from({ length: MAX_QUEUE + 3 * MAX_GROUP }, (_, n) =>
      acct(sub, sid, "Interim-Update", { "Acct-Session-Time": n + 1, "Acct-Output-Octets": (n + 1) * 10 }),
    );
    let refusedWhileHeld = 0;
    const sent = reports.map((body) =>
      call(accounting, { host: HOST, token: key, body }).then((answer) => {
        if (answer.status === 503) refusedWhileHeld++;
        return answer;
      }),
    );
    // Refusals come at once, while the row is still held, not after a wait.
    await expect.poll(() => refusedWhileHeld, { timeout: 5_000 }).toBeGreaterThan(0);
    await holder.query("COMMIT");
    await holder.end();
    const answers = await Promise.all(sent);

    const refused = reports.filter((_, n) => answers[n].status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status !== 503).every((a) => a.status === 204)).toBe(true);
    const busy = answers.find((a) => a.status === 503)!;
    expect(busy.headers.get("retry-after")).toBe("1");
    expect(busy.body).toMatchObject({ error: { code: "OVERLOADED" } });
    // Stored: the highest report among those answered 204, none of the refused ones.
    const octets = (r: (typeof reports)[number]) => r["Acct-Output-Octets"].value[0] as number;
    const accepted = Math.max(...reports.filter((_, n) => answers[n].status === 204).map(octets));
    expect(await totals(net, sub.subscriptionId)).toEqual({ down: BigInt(accepted), up: 0n });

    // The NAS sends the refused ones again: each counts once.
    const again = await Promise.all(refused.map((body) => call(accounting, { host: HOST, token: key, body })));
    expect(again.every((a) => a.status === 204)).toBe(true);
    expect(await totals(net, sub.subscriptionId)).toEqual({ down: BigInt(reports.length * 10), up: 0n });
  });

  it("two companies' packets committed together stay in their own company", async () => {
    const a = await net.subscriber("ACTIVE");
    const b = await other.subscriber("ACTIVE");
    // The same session id and a username of each; interleaved, in flight together.
    const both = await Promise.all(
      Array.from({ length: 10 }, (_, n) => [
        call(accounting, {
          host: HOST,
          token: key,
          body: acct(a, "same-id", "Interim-Update", {
            "Acct-Session-Time": n + 1,
            "Acct-Output-Octets": (n + 1) * 10,
          }),
        }),
        call(accounting, {
          host: OTHER_HOST,
          token: otherKey,
          body: acct(b, "same-id", "Interim-Update", { "Acct-Session-Time": n + 1, "Acct-Output-Octets": (n + 1) * 7 }),
        }),
        // A's key at B's address is refused, whatever shares the group.
        call(accounting, { host: OTHER_HOST, token: key, body: acct(b, "same-id", "Stop") }),
      ]).flat(),
    );
    expect(both.filter((r) => r.status === 401)).toHaveLength(10);
    expect(await totals(net, a.subscriptionId)).toEqual({ down: 100n, up: 0n });
    expect(await totals(other, b.subscriptionId)).toEqual({ down: 70n, up: 0n });
    const sessions = async (n: Network) =>
      withTenant(n.company.id, (tx) =>
        tx.radiusSession.findMany({ where: { acctSessionId: "same-id" }, select: { username: true, stoppedAt: true } }),
      );
    expect(await sessions(net)).toEqual([{ username: a.username, stoppedAt: null }]);
    expect(await sessions(other)).toEqual([{ username: b.username, stoppedAt: null }]);
  });
});

describe("GET /api/metrics", () => {
  it("counts recorded, duplicate and rejected packets per key and source, for the HEALTH_TOKEN only", async () => {
    process.env.HEALTH_TOKEN = "metrics-token-0123456789";
    resetEnvCache();
    const sub = await net.subscriber("ACTIVE");
    const count = async (outcome: string) => {
      const res = await call(metrics, { host: "localhost:3000", token: "metrics-token-0123456789" });
      expect(res.status).toBe(200);
      return Number(new RegExp(`outcome="${outcome}"} (\\d+)`).exec(res.text)![1]);
    };
    const before = {
      recorded: await count("recorded"),
      duplicate: await count("duplicate"),
      rejected: await count("rejected"),
    };
    await batch([acct(sub, "m-1", "Start"), acct(sub, "m-1", "Start"), "not a record"]);
    expect(await count("recorded")).toBe(before.recorded + 1);
    expect(await count("duplicate")).toBe(before.duplicate + 1);
    expect(await count("rejected")).toBe(before.rejected + 1);
    const text = (await call(metrics, { host: "localhost:3000", token: "metrics-token-0123456789" })).text;
    expect(text).toContain(`lastmile_radius_source_last_seen_seconds{company="${net.company.id}"`);
    expect((await call(metrics, { host: "localhost:3000" })).status).toBe(401);
    // Staff see it per key and source address on the RADIUS servers page.
    const core = (await net.admin.radius.keys()).find((k) => k.name === "core")!;
    expect(core.accounting).toEqual([
      expect.objectContaining({ source: "203.0.113.50", lastAccountingAt: expect.any(Date) }),
    ]);
    expect((await other.admin.radius.keys()).flatMap((k) => k.accounting.map((a) => a.keyId))).not.toContain(core.id);
  });
});

describe("plain-SQL transactions on the pool", () => {
  it("one session applied at once from several pool connections (as two app instances would) counts each byte once", async () => {
    const sub = await net.subscriber("ACTIVE");
    const actor = { type: "API" as const, id: "instance", label: "test" };
    const packet = (status: string, secs: number, out: number) =>
      accountingPacket(
        attributesOf(
          acct(sub, "pool-1", status, {
            "Acct-Session-Time": secs,
            "Acct-Output-Octets": out,
            "Acct-Input-Octets": secs,
          }),
        ),
      );
    // Each call is its own transaction on its own connection: the Start and every report, three times each, all at once.
    const packets = [
      packet("Start", 0, 0),
      ...Array.from({ length: 12 }, (_, n) => packet("Interim-Update", (n + 1) * 60, (n + 1) * 1000)),
    ];
    const results = await Promise.all(
      [...packets, ...packets, ...packets].map((p) => applyInTransaction(net.company.id, actor, [p])),
    );
    expect(results.flat().filter((r) => r.outcome === "recorded").length).toBeLessThanOrEqual(packets.length);
    expect(await totals(net, sub.subscriptionId)).toEqual({ down: 12_000n, up: 720n });
    const rows = await withTenant(net.company.id, (tx) =>
      tx.radiusSession.findMany({ where: { acctSessionId: "pool-1" } }),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outputBytes: 12_000n, sessionSeconds: 720, subscriptionId: sub.subscriptionId });
  });

  it("the hand-written rlm_rest check accepts exactly what the schema accepts", () => {
    const samples: unknown[] = [
      rlm({ "User-Name": "a", "Acct-Input-Octets": 5 }),
      { "User-Name": "plain", "Acct-Session-Time": 3, Flag: true },
      { "User-Name": { value: "single" } },
      { "User-Name": { type: "string", value: [] } },
      {},
      { "User-Name": { value: [{ nested: true }] } },
      { "User-Name": { type: 5, value: ["x"] } },
      { "User-Name": { type: "string" } },
      { "User-Name": null },
      { "": "empty name" },
      { ["x".repeat(129)]: "long name" },
      [],
      "text",
      null,
    ];
    for (const s of samples)
      expect(rlmRestRequestOf(s) !== undefined, JSON.stringify(s)).toBe(rlmRestRequestSchema.safeParse(s).success);
  });
});
