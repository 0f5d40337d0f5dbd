import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { LocationsView } from "@/components/console/inventory/locations-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Locations" };

export default async function Page() {
  const { allowed, can } = await requireStaff("inventory:read");
  if (!allowed) return <NoAccess what="viewing the inventory" />;
  return (
    <Suspense>
      <LocationsView canManage={can("inventory:manage")} />
    </Suspense>
  );
}
