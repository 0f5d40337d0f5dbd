import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { callerAs, makeUser } from "../../test/fixtures";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";
import { create, get, list, remove, update, usage } from "./rest";

// Tenant isolation of customers.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** A customer of B, and one of A's own (A's first: it takes ACC-000001) who signs in to A's portal. */
export const customersFixture = fixture(async (w) => {
  const customerEmail = "subscriber@bravo.test";
  const customerId = (
    await w.bAdmin.customers.create({
      firstName: "Bravo",
      lastName: "Subscriber",
      email: customerEmail,
      tags: ["bravo"],
    })
  ).id;
  const aCustomerId = (
    await w.aAdmin.customers.create({ firstName: "Alpha", lastName: "Subscriber", email: "subscriber@alpha.test" })
  ).id;
  // A's portal customer: a CUSTOMER sign-in linked to A's own customer record.
  const portalUser = await makeUser(w.A.company.id, "CUSTOMER", { email: "portal@alpha.test" });
  await withTenant(w.A.company.id, (tx) =>
    tx.customer.update({ where: { id: aCustomerId }, data: { userId: portalUser.id } }),
  );
  const aCustomerPortal = await callerAs(w.A.company, portalUser.id);
  return { cb: { customerId, customerEmail, aCustomerId }, aCustomerPortal };
});

export default isolationCases({
  setup: customersFixture,
  snapshotB: async (tx) => ({ customers: await tx.customer.findMany({ orderBy: { id: "asc" } }) }),
  idsOfB: async (tx) => (await tx.customer.findMany()).flatMap((c) => [c.id, c.email ?? c.id]),
  procedures: {
    "customers.list": async (w, f) => {
      const page = await w.aAdmin.customers.list({ pageSize: 100 });
      expect(page.rows.map((r) => r.id)).toContain(f.cb.aCustomerId);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.customers.list({ search: "bravo" })).toMatchObject({ total: 0, rows: [] });
    },
    "customers.tags": async (w) => {
      expect(await w.aAdmin.customers.tags()).not.toContain("bravo");
    },
    "customers.get": async (w, f) => {
      expect((await failure(w.aAdmin.customers.get({ id: f.cb.customerId }))).code).toBe("NOT_FOUND");
    },
    "customers.timeline": async (w, f) => {
      expect((await failure(w.aAdmin.customers.timeline({ id: f.cb.customerId }))).code).toBe("NOT_FOUND");
    },
    "customers.create": async (w) => {
      // A's numbering is its own (B's first customer does not advance it), and B is untouched.
      const c = await w.aAdmin.customers.create({ firstName: "Second", lastName: "Alpha", email: "second@alpha.test" });
      expect(c.accountNo).toBe("ACC-000002");
    },
    "customers.update": async (w, f) => {
      const failed = await failure(
        w.aAdmin.customers.update({ id: f.cb.customerId, firstName: "Hijacked", email: "x@alpha.test" }),
      );
      expect(failed.code).toBe("NOT_FOUND");
    },
    "customers.changeStatus": async (w, f) => {
      expect((await failure(w.aAdmin.customers.changeStatus({ id: f.cb.customerId, status: "TERMINATED" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "customers.delete": async (w, f) => {
      expect((await failure(w.aAdmin.customers.delete({ id: f.cb.customerId }))).code).toBe("NOT_FOUND");
    },
    "customers.invitePortal": async (w, f) => {
      // B's customer is not found from A, and no invitation or mail is made anywhere.
      expect((await failure(w.aAdmin.customers.invitePortal({ id: f.cb.customerId }))).code).toBe("NOT_FOUND");
      const mailedA = await withTenant(w.A.company.id, (tx) =>
        tx.outboundEmail.count({ where: { to: f.cb.customerEmail } }),
      );
      expect(mailedA).toBe(0);
    },
    "customers.exportCsv": async (w) => {
      const file = await w.aAdmin.customers.exportCsv({});
      expect(file.csv).toContain("subscriber@alpha.test");
      await w.expectNoneOfB(file);
    },
    "customers.importCsv": async (w) => {
      const report = await w.aAdmin.customers.importCsv({
        csv: `firstName,email\nImported,imported@alpha.test`,
        dryRun: false,
      });
      expect(report.imported).toBe(1);
    },
  },
  rest: {
    "GET /api/customers": async (w, f) => {
      const res = await call(list, { host: hostOf(w.A.company.slug), token: w.aToken, query: { pageSize: "100" } });
      expect(res.body.rows.map((r: { id: string }) => r.id)).toContain(f.cb.aCustomerId);
      await w.expectNoneOfB(res.body);
    },
    "POST /api/customers": async (w) => {
      const body = { firstName: "Rest", lastName: "Alpha", email: "rest@alpha.test" };
      const res = await call(create, { host: hostOf(w.A.company.slug), token: w.aToken, body });
      expect(res.status).toBe(201);
      await w.expectNoneOfB(res.body);
    },
    "GET /api/customers/{id}": async (w, f) => {
      const res = await call(get, { host: hostOf(w.A.company.slug), token: w.aToken, params: { id: f.cb.customerId } });
      expect(res.status).toBe(404);
    },
    "PUT /api/customers/{id}": async (w, f) => {
      const res = await call(update, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.cb.customerId },
        body: { firstName: "Hijack", email: "h@alpha.test" },
      });
      expect(res.status).toBe(404);
    },
    "DELETE /api/customers/{id}": async (w, f) => {
      const res = await call(remove, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.cb.customerId },
      });
      expect(res.status).toBe(404);
    },
    "GET /api/customers/{id}/usage": async (w, f) => {
      const res = await call(usage, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.cb.customerId },
      });
      expect(res.status).toBe(404);
    },
  },
});
