import { expect } from "vitest";
import { isolationCases } from "../../test/isolation";

// Tenant isolation of support reports (read-only, over tickets and staff).
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export default isolationCases({
  procedures: {
    "supportReports.overview": async (w) => {
      const report = await w.aAdmin.supportReports.overview({});
      // In A's zone (A's settings case moved it to Africa/Nairobi; B's stays as registered).
      expect(report.range.timeZone).toBe((await w.aAdmin.companies.current()).timeZone);
      await w.expectNoneOfB(report);
    },
    "supportReports.technicianCsv": async (w) => {
      await w.expectNoneOfB(await w.aAdmin.supportReports.technicianCsv({}));
    },
  },
});
