import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { TicketView } from "@/components/console/tickets/ticket-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Ticket" };

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company, viewer, allowed, can } = await requireStaff("tickets:read");
  if (!allowed) return <NoAccess what="support tickets" />;
  await prefetch(
    trpc.tickets.get.queryOptions({ id }),
    trpc.tickets.options.queryOptions(),
    can("tickets:reply") && trpc.tickets.canned.list.queryOptions({}),
    can("work_orders:read") &&
      trpc.workOrders.list.queryOptions({ ticketId: id, pageSize: 10, sort: "windowStart", direction: "asc" }),
  );
  return (
    <HydrateClient>
      <TicketView
        id={id}
        timeZone={company.timeZone}
        companyName={company.name}
        me={{ id: viewer.userId, name: viewer.name }}
        canReply={can("tickets:reply")}
        canNote={can("tickets:internal_notes")}
        canManage={can("tickets:manage")}
        canSeeWork={can("work_orders:read")}
        canScheduleWork={can("work_orders:manage")}
        canSeeSessions={can("online_sessions:read")}
        canDisconnect={can("online_sessions:disconnect")}
      />
    </HydrateClient>
  );
}
