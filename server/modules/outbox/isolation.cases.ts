import { expect } from "vitest";
import { isolationCases } from "../../test/isolation";

// Tenant isolation of the e-mail outbox.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export default isolationCases({
  snapshotB: async (tx) => ({ outbox: await tx.outboundEmail.count() }),
  idsOfB: async (tx) => (await tx.outboundEmail.findMany()).map((m) => m.id),
  procedures: {
    "outbox.list": async (w) => {
      const page = await w.aAdmin.outbox.list({ pageSize: 100 });
      expect(page.rows.length).toBeGreaterThan(0);
      await w.expectNoneOfB(page);
      expect(page.rows.every((m) => m.companyId === w.A.company.id)).toBe(true);
    },
  },
});
