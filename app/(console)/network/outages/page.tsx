import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { outagesListInput } from "@/components/console/outages/list-query";
import { OutagesView } from "@/components/console/outages/outages-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Outages" };

export default async function Page({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { allowed, can, company } = await requireStaff("outages:read");
  if (!allowed) return <NoAccess what="viewing outages" />;
  await prefetch(trpc.outages.list.queryOptions(outagesListInput(listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <OutagesView canManage={can("outages:manage")} timeZone={company.timeZone} />
      </Suspense>
    </HydrateClient>
  );
}
