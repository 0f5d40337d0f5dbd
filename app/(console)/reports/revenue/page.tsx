import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { RevenueReport } from "@/components/console/revenue/revenue-report";
import { revenueRangeInput } from "@/components/console/revenue/range";
import { PageHeader } from "@/components/layout/page-header";
import type { PageSearchParams } from "@/components/console/data-list/list-params";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Revenue" };

export default async function RevenueReportsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { company, allowed } = await requireStaff("billing:read");
  if (!allowed) return <NoAccess what="revenue reports" />;
  const params = await searchParams;
  const input = revenueRangeInput({ get: (key) => (typeof params[key] === "string" ? params[key] : undefined) });
  await Promise.all([
    prefetch(trpc.revenue.overview.queryOptions(input)),
    prefetch(trpc.revenue.taxReport.queryOptions(input)),
  ]);
  return (
    <>
      <PageHeader
        title="Revenue"
        description={`Recurring revenue and its movements, what customers owe, taxes and the accounting export. Months and days are in ${company.timeZone}; amounts in ${company.currency}.`}
      />
      <HydrateClient>
        <Suspense>
          <RevenueReport />
        </Suspense>
      </HydrateClient>
    </>
  );
}
