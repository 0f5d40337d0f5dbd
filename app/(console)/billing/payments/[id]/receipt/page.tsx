import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { PaymentReceipt } from "@/components/console/billing/payment-receipt";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Receipt" };

export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company, allowed } = await requireStaff("billing:read");
  if (!allowed) return <NoAccess what="viewing billing" />;
  await prefetch(trpc.payments.get.queryOptions({ id }));
  return (
    <HydrateClient>
      <PaymentReceipt id={id} companyName={company.name} timeZone={company.timeZone} />
    </HydrateClient>
  );
}
