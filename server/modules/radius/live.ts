import type { Scope } from "../scope";

/**
 * Which of these subscriptions have a live RADIUS session now (a Start or Interim seen, no Stop):
 * the customer is online. Outages use it to show such a customer as up, not affected.
 */
export async function liveSubscriptionIds(scope: Scope, subscriptionIds: readonly string[]): Promise<Set<string>> {
  if (subscriptionIds.length === 0) return new Set();
  const rows = await scope.tx.radiusSession.findMany({
    where: { subscriptionId: { in: [...subscriptionIds] }, stoppedAt: null },
    select: { subscriptionId: true },
    distinct: ["subscriptionId"],
  });
  return new Set(rows.map((r) => r.subscriptionId!));
}
