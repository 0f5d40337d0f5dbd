import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { onlineListInput } from "@/components/console/network/list-query";
import { OnlineSessionsView } from "@/components/console/network/live-sessions";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Online sessions" };

export default async function Page({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { allowed, can } = await requireStaff("online_sessions:read");
  if (!allowed) return <NoAccess what="viewing who is online" />;
  await prefetch(trpc.nas.online.queryOptions(onlineListInput(listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <OnlineSessionsView canDisconnect={can("online_sessions:disconnect")} />
      </Suspense>
    </HydrateClient>
  );
}
