import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { leadsListInput } from "@/components/console/leads/list-query";
import { LeadsView } from "@/components/console/leads/leads-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { company, viewer, allowed, can } = await requireStaff("leads:read");
  if (!allowed) return <NoAccess what="viewing leads" />;
  await prefetch(
    trpc.leads.list.queryOptions(leadsListInput(listParams(await searchParams))),
    trpc.leads.options.queryOptions(),
    trpc.leads.followUpsDue.queryOptions(),
    trpc.leads.conversionRates.queryOptions(),
  );
  return (
    <HydrateClient>
      <Suspense>
        <LeadsView timeZone={company.timeZone} viewerId={viewer.userId} canManage={can("leads:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
