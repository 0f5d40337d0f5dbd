import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { paymentsListInput } from "@/components/console/billing/payments-list-query";
import { PaymentsView } from "@/components/console/billing/payments-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Payments" };

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { company, allowed, can } = await requireStaff("billing:read");
  if (!allowed) return <NoAccess what="viewing billing" />;
  await prefetch(trpc.payments.list.queryOptions(paymentsListInput(listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <PaymentsView canManage={can("billing:manage")} timeZone={company.timeZone} currency={company.currency} />
      </Suspense>
    </HydrateClient>
  );
}
