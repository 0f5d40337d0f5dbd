import { expect } from "vitest";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure } from "../../test/trpc";
import { billingFixture } from "../billing/isolation.cases";
import { customersFixture } from "../customers/isolation.cases";
import { runDaily } from "./service";
import { daysFromToday } from "./testing";

// Tenant isolation of dunning: B's schedule, notices, suspensions and payment arrangements.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export const dunningFixture = fixture(async (w) => {
  const { billing } = await billingFixture(w);
  const { aCustomerPortal } = await customersFixture(w);
  // B's customer is long overdue: reminded and suspended; then B's staff agree an arrangement.
  await w.bAdmin.dunning.settings.update({
    enabled: true,
    graceDays: 3,
    steps: [{ offsetDays: 1, channels: ["EMAIL", "PORTAL"] }],
  });
  await runDaily(w.B.company.id);
  const owed = await w.bAdmin.dunning.customer({ customerId: billing.bCustomerId });
  const bArrangement = await w.bAdmin.dunning.arrangements.create({
    customerId: billing.bCustomerId,
    kind: "PROMISE",
    instalments: [{ dueDate: daysFromToday(w.B.company.timeZone, 5), amountMinor: owed.overdueMinor }],
    note: "Bravo promise",
  });
  return {
    dunning: { bArrangementId: bArrangement.id, bCustomerId: billing.bCustomerId, aCustomerId: billing.aCustomerId },
    aCustomerPortal,
  };
});

export default isolationCases({
  setup: dunningFixture,
  snapshotB: async (tx) => ({
    settings: await tx.dunningSettings.findMany(),
    notices: await tx.dunningNotice.findMany({ orderBy: { id: "asc" } }),
    suspensions: await tx.dunningSuspension.findMany({ orderBy: { id: "asc" } }),
    arrangements: await tx.paymentArrangement.findMany({ orderBy: { id: "asc" } }),
    instalments: await tx.arrangementInstalment.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.dunningNotice.findMany()).map((n) => n.id),
    ...(await tx.dunningSuspension.findMany()).map((s) => s.id),
    ...(await tx.paymentArrangement.findMany()).flatMap((a) => [a.id, ...(a.note ? [a.note] : [])]),
  ],
  procedures: {
    "dunning.settings.get": async (w) => {
      const s = await w.aAdmin.dunning.settings.get();
      expect(s.steps.length).toBeGreaterThanOrEqual(0);
      await w.expectNoneOfB(s);
    },
    "dunning.settings.update": async (w) => {
      expect((await w.aAdmin.dunning.settings.update({ enabled: true, graceDays: 9, steps: [] })).graceDays).toBe(9);
    },
    "dunning.customer": async (w, f) => {
      await expectFailure(w.aAdmin.dunning.customer({ customerId: f.dunning.bCustomerId }), "NOT_FOUND");
      await w.expectNoneOfB(await w.aAdmin.dunning.customer({ customerId: f.dunning.aCustomerId }));
    },
    "dunning.arrangements.list": async (w, f) => {
      await w.expectNoneOfB(await w.aAdmin.dunning.arrangements.list({}));
      expect(await w.aAdmin.dunning.arrangements.list({ customerId: f.dunning.bCustomerId })).toMatchObject({
        total: 0,
      });
    },
    "dunning.arrangements.create": async (w, f) => {
      await expectFailure(
        w.aAdmin.dunning.arrangements.create({
          customerId: f.dunning.bCustomerId,
          kind: "PROMISE",
          instalments: [{ dueDate: daysFromToday(w.A.company.timeZone, 3), amountMinor: 100 }],
        }),
        "NOT_FOUND",
      );
    },
    "dunning.arrangements.decide": async (w, f) => {
      await expectFailure(
        w.aAdmin.dunning.arrangements.decide({ id: f.dunning.bArrangementId, approve: false }),
        "NOT_FOUND",
      );
    },
    "dunning.arrangements.cancel": async (w, f) => {
      await expectFailure(
        w.aAdmin.dunning.arrangements.cancel({ id: f.dunning.bArrangementId, reason: "Not ours" }),
        "NOT_FOUND",
      );
    },
    "dunning.portal.state": async (w, f) => {
      await w.expectNoneOfB(await f.aCustomerPortal.dunning.portal.state());
    },
    "dunning.portal.requestArrangement": async (w, f) => {
      const mine = await f.aCustomerPortal.dunning.portal.state();
      const asked = await f.aCustomerPortal.dunning.portal.requestArrangement({
        kind: "PROMISE",
        instalments: [{ dueDate: daysFromToday(w.A.company.timeZone, 4), amountMinor: mine.overdueMinor }],
      });
      expect(asked.status).toBe("REQUESTED");
      await w.expectNoneOfB(asked);
    },
  },
});
