import { run, type SyncResult } from "../../modules/provisioning/service";
import { consumer } from "../emit";
import { subscriptionChanged } from "../events";
import { inngest } from "../client";

/** Applies the subscription's desired state; a subscription not committed yet throws NotFound (retried inline). */
export const provisionOnChange = consumer(subscriptionChanged, ({ companyId, subscriptionId }) =>
  run(companyId, subscriptionId),
);

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
    triggers: [subscriptionChanged],
  },
  // A failed attempt is recorded on the subscription (FAILED + error) and then thrown, so Inngest retries it.
  async ({ event, step }): Promise<SyncResult> =>
    step.run("apply-desired-state", () => provisionOnChange.handle(event.data)),
);
