import type { Metadata } from "next";
import { requireCustomer } from "@/server/auth/guards";
import { PortalReceipt } from "@/components/portal/payments/receipt";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Receipt" };

export default async function PortalReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company } = await requireCustomer();
  await prefetch(trpc.portal.billing.payment.queryOptions({ id }));
  return (
    <HydrateClient>
      <PortalReceipt id={id} companyName={company.name} timeZone={company.timeZone} />
    </HydrateClient>
  );
}
