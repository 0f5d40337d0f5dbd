import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { RunsView } from "@/components/console/billing/runs-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { todayIn } from "@/server/modules/subscriptions/dates";

export const metadata: Metadata = { title: "Billing runs" };

export default async function BillingRunsPage() {
  const { company, allowed, can } = await requireStaff("billing:read");
  if (!allowed) return <NoAccess what="viewing billing" />;
  await prefetch(trpc.billing.runs.list.queryOptions({ page: 1 }));
  return (
    <HydrateClient>
      <Suspense>
        <RunsView
          currency={company.currency}
          timeZone={company.timeZone}
          today={todayIn(company.timeZone)}
          canManage={can("billing:manage")}
        />
      </Suspense>
    </HydrateClient>
  );
}
