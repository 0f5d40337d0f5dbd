import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { BatchView } from "@/components/console/vouchers/batch-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Voucher batch" };

export default async function VoucherBatchPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { company, allowed, can }] = await Promise.all([params, requireStaff("vouchers:read")]);
  if (!allowed) return <NoAccess what="viewing vouchers" />;
  return (
    <Suspense>
      <BatchView id={id} timeZone={company.timeZone} canManage={can("vouchers:manage")} />
    </Suspense>
  );
}
