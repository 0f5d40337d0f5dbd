import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { PoliciesView } from "@/components/console/packages/policies-view";
import { policiesListInput } from "@/components/console/packages/policies-query";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Bandwidth policies" };

export default async function BandwidthPoliciesPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { allowed, can } = await requireStaff("packages:read");
  if (!allowed) return <NoAccess what="viewing packages" />;
  await prefetch(trpc.bandwidth.policies.list.queryOptions(policiesListInput(listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <PoliciesView canManage={can("packages:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
