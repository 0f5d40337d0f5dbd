import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { DeviceBoard } from "@/components/console/outages/device-board";
import { boardInput } from "@/components/console/outages/list-query";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Device board" };

export default async function Page({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { allowed, company } = await requireStaff("outages:read");
  if (!allowed) return <NoAccess what="viewing the device board" />;
  await prefetch(trpc.outages.board.queryOptions(boardInput(listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <DeviceBoard timeZone={company.timeZone} />
      </Suspense>
    </HydrateClient>
  );
}
