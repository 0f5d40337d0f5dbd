import { expect } from "vitest";
import { isolationCases } from "../../test/isolation";
import { inventoryFixture } from "../inventory/isolation.cases";

// Tenant isolation of the inventory's reports: A's reports hold nothing of B's stock, units or
// customers. Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export default isolationCases({
  setup: inventoryFixture,
  procedures: {
    "inventoryReports.stockByLocation": async (w, f) => {
      const r = await w.aAdmin.inventoryReports.stockByLocation({});
      expect(r.rows.map((l) => l.id)).toContain(f.inv.aWarehouseId);
      expect(r.rows.map((l) => l.id)).not.toContain(f.inv.warehouseId);
      await w.expectNoneOfB(r);
    },
    "inventoryReports.movementsByPeriod": async (w, f) => {
      const r = await w.aAdmin.inventoryReports.movementsByPeriod({ from: "2000-01-01", to: "2099-12-31" });
      expect(r.map((m) => m.item.id)).toContain(f.inv.aItemId);
      expect(r.map((m) => m.item.id)).not.toContain(f.inv.itemId);
      await w.expectNoneOfB(r);
    },
    "inventoryReports.deployedByCustomer": async (w) => {
      const r = await w.aAdmin.inventoryReports.deployedByCustomer({});
      await w.expectNoneOfB(r);
      expect((await w.aAdmin.inventoryReports.deployedByCustomer({ search: "BRAVO" })).total).toBe(0);
    },
    "inventoryReports.warrantyEnding": async (w) => {
      const r = await w.aAdmin.inventoryReports.warrantyEnding({ withinDays: 730 });
      await w.expectNoneOfB(r);
    },
  },
});
