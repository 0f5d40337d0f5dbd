import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { CustomersView } from "@/components/console/customers/customers-view";
import { customersListInput } from "@/components/console/customers/list-query";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { company, allowed, can } = await requireStaff("customers:read");
  if (!allowed) return <NoAccess what="viewing customers" />;
  await prefetch(
    trpc.customers.list.queryOptions(customersListInput(listParams(await searchParams))),
    trpc.customers.tags.queryOptions(),
  );
  return (
    <HydrateClient>
      <Suspense>
        <CustomersView
          timeZone={company.timeZone}
          canCreate={can("customers:create")}
          canImport={can("customers:import")}
          canExport={can("customers:export")}
        />
      </Suspense>
    </HydrateClient>
  );
}
