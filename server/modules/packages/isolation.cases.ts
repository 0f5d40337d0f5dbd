import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";
import { customersFixture } from "../customers/isolation.cases";
import { packageInput } from "../subscriptions/testing";
import { create, get, list, remove, update } from "./rest";

// Tenant isolation of packages.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

const pppoe = (companyId: string, code: string) =>
  withTenant(companyId, (tx) =>
    tx.package.create({
      data: {
        id: newId(),
        companyId,
        name: `PPPoE ${code}`,
        code,
        type: "PPPOE",
        billingCycle: "MONTHLY",
        priceMinor: 2500,
        downloadKbps: 20_000,
        uploadKbps: 5_000,
      },
    }),
  );

/** A PPPoE package of B, and one of A's own. */
export const packagesFixture = fixture(async (w) => {
  const packageCode = "BRAVO-20";
  const packageId = (await pppoe(w.B.company.id, packageCode)).id;
  const aPackageId = (await pppoe(w.A.company.id, "ALPHA-20")).id;
  return { sb: { packageId, packageCode, aPackageId } };
});

export default isolationCases({
  setup: async (w) => ({ ...(await packagesFixture(w)), ...(await customersFixture(w)) }),
  snapshotB: async (tx) => ({ packages: await tx.package.findMany({ orderBy: { id: "asc" } }) }),
  idsOfB: async (tx) => (await tx.package.findMany()).map((p) => p.id),
  procedures: {
    "packages.list": async (w, f) => {
      const page = await w.aAdmin.packages.list({ pageSize: 100, archived: "all" });
      expect(page.rows.map((p) => p.id)).toContain(f.sb.aPackageId);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.packages.list({ search: f.sb.packageCode })).toMatchObject({ total: 0 });
    },
    "packages.get": async (w, f) => {
      expect((await failure(w.aAdmin.packages.get({ id: f.sb.packageId }))).code).toBe("NOT_FOUND");
    },
    "packages.create": async (w, f) => {
      // Codes are unique per company: B's code is free at A, and B's package is untouched.
      const pkg = await w.aAdmin.packages.create({
        name: "Alpha 20",
        code: f.sb.packageCode,
        type: "PPPOE",
        downloadKbps: 20_000,
        uploadKbps: 5_000,
        billingCycle: "MONTHLY",
        priceMinor: 2000,
      });
      expect(pkg.id).not.toBe(f.sb.packageId);
    },
    "packages.update": async (w, f) => {
      const data = {
        name: "Hijacked",
        code: "HIJACK",
        type: "PPPOE" as const,
        downloadKbps: 1_000,
        uploadKbps: 1_000,
        billingCycle: "MONTHLY" as const,
        priceMinor: 1,
      };
      expect((await failure(w.aAdmin.packages.update({ id: f.sb.packageId, data }))).code).toBe("NOT_FOUND");
    },
    "packages.archive": async (w, f) => {
      expect((await failure(w.aAdmin.packages.archive({ id: f.sb.packageId }))).code).toBe("NOT_FOUND");
    },
    "packages.unarchive": async (w, f) => {
      expect((await failure(w.aAdmin.packages.unarchive({ id: f.sb.packageId }))).code).toBe("NOT_FOUND");
    },
    "packages.delete": async (w, f) => {
      expect((await failure(w.aAdmin.packages.delete({ id: f.sb.packageId }))).code).toBe("NOT_FOUND");
    },
  },
  rest: {
    "GET /api/packages": async (w, f) => {
      const res = await call(list, { host: hostOf(w.A.company.slug), token: w.aToken, query: { pageSize: "100" } });
      expect(res.body.rows.map((r: { id: string }) => r.id)).toContain(f.sb.aPackageId);
      await w.expectNoneOfB(res.body);
    },
    "POST /api/packages": async (w) => {
      const body = packageInput("PPPOE", { code: "ALPHA-REST" });
      const res = await call(create, { host: hostOf(w.A.company.slug), token: w.aToken, body });
      expect(res.status).toBe(201);
      await w.expectNoneOfB(res.body);
    },
    "GET /api/packages/{id}": async (w, f) => {
      const res = await call(get, { host: hostOf(w.A.company.slug), token: w.aToken, params: { id: f.sb.packageId } });
      expect(res.status).toBe(404);
    },
    "PUT /api/packages/{id}": async (w, f) => {
      const res = await call(update, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.sb.packageId },
        body: packageInput("PPPOE", { name: "Hijacked", code: "HIJACK" }),
      });
      expect(res.status).toBe(404);
    },
    "DELETE /api/packages/{id}": async (w, f) => {
      const res = await call(remove, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.sb.packageId },
      });
      expect(res.status).toBe(404);
    },
  },
});
