import { isolationCases } from "../../test/isolation";

// Tenant isolation of stored files. No procedures of its own: tickets and work orders attach them.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export default isolationCases({
  snapshotB: async (tx) => ({ attachments: await tx.attachment.findMany({ orderBy: { id: "asc" } }) }),
  idsOfB: async (tx) => (await tx.attachment.findMany()).map((a) => a.id),
});
