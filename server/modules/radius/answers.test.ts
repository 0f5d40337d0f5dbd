import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { storeRadiusPasswords } from "../../../prisma/data-migrations";
import { urlFor } from "../../test/databases";
import { makeCustomer, packageInput } from "../subscriptions/testing";
import { newId } from "../../lib/ids";
import { systemActor, type Scope } from "../scope";
import * as subscriptions from "../subscriptions/service";
import * as access from "./access";
import { answerKeyOf, openPassword } from "../subscriptions/radius-password";
import * as keys from "./keys";
import { authorize } from "./rest";
import { makeNetwork, type Subscriber } from "./testing";

// FreeRADIUS's SQL read path (answers.ts, migration 20261204080000_radius_sql_answers): what the
// database login lastmile_radius gets from lastmile_radius_check()/lastmile_radius_reply(), and
// what it cannot get. FreeRADIUS itself over this path: freeradius.test.ts.

type Network = Awaited<ReturnType<typeof makeNetwork>>;
interface Row {
  attribute: string;
  op: string;
  value: string;
}

let a: Network;
let b: Network;
let keyA: string;
let keyB: string;
/** FreeRADIUS's database login, over TCP from 127.0.0.1. */
let radius: pg.Client;
/** The migration owner (a superuser here), for what only a copy of the database would see. */
let owner: pg.Client;

const dbName = () => new URL(process.env.DATABASE_URL!).pathname.slice(1);

async function answer(key: string, username: string) {
  const rows = async (fn: string) =>
    (
      await radius.query<Row & { id: number }>(`SELECT id, attribute, op, value FROM ${fn}($1, $2) ORDER BY id`, [
        key,
        username,
      ])
    ).rows.map(({ attribute, op, value }) => ({ attribute, op, value }));
  return { check: await rows("lastmile_radius_check"), reply: await rows("lastmile_radius_reply") };
}

const nothing = { check: [], reply: [] };

/** What the API's authorize answers the same login, split as rlm_sql would put it. */
async function apiAnswer(net: Network, username: string) {
  const got = await access.authorize(net.company.id, { ...systemActor, ip: "127.0.0.1" }, { username });
  if (!got.accept) return { refused: got.message };
  const items = [...got.items, ...access.loginControl(got)];
  const rows = (list: string) =>
    items.filter((i) => i.list === list).map(({ attribute, op, value }) => ({ attribute, op, value }));
  return { check: rows("control"), reply: rows("reply") };
}

beforeAll(async () => {
  a = await makeNetwork("sql-alpha");
  b = await makeNetwork("sql-bravo");
  keyA = (await a.admin.radius.createKey({ name: "alpha radius" })).secret;
  keyB = (await b.admin.radius.createKey({ name: "bravo radius" })).secret;
  radius = new pg.Client({ connectionString: urlFor(dbName(), "lastmile_radius") });
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await radius.connect();
  await owner.connect();
});

afterAll(async () => {
  await radius?.end();
  await owner?.end();
});

