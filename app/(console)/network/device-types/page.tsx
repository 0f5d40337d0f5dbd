import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { deviceTypesListInput } from "@/components/console/network/list-query";
import { DeviceTypesView } from "@/components/console/network/device-types-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Device types" };

export default async function DeviceTypesPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { allowed, can } = await requireStaff("devices:read");
  if (!allowed) return <NoAccess what="viewing device types" />;
  await prefetch(trpc.devices.deviceTypes.queryOptions(deviceTypesListInput(listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <DeviceTypesView canManage={can("devices:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
