import type { Metadata } from "next";
import { NoAccess } from "@/components/console/no-access";
import { PurchaseOrderDetail } from "@/components/console/inventory/purchase-order-detail";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Purchase order" };

export default async function PurchaseOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company, allowed, can } = await requireStaff("inventory:read");
  if (!allowed) return <NoAccess what="viewing the inventory" />;
  return (
    <PurchaseOrderDetail
      id={id}
      canManage={can("inventory:manage")}
      currency={company.currency}
      timeZone={company.timeZone}
    />
  );
}
