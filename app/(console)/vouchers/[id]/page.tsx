import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { batchInput } from "@/components/console/vouchers/batch-query";
import { BatchView } from "@/components/console/vouchers/batch-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Voucher batch" };

export default async function VoucherBatchPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<PageSearchParams>;
}) {
  const [{ id }, { company, allowed, can }] = await Promise.all([params, requireStaff("vouchers:read")]);
  if (!allowed) return <NoAccess what="viewing vouchers" />;
  await prefetch(trpc.vouchers.getBatch.queryOptions(batchInput(id, listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <BatchView id={id} timeZone={company.timeZone} canManage={can("vouchers:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
