import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { packagesListInput } from "@/components/console/packages/list-query";
import { PackagesView } from "@/components/console/packages/packages-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Packages" };

export default async function PackagesPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { company, allowed, can } = await requireStaff("packages:read");
  if (!allowed) return <NoAccess what="viewing packages" />;
  await prefetch(trpc.packages.list.queryOptions(packagesListInput(listParams(await searchParams))));
  return (
    <HydrateClient>
      <Suspense>
        <PackagesView currency={company.currency} canManage={can("packages:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