describe("FreeRADIUS's SQL answers", () => {
  it("answer an ordinary PPPoE login exactly as the API's authorize does", async () => {
    const policy = await a.admin.bandwidth.policies.create({
      name: "SQL policy",
      downloadKbps: 30_000,
      uploadKbps: 10_000,
      priority: 4,
      addressList: "home-30m",
    });
    const pkg = await a.admin.packages.create(packageInput("PPPOE", { code: "SQL-POL", bandwidthPolicyId: policy.id }));
    const customer = await makeCustomer(a.company.id);
    const { subscription, pppoePassword } = await a.admin.subscriptions.create({
      customerId: customer.id,
      packageId: pkg.id,
      startDate: "2026-11-01",
    });
    await a.admin.subscriptions.activate({ id: subscription.id });
    await settleInline();
    const username = subscription.pppoeUsername!;

    const got = await answer(keyA, username);
    expect(got.check[0]).toEqual({ attribute: "Cleartext-Password", op: ":=", value: pppoePassword });
    expect(got.reply.map((r) => r.attribute).sort()).toEqual([
      "Mikrotik-Address-List",
      "Mikrotik-Rate-Limit",
      "WISPr-Bandwidth-Max-Down",
      "WISPr-Bandwidth-Max-Up",
    ]);
    // The same rows in the same order (provisioning's), the same control items.
    expect(got).toEqual(await apiAnswer(a, username));
    const plain = await a.subscriber("ACTIVE");
    expect(await answer(keyA, plain.username)).toEqual(await apiAnswer(a, plain.username));
  });

  it("answer nothing for every other login, which FreeRADIUS then asks the API about", async () => {
    const suspended = await a.subscriber("SUSPENDED");
    const pending = await a.subscriber("PENDING");
    const terminated = await a.subscriber("TERMINATED");
    const [voucher] = await a.vouchers(a.packages.dayPass.id);
    // A data cap counted per cycle: the answer depends on what is left (the API works it out).
    const capped = await a.admin.packages.create(packageInput("PPPOE", { code: "SQL-CAP", dataCapMb: 10_000 }));
    const customer = await makeCustomer(a.company.id);
    const { subscription } = await a.admin.subscriptions.create({
      customerId: customer.id,
      packageId: capped.id,
      startDate: "2026-11-01",
    });
    await a.admin.subscriptions.activate({ id: subscription.id });
    await settleInline();
    expect((await apiAnswer(a, subscription.pppoeUsername!)).check).toContainEqual({
      attribute: "Lastmile-Fresh-Seconds",
      op: ":=",
      value: "0",
    });

    for (const username of [
      suspended.username,
      pending.username,
      terminated.username,
      voucher.code,
      subscription.pppoeUsername!,
      "nobody-here",
      "",
    ])
      expect(await answer(keyA, username), username).toEqual(nothing);
  });

  it("see a suspension, a new password and a resume at the very next lookup", async () => {
    const sub = await a.subscriber("ACTIVE");
    await a.admin.subscriptions.suspend({ id: sub.subscriptionId, reason: "Unpaid invoice" });
    await settleInline();
    expect(await answer(keyA, sub.username)).toEqual(nothing);
    await a.admin.subscriptions.resume({ id: sub.subscriptionId });
    await settleInline();
    expect((await answer(keyA, sub.username)).check[0].value).toBe(sub.password);
    const { pppoePassword } = await a.admin.subscriptions.regeneratePassword({ id: sub.subscriptionId });
    await settleInline();
    expect(pppoePassword).not.toBe(sub.password);
    expect((await answer(keyA, sub.username)).check[0].value).toBe(pppoePassword);
  });
});

