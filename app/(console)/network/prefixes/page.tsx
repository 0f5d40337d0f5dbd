import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { prefixesListInput } from "@/components/console/ipam/list-query";
import { PrefixesView } from "@/components/console/ipam/prefixes-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Prefixes" };

export default async function Page({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { allowed, can } = await requireStaff("network:read");
  if (!allowed) return <NoAccess what="viewing IP address management" />;
  await prefetch(trpc.ipam.prefixes.list.queryOptions(prefixesListInput(listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <PrefixesView canManage={can("network:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
