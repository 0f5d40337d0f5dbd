import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";
import { subscriptionsFixture } from "../subscriptions/isolation.cases";

// Tenant isolation of service requests (changes asked for by customers or staff).
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** A pending termination of B's subscription. */
export const serviceRequestsFixture = fixture(async (w) => {
  const { sb } = await subscriptionsFixture(w);
  const requestId = newId();
  await withTenant(w.B.company.id, (tx) =>
    tx.serviceRequest.create({
      data: {
        id: requestId,
        companyId: w.B.company.id,
        customerId: sb.customerId,
        subscriptionId: sb.subscriptionId,
        kind: "TERMINATION",
        effectiveDate: new Date("2099-01-01"),
      },
    }),
  );
  return { sb: { ...sb, requestId } };
});

export default isolationCases({
  setup: serviceRequestsFixture,
  snapshotB: async (tx) => ({ serviceRequests: await tx.serviceRequest.findMany({ orderBy: { id: "asc" } }) }),
  idsOfB: async (tx) => (await tx.serviceRequest.findMany()).map((r) => r.id),
  procedures: {
    "serviceRequests.list": async (w, f) => {
      const page = await w.aAdmin.serviceRequests.list({ pageSize: 100 });
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.serviceRequests.list({ customerId: f.sb.customerId })).toMatchObject({ total: 0 });
    },
    "serviceRequests.create": async (w, f) => {
      const failed = await failure(
        w.aAdmin.serviceRequests.create({
          customerId: f.sb.customerId,
          subscriptionId: f.sb.subscriptionId,
          kind: "TERMINATION",
          effectiveDate: "2099-01-01",
        }),
      );
      expect(failed.code).toBe("NOT_FOUND");
      const g = await failure(
        w.aAdmin.serviceRequests.create({
          customerId: f.sb.aCustomerId,
          kind: "NEW_SERVICE",
          packageId: f.sb.packageId,
          effectiveDate: "2099-01-01",
        }),
      );
      expect(g.code).toBe("NOT_FOUND");
    },
    "serviceRequests.approve": async (w, f) => {
      expect((await failure(w.aAdmin.serviceRequests.approve({ id: f.sb.requestId }))).code).toBe("NOT_FOUND");
    },
    "serviceRequests.reject": async (w, f) => {
      expect((await failure(w.aAdmin.serviceRequests.reject({ id: f.sb.requestId, note: "Cross-tenant" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "serviceRequests.cancel": async (w, f) => {
      expect((await failure(w.aAdmin.serviceRequests.cancel({ id: f.sb.requestId }))).code).toBe("NOT_FOUND");
    },
    "serviceRequests.retryApply": async (w, f) => {
      expect((await failure(w.aAdmin.serviceRequests.retryApply({ id: f.sb.requestId }))).code).toBe("NOT_FOUND");
    },
  },
});
