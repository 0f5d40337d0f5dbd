import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { PACKAGE_FILTER_INPUT, subscriptionsListInput } from "@/components/console/subscriptions/list-query";
import { SubscriptionsView } from "@/components/console/subscriptions/subscriptions-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Subscriptions" };

export default async function SubscriptionsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { allowed, can } = await requireStaff("subscriptions:read");
  if (!allowed) return <NoAccess what="viewing subscriptions" />;
  await prefetch(
    trpc.subscriptions.list.queryOptions(subscriptionsListInput(listParams(await searchParams))),
    can("packages:read") && trpc.packages.list.queryOptions(PACKAGE_FILTER_INPUT),
  );
  return (
    <HydrateClient>
      <Suspense>
        <SubscriptionsView
          canManage={can("subscriptions:manage")}
          canActivate={can("subscriptions:activate")}
          canReadPackages={can("packages:read")}
          network={{
            canSetAddress: can("subscriptions:set_address") && can("network:read"),
            canAttach: can("devices:manage"),
          }}
        />
      </Suspense>
    </HydrateClient>
  );
}
