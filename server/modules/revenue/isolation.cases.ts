import { expect } from "vitest";
import { isolationCases } from "../../test/isolation";
import { billingFixture } from "../billing/isolation.cases";

// Tenant isolation of revenue analytics (read only, over billing's invoices and the
// subscriptions' history): B's invoices, customers, packages and tax rates never reach A.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export default isolationCases({
  setup: billingFixture,
  procedures: {
    "revenue.overview": async (w) => {
      const report = await w.aAdmin.revenue.overview({ from: "2026-01", to: "2026-06" });
      // A's own invoice of March is there; B's is not (other modules' cases may add more of A's).
      expect(report.byPackage.map((p) => p.name)).toContain("Billing A");
      expect(report.mrr.at(-1)!.payingCustomers).toBeGreaterThanOrEqual(1);
      await w.expectNoneOfB(report);
    },
    "revenue.agingInvoices": async (w) => {
      // Both fixtures' invoices were due in March 2026: long overdue by now. (Other modules' cases,
      // run earlier, may add more of A's own.)
      const rows = await w.aAdmin.revenue.agingInvoices({ bucket: "D90_PLUS" });
      expect(rows.total).toBeGreaterThanOrEqual(1);
      await w.expectNoneOfB(rows);
    },
    "revenue.taxReport": async (w) => {
      const report = await w.aAdmin.revenue.taxReport({ from: "2026-01", to: "2026-06" });
      expect([...new Set(report.rows.map((r) => r.name))]).toEqual(["Alpha VAT"]);
      await w.expectNoneOfB(report);
    },
  },
});
