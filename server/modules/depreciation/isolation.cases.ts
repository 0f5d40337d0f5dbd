import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure } from "../../test/trpc";
import { inventoryFixture } from "../inventory/isolation.cases";
import { assetSchedule, bookValues, summary } from "./rest";

// Tenant isolation of depreciation: B's rules, units and disposals are neither read nor changed
// from A. Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export const depreciationFixture = fixture(async (w) => {
  const { inv } = await inventoryFixture(w);
  const b = w.bAdmin.depreciation;
  const ruleId = (
    await b.rules.save({ category: "ONT", method: "STRAIGHT_LINE", usefulLifeMonths: 36, salvageBp: 1000 })
  ).id;
  const unitId = (await w.bAdmin.inventory.assets.lookup({ serial: "BRAVO-UNIT-77" })).id;
  return { inv, ruleId, unitId };
});

export default isolationCases({
  setup: depreciationFixture,
  snapshotB: async (tx) => ({
    rules: await tx.depreciationRule.findMany({ orderBy: { id: "asc" } }),
    disposals: await tx.assetDisposal.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => (await tx.depreciationRule.findMany()).map((r) => r.id),
  procedures: {
    "depreciation.rules.list": async (w, f) => {
      const own = await w.aAdmin.depreciation.rules.list();
      expect(own.rules.map((r) => r.id)).not.toContain(f.ruleId);
      await w.expectNoneOfB(own);
    },
    "depreciation.rules.save": async (w, f) => {
      await expectFailure(
        w.aAdmin.depreciation.rules.save({ itemId: f.inv.itemId, method: "STRAIGHT_LINE", usefulLifeMonths: 12 }),
        "NOT_FOUND",
      );
      // The same category name at A is A's own rule, and B's stays as it was (the snapshot).
      const own = await w.aAdmin.depreciation.rules.save({
        category: "ONT",
        method: "STRAIGHT_LINE",
        usefulLifeMonths: 12,
      });
      expect(own.id).not.toBe(f.ruleId);
    },
    "depreciation.rules.remove": async (w, f) => {
      await expectFailure(w.aAdmin.depreciation.rules.remove({ id: f.ruleId }), "NOT_FOUND");
    },
    "depreciation.asset": async (w, f) => {
      await expectFailure(w.aAdmin.depreciation.asset({ assetId: f.unitId }), "NOT_FOUND");
    },
    "depreciation.bookValues": async (w) => {
      const page = await w.aAdmin.depreciation.bookValues({ search: "BRAVO" });
      expect(page.total).toBe(0);
      await w.expectNoneOfB(await w.aAdmin.depreciation.bookValues({}));
    },
    "depreciation.report": async (w) => {
      const r = await w.aAdmin.depreciation.report({ from: "2026-01", to: "2026-12" });
      expect(r.categories.map((c) => c.category)).not.toContain("ONT");
      await w.expectNoneOfB(r);
    },
    "depreciation.dispose": async (w, f) => {
      await expectFailure(
        w.aAdmin.depreciation.dispose({ assetId: f.unitId, kind: "SCRAPPED", disposedOn: "2026-12-01" }),
        "NOT_FOUND",
      );
    },
  },
  rest: {
    "GET /api/inventory/depreciation/assets": async (w) => {
      const res = await call(bookValues, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        query: { pageSize: "100" },
      });
      expect(res.status, res.text).toBe(200);
      await w.expectNoneOfB(res.body);
    },
    "GET /api/inventory/depreciation/assets/{id}": async (w, f) => {
      const res = await call(assetSchedule, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.unitId },
      });
      expect(res.status).toBe(404);
      await w.expectNoneOfB(res.text);
    },
    "GET /api/inventory/depreciation/summary": async (w) => {
      const res = await call(summary, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        query: { from: "2026-01", to: "2026-12" },
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body.categories.map((c: { category: string }) => c.category)).not.toContain("ONT");
      await w.expectNoneOfB(res.body);
    },
  },
});
