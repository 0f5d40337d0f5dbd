import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { BatchesView } from "@/components/console/vouchers/batches-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Vouchers" };

export default async function VouchersPage() {
  const { company, allowed, can } = await requireStaff("vouchers:read");
  if (!allowed) return <NoAccess what="viewing vouchers" />;
  return (
    <Suspense>
      <BatchesView timeZone={company.timeZone} canManage={can("vouchers:manage")} />
    </Suspense>
  );
}
