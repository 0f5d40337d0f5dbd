import { inngest } from "../../jobs/client";
import { NotFound } from "../../lib/errors";
import type { Scope } from "../scope";
import { run } from "./service";

// How a subscription change reaches the network. The changing service marks the subscription
// IN_PROGRESS and calls requestSync(); then either
//  • Inngest (INNGEST_EVENT_KEY or INNGEST_DEV set): the event "lastmile/subscription.changed"
//    runs server/jobs/functions/provision-subscription.ts, with retries; or
//  • no Inngest server (a laptop, the embedded database, tests): the same run() happens inline,
//    right after the caller's transaction. It is started on a microtask and takes the
//    subscription's row lock first, so it waits for the caller's transaction to commit and then
//    applies the committed status (if the caller rolled back, it re-applies the old one: harmless).
// Either way the work is "apply the current desired state", so a late or repeated run is safe.

export const SUBSCRIPTION_CHANGED = "lastmile/subscription.changed";
export type SubscriptionChanged = { companyId: string; subscriptionId: string };

const inline = new Set<Promise<unknown>>();

export function usesInngest(): boolean {
  return !!(process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV);
}

export async function requestSync(scope: Scope, subscriptionId: string): Promise<void> {
  await scope.tx.subscription.update({
    where: { id: subscriptionId },
    data: { provisioning: "IN_PROGRESS", provisioningError: null },
  });
  const data: SubscriptionChanged = { companyId: scope.companyId, subscriptionId };
  if (usesInngest()) {
    try {
      await inngest.send({ name: SUBSCRIPTION_CHANGED, data });
      return;
    } catch (err) {
      // The change itself must not fail because the queue is down: provision inline instead.
      console.error("Inngest send failed; provisioning inline", err);
    }
  }
  runInline(data);
}

/**
 * A subscription created in the same transaction as its activation is invisible to this run
 * until that transaction commits (the row lock only waits for rows that already existed), so a
 * NotFound is retried briefly before it counts as a failure.
 */
async function runWhenVisible(companyId: string, subscriptionId: string, attempts = 20): Promise<unknown> {
  for (let i = 1; ; i++) {
    try {
      return await run(companyId, subscriptionId);
    } catch (err) {
      if (!(err instanceof NotFound) || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function runInline({ companyId, subscriptionId }: SubscriptionChanged) {
  const job = new Promise<void>((resolve) => queueMicrotask(resolve))
    .then(() => runWhenVisible(companyId, subscriptionId))
    .catch((err) => console.error(`Provisioning subscription ${subscriptionId} failed`, err))
    .finally(() => inline.delete(job));
  inline.add(job);
}

/** Waits for inline provisioning runs started so far (tests; graceful shutdown). */
export async function settleInline(): Promise<void> {
  while (inline.size > 0) await Promise.allSettled([...inline]);
}
