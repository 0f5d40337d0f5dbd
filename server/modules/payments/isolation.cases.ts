import { isolationCases } from "../../test/isolation";
import { methodsFixture, methodsIdsOfB, methodsProcedures, methodsRest, methodsSnapshotB } from "./methods.isolation";

// Tenant isolation of payments. Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export default isolationCases({
  setup: methodsFixture,
  snapshotB: async (tx) => ({
    ...(await methodsSnapshotB(tx)),
    payments: await tx.payment.findMany({ orderBy: { id: "asc" } }),
    providerEvents: await tx.providerEvent.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async () => [...methodsIdsOfB],
  procedures: { ...methodsProcedures },
  rest: { ...methodsRest },
});
