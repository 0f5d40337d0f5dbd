import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { TicketSettingsView } from "@/components/console/tickets/settings-view";

export const metadata: Metadata = { title: "Ticket categories & canned responses" };

export default async function TicketSettingsPage() {
  const { can } = await requireStaff();
  const canCategories = can("ticket_categories:manage");
  const canCanned = can("canned_responses:manage");
  if (!canCategories && !canCanned) return <NoAccess what="managing ticket categories and canned responses" />;
  return <TicketSettingsView canCategories={canCategories} canCanned={canCanned} />;
}
