import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { arrangementsListInput } from "@/components/console/billing/arrangements-query";
import { DunningView } from "@/components/console/billing/dunning-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Dunning" };

export default async function DunningPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { allowed, can, company } = await requireStaff("billing:read");
  if (!allowed) return <NoAccess what="viewing billing" />;
  await prefetch(
    trpc.dunning.settings.get.queryOptions(),
    trpc.dunning.arrangements.list.queryOptions(arrangementsListInput(listParams(await searchParams))),
  );
  return (
    <HydrateClient>
      <Suspense>
        <DunningView canManage={can("billing:manage")} timeZone={company.timeZone} />
      </Suspense>
    </HydrateClient>
  );
}
