import type { Metadata } from "next";
import { requireCustomer } from "@/server/auth/guards";
import { PortalTicketDetail } from "@/components/portal/support/ticket-detail";

export const metadata: Metadata = { title: "Ticket" };

export default async function PortalTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company } = await requireCustomer();
  return <PortalTicketDetail id={id} timeZone={company.timeZone} />;
}
