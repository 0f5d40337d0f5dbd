import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { SubscriptionsView } from "@/components/console/subscriptions/subscriptions-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Subscriptions" };

export default async function SubscriptionsPage() {
  const { allowed, can } = await requireStaff("subscriptions:read");
  if (!allowed) return <NoAccess what="viewing subscriptions" />;
  return (
    <Suspense>
      <SubscriptionsView
        canManage={can("subscriptions:manage")}
        canActivate={can("subscriptions:activate")}
        canReadPackages={can("packages:read")}
      />
    </Suspense>
  );
}
