import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { DepreciationView } from "@/components/console/inventory/depreciation-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Depreciation" };

export default async function Page() {
  const { company, allowed, can } = await requireStaff("inventory:read");
  if (!allowed) return <NoAccess what="viewing the inventory's costs" />;
  return (
    <Suspense>
      <DepreciationView currency={company.currency} canManage={can("inventory:manage")} />
    </Suspense>
  );
}
