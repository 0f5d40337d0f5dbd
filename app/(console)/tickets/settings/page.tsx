import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { TicketSettingsView } from "@/components/console/tickets/settings-view";

export const metadata: Metadata = { title: "Ticket categories & canned responses" };

export default async function TicketSettingsPage() {
  const { viewer } = await requireStaff();
  const canCategories = viewer.permissions.includes("ticket_categories:manage");
  const canCanned = viewer.permissions.includes("canned_responses:manage");
  if (!canCategories && !canCanned) return <NoAccess what="managing ticket categories and canned responses" />;
  return <TicketSettingsView canCategories={canCategories} canCanned={canCanned} />;
}
