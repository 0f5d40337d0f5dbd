import { expect } from "vitest";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure } from "../../test/trpc";
import { inventoryFixture } from "../inventory/isolation.cases";

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
    "maintenance.openDue": async (w) => {
      await w.aAdmin.maintenance.openDue();
      // B's plan is overdue, yet A's run opened nothing of B's (the snapshot of B is unchanged).
    },
  },
});
