import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Tx, withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { expectFailure } from "../../test/trpc";
import * as audit from "../audit/service";
import { IDEMPOTENCY_KEY_DAYS } from "../idempotency/prune";
import { IDEMPOTENCY_DESCRIPTION, once } from "../idempotency/service";
import { makeNetwork } from "../radius/testing";
import { systemActor } from "../scope";
import { DEFAULT_RETENTION } from "./schema";
import { prune } from "./service";

// Data retention on the real database: what goes, what stays, whose rows, the floors (in the
// form and in the database itself), batches, and two runs at once.

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const FLOORS = { radiusSessionDays: 30, usageDays: 366, auditDays: 365, outboxDays: 7 };
const NOTHING = { radiusSessions: 0, usageDays: 0, auditEntries: 0, sentEmails: 0, idempotencyKeys: 0 };

type Network = Awaited<ReturnType<typeof makeNetwork>>;
interface Isp {
  net: Network;
  companyId: string;
  subscriptionId: string;
}

async function isp(slug: string): Promise<Isp> {
  const net = await makeNetwork(slug);
  const { subscriptionId } = await net.subscriber();
  return { net, companyId: net.company.id, subscriptionId };
}

/**
 * One record of every kind per age (in days): a stopped session, a day of usage, an audit entry,
 * a sent e-mail, an idempotency key.
 */
async function seed({ companyId, subscriptionId }: Isp, ages: number[]) {
  await withTenant(companyId, async (tx) => {
    for (const age of ages) {
      const at = ago(age);
      const session = { companyId, acctSessionId: newId(), username: "retention-user", startedAt: at };
      await tx.radiusSession.create({ data: { id: newId(), ...session, updatedAt: at, stoppedAt: at } });
      await tx.usageDaily.create({
        data: { companyId, subscriptionId, day: new Date(at.toISOString().slice(0, 10)), downloadBytes: 1n },
      });
      await tx.auditEntry.create({
        data: { id: newId(), companyId, actorType: "SYSTEM", action: "test.aged", entityType: "Test", createdAt: at },
      });
      await tx.outboundEmail.create({
        data: {
          id: newId(),
          companyId,
          to: "a@b.test",
          subject: "Aged",
          html: "",
          text: "",
          provider: "log",
          createdAt: at,
        },
      });
      await tx.idempotencyRecord.create({
        data: { id: newId(), companyId, key: `aged-${newId()}`, requestHash: "h", statusCode: 201, createdAt: at },
      });
    }
  });
}

/** How many of the seeded records of each kind the company still has. */
const left = ({ companyId }: Isp) =>
  withTenant(companyId, async (tx) => ({
    radiusSessions: await tx.radiusSession.count({ where: { username: "retention-user" } }),
    usageDays: await tx.usageDaily.count(),
    auditEntries: await tx.auditEntry.count({ where: { action: "test.aged" } }),
    sentEmails: await tx.outboundEmail.count({ where: { subject: "Aged" } }),
    idempotencyKeys: await tx.idempotencyRecord.count({ where: { key: { startsWith: "aged-" } } }),
  }));

const setPolicy = (i: Isp, values: Partial<typeof DEFAULT_RETENTION>) =>
  withTenant(i.companyId, (tx) =>
    tx.retentionPolicy.upsert({
      where: { companyId: i.companyId },
      create: { companyId: i.companyId, ...DEFAULT_RETENTION, ...values },
      update: values,
    }),
  );

