import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { MaintenanceView } from "@/components/console/inventory/maintenance-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Preventive maintenance" };

export default async function Page() {
  const { allowed, can } = await requireStaff("inventory:read");
  if (!allowed) return <NoAccess what="viewing the inventory" />;
  return (
    <Suspense>
      <MaintenanceView canManage={can("inventory:manage")} />
    </Suspense>
  );
}
