import { withTenant } from "../../db/tenant";
import type { Scope } from "../scope";
import * as subscriptions from "../subscriptions/service";

// Builders for revenue's tests: a subscription's history on the dates a test needs. Status changes
// are made through the subscriptions service (so they are recorded as in production), then their
// times are moved to the dates the story says (only a test rewrites history).

export const scopeOf = (companyId: string, tx: Scope["tx"]): Scope => ({
  tx,
  companyId,
  actor: { type: "SYSTEM", label: "test" },
});

export async function as<T>(companyId: string, fn: (scope: Scope) => Promise<T>): Promise<T> {
  return withTenant(companyId, (tx) => fn(scopeOf(companyId, tx)));
}

/** Suspends, resumes or terminates the subscription and records it as done at `at` (an ISO instant). */
export async function changeStatusAt(
  companyId: string,
  subscriptionId: string,
  action: "suspend" | "resume" | "terminate",
  at: string,
) {
  await as(companyId, async (scope) => {
    const { status } = await subscriptions.transition(scope, action, {
      id: subscriptionId,
      reason: `${action} (test)`,
    });
    await scope.tx.$executeRaw`
      UPDATE "SubscriptionEvent" SET "createdAt" = ${new Date(at)}
      WHERE id = (SELECT id FROM "SubscriptionEvent" WHERE "subscriptionId" = ${subscriptionId} AND "toStatus"::text = ${status}
                  ORDER BY "createdAt" DESC LIMIT 1)`;
  });
}

/** Moves the subscription's creation and first activation to `at`, before the changes a test backdates. */
export async function startedAt(companyId: string, subscriptionId: string, at: string) {
  // Created a second before it was activated, so the two keep their order.
  await as(
    companyId,
    (scope) => scope.tx.$executeRaw`
    UPDATE "SubscriptionEvent"
    SET "createdAt" = ${new Date(at)}::timestamptz - CASE WHEN "toStatus" = 'PENDING' THEN interval '1 second' ELSE interval '0' END
    WHERE "subscriptionId" = ${subscriptionId} AND "toStatus" IN ('PENDING', 'ACTIVE')`,
  );
}

export async function changePackage(companyId: string, subscriptionId: string, packageId: string, effective: string) {
  await as(companyId, (scope) => subscriptions.changePackage(scope, subscriptionId, packageId, effective, "test"));
}
