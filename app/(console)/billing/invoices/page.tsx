import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { invoicesListInput } from "@/components/console/billing/list-query";
import { InvoicesView } from "@/components/console/billing/invoices-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Invoices" };

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { allowed, can } = await requireStaff("billing:read");
  if (!allowed) return <NoAccess what="viewing billing" />;
  await prefetch(trpc.billing.invoices.list.queryOptions(invoicesListInput(listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <InvoicesView canManage={can("billing:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
