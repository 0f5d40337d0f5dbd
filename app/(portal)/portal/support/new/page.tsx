import type { Metadata } from "next";
import { requireCustomer } from "@/server/auth/guards";
import { OutageBanner } from "@/components/portal/outage-banner";
import { NewTicketForm } from "@/components/portal/support/new-ticket-form";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Open a ticket" };

export default async function NewTicketPage() {
  await requireCustomer();
  await prefetch(trpc.outages.portal.current.queryOptions());
  return (
    <div className="space-y-4">
      <HydrateClient>
        <OutageBanner beforeTicket />
      </HydrateClient>
      <NewTicketForm />
    </div>
  );
}
