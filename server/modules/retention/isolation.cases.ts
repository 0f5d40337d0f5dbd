import { expect } from "vitest";
import { fixture, isolationCases } from "../../test/isolation";
import { DEFAULT_RETENTION } from "./schema";

// Tenant isolation of data retention settings: the policy is keyed by the caller's company, so
// nothing in an input can point at B's; A sees and changes only its own.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** B's own, unusual periods (a value no default has), saved as B's super admin would. */
const bPolicy = { radiusSessionDays: 123, usageDays: 777, auditDays: null, outboxDays: 11 };
export const retentionFixture = fixture(async (w) => {
  await w.bAdmin.retention.save(bPolicy);
  return {};
});

export default isolationCases({
  setup: retentionFixture,
  snapshotB: async (tx) => ({ retention: await tx.retentionPolicy.findMany() }),
  procedures: {
    "retention.get": async (w) => {
      const mine = await w.aAdmin.retention.get();
      expect(mine.policy).not.toEqual(bPolicy);
      expect(mine.policy).toEqual(DEFAULT_RETENTION);
    },
    "retention.save": async (w) => {
      const saved = await w.aAdmin.retention.save({ ...bPolicy, radiusSessionDays: 45 });
      expect(saved.policy.radiusSessionDays).toBe(45);
      expect((await w.bAdmin.retention.get()).policy).toEqual(bPolicy);
      await w.aAdmin.retention.save(DEFAULT_RETENTION);
    },
  },
});
