import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { PaymentMethodsView } from "@/components/console/billing/payment-methods-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Payment methods" };

export default async function PaymentMethodsPage() {
  const { allowed } = await requireStaff("billing:manage");
  if (!allowed) return <NoAccess what="changing the payment methods" />;
  await prefetch(trpc.payments.methods.get.queryOptions());
  return (
    <HydrateClient>
      <PaymentMethodsView />
    </HydrateClient>
  );
}