describe("the retention run", () => {
  let a: Isp;
  let b: Isp;
  beforeAll(async () => {
    [a, b] = [await isp("keep-a"), await isp("keep-b")];
  });

  it("deletes what is older than the company's periods, keeps the rest, and leaves other companies alone", async () => {
    await a.net.admin.retention.save(FLOORS);
    await b.net.admin.retention.save(FLOORS);
    for (const i of [a, b]) await seed(i, [2, 40, 800]);
    // Sessions that never stopped: one silent for 40 days (its NAS lost the Stop), one long-lived and reporting.
    await withTenant(a.companyId, async (tx) => {
      const base = { companyId: a.companyId, username: "retention-user" };
      await tx.radiusSession.create({
        data: { id: newId(), ...base, acctSessionId: "silent", startedAt: ago(41), updatedAt: ago(40) },
      });
      await tx.radiusSession.create({
        data: { id: newId(), ...base, acctSessionId: "live", startedAt: ago(800), updatedAt: new Date() },
      });
    });

    // Sessions after 30 days, usage after 366, audit after 365, e-mail after 7; idempotency keys after 7.
    const deleted = { radiusSessions: 3, usageDays: 1, auditEntries: 1, sentEmails: 2, idempotencyKeys: 2 };
    expect(await prune(a.companyId)).toEqual(deleted);
    expect(await left(a)).toEqual({
      radiusSessions: 2,
      usageDays: 2,
      auditEntries: 2,
      sentEmails: 1,
      idempotencyKeys: 1,
    });
    const live = await withTenant(a.companyId, (tx) =>
      tx.radiusSession.findMany({ where: { stoppedAt: null }, select: { acctSessionId: true } }),
    );
    expect(live).toEqual([{ acctSessionId: "live" }]);
    expect(await left(b)).toEqual({
      radiusSessions: 3,
      usageDays: 3,
      auditEntries: 3,
      sentEmails: 3,
      idempotencyKeys: 3,
    });

    // Staff see the run on the settings page, and in the audit log.
    const { lastRun } = await a.net.admin.retention.get();
    expect(lastRun?.deleted).toEqual(deleted);
    const entries = await a.net.admin.audit.list({ action: "retention.pruned" });
    expect(entries.rows.map((e) => e.after)).toEqual([deleted]);

    // Again: nothing is older any more, and nothing new is written to the audit log.
    expect(await prune(a.companyId)).toEqual(NOTHING);
    expect((await a.net.admin.audit.list({ action: "retention.pruned" })).total).toBe(1);
  });

  it("keeps for ever what the company chose to keep for ever; idempotency keys are not the company's choice", async () => {
    await b.net.admin.retention.save({ radiusSessionDays: null, usageDays: null, auditDays: null, outboxDays: null });
    expect(await prune(b.companyId)).toEqual({ ...NOTHING, idempotencyKeys: 2 });
    expect(await left(b)).toEqual({
      radiusSessions: 3,
      usageDays: 3,
      auditEntries: 3,
      sentEmails: 3,
      idempotencyKeys: 1,
    });
  });

  it("uses the defaults for a company that never chose, and writes them down", async () => {
    const c = await isp("keep-c");
    await seed(c, [2, 40, 800]);
    expect((await c.net.admin.retention.get()).policy).toEqual(DEFAULT_RETENTION);
    // Defaults: sessions a year, usage two years, audit seven years, e-mail 90 days.
    expect(await prune(c.companyId)).toEqual({
      radiusSessions: 1,
      usageDays: 1,
      auditEntries: 0,
      sentEmails: 1,
      idempotencyKeys: 2,
    });
    expect(
      await withTenant(c.companyId, (tx) => tx.retentionPolicy.findUnique({ where: { companyId: c.companyId } })),
    ).toMatchObject(DEFAULT_RETENTION);
  });
});

describe("idempotency keys", () => {
  it("are remembered for the days the API reference promises, then forgotten: the same key is a new request", async () => {
    const i = await isp("keys-isp");
    const scope = (tx: Tx) => ({ tx, companyId: i.companyId, actor: systemActor });
    let created = 0;
    const create = (key: string) =>
      withTenant(i.companyId, (tx) => once(scope(tx), key, { amount: 100 }, async () => ({ n: ++created })));
    expect(await create("kept")).toEqual({ replayed: false, response: { n: 1 } });
    expect(await create("forgotten")).toEqual({ replayed: false, response: { n: 2 } });
    const age = (key: string, days: number) =>
      withTenant(i.companyId, (tx) =>
        tx.idempotencyRecord.updateMany({ where: { key }, data: { createdAt: ago(days) } }),
      );
    await age("kept", IDEMPOTENCY_KEY_DAYS - 0.1);
    await age("forgotten", IDEMPOTENCY_KEY_DAYS + 0.1);
    expect(IDEMPOTENCY_DESCRIPTION).toContain(`A key is remembered for ${IDEMPOTENCY_KEY_DAYS} days`);

    expect((await prune(i.companyId)).idempotencyKeys).toBe(1);
    expect(await create("kept")).toEqual({ replayed: true, response: { n: 1 } });
    expect(await create("forgotten")).toEqual({ replayed: false, response: { n: 3 } });
  });
});