describe("the ready answers (RadiusAnswer) follow every change an answer depends on", () => {
  type Answer = { check: Row[]; reply: Row[] };
  const byAttribute = (x: Row, y: Row) => x.attribute.localeCompare(y.attribute) || x.value.localeCompare(y.value);
  /** The control items in any order (rlm_sql puts them all in the control list), the reply rows in theirs. */
  const comparable = (x: Answer) => ({ check: [...x.check].sort(byAttribute), reply: x.reply });
  const passwordIn = (x: Answer) => x.check.find((r) => r.attribute === "Cleartext-Password")?.value;

  /**
   * What FreeRADIUS must get from the database for this login, by the API's own rules: the API's
   * answer when it is an ordinary one (a fresh window above 0: kept and re-used), nothing for
   * every other (refused, walled garden, capped: FreeRADIUS asks the API).
   */
  async function expected(username: string): Promise<Answer> {
    const api = await apiAnswer(a, username);
    if ("refused" in api) return nothing;
    const fresh = api.check.find((r) => r.attribute === "Lastmile-Fresh-Seconds")?.value;
    return fresh === "0" ? nothing : comparable(api);
  }

  /** The database's answer, checked against the API's rules; returned for the test's own look. */
  async function follows(username: string): Promise<Answer> {
    const got = comparable(await answer(keyA, username));
    expect(got, username).toEqual(await expected(username));
    return got;
  }

  const readyRows = async (subscriptionId: string) =>
    (await owner.query(`SELECT 1 FROM "RadiusAnswer" WHERE "subscriptionId" = $1`, [subscriptionId])).rowCount;

  const inScope = <T>(fn: (scope: Scope) => Promise<T>) =>
    withTenant(a.company.id, (tx) => fn({ tx, companyId: a.company.id, actor: systemActor }));

  it("a suspension removes the answer with its statement; a resume and a new password are seen at once", async () => {
    const sub = await a.subscriber("ACTIVE");
    expect(passwordIn(await follows(sub.username))).toBe(sub.password);
    expect(await readyRows(sub.subscriptionId)).toBe(1);

    // Before provisioning has run: the status alone takes the answer away.
    await a.admin.subscriptions.suspend({ id: sub.subscriptionId, reason: "Unpaid invoice" });
    expect(await follows(sub.username)).toEqual(nothing);
    expect(await readyRows(sub.subscriptionId)).toBe(0);
    await settleInline();
    expect(await follows(sub.username)).toEqual(nothing);

    await a.admin.subscriptions.resume({ id: sub.subscriptionId });
    await settleInline();
    expect(passwordIn(await follows(sub.username))).toBe(sub.password);

    const { pppoePassword } = await a.admin.subscriptions.regeneratePassword({ id: sub.subscriptionId });
    await settleInline();
    expect(pppoePassword).not.toBe(sub.password);
    expect(passwordIn(await follows(sub.username))).toBe(pppoePassword);

    // No RADIUS copy of the password: the database cannot answer (the API still can, from the sealed copy).
    await owner.query(`DELETE FROM "RadiusPassword" WHERE "subscriptionId" = $1`, [sub.subscriptionId]);
    expect(await answer(keyA, sub.username)).toEqual(nothing);
    expect(await readyRows(sub.subscriptionId)).toBe(0);
    const again = await a.admin.subscriptions.regeneratePassword({ id: sub.subscriptionId });
    await settleInline();
    expect(passwordIn(await follows(sub.username))).toBe(again.pppoePassword);
  });

  it("a changed username answers under the new name only", async () => {
    const sub = await a.subscriber("ACTIVE");
    const renamed = `${sub.username}-new`;
    await owner.query(`UPDATE "Subscription" SET "pppoeUsername" = $2 WHERE id = $1`, [sub.subscriptionId, renamed]);
    expect(await follows(sub.username)).toEqual(nothing);
    expect(passwordIn(await follows(renamed))).toBe(sub.password);
  });

  it("a package switch: the new package's rows; a hard-capped package: no answer", async () => {
    const sub = await a.subscriber("ACTIVE");
    const faster = await a.admin.packages.create(
      packageInput("PPPOE", { code: "READY-50", downloadKbps: 50_000, uploadKbps: 20_000 }),
    );
    const capped = await a.admin.packages.create(packageInput("PPPOE", { code: "READY-CAP", dataCapMb: 20_000 }));
    const before = await follows(sub.username);

    await inScope((scope) =>
      subscriptions.changePackage(scope, sub.subscriptionId, faster.id, "2026-12-01", "Upgrade"),
    );
    await settleInline();
    const after = await follows(sub.username);
    expect(after.reply).not.toEqual(before.reply);
    expect(after.reply.find((r) => r.attribute === "Mikrotik-Rate-Limit")?.value).toMatch(/^20000k\/50000k/);

    await inScope((scope) => subscriptions.changePackage(scope, sub.subscriptionId, capped.id, "2026-12-02", "Capped"));
    expect(await follows(sub.username)).toEqual(nothing);
    await settleInline();
    expect(await follows(sub.username)).toEqual(nothing);
    expect(await readyRows(sub.subscriptionId)).toBe(0);
  });

  it("a cap, its cycle or an overage price set on a package applies to all its subscribers", async () => {
    const fields = packageInput("PPPOE", { code: "READY-EDIT" });
    const pkg = await a.admin.packages.create(fields);
    const customer = await makeCustomer(a.company.id);
    const subs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { subscription } = await a.admin.subscriptions.create({
        customerId: customer.id,
        packageId: pkg.id,
        startDate: "2026-11-01",
      });
      await a.admin.subscriptions.activate({ id: subscription.id });
      subs.push(subscription.pppoeUsername!);
    }
    await settleInline();
    const answered = async () => (await Promise.all(subs.map(follows))).filter((x) => x.reply.length > 0).length;
    expect(await answered()).toBe(2);

    const update = async (data: Partial<typeof fields>) => {
      await a.admin.packages.update({ id: pkg.id, data: { ...fields, ...data } });
      await settleInline();
    };
    await update({ dataCapMb: 50_000 });
    expect(await answered()).toBe(0);
    await update({ dataCapMb: 50_000, overagePerGbMinor: 10_000 });
    expect(await answered()).toBe(2);
    await update({ dataCapMb: 50_000, overagePerGbMinor: null });
    expect(await answered()).toBe(0);
    await update({ dataCapMb: null });
    expect(await answered()).toBe(2);
  });

  it("a switch to a package that gets a cap in a transaction not yet committed ends without an answer", async () => {
    const sub = await a.subscriber("ACTIVE");
    const pkg = await a.admin.packages.create(packageInput("PPPOE", { code: "READY-RACE" }));
    const capping = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await capping.connect();
    try {
      const ownerPid = (await owner.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
      await capping.query("BEGIN");
      await capping.query(`UPDATE "Package" SET "dataCapMb" = 10000 WHERE id = $1`, [pkg.id]);
      let switched = false;
      const switching = owner
        .query(`UPDATE "Subscription" SET "packageId" = $2 WHERE id = $1`, [sub.subscriptionId, pkg.id])
        .then(() => (switched = true));
      // The switch's refresh waits for the package's lock (it would otherwise read the package
      // without the cap, and keep an answer for a capped subscriber once the cap commits).
      let waited = false;
      while (!switched && !waited)
        waited =
          (
            await capping.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [
              ownerPid,
            ])
          ).rowCount === 1;
      expect(waited).toBe(true);
      await capping.query("COMMIT");
      await switching;
    } finally {
      await capping.end();
    }
    expect(await answer(keyA, sub.username)).toEqual(nothing);
    expect(await readyRows(sub.subscriptionId)).toBe(0);
  });

  it("attribute rows added, changed, moved and removed are reflected in their order", async () => {
    const sub = await a.subscriber("ACTIVE");
    const add = (kind: "check" | "reply", attribute: string, value: string) =>
      inScope((scope) =>
        scope.tx.radiusAttribute.create({
          data: {
            id: newId(),
            companyId: scope.companyId,
            username: sub.username,
            subscriptionId: sub.subscriptionId,
            kind,
            attribute,
            value,
            createdAt: new Date(Date.now() + 60_000),
          },
        }),
      );
    const provisioned = (await follows(sub.username)).reply;

    const timeout = await add("reply", "Session-Timeout", "3600");
    expect((await follows(sub.username)).reply).toEqual([
      ...provisioned,
      { attribute: "Session-Timeout", op: ":=", value: "3600" },
    ]);
    await inScope((scope) =>
      scope.tx.radiusAttribute.update({ where: { id: timeout.id }, data: { value: "7200", createdAt: new Date(0) } }),
    );
    expect((await follows(sub.username)).reply).toEqual([
      { attribute: "Session-Timeout", op: ":=", value: "7200" },
      ...provisioned,
    ]);

    await add("check", "Simultaneous-Use", "1");
    await add("check", "Auth-Type", "Reject");
    const check = (await follows(sub.username)).check;
    expect(check).toContainEqual({ attribute: "Simultaneous-Use", op: ":=", value: "1" });
    expect(check.map((r) => r.attribute)).not.toContain("Auth-Type");

    // No reply row left: not provisioned, so no answer from the database.
    await inScope((scope) =>
      scope.tx.radiusAttribute.deleteMany({ where: { subscriptionId: sub.subscriptionId, kind: "reply" } }),
    );
    expect(await follows(sub.username)).toEqual(nothing);
    await a.admin.subscriptions.reprovision({ id: sub.subscriptionId });
    await settleInline();
    expect((await follows(sub.username)).reply).toEqual(provisioned);
  });

  it("statements over many subscriptions refresh each of them", async () => {
    const subs = [await a.subscriber("ACTIVE"), await a.subscriber("ACTIVE"), await a.subscriber("ACTIVE")];
    const ids = subs.map((s) => s.subscriptionId);
    await owner.query(`UPDATE "Subscription" SET status = 'SUSPENDED' WHERE id = ANY ($1)`, [ids]);
    for (const s of subs) expect(await follows(s.username)).toEqual(nothing);
    await owner.query(`UPDATE "Subscription" SET status = 'ACTIVE' WHERE id = ANY ($1)`, [ids]);
    for (const s of subs) expect(passwordIn(await follows(s.username))).toBe(s.password);

    // The migration's backfill: the same refresh over every active subscription.
    await owner.query(`DELETE FROM "RadiusAnswer" WHERE "subscriptionId" = ANY ($1)`, [ids]);
    expect(await answer(keyA, subs[0].username)).toEqual(nothing);
    await owner.query(
      `SELECT lastmile_radius_answers_refresh(ARRAY(SELECT id FROM "Subscription" WHERE status = 'ACTIVE'))`,
    );
    for (const s of subs) expect(passwordIn(await follows(s.username))).toBe(s.password);
  });

  it("terminating and erasing a customer leaves no answer of theirs", async () => {
    const sub = await a.subscriber("ACTIVE");
    expect(await readyRows(sub.subscriptionId)).toBe(1);
    await a.admin.subscriptions.terminate({ id: sub.subscriptionId, reason: "Moved away" });
    await settleInline();
    const { accountNo } = await a.admin.customers.get({ id: sub.customerId });
    await a.admin.privacy.eraseCustomer({ id: sub.customerId, confirmAccountNo: accountNo });
    expect(await follows(sub.username)).toEqual(nothing);
    expect(await readyRows(sub.subscriptionId)).toBe(0);
  });

  it("a deleted subscription, and a deleted company, take their answers with them", async () => {
    const c = await makeNetwork("sql-charlie");
    const [gone, kept] = [await c.subscriber("ACTIVE"), await c.subscriber("ACTIVE")];
    expect(await readyRows(gone.subscriptionId)).toBe(1);
    await owner.query(`DELETE FROM "Subscription" WHERE id = $1`, [gone.subscriptionId]);
    expect(await readyRows(gone.subscriptionId)).toBe(0);
    expect(await readyRows(kept.subscriptionId)).toBe(1);

    // Nothing deletes a company today (its audit trail is append-only, even for the owner): the
    // cascade through every table, with that guard set aside, and undone.
    await owner.query("BEGIN");
    try {
      await owner.query(`ALTER TABLE "AuditEntry" DISABLE TRIGGER USER`);
      await owner.query(`DELETE FROM "Company" WHERE id = $1`, [c.company.id]);
      const left = await owner.query(`SELECT 1 FROM "RadiusAnswer" WHERE "companyId" = $1`, [c.company.id]);
      expect(left.rowCount).toBe(0);
    } finally {
      await owner.query("ROLLBACK");
    }
  });
});

