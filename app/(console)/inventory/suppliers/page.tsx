import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { SuppliersView } from "@/components/console/inventory/suppliers-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Suppliers" };

export default async function Page() {
  const { allowed, can } = await requireStaff("inventory:read");
  if (!allowed) return <NoAccess what="viewing the inventory" />;
  return (
    <Suspense>
      <SuppliersView canManage={can("inventory:manage")} />
    </Suspense>
  );
}
