import { isolationCases } from "../../test/isolation";
import { methodsFixture, methodsIdsOfB, methodsProcedures, methodsSnapshotB } from "./methods.isolation";

// Tenant isolation of payments. Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export default isolationCases({
  setup: methodsFixture,
  snapshotB: async (tx) => ({ ...(await methodsSnapshotB(tx)) }),
  idsOfB: async () => [...methodsIdsOfB],
  procedures: { ...methodsProcedures },
});
