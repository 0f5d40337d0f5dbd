import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { PrefixView } from "@/components/console/ipam/prefix-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Prefix" };

export default async function PrefixPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { company, allowed, can }] = await Promise.all([params, requireStaff("network:read")]);
  if (!allowed) return <NoAccess what="viewing IP address management" />;
  await prefetch(trpc.ipam.prefixes.get.queryOptions({ id }));
  return (
    <HydrateClient>
      <Suspense>
        <PrefixView id={id} timeZone={company.timeZone} canManage={can("network:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
