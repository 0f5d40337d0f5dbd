import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { workOrdersListInput } from "@/components/console/work-orders/list-query";
import { WorkOrdersView } from "@/components/console/work-orders/work-orders-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Work orders" };

export default async function WorkOrdersPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { company, allowed, can } = await requireStaff("work_orders:read");
  if (!allowed) return <NoAccess what="viewing work orders" />;
  await prefetch(
    trpc.workOrders.list.queryOptions(workOrdersListInput(listParams(await searchParams))),
    can("work_orders:manage") && trpc.workOrders.technicians.queryOptions(),
  );
  return (
    <HydrateClient>
      <Suspense>
        <WorkOrdersView timeZone={company.timeZone} canManage={can("work_orders:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
