import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { storeRadiusPasswords } from "../../../prisma/data-migrations";
import { urlFor } from "../../test/databases";
import { makeCustomer, packageInput } from "../subscriptions/testing";
import { systemActor } from "../scope";
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
      `SELECT * FROM lastmile_radius_login('${keyA}', '${alpha.username}', true)`,
    ])
      await expect(radius.query(sql), sql).rejects.toThrow(/permission denied/);
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
