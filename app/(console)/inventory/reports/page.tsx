import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { ReportsView } from "@/components/console/inventory/reports-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Inventory reports" };

export default async function Page() {
  const { company, allowed } = await requireStaff("inventory:read");
  if (!allowed) return <NoAccess what="viewing the inventory" />;
  return (
    <Suspense>
      <ReportsView currency={company.currency} />
    </Suspense>
  );
}