describe("FreeRADIUS's SQL answers: tenant isolation and what the database login cannot do", () => {
  let alpha: Subscriber;
  let bravo: Subscriber;
  beforeAll(async () => {
    // The same username at both ISPs, with different passwords.
    alpha = await a.subscriber("ACTIVE", "shared-login");
    bravo = await b.subscriber("ACTIVE", "shared-login");
  });

  it("a key answers for its own company only", async () => {
    expect(alpha.password).not.toBe(bravo.password);
    expect((await answer(keyA, "shared-login")).check[0].value).toBe(alpha.password);
    expect((await answer(keyB, "shared-login")).check[0].value).toBe(bravo.password);
    const onlyAtA = await a.subscriber("ACTIVE");
    expect(await answer(keyB, onlyAtA.username)).toEqual(nothing);
  });

  it("a wrong, revoked or source-bound key gets nothing, nor does the key's stored hash", async () => {
    expect(await answer(`${keyA}x`, alpha.username)).toEqual(nothing);
    expect(await answer("lmr_not-a-key", alpha.username)).toEqual(nothing);
    const { rows } = await owner.query<{ keyHash: string }>(
      `SELECT "keyHash" FROM "RadiusServerKey" WHERE "companyId" = $1`,
      [a.company.id],
    );
    expect(await answer(rows[0].keyHash, alpha.username)).toEqual(nothing);

    const made = await a.admin.radius.createKey({ name: "bound" });
    expect((await answer(made.secret, alpha.username)).check[0].value).toBe(alpha.password);
    // This connection comes from 127.0.0.1, as PostgreSQL sees it.
    await a.admin.radius.setKeySources({ id: made.key.id, allowedSources: "192.0.2.0/24" });
    expect(await answer(made.secret, alpha.username)).toEqual(nothing);
    await a.admin.radius.setKeySources({ id: made.key.id, allowedSources: "127.0.0.0/8" });
    expect((await answer(made.secret, alpha.username)).check[0].value).toBe(alpha.password);
    await a.admin.radius.revokeKey({ id: made.key.id });
    expect(await answer(made.secret, alpha.username)).toEqual(nothing);

    // A poller key (SNMP results) opens no password, not even once the API has accepted it.
    const poller = await a.admin.radius.createKey({ name: "poller", use: "POLLER" });
    expect(await answer(poller.secret, alpha.username)).toEqual(nothing);
    expect(await keys.verify(a.company.id, poller.secret, "127.0.0.1", new Date(), "POLLER")).toMatchObject({
      ok: true,
    });
    expect(await answer(poller.secret, alpha.username)).toEqual(nothing);
  });

  it("the database login reads no table and calls nothing else", async () => {
    for (const sql of [
      `SELECT * FROM "RadiusPassword"`,
      `SELECT "pppoeUsername" FROM "Subscription"`,
      `SELECT "keyHash" FROM "RadiusServerKey"`,
      `SELECT * FROM "RadiusAttribute"`,
      `SELECT * FROM "RadiusAnswer"`,
      `SELECT lastmile_radius_answers_refresh(ARRAY['${alpha.subscriptionId}'])`,
    ])
      await expect(radius.query(sql), sql).rejects.toThrow(/permission denied/);
  });

  it("the app reads the ready answers under RLS and cannot write them: only the triggers do", async () => {
    const seen = await withTenant(a.company.id, (tx) =>
      tx.radiusAnswer.findMany({ select: { companyId: true, pppoeUsername: true } }),
    );
    expect(seen.map((r) => r.pppoeUsername)).toContain(alpha.username);
    expect(seen.every((r) => r.companyId === a.company.id)).toBe(true);
    for (const sql of [
      `DELETE FROM "RadiusAnswer"`,
      `UPDATE "RadiusAnswer" SET "replyValues" = '{}'`,
      `INSERT INTO "RadiusAnswer" ("subscriptionId", "companyId", "pppoeUsername", cipher, "replyAttributes", "replyOps", "replyValues")
       VALUES ('forged', '${a.company.id}', 'forged', '\\x00', '{Mikrotik-Rate-Limit}', '{:=}', '{1G/1G}')`,
    ])
      await expect(
        withTenant(a.company.id, (tx) => tx.$executeRawUnsafe(sql)),
        sql,
      ).rejects.toThrow(/permission denied/);
  });

  it("a copy of the database does not open the passwords", async () => {
    const { rows } = await owner.query<{ cipher: Buffer; answerKey: Buffer; keyHash: string }>(
      `SELECT p.cipher, k."answerKey", k."keyHash" FROM "RadiusPassword" p
         JOIN "RadiusServerKey" k ON k."companyId" = p."companyId" AND k."revokedAt" IS NULL
        WHERE p."subscriptionId" = $1 LIMIT 1`,
      [alpha.subscriptionId],
    );
    const [{ cipher, answerKey, keyHash }] = rows;
    expect(cipher.includes(Buffer.from(alpha.password))).toBe(false);
    // The ready answer holds the same cipher, and the password nowhere in clear.
    const ready = await owner.query<{ cipher: Buffer; row: string }>(
      `SELECT r.cipher, r::text AS "row" FROM "RadiusAnswer" r WHERE "subscriptionId" = $1`,
      [alpha.subscriptionId],
    );
    expect(ready.rows).toHaveLength(1);
    expect(ready.rows[0].cipher.equals(cipher)).toBe(true);
    expect(ready.rows[0].row).not.toContain(alpha.password);
    expect(openPassword(a.company.id, cipher)).toBe(alpha.password);
    // What the stored hash would give as the unwrapping key does not open the company's answer key.
    const opened = await owner
      .query<{ key: Buffer }>(
        `SELECT decrypt_iv(substr($1::bytea, 17), sha256(convert_to('lastmile radius answers v1:' || $2, 'UTF8')),
                           substr($1::bytea, 1, 16), 'aes-cbc/pad:pkcs') AS key`,
        [answerKey, keyHash],
      )
      .then(
        (r) => r.rows[0].key,
        () => null,
      );
    expect(opened?.equals(answerKeyOf(a.company.id)) ?? false).toBe(false);
  });
});

