import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { RECHARGE_BATCHES_INPUT, RechargeBatchesView } from "@/components/console/billing/recharge-batches-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Recharge vouchers" };

export default async function RechargeVouchersPage() {
  const { company, allowed, can } = await requireStaff("billing:read");
  if (!allowed) return <NoAccess what="viewing billing" />;
  await prefetch(trpc.wallet.recharge.batches.queryOptions(RECHARGE_BATCHES_INPUT));
  return (
    <HydrateClient>
      <RechargeBatchesView currency={company.currency} timeZone={company.timeZone} canManage={can("billing:manage")} />
    </HydrateClient>
  );
}