describe("the floors", () => {
  let i: Isp;
  beforeAll(async () => {
    i = await isp("floor-isp");
  });

  it("the settings refuse a period under the floor, with a message saying which and how long", async () => {
    const before = await i.net.admin.retention.get();
    const tooShort = await expectFailure(i.net.admin.retention.save({ ...FLOORS, auditDays: 30 }), "BAD_REQUEST");
    expect(tooShort.fields).toEqual({ auditDays: "Audit log must be kept at least 365 days." });
    const usage = await expectFailure(i.net.admin.retention.save({ ...FLOORS, usageDays: 365 }), "BAD_REQUEST");
    expect(usage.fields).toEqual({ usageDays: "Usage detail must be kept at least 366 days." });
    const half = await expectFailure(i.net.admin.retention.save({ ...FLOORS, outboxDays: 7.5 }), "BAD_REQUEST");
    expect(half.fields).toEqual({ outboxDays: "Sent e-mail: enter whole days." });
    const long = await expectFailure(i.net.admin.retention.save({ ...FLOORS, auditDays: 5000 }), "BAD_REQUEST");
    expect(long.fields?.auditDays).toContain("at most 3650 days");
    expect(await i.net.admin.retention.get()).toEqual(before);
  });

  it("a period stored under the floor (written around the form) is still held to the floor", async () => {
    await seed(i, [2, 20, 100, 800]);
    await setPolicy(i, { radiusSessionDays: 1, usageDays: 1, auditDays: 1, outboxDays: 1 });
    expect(await prune(i.companyId)).toEqual({
      radiusSessions: 2,
      usageDays: 1,
      auditEntries: 1,
      sentEmails: 3,
      idempotencyKeys: 3,
    });
    expect(await left(i)).toEqual({
      radiusSessions: 2,
      usageDays: 3,
      auditEntries: 3,
      sentEmails: 1,
      idempotencyKeys: 1,
    });
  });

  it("the database itself deletes no audit entry younger than a year or than the company's period", async () => {
    const scope = (tx: Tx) => ({
      tx,
      companyId: i.companyId,
      actor: systemActor,
    });
    await setPolicy(i, { auditDays: 1 });
    // Asked to delete everything up to now: a year is still the floor.
    expect(await withTenant(i.companyId, (tx) => audit.pruneOlderThan(scope(tx), new Date(), 1000))).toBe(0);
    // Kept for ever: nothing, however old.
    await seed(i, [900]);
    await setPolicy(i, { auditDays: null });
    expect(await withTenant(i.companyId, (tx) => audit.pruneOlderThan(scope(tx), new Date(), 1000))).toBe(0);
    // The application role cannot delete an entry itself, not even an old one.
    await expect(
      withTenant(i.companyId, (tx) => tx.$executeRaw`DELETE FROM "AuditEntry" WHERE action = 'test.aged'`),
    ).rejects.toThrow(/permission denied/);

    // Nor can the tables' owner (a psql session, a migration): younger than the period, the trigger refuses.
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      await owner.query(`UPDATE "RetentionPolicy" SET "auditDays" = 400 WHERE "companyId" = $1`, [i.companyId]);
      const aged = (min: number, max: number) =>
        owner.query(
          `DELETE FROM "AuditEntry" WHERE "companyId" = $1 AND action = 'test.aged' AND "createdAt" < now() - make_interval(days => $2) AND "createdAt" > now() - make_interval(days => $3)`,
          [i.companyId, min, max],
        );
      await expect(aged(99, 101)).rejects.toThrow(/append-only/);
      await expect(
        owner.query(`UPDATE "AuditEntry" SET action = 'x' WHERE "companyId" = $1`, [i.companyId]),
      ).rejects.toThrow(/append-only/);
      expect((await aged(899, 901)).rowCount).toBe(1);
    } finally {
      await owner.end();
    }
  });
});

describe("two runs at once", () => {
  let i: Isp;
  beforeAll(async () => {
    // No settings saved: both runs write the defaults down at once, and both delete past them.
    i = await isp("twice-isp");
    await seed(
      i,
      Array.from({ length: 25 }, (_, n) => 2600 + n),
    );
  });
  afterAll(async () => {
    expect(await left(i)).toEqual({
      radiusSessions: 0,
      usageDays: 0,
      auditEntries: 0,
      sentEmails: 0,
      idempotencyKeys: 0,
    });
  });

  it("delete each row once between them, in small batches, without an error", async () => {
    const runs = await Promise.all([prune(i.companyId, new Date(), 4), prune(i.companyId, new Date(), 4)]);
    const total = (k: string) => runs.reduce((sum, r) => sum + r[k], 0);
    expect({
      radiusSessions: total("radiusSessions"),
      usageDays: total("usageDays"),
      auditEntries: total("auditEntries"),
      sentEmails: total("sentEmails"),
      idempotencyKeys: total("idempotencyKeys"),
    }).toEqual({ radiusSessions: 25, usageDays: 25, auditEntries: 25, sentEmails: 25, idempotencyKeys: 25 });
  });
});
