import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure } from "../../test/trpc";
import { inventoryFixture } from "../inventory/isolation.cases";
import { createPlan, due, listPlans, pausePlan, updatePlan } from "./rest";

// Tenant isolation of preventive maintenance: B's plans, units and device types are neither read
// nor used from A. Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export const maintenanceFixture = fixture(async (w) => {
  await inventoryFixture(w);
  const unitId = (await w.bAdmin.inventory.assets.lookup({ serial: "BRAVO-UNIT-77" })).id;
  const planId = (
    await w.bAdmin.maintenance.plans.create({
      title: "Bravo kumquat battery check",
      assetId: unitId,
      intervalDays: 90,
      leadDays: 7,
      startsOn: "2026-01-01",
    })
  ).id;
  return { unitId, planId };
});

export default isolationCases({
  setup: maintenanceFixture,
  snapshotB: async (tx) => ({
    plans: await tx.maintenancePlan.findMany({ orderBy: { id: "asc" } }),
    occurrences: await tx.maintenanceOccurrence.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => (await tx.maintenancePlan.findMany()).flatMap((p) => [p.id, p.title]),
  procedures: {
    "maintenance.plans.list": async (w, f) => {
      const page = await w.aAdmin.maintenance.plans.list({});
      expect(page.rows.map((p) => p.id)).not.toContain(f.planId);
      await w.expectNoneOfB(page);
    },
    "maintenance.plans.create": async (w, f) => {
      await expectFailure(
        w.aAdmin.maintenance.plans.create({
          title: "Hijack",
          assetId: f.unitId,
          intervalDays: 30,
          startsOn: "2026-01-01",
        }),
        "NOT_FOUND",
      );
    },
    "maintenance.plans.update": async (w, f) => {
      await expectFailure(
        w.aAdmin.maintenance.plans.update({
          id: f.planId,
          data: { title: "Hijack", assetId: f.unitId, intervalDays: 30, startsOn: "2026-01-01" },
        }),
        "NOT_FOUND",
      );
    },
    "maintenance.plans.setPaused": async (w, f) => {
      await expectFailure(w.aAdmin.maintenance.plans.setPaused({ id: f.planId, paused: true }), "NOT_FOUND");
    },
    "maintenance.history": async (w, f) => {
      await expectFailure(w.aAdmin.maintenance.history({ assetId: f.unitId }), "NOT_FOUND");
    },
    "maintenance.due": async (w, f) => {
      const soon = await w.aAdmin.maintenance.due({ withinDays: 366 });
      expect(soon.rows.map((r) => r.plan.id)).not.toContain(f.planId);
      await w.expectNoneOfB(soon);
    },
    "maintenance.openDue": async (w) => {
      await w.aAdmin.maintenance.openDue();
      // B's plan is overdue, yet A's run opened nothing of B's (the snapshot of B is unchanged).
    },
  },
  rest: {
    "GET /api/inventory/maintenance/plans": async (w, f) => {
      const res = await call(listPlans, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        query: { pageSize: "100" },
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body.rows.map((p: { id: string }) => p.id)).not.toContain(f.planId);
      await w.expectNoneOfB(res.body);
    },
    "POST /api/inventory/maintenance/plans": async (w, f) => {
      const res = await call(createPlan, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        body: { title: "Hijack", assetId: f.unitId, intervalDays: 30, startsOn: "2026-01-01" },
      });
      expect(res.status).toBe(404);
    },
    "PUT /api/inventory/maintenance/plans/{id}": async (w, f) => {
      const res = await call(updatePlan, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.planId },
        body: { title: "Hijack", assetId: f.unitId, intervalDays: 30, startsOn: "2026-01-01" },
      });
      expect(res.status).toBe(404);
    },
    "PATCH /api/inventory/maintenance/plans/{id}": async (w, f) => {
      const res = await call(pausePlan, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.planId },
        body: { paused: true },
      });
      expect(res.status).toBe(404);
    },
    "GET /api/inventory/maintenance/due": async (w, f) => {
      const res = await call(due, { host: hostOf(w.A.company.slug), token: w.aToken, query: { withinDays: "366" } });
      expect(res.status, res.text).toBe(200);
      expect(res.body.rows.map((r: { plan: { id: string } }) => r.plan.id)).not.toContain(f.planId);
      await w.expectNoneOfB(res.body);
    },
  },
});
