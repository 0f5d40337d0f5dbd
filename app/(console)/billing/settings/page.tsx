import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { BillingSettingsView } from "@/components/console/billing/settings-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Billing settings" };

export default async function BillingSettingsPage() {
  const { allowed, can } = await requireStaff("billing:read");
  if (!allowed) return <NoAccess what="viewing billing" />;
  await prefetch(trpc.billing.settings.get.queryOptions(), trpc.billing.taxRates.list.queryOptions());
  return (
    <HydrateClient>
      <BillingSettingsView canManage={can("billing:manage")} />
    </HydrateClient>
  );
}
