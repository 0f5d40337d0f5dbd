import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { InvoiceDetailView } from "@/components/console/billing/invoice-detail";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Invoice" };

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { allowed, can, company } = await requireStaff("billing:read");
  if (!allowed) return <NoAccess what="viewing billing" />;
  await prefetch(trpc.billing.invoices.get.queryOptions({ id }));
  await prefetch(trpc.billing.creditNotes.list.queryOptions({ invoiceId: id }));
  return (
    <HydrateClient>
      <InvoiceDetailView id={id} canManage={can("billing:manage")} timeZone={company.timeZone} />
    </HydrateClient>
  );
}
