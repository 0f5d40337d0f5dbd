import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { TOP_UP_OPTIONS_INPUT } from "@/components/console/billing/top-ups-query";
import { TopUpsView } from "@/components/console/billing/top-ups-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Data top-ups" };

export default async function TopUpsPage() {
  const { company, allowed, can } = await requireStaff("billing:read");
  if (!allowed) return <NoAccess what="viewing billing" />;
  await prefetch(trpc.dataCaps.options.list.queryOptions(TOP_UP_OPTIONS_INPUT));
  return (
    <HydrateClient>
      <TopUpsView currency={company.currency} canManage={can("billing:manage")} />
    </HydrateClient>
  );
}
