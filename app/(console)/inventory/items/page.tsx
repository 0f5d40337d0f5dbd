import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { ItemsView } from "@/components/console/inventory/items-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Items" };

export default async function Page() {
  const { company, allowed, can } = await requireStaff("inventory:read");
  if (!allowed) return <NoAccess what="viewing the inventory" />;
  return (
    <Suspense>
      <ItemsView canManage={can("inventory:manage")} currency={company.currency} />
    </Suspense>
  );
}
