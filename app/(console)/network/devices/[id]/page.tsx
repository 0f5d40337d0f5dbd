import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { DeviceView } from "@/components/console/network/device-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Device" };

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { company, allowed, can }] = await Promise.all([params, requireStaff("devices:read")]);
  if (!allowed) return <NoAccess what="viewing devices" />;
  await prefetch(trpc.devices.get.queryOptions({ id }));
  return (
    <HydrateClient>
      <Suspense>
        <DeviceView
          id={id}
          timeZone={company.timeZone}
          canManage={can("devices:manage")}
          canSeeCustomers={can("devices:read_all")}
        />
      </Suspense>
    </HydrateClient>
  );
}
