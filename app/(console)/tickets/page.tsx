import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { TicketsView } from "@/components/console/tickets/tickets-view";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage() {
  const { allowed, can } = await requireStaff("tickets:read");
  if (!allowed) return <NoAccess what="support tickets" />;
  return (
    <Suspense>
      <TicketsView
        canCreate={can("tickets:create")}
        canConfigure={can("ticket_categories:manage") || can("canned_responses:manage")}
      />
    </Suspense>
  );
}