describe("keys and passwords from before the SQL answers", () => {
  it("a key gets its answer key the first time it is presented to the API", async () => {
    const sub = await a.subscriber("ACTIVE");
    const made = await a.admin.radius.createKey({ name: "older" });
    await owner.query(`UPDATE "RadiusServerKey" SET "answerKey" = NULL WHERE id = $1`, [made.key.id]);
    expect(await answer(made.secret, sub.username)).toEqual(nothing);
    const res = await call(authorize, {
      host: hostOf(a.company.slug),
      token: made.secret,
      body: { "User-Name": sub.username },
    });
    expect(res.status).toBe(200);
    expect((await answer(made.secret, sub.username)).check[0].value).toBe(sub.password);
  });

  it("the migration's data step copies the passwords that have no RADIUS copy yet, once", async () => {
    const sub = await a.subscriber("ACTIVE");
    await owner.query(`DELETE FROM "RadiusPassword" WHERE "subscriptionId" = $1`, [sub.subscriptionId]);
    expect(await answer(keyA, sub.username)).toEqual(nothing);
    const log: string[] = [];
    await owner.query("BEGIN");
    await storeRadiusPasswords(owner, (line) => log.push(line));
    await owner.query("COMMIT");
    expect(log).toEqual(["stored 1 PPPoE password(s) for FreeRADIUS's SQL answers"]);
    expect((await answer(keyA, sub.username)).check[0].value).toBe(sub.password);
    await storeRadiusPasswords(owner, (line) => log.push(line));
    expect(log).toHaveLength(1);
    const count = await withTenant(a.company.id, (tx) => tx.radiusPassword.count());
    expect(count).toBeGreaterThan(1);
  });
});
