import { beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { login } from "../auth/rest";
import { makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { create, get, list, remove, update, usage } from "./rest";

// The customers REST API: status codes, validation answers, and another company's ids → 404.

const A = hostOf("rest-cust-a");
const B = hostOf("rest-cust-b");
let token: string;
let techToken: string;
let bToken: string;
let bCustomerId: string;
let bCompanyId: string;

async function tokenOf(host: string, email: string) {
  const res = await call(login, { host, body: { email, password: TEST_PASSWORD } });
  expect(res.status, res.text).toBe(200);
  return res.body.accessToken as string;
}

beforeAll(async () => {
  const a = await makeCompany("rest-cust-a");
  const b = await makeCompany("rest-cust-b");
  bCompanyId = b.company.id;
  await makeUser(a.company.id, "CUSTOMER_SERVICE_MANAGER", { email: "csm@a.test" });
  await makeUser(a.company.id, "FIELD_TECHNICIAN", { email: "tech@a.test" });
  await makeUser(b.company.id, "CUSTOMER_SERVICE_MANAGER", { email: "csm@b.test" });
  token = await tokenOf(A, "csm@a.test");
  techToken = await tokenOf(A, "tech@a.test");
  bToken = await tokenOf(B, "csm@b.test");
  const res = await call(create, {
    host: B,
    token: bToken,
    body: { firstName: "Bravo", lastName: "Customer", email: "bravo@example.com" },
  });
  expect(res.status, res.text).toBe(201);
  bCustomerId = res.body.id;
});

describe("/api/customers", () => {
  it("POST creates (201), GET reads, PUT replaces, DELETE removes (204)", async () => {
    const created = await call(create, {
      host: A,
      token,
      body: { firstName: "Rest", lastName: "Client", email: "rest@example.com", phone: "+254700000001", tags: ["api"] },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      accountNo: "ACC-000001",
      status: "PROSPECT",
      tags: ["api"],
      serviceLatitude: null,
    });
    expect(created.body.searchText).toBeUndefined();
    const id = created.body.id;

    expect((await call(get, { host: A, token, params: { id } })).body).toMatchObject({
      id,
      displayName: "Rest Client",
    });
    const listed = await call(list, { host: A, token, query: { search: "rest cli" } });
    expect(listed.body).toMatchObject({ total: 1, rows: [{ id }] });

    const put = await call(update, {
      host: A,
      token,
      params: { id },
      body: { type: "BUSINESS", businessName: "Rest Ltd", email: "rest@example.com", contactChannel: "EMAIL" },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ displayName: "Rest Ltd", phone: null, tags: [] });

    expect((await call(remove, { host: A, token, params: { id } })).status).toBe(204);
    expect((await call(get, { host: A, token, params: { id } })).status).toBe(404);
  });

  it("answers 400 with field errors, 409 for a taken e-mail, 403 without the permission", async () => {
    const bad = await call(create, {
      host: A,
      token,
      body: { type: "BUSINESS", email: "not-an-email", serviceLatitude: 100, serviceLongitude: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({
      businessName: expect.any(String),
      email: "Enter a valid e-mail address.",
      serviceLatitude: "Latitude must be between -90 and 90.",
    });
    await call(create, { host: A, token, body: { firstName: "One", email: "dup@example.com" } });
    const dup = await call(create, { host: A, token, body: { firstName: "Two", email: "dup@example.com" } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toEqual({ email: "Already used by another customer." });
    expect(
      (await call(create, { host: A, token: techToken, body: { firstName: "No", email: "no@example.com" } })).status,
    ).toBe(403);
    expect((await call(list, { host: A, token: techToken })).status).toBe(200);
  });

  it("another company's customer is 404 for every method, and stays as it was", async () => {
    const params = { id: bCustomerId };
    expect((await call(get, { host: A, token, params })).status).toBe(404);
    expect(
      (await call(update, { host: A, token, params, body: { firstName: "Hijack", email: "h@example.com" } })).status,
    ).toBe(404);
    expect((await call(remove, { host: A, token, params })).status).toBe(404);
    expect((await call(usage, { host: A, token, params })).status).toBe(404);
    const listed = await call(list, { host: A, token, query: { pageSize: "100" } });
    expect(listed.text).not.toContain(bCustomerId);
    expect((await call(get, { host: B, token: bToken, params })).body).toMatchObject({ firstName: "Bravo" });
    // A's token on B's address is refused outright.
    expect((await call(get, { host: B, token, params })).status).toBe(401);
  });

  it("usage: empty until ingested, then daily and per-month totals", async () => {
    const created = await call(create, {
      host: B,
      token: bToken,
      body: { firstName: "Heavy", lastName: "User", email: "heavy@example.com" },
    });
    const id = created.body.id;
    expect((await call(usage, { host: B, token: bToken, params: { id } })).body).toMatchObject({
      daily: [],
      cycles: [],
    });
    const companyId = bCompanyId;
    await withTenant(companyId, async (tx) => {
      const pkg = await tx.package.create({
        data: {
          id: newId(),
          companyId,
          name: "Home",
          code: "HOME",
          type: "PPPOE",
          downloadKbps: 10_000,
          uploadKbps: 5_000,
          priceMinor: 100_000,
        },
      });
      for (const n of [1, 2]) {
        const sub = await tx.subscription.create({
          data: { id: newId(), companyId, customerId: id, packageId: pkg.id, startDate: new Date("2026-10-01") },
        });
        for (const day of ["2026-10-31", "2026-11-01", "2026-11-02"]) {
          await tx.usageDaily.create({
            data: {
              companyId,
              subscriptionId: sub.id,
              day: new Date(day),
              downloadBytes: BigInt(1000 * n),
              uploadBytes: BigInt(10 * n),
            },
          });
        }
      }
    });
    const res = await call(usage, {
      host: B,
      token: bToken,
      params: { id },
      query: { from: "2026-10-01", to: "2026-11-30" },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.daily).toEqual([
      { day: "2026-10-31", downloadBytes: 3000, uploadBytes: 30 },
      { day: "2026-11-01", downloadBytes: 3000, uploadBytes: 30 },
      { day: "2026-11-02", downloadBytes: 3000, uploadBytes: 30 },
    ]);
    expect(res.body.cycles).toEqual([
      { cycle: "2026-10", downloadBytes: 3000, uploadBytes: 30 },
      { cycle: "2026-11", downloadBytes: 6000, uploadBytes: 60 },
    ]);
  });
});

describe("POST /api/customers with an Idempotency-Key", () => {
  const countOf = (email: string) =>
    call(list, { host: A, token, query: { search: email } }).then((r) => r.body.total as number);

  it("truly parallel duplicates on the pool register one customer, each answered with it", async () => {
    const headers = { "Idempotency-Key": "cus-parallel-1" };
    const body = { firstName: "Wanjiru", lastName: "Kamau", email: "wanjiru@example.com" };
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(create, { host: A, token, body, headers })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.accountNo)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(4);
    expect(await countOf("wanjiru@example.com")).toBe(1);
  });

  it("the same key with another body is refused with 409 and registers nothing; keys are per company", async () => {
    const headers = { "Idempotency-Key": "cus-key-2" };
    const first = await call(create, {
      host: A,
      token,
      body: { firstName: "Otieno", lastName: "Ouma", email: "otieno@example.com" },
      headers,
    });
    expect(first.status, first.text).toBe(201);
    const other = await call(create, {
      host: A,
      token,
      body: { firstName: "Akinyi", lastName: "Ouma", email: "akinyi@example.com" },
      headers,
    });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/Idempotency-Key was already used for a different request/);
    expect(await countOf("akinyi@example.com")).toBe(0);
    // Another company's key of the same name is its own.
    const bravo = await call(create, {
      host: B,
      token: bToken,
      body: { firstName: "Akinyi", lastName: "Ouma", email: "akinyi@example.com" },
      headers,
    });
    expect(bravo.status, bravo.text).toBe(201);
    expect(bravo.headers.get("idempotent-replayed")).toBeNull();
  });
});
