import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { PaymentDetailView } from "@/components/console/billing/payment-detail";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Payment" };

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company, allowed, can } = await requireStaff("billing:read");
  if (!allowed) return <NoAccess what="viewing billing" />;
  await prefetch(trpc.payments.get.queryOptions({ id }));
  return (
    <HydrateClient>
      <PaymentDetailView id={id} canManage={can("billing:manage")} timeZone={company.timeZone} />
    </HydrateClient>
  );
}
