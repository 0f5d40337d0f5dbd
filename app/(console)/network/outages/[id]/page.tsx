import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { OutageView } from "@/components/console/outages/outage-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Outage" };

export default async function OutagePage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { company, allowed, can }] = await Promise.all([params, requireStaff("outages:read")]);
  if (!allowed) return <NoAccess what="viewing outages" />;
  await prefetch(trpc.outages.get.queryOptions({ id }));
  return (
    <HydrateClient>
      <Suspense>
        <OutageView id={id} timeZone={company.timeZone} currency={company.currency} canManage={can("outages:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
