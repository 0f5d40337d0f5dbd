import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { WorkOrderDetailView } from "@/components/console/work-orders/work-order-detail";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Work order" };

export default async function WorkOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company, viewer, allowed, can } = await requireStaff("work_orders:read");
  if (!allowed) return <NoAccess what="viewing work orders" />;
  await prefetch(trpc.workOrders.get.queryOptions({ id }));
  return (
    <HydrateClient>
      <WorkOrderDetailView
        id={id}
        timeZone={company.timeZone}
        canManage={can("work_orders:manage")}
        canPerform={can("work_orders:perform")}
        viewerId={viewer.userId}
      />
    </HydrateClient>
  );
}
