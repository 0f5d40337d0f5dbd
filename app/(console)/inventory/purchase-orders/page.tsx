import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { PurchaseOrdersView } from "@/components/console/inventory/purchase-orders-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Purchase orders" };

export default async function Page() {
  const { company, allowed, can } = await requireStaff("inventory:read");
  if (!allowed) return <NoAccess what="viewing the inventory" />;
  return (
    <Suspense>
      <PurchaseOrdersView canManage={can("inventory:manage")} currency={company.currency} timeZone={company.timeZone} />
    </Suspense>
  );
}
