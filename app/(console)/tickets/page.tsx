import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { ticketsListInput } from "@/components/console/tickets/list-query";
import { TicketsView } from "@/components/console/tickets/tickets-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { allowed, can } = await requireStaff("tickets:read");
  if (!allowed) return <NoAccess what="support tickets" />;
  await prefetch(
    trpc.tickets.list.queryOptions(ticketsListInput(listParams(await searchParams))),
    trpc.tickets.options.queryOptions(),
  );
  return (
    <HydrateClient>
      <Suspense>
        <TicketsView
          canCreate={can("tickets:create")}
          canConfigure={can("ticket_categories:manage") || can("canned_responses:manage")}
        />
      </Suspense>
    </HydrateClient>
  );
}
