import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { VrfsView } from "@/components/console/ipam/vrfs-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "VRFs" };

export default async function Page() {
  const { allowed, can } = await requireStaff("network:read");
  if (!allowed) return <NoAccess what="viewing IP address management" />;
  await prefetch(trpc.ipam.vrfs.list.queryOptions());
  return (
    <HydrateClient>
      <Suspense>
        <VrfsView canManage={can("network:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
