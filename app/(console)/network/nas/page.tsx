import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { nasListInput } from "@/components/console/network/list-query";
import { NasView } from "@/components/console/network/nas-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "NAS" };

export default async function Page({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { allowed, can } = await requireStaff("network:read");
  if (!allowed) return <NoAccess what="viewing the NAS registry" />;
  await prefetch(trpc.nas.list.queryOptions(nasListInput(listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <NasView canManage={can("network:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
