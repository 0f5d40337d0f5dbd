import { beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import * as apiTokens from "../../modules/auth/api-tokens";
import type { CompanyRef } from "../companies/service";
import { makeCompany, makeUser } from "../../test/fixtures";
import * as policies from "../bandwidth/policies";
import { systemActor } from "../scope";
import { settleInline } from "../../jobs/emit";
import { makeCustomer, packageInput } from "../subscriptions/testing";
import { subscribe } from "../subscriptions/rest";
import { create, get, list, remove, update } from "./rest";

const A = hostOf("rest-pkg-a");
let acme: CompanyRef;
let bravo: CompanyRef;
let token: string;
let bravoToken: string;
let billingToken: string;

async function tokenFor(company: CompanyRef, role: "SUPER_ADMIN" | "BILLING_ADMIN") {
  const user = await makeUser(company.id, role);
  return (await apiTokens.issue(company.id, user, { ip: "203.0.113.9", userAgent: "vitest" })).accessToken;
}

beforeAll(async () => {
  acme = (await makeCompany("rest-pkg-a")).company;
  bravo = (await makeCompany("rest-pkg-b")).company;
  token = await tokenFor(acme, "SUPER_ADMIN");
  billingToken = await tokenFor(acme, "BILLING_ADMIN");
  bravoToken = await tokenFor(bravo, "SUPER_ADMIN");
});

describe("/api/packages", () => {
  it("creates (201), reads, lists, replaces and deletes (204)", async () => {
    const created = await call(create, {
      host: A,
      token,
      body: packageInput("PPPOE", { volumeDiscounts: [{ minQuantity: 5, discountBps: 250 }] }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: "HOME-20",
      priceMinor: 2500,
      volumeDiscounts: [{ minQuantity: 5, discountBps: 250 }],
      archivedAt: null,
    });
    expect(created.body).not.toHaveProperty("companyId");
    const id = created.body.id;

    expect((await call(get, { host: A, token, params: { id } })).body.name).toBe("Home 20");
    const page = await call(list, { host: A, token, query: { type: "PPPOE", search: "home" } });
    expect(page.body).toMatchObject({ total: 1, rows: [{ id }] });

    const replaced = await call(update, {
      host: A,
      token,
      params: { id },
      body: packageInput("PPPOE", { name: "Home 20 Plus" }),
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.name).toBe("Home 20 Plus");

    const dup = await call(create, { host: A, token, body: packageInput("FIBER", { code: "HOME-20" }) });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toEqual({ code: "Already used by another package." });

    const invalid = await call(create, {
      host: A,
      token,
      body: packageInput("HOTSPOT", { hotspotMode: null, code: "HS-1" }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields).toHaveProperty("hotspotMode");

    expect((await call(remove, { host: A, token, params: { id } })).status).toBe(204);
    expect((await call(get, { host: A, token, params: { id } })).status).toBe(404);
  });

  it("a PUT without bandwidthPolicyId keeps the package's policy; null removes it", async () => {
    const policy = await withTenant(acme.id, (tx) =>
      policies.create(
        { tx, companyId: acme.id, actor: systemActor },
        { name: "REST 50M", downloadKbps: 50_000, uploadKbps: 10_000 },
      ),
    );
    const created = await call(create, {
      host: A,
      token,
      body: packageInput("PPPOE", { code: "POLICY-PUT", bandwidthPolicyId: policy.id }),
    });
    expect(created.body.bandwidthPolicyId).toBe(policy.id);
    const id = created.body.id;
    const withoutPolicy = packageInput("PPPOE", { code: "POLICY-PUT", name: "Kept" });
    expect(withoutPolicy).not.toHaveProperty("bandwidthPolicyId");
    const kept = await call(update, { host: A, token, params: { id }, body: withoutPolicy });
    expect(kept.status, kept.text).toBe(200);
    expect(kept.body).toMatchObject({ name: "Kept", bandwidthPolicyId: policy.id });
    const cleared = await call(update, {
      host: A,
      token,
      params: { id },
      body: { ...withoutPolicy, bandwidthPolicyId: null },
    });
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.body.bandwidthPolicyId).toBeNull();
    expect((await call(get, { host: A, token, params: { id } })).body.bandwidthPolicyId).toBeNull();
  });

  it("a role without packages:manage is refused; reading is allowed", async () => {
    expect(
      (await call(create, { host: A, token: billingToken, body: packageInput("PPPOE", { code: "NOPE" }) })).status,
    ).toBe(403);
    expect((await call(list, { host: A, token: billingToken })).status).toBe(200);
  });
});

describe("POST /api/packages/{id}/subscribe", () => {
  it("creates a PENDING subscription (201) with its password once; 404 for another company's package; 409 when archived", async () => {
    const pkg = (await call(create, { host: A, token, body: packageInput("FIBER", { code: "SUB-FIB" }) })).body;
    const customer = await makeCustomer(acme.id);
    const res = await call(subscribe, {
      host: A,
      token,
      params: { id: pkg.id },
      body: {
        customerId: customer.id,
        startDate: "2026-12-01",
        installationAddress: "12 Mango Lane",
        cpeSerial: "ZTEG-123",
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "PENDING",
      packageId: pkg.id,
      customerId: customer.id,
      startDate: "2026-12-01",
      contractEndDate: "2027-12-01",
      pppoeUsername: expect.stringMatching(/^[a-hjkmnp-z2-9]{8}$/),
      provisioning: "NOT_PROVISIONED",
      cpeSerial: "ZTEG-123",
    });
    const raw = await withTenant(acme.id, (tx) => tx.subscription.findUniqueOrThrow({ where: { id: res.body.id } }));
    expect(res.body.pppoePassword).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(raw.pppoePassword).not.toBe(res.body.pppoePassword);

    // Bravo's token on Bravo's address, Acme's package id: not found, nothing created.
    const bravoCustomer = await makeCustomer(bravo.id);
    const foreign = await call(subscribe, {
      host: hostOf("rest-pkg-b"),
      token: bravoToken,
      params: { id: pkg.id },
      body: { customerId: bravoCustomer.id, startDate: "2026-12-01" },
    });
    expect(foreign.status).toBe(404);
    expect(await withTenant(bravo.id, (tx) => tx.subscription.count())).toBe(0);

    // Acme's token, Bravo's customer: not found either.
    expect(
      (
        await call(subscribe, {
          host: A,
          token,
          params: { id: pkg.id },
          body: { customerId: bravoCustomer.id, startDate: "2026-12-01" },
        })
      ).status,
    ).toBe(404);

    const archived = (await call(create, { host: A, token, body: packageInput("PPPOE", { code: "SUB-OLD" }) })).body;
    await withTenant(acme.id, (tx) =>
      tx.package.update({ where: { id: archived.id }, data: { archivedAt: new Date() } }),
    );
    const refused = await call(subscribe, {
      host: A,
      token,
      params: { id: archived.id },
      body: { customerId: customer.id, startDate: "2026-12-01" },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/archived/);

    const bad = await call(subscribe, {
      host: A,
      token,
      params: { id: pkg.id },
      body: { customerId: customer.id, startDate: "1 Dec" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("startDate");

    // A package in use is not deleted.
    const inUse = await call(remove, { host: A, token, params: { id: pkg.id } });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.message).toMatch(/archive it instead/);
    await settleInline();
  });
});
