import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { expectFailure } from "../../test/trpc";
import type { Actor } from "../scope";
import { account } from "./accounting";
import { DEFAULT_STALE_MINUTES, STALE_CAUSE } from "./schema";
import { closeStaleSessions } from "./stale";
import { makeNetwork, packet, type Subscriber } from "./testing";

// Sessions whose NAS fell silent, on the real database: which are closed and when, each
// company by its own setting, two runs at once, and what a late report from the NAS does to a
// session closed for silence (its bytes count once; it reopens, or gets its real Stop).

type Network = Awaited<ReturnType<typeof makeNetwork>>;
const actor: Actor = { type: "API", id: "key-under-test", label: 'RADIUS server "test"' };
const t0 = new Date("2026-11-25T08:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const DAY = new Date("2026-11-25T00:00:00Z");

type Report = Omit<Parameters<typeof packet>[0], "username">;

/** Reports for one subscriber's sessions, timed in minutes after t0. */
function reporter(net: Network, sub: Subscriber) {
  const send = (p: Report) => account(net.company.id, actor, packet({ username: sub.username, ...p }));
  return {
    start: (acctSessionId: string, minute: number) => send({ status: "Start", acctSessionId, at: at(minute) }),
    /** An Interim-Update (or Stop) `minute`s after t0 of a session that began at t0, with its totals so far. */
    report: (status: "Interim-Update" | "Stop", acctSessionId: string, minute: number, down: number, up = 0) =>
      send({
        status,
        acctSessionId,
        at: at(minute),
        sessionSeconds: minute * 60,
        outputBytes: down,
        inputBytes: up,
        terminateCause: status === "Stop" ? "Lost-Carrier" : null,
      }),
  };
}

const sessionOf = (net: Network, acctSessionId: string) =>
  withTenant(net.company.id, (tx) =>
    tx.radiusSession.findFirstOrThrow({
      where: { acctSessionId },
      select: { stoppedAt: true, terminateCause: true, updatedAt: true, outputBytes: true },
    }),
  );
const online = (net: Network) =>
  withTenant(net.company.id, async (tx) =>
    (await tx.radiusSession.findMany({ where: { stoppedAt: null }, select: { acctSessionId: true } }))
      .map((s) => s.acctSessionId)
      .sort(),
  );
const closedEntries = (net: Network) =>
  withTenant(net.company.id, (tx) =>
    tx.auditEntry.findMany({ where: { action: "radius.stale_sessions_closed" }, orderBy: { createdAt: "asc" } }),
  );

describe("closing silent sessions", () => {
  let net: Network;
  let other: Network;
  beforeAll(async () => {
    [net, other] = [await makeNetwork("stale-isp"), await makeNetwork("stale-other")];
  });

  it("closes a session silent longer than the setting at its last report, leaves fresh and stopped ones, and is audited", async () => {
    const sub = await net.subscriber("ACTIVE");
    const nas = reporter(net, sub);
    await nas.start("silent", 0);
    await nas.report("Interim-Update", "silent", 5, 1_000);
    await nas.start("fresh", 0);
    await nas.report("Interim-Update", "fresh", 45, 2_000);
    await nas.start("only-started", 10);
    await nas.start("ended", 0);
    await nas.report("Stop", "ended", 5, 500);
    expect(await net.admin.radius.settings()).toEqual({ staleSessionMinutes: DEFAULT_STALE_MINUTES });

    // At 08:30 with the default 20 minutes, "silent" (last report 08:05) goes; "only-started"
    // (08:10) is exactly at the limit, and goes a minute later.
    expect(await closeStaleSessions(net.company.id, at(30))).toEqual({ closed: 1, silentMinutes: 20 });
    expect(await sessionOf(net, "silent")).toMatchObject({ stoppedAt: at(5), terminateCause: STALE_CAUSE });
    expect(await online(net)).toEqual(["fresh", "only-started"]);
    expect(await closeStaleSessions(net.company.id, at(31))).toEqual({ closed: 1, silentMinutes: 20 });
    expect(await sessionOf(net, "only-started")).toMatchObject({ stoppedAt: at(10), terminateCause: STALE_CAUSE });
    // The stopped session keeps its own end; running again closes nothing more.
    expect(await sessionOf(net, "ended")).toMatchObject({ stoppedAt: at(5), terminateCause: "Lost-Carrier" });
    expect(await closeStaleSessions(net.company.id, at(31))).toEqual({ closed: 0, silentMinutes: 20 });
    expect(await online(net)).toEqual(["fresh"]);

    const entries = await closedEntries(net);
    expect(entries.map((e) => e.after)).toEqual([
      { closed: 1, silentMinutes: 20, sessionIds: [expect.any(String)] },
      { closed: 1, silentMinutes: 20, sessionIds: [expect.any(String)] },
    ]);
    expect(entries.map((e) => e.actorLabel)).toEqual(["stale RADIUS sessions", "stale RADIUS sessions"]);

    // The customer page's recent sessions show why each ended.
    const view = await net.admin.nas.forCustomer({ customerId: sub.customerId });
    expect(view.sessions.map((s) => s.acctSessionId)).toEqual(["fresh"]);
    expect(Object.fromEntries(view.ended.map((s) => [s.acctSessionId, s.terminateCause]))).toEqual({
      silent: STALE_CAUSE,
      "only-started": STALE_CAUSE,
      ended: "Lost-Carrier",
    });
  });

  it("uses each company's own setting, and closes nothing for a company that chose never", async () => {
    const mine = reporter(net, await net.subscriber("ACTIVE"));
    const theirs = reporter(other, await other.subscriber("ACTIVE"));
    await mine.report("Interim-Update", "an-hour-silent", 0, 1);
    await theirs.report("Interim-Update", "an-hour-silent", 0, 1);

    await other.admin.radius.saveSettings({ staleSessionMinutes: 90 });
    expect(await closeStaleSessions(other.company.id, at(60))).toEqual({ closed: 0, silentMinutes: 90 });
    expect(await online(other)).toEqual(["an-hour-silent"]);
    await net.admin.radius.saveSettings({ staleSessionMinutes: null });
    expect(await closeStaleSessions(net.company.id, at(600))).toEqual({ closed: 0, silentMinutes: null });
    expect(await online(net)).toContain("an-hour-silent");
    // 90 minutes later it goes at the other company; this one still has it.
    expect(await closeStaleSessions(other.company.id, at(91))).toEqual({ closed: 1, silentMinutes: 90 });
    expect(await online(other)).toEqual([]);
    expect(await online(net)).toContain("an-hour-silent");

    const audit = await withTenant(other.company.id, (tx) =>
      tx.auditEntry.findFirstOrThrow({ where: { action: "radius.settings_saved" } }),
    );
    expect([audit.before, audit.after]).toEqual([{ staleSessionMinutes: 20 }, { staleSessionMinutes: 90 }]);
    await net.admin.radius.saveSettings({ staleSessionMinutes: DEFAULT_STALE_MINUTES });
  });

  it("the setting is whole minutes from 10 to a day, or never", async () => {
    const short = await expectFailure(net.admin.radius.saveSettings({ staleSessionMinutes: 5 }), "BAD_REQUEST");
    expect(short.fields?.staleSessionMinutes).toMatch(/^At least 10 minutes/);
    const long = await expectFailure(net.admin.radius.saveSettings({ staleSessionMinutes: 1441 }), "BAD_REQUEST");
    expect(long.fields?.staleSessionMinutes).toBe("At most 1440 minutes (a day).");
    expect(await net.admin.radius.settings()).toEqual({ staleSessionMinutes: DEFAULT_STALE_MINUTES });
  });
});

describe("two runs at once", () => {
  it("close each silent session once between them, on separate connections", async () => {
    const net = await makeNetwork("stale-twice");
    const nas = reporter(net, await net.subscriber("ACTIVE"));
    const ids = Array.from({ length: 23 }, (_, n) => `twice-${n}`);
    for (const id of ids) await nas.report("Interim-Update", id, 0, 10);

    // Batches of 4: the runs interleave, each skipping the rows the other has locked.
    const runs = await Promise.all([
      closeStaleSessions(net.company.id, at(60), 4),
      closeStaleSessions(net.company.id, at(60), 4),
      closeStaleSessions(net.company.id, at(60), 4),
    ]);
    expect(runs.reduce((sum, r) => sum + r.closed, 0)).toBe(ids.length);
    expect(await online(net)).toEqual([]);
    const closed = (await closedEntries(net)).flatMap((e) => (e.after as { sessionIds: string[] }).sessionIds);
    expect(closed).toHaveLength(ids.length);
    expect(new Set(closed).size).toBe(ids.length);
  });

  it("a run while the NAS reports: every session ends up online, and each byte counts once", async () => {
    const net = await makeNetwork("stale-race");
    const sub = await net.subscriber("ACTIVE");
    const nas = reporter(net, sub);
    const ids = Array.from({ length: 12 }, (_, n) => `race-${n}`);
    for (const id of ids) await nas.report("Interim-Update", id, 0, 100);
    // The NAS comes back at 08:40 while the run (at 08:30, 20 minutes) closes what it last heard at 08:00.
    await Promise.all([
      closeStaleSessions(net.company.id, at(30), 2),
      ...ids.map((id) => nas.report("Interim-Update", id, 40, 250)),
    ]);
    expect(await online(net)).toEqual([...ids].sort());
    expect(await net.usage(sub.subscriptionId)).toEqual([
      { day: DAY, downloadBytes: 250n * BigInt(ids.length), uploadBytes: 0n },
    ]);
  });
});

describe("a late report for a session closed for silence", () => {
  let net: Network;
  beforeAll(async () => {
    net = await makeNetwork("stale-late");
  });

  it("an Interim-Update reopens it and adds only what is new, once; a retry of the last report does not", async () => {
    const sub = await net.subscriber("ACTIVE");
    const nas = reporter(net, sub);
    await nas.start("unreachable", 0);
    await nas.report("Interim-Update", "unreachable", 5, 1_000, 100);
    expect((await closeStaleSessions(net.company.id, at(30))).closed).toBe(1);

    // A retry of the 08:05 report, arriving late: nothing new, so it stays closed.
    expect(await nas.report("Interim-Update", "unreachable", 5, 1_000, 100)).toMatchObject({ outcome: "duplicate" });
    expect(await sessionOf(net, "unreachable")).toMatchObject({ stoppedAt: at(5), terminateCause: STALE_CAUSE });

    // The NAS was only out of reach: its 08:35 report counts the bytes since 08:05 and reopens the session.
    const late = await nas.report("Interim-Update", "unreachable", 35, 4_000, 300);
    expect(late).toMatchObject({ outcome: "recorded", added: { downloadBytes: 3_000, uploadBytes: 200 } });
    expect(await sessionOf(net, "unreachable")).toMatchObject({
      stoppedAt: null,
      terminateCause: null,
      updatedAt: at(35),
    });
    // Sent again: nothing more.
    expect((await nas.report("Interim-Update", "unreachable", 35, 4_000, 300)).added).toMatchObject({
      downloadBytes: 0,
      uploadBytes: 0,
    });
    expect(await net.usage(sub.subscriptionId)).toEqual([{ day: DAY, downloadBytes: 4_000n, uploadBytes: 300n }]);
    // It is online again, so the next run judges it by its new last report.
    expect((await closeStaleSessions(net.company.id, at(50))).closed).toBe(0);
  });

  it("a Stop gives it its real end and cause, adds only what is new, and a duplicate Stop adds nothing", async () => {
    const sub = await net.subscriber("ACTIVE");
    const nas = reporter(net, sub);
    await nas.start("lost-stop", 0);
    await nas.report("Interim-Update", "lost-stop", 5, 1_000);
    expect((await closeStaleSessions(net.company.id, at(30))).closed).toBe(1);

    const stop = await nas.report("Stop", "lost-stop", 12, 1_700);
    expect(stop).toMatchObject({ outcome: "recorded", added: { downloadBytes: 700 } });
    expect(await sessionOf(net, "lost-stop")).toMatchObject({ stoppedAt: at(12), terminateCause: "Lost-Carrier" });
    expect(await nas.report("Stop", "lost-stop", 12, 1_700)).toMatchObject({
      outcome: "duplicate",
      added: { downloadBytes: 0 },
    });
    // Truly stopped now: a late Interim-Update does not bring it back online.
    await nas.report("Interim-Update", "lost-stop", 40, 1_700);
    expect(await sessionOf(net, "lost-stop")).toMatchObject({ stoppedAt: at(12), terminateCause: "Lost-Carrier" });
    expect(await net.usage(sub.subscriptionId)).toEqual([{ day: DAY, downloadBytes: 1_700n, uploadBytes: 0n }]);
  });

  it("a session its NAS stopped is not reopened by a late Interim-Update, as before", async () => {
    const sub = await net.subscriber("ACTIVE");
    const nas = reporter(net, sub);
    await nas.start("stopped", 0);
    await nas.report("Stop", "stopped", 5, 1_000);
    await nas.report("Interim-Update", "stopped", 10, 1_000);
    expect(await sessionOf(net, "stopped")).toMatchObject({ stoppedAt: at(5), terminateCause: "Lost-Carrier" });
    // Nor does a run touch it: it is not online.
    await closeStaleSessions(net.company.id, at(60));
    expect(await sessionOf(net, "stopped")).toMatchObject({ stoppedAt: at(5), terminateCause: "Lost-Carrier" });
  });
});
