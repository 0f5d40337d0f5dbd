import { CustomerSubscriptions } from "@/components/console/subscriptions/customer-subscriptions";
import type { NetworkPermissions } from "@/components/console/subscriptions/network-dialog";

/**
 * The customer's subscriptions on the customer page. The subscriptions module owns the content
 * (components/console/subscriptions/customer-subscriptions.tsx); this file only marks its place.
 */
export function CustomerSubscriptionsSlot({
  customerId,
  canRead,
  canManage,
  canActivate,
  network,
}: {
  customerId: string;
  canRead: boolean;
  canManage: boolean;
  canActivate: boolean;
  network?: NetworkPermissions;
}) {
  if (!canRead) return null;
  return (
    <div id="customer-subscriptions">
      <CustomerSubscriptions
        customerId={customerId}
        canManage={canManage}
        canActivate={canActivate}
        network={network}
      />
    </div>
  );
}
