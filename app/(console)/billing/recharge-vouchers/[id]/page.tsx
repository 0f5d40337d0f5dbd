import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { RechargeCardsView } from "@/components/console/billing/recharge-cards-view";

export const metadata: Metadata = { title: "Recharge voucher cards" };

/** The PINs are money: only billing administrators open them, and each opening is audited. */
export default async function RechargeCardsPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { company, allowed }] = await Promise.all([params, requireStaff("billing:manage")]);
  if (!allowed) return <NoAccess what="printing recharge vouchers" />;
  return <RechargeCardsView batchId={id} currency={company.currency} />;
}
