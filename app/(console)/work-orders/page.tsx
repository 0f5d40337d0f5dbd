import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { WorkOrdersView } from "@/components/console/work-orders/work-orders-view";

export const metadata: Metadata = { title: "Work orders" };

export default async function WorkOrdersPage() {
  const { company, allowed, can } = await requireStaff("work_orders:read");
  if (!allowed) return <NoAccess what="viewing work orders" />;
  return (
    <Suspense>
      <WorkOrdersView timeZone={company.timeZone} canManage={can("work_orders:manage")} />
    </Suspense>
  );
}
