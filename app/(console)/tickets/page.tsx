import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { TicketsView } from "@/components/console/tickets/tickets-view";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage() {
  const { viewer, allowed } = await requireStaff("tickets:read");
  if (!allowed) return <NoAccess what="support tickets" />;
  const can = (p: Parameters<typeof viewer.permissions.includes>[0]) => viewer.permissions.includes(p);
  return (
    <Suspense>
      <TicketsView
        canCreate={can("tickets:create")}
        canConfigure={can("ticket_categories:manage") || can("canned_responses:manage")}
      />
    </Suspense>
  );
}
