import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { VanView } from "@/components/console/inventory/van-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "My van" };

export default async function Page() {
  const { allowed } = await requireStaff("inventory:van");
  if (!allowed) return <NoAccess what="viewing the inventory" />;
  return (
    <Suspense>
      <VanView />
    </Suspense>
  );
}
