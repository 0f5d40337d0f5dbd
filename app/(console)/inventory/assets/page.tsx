import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { AssetsView } from "@/components/console/inventory/assets-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Units by serial" };

export default async function Page() {
  const { company, allowed, can } = await requireStaff("inventory:read");
  if (!allowed) return <NoAccess what="viewing the inventory" />;
  return (
    <Suspense>
      <AssetsView currency={company.currency} timeZone={company.timeZone} canManage={can("inventory:manage")} />
    </Suspense>
  );
}
