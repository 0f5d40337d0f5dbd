import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { devicesListInput } from "@/components/console/network/list-query";
import { DevicesView } from "@/components/console/network/devices-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Devices" };

export default async function DevicesPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { allowed, can } = await requireStaff("devices:read");
  if (!allowed) return <NoAccess what="viewing devices" />;
  await prefetch(trpc.devices.list.queryOptions(devicesListInput(listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <DevicesView canManage={can("devices:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
