import type { Scope } from "../scope";

// Erasure of a customer (the privacy module orchestrates; this module anonymises its own rows).
// Sessions and daily usage stay (they back usage billing and are removed by retention); the
// device address the NAS reported (Calling-Station-Id, the customer's router or phone) goes.

export async function eraseSubscriberDevices(scope: Scope, subscriptionIds: readonly string[]): Promise<number> {
  if (!subscriptionIds.length) return 0;
  const { count } = await scope.tx.radiusSession.updateMany({
    where: { subscriptionId: { in: [...subscriptionIds] }, callingStation: { not: null } },
    data: { callingStation: null },
  });
  return count;
}
