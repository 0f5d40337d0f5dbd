import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { transferProofsListInput } from "@/components/console/billing/transfer-proofs-query";
import { TransferProofsView } from "@/components/console/billing/transfer-proofs-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Proofs of transfer" };

export default async function TransferProofsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { company, allowed, can } = await requireStaff("billing:read");
  if (!allowed) return <NoAccess what="viewing billing" />;
  await prefetch(trpc.bankTransfers.proofs.list.queryOptions(transferProofsListInput(listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <TransferProofsView canManage={can("billing:manage")} timeZone={company.timeZone} currency={company.currency} />
      </Suspense>
    </HydrateClient>
  );
}
