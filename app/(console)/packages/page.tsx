import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { PackagesView } from "@/components/console/packages/packages-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Packages" };

export default async function PackagesPage() {
  const { company, allowed, can } = await requireStaff("packages:read");
  if (!allowed) return <NoAccess what="viewing packages" />;
  return (
    <Suspense>
      <PackagesView currency={company.currency} canManage={can("packages:manage")} />
    </Suspense>
  );
}
