import { run, type SyncResult } from "../../modules/provisioning/service";
import { SUBSCRIPTION_CHANGED, type SubscriptionChanged } from "../../modules/provisioning/dispatch";
import { inngest } from "../client";

/**
 * Writes a subscription's RADIUS records after it changed. Idempotent by construction: it applies
 * the desired state of the subscription's current status, so retries and duplicate events are
 * harmless. One run per subscription at a time; no idempotency key, because a second change of
 * the same subscription (activate, then suspend) must run too.
 */
export const provisionSubscription = inngest.createFunction(
  {
    id: "provision-subscription",
    name: "Provision a subscription on RADIUS",
    retries: 4,
    concurrency: { key: "event.data.subscriptionId", limit: 1 },
    triggers: [{ event: SUBSCRIPTION_CHANGED }],
  },
  async ({ event, step }): Promise<SyncResult> => {
    const { companyId, subscriptionId } = event.data as SubscriptionChanged;
    // A failed attempt is recorded on the subscription (FAILED + error) and then thrown, so Inngest retries it.
    return step.run("apply-desired-state", () => run(companyId, subscriptionId));
  },
);
