import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { StockView } from "@/components/console/inventory/stock-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Inventory" };

export default async function Page() {
  const { company, allowed, can } = await requireStaff("inventory:read");
  if (!allowed) return <NoAccess what="viewing the inventory" />;
  return (
    <Suspense>
      <StockView currency={company.currency} canManage={can("inventory:manage")} />
    </Suspense>
  );
}
