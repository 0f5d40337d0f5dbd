import type { Metadata } from "next";
import { requireCustomer } from "@/server/auth/guards";
import { NewTicketForm } from "@/components/portal/support/new-ticket-form";

export const metadata: Metadata = { title: "Open a ticket" };

export default async function NewTicketPage() {
  await requireCustomer();
  return <NewTicketForm />;
}
