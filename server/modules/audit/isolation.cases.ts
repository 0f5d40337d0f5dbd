import { expect } from "vitest";
import { isolationCases } from "../../test/isolation";
import { usersFixture } from "../users/isolation.cases";

// Tenant isolation of the audit log.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export default isolationCases({
  setup: usersFixture,
  snapshotB: async (tx) => ({ audit: await tx.auditEntry.count() }),
  idsOfB: async (tx) => (await tx.auditEntry.findMany()).map((e) => e.id),
  procedures: {
    "audit.list": async (w, f) => {
      const page = await w.aAdmin.audit.list({ pageSize: 100 });
      expect(page.rows.length).toBeGreaterThan(0);
      await w.expectNoneOfB(page);
      for (const entityId of [w.B.owner.id, w.bTech.id, f.inv.invitationId, w.B.company.id]) {
        expect(await w.aAdmin.audit.list({ entityId }), entityId).toMatchObject({ total: 0, rows: [] });
      }
    },
  },
});
