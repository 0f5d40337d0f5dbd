import { emit } from "../../jobs/emit";
import { subscriptionChanged } from "../../jobs/events";
import type { Scope } from "../scope";

// How a subscription change reaches the network. The changing service marks the subscription
// IN_PROGRESS and calls requestSync(), which emits "lastmile/subscription.changed": Inngest runs
// server/jobs/functions/provision-subscription.ts with retries, or, without an Inngest server, the
// same run() happens right after the caller's transaction (server/jobs/emit.ts). That run takes
// the subscription's row lock first, so it waits for the caller's transaction to commit and then
// applies the committed status (if the caller rolled back, it re-applies the old one: harmless).
// Either way the work is "apply the current desired state", so a late or repeated run is safe.

export async function requestSync(scope: Scope, subscriptionId: string): Promise<void> {
  await scope.tx.subscription.update({
    where: { id: subscriptionId },
    data: { provisioning: "IN_PROGRESS", provisioningError: null },
  });
  await emit(subscriptionChanged, { companyId: scope.companyId, subscriptionId });
}
