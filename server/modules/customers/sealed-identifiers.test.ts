import Papa from "papaparse";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { login } from "../auth/rest";
import { callerAs, makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { get, list } from "./rest";

// A customer's tax id and ID document number are stored sealed with a blind index: a copy of the
// database shows neither, staff see them as before, and an exact search still finds the customer.

type Caller = Awaited<ReturnType<typeof callerAs>>;
const A = hostOf("sealed-a");
let a: Awaited<ReturnType<typeof makeCompany>>;
let staffA: Caller;
let staffB: Caller;
let token: string;

const TAX_ID = "P051234567X";
const ID_NUMBER = "29384756";

/** Every row of `table` matching `where`, each as the JSON text of all its columns, read as the database owner (no RLS). */
async function rawRows(table: string, where: string, params: unknown[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ row: string }>(
      `SELECT row_to_json(t)::text AS row FROM "${table}" t WHERE ${where}`,
      params,
    );
    return rows.map((r) => r.row);
  } finally {
    await client.end();
  }
}

const customer = (n: string, extra: Record<string, unknown> = {}) => ({
  firstName: "Amina",
  lastName: n,
  phone: "+254 722 555 111",
  contactChannel: "PHONE" as const,
  ...extra,
});

beforeAll(async () => {
  a = await makeCompany("sealed-a");
  const b = await makeCompany("sealed-b");
  staffA = await callerAs(a.company, (await makeUser(a.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  staffB = await callerAs(b.company, (await makeUser(b.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  await makeUser(a.company.id, "CUSTOMER_SERVICE_MANAGER", { email: "csm@sealed-a.test" });
  const res = await call(login, { host: A, body: { email: "csm@sealed-a.test", password: TEST_PASSWORD } });
  token = res.body.accessToken;
});

describe("tax ids and ID document numbers at rest", () => {
  it("the row and its audit entries hold neither in clear; the console, REST and CSV show both", async () => {
    const c = await staffA.customers.create(
      customer("Sealed", {
        taxId: TAX_ID,
        idDocumentType: "National ID",
        idDocumentNumber: ID_NUMBER,
        tags: ["sealed"],
      }),
    );
    expect(c).toMatchObject({ taxId: TAX_ID, idDocumentNumber: ID_NUMBER, idDocumentType: "National ID" });

    const [row] = await rawRows("Customer", "id = $1", [c.id]);
    expect(row).toContain("taxIdSealed");
    expect(row).not.toContain(TAX_ID);
    expect(row).not.toContain(ID_NUMBER);
    const audit = await rawRows("AuditEntry", `"entityId" = $1`, [c.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).not.toContain(TAX_ID);
    expect(audit[0]).not.toContain(ID_NUMBER);

    expect(await staffA.customers.get({ id: c.id })).toMatchObject({ taxId: TAX_ID, idDocumentNumber: ID_NUMBER });
    const rest = await call(get, { host: A, token, params: { id: c.id } });
    expect(rest.status, rest.text).toBe(200);
    expect(rest.body).toMatchObject({ taxId: TAX_ID, idDocumentNumber: ID_NUMBER });
    expect(Object.keys(rest.body).filter((k) => /Sealed|Hmac/.test(k))).toEqual([]);

    const exported = await staffA.customers.exportCsv({ tag: "sealed" });
    const [line] = Papa.parse<Record<string, string>>(exported.csv, { header: true }).data;
    expect(line).toMatchObject({ taxId: TAX_ID, idDocumentNumber: ID_NUMBER });
  });

  it("an update audits that the numbers changed without their values; clearing one empties its columns", async () => {
    const c = await staffA.customers.create(customer("Changes", { taxId: "A-111", idDocumentNumber: "B-222" }));
    await staffA.customers.update({ ...c, taxId: "A-333", idDocumentNumber: null });
    const entries = await rawRows("AuditEntry", `"entityId" = $1 AND action = 'customer.update'`, [c.id]);
    expect(entries).toHaveLength(1);
    const entry = JSON.parse(entries[0]) as { before: Record<string, unknown>; after: Record<string, unknown> };
    expect(entry.before).toMatchObject({ taxId: "[redacted]", idDocumentNumber: "[redacted]" });
    expect(entry.after).toMatchObject({ taxId: "[redacted]", idDocumentNumber: null });

    const [row] = await rawRows("Customer", "id = $1", [c.id]);
    expect(JSON.parse(row)).toMatchObject({ idDocumentNumberSealed: null, idDocumentNumberHmac: null });
    expect(await staffA.customers.get({ id: c.id })).toMatchObject({ taxId: "A-333", idDocumentNumber: null });
    expect((await staffA.customers.list({ search: "B-222" })).rows).toEqual([]);
  });
});

describe("searching by the exact number", () => {
  it("finds the customer by ID document number or tax id, whatever the spacing, dashes or case", async () => {
    const c = await staffA.customers.create(
      customer("Findable", { taxId: "p05-7654321y", idDocumentNumber: "3311 2200" }),
    );
    for (const search of ["33112200", "3311-2200", " 3311 2200 ", "P057654321Y", "p05 7654321 y"]) {
      const found = await staffA.customers.list({ search });
      expect(
        found.rows.map((r) => r.id),
        search,
      ).toEqual([c.id]);
    }
    const rest = await call(list, { host: A, token, query: { search: "33112200" } });
    expect(rest.status, rest.text).toBe(200);
    expect(rest.body.rows.map((r: { id: string }) => r.id)).toEqual([c.id]);
    // Other searches work as before, and the blind index adds only exact matches.
    expect((await staffA.customers.list({ search: "findable" })).rows.map((r) => r.id)).toEqual([c.id]);
  });

  it("another company's customer with the same number is not found, and its index differs", async () => {
    const mine = await staffA.customers.create(customer("Mine", { idDocumentNumber: "55667788" }));
    const theirs = await staffB.customers.create(customer("Theirs", { idDocumentNumber: "55667788" }));
    expect((await staffA.customers.list({ search: "55667788" })).rows.map((r) => r.id)).toEqual([mine.id]);
    expect((await staffB.customers.list({ search: "55667788" })).rows.map((r) => r.id)).toEqual([theirs.id]);
    const [x, y] = await Promise.all(
      [mine.id, theirs.id].map(async (id) => JSON.parse((await rawRows("Customer", "id = $1", [id]))[0])),
    );
    expect(x.idDocumentNumberHmac).toMatch(/^[0-9a-f]{64}$/);
    expect(x.idDocumentNumberHmac).not.toBe(y.idDocumentNumberHmac);
  });
});
