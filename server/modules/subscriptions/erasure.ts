import { mentions, redactText } from "../../lib/redact";
import type { Scope } from "../scope";

// Erasure of a customer (the privacy module orchestrates; this module anonymises its own rows).
// The (terminated) subscriptions stay for billing: package, dates, quantity, PPPoE login. The
// installation address goes, and the state history loses the customer's personal values.

/** True while any of the customer's subscriptions is not terminated: erasure waits for that. */
export async function hasLiveSubscriptions(scope: Scope, customerId: string): Promise<boolean> {
  return (await scope.tx.subscription.count({ where: { customerId, status: { not: "TERMINATED" } } })) > 0;
}

export async function eraseCustomerContent(
  scope: Scope,
  e: { customerId: string; values: readonly string[] },
): Promise<{ subscriptionIds: string[] }> {
  const subs = await scope.tx.subscription.findMany({ where: { customerId: e.customerId }, select: { id: true } });
  const subscriptionIds = subs.map((s) => s.id);
  if (!subscriptionIds.length) return { subscriptionIds };
  await scope.tx.subscription.updateMany({
    where: { id: { in: subscriptionIds } },
    data: { installationAddress: null },
  });
  const events = await scope.tx.subscriptionEvent.findMany({
    where: { subscriptionId: { in: subscriptionIds } },
    select: { id: true, reason: true, actorLabel: true },
  });
  for (const ev of events) {
    if (!mentions(ev.reason, e.values) && !mentions(ev.actorLabel, e.values)) continue;
    await scope.tx.subscriptionEvent.update({
      where: { id: ev.id },
      data: { reason: redactText(ev.reason, e.values), actorLabel: redactText(ev.actorLabel, e.values) },
    });
  }
  return { subscriptionIds };
}
