"use client";

import * as React from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { LifeBuoy, Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { QueryError } from "../errors";
import { formatDate } from "../format";
import { PriorityBadge, TicketStatusBadge } from "./badges";
import { NewTicketDialog } from "./new-ticket-dialog";
import { SlaClockCompact } from "./sla-clock";

/** The customer page's Tickets card: their tickets, newest first, and "New ticket" for them. */
export function CustomerTickets({
  customerId,
  timeZone,
  canCreate,
}: {
  customerId: string;
  timeZone: string;
  canCreate: boolean;
}) {
  const trpc = useTRPC();
  const query = useQuery(trpc.tickets.forCustomer.queryOptions({ customerId }));
  const customer = useQuery(trpc.customers.get.queryOptions({ id: customerId }));
  const [creating, setCreating] = React.useState(false);
  const open = query.data?.rows.filter((t) => !["RESOLVED", "CLOSED"].includes(t.status)).length ?? 0;
  return (
    <Card id="customer-tickets">
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Tickets</CardTitle>
          <CardDescription>
            {query.data ? `${query.data.total} in all, ${open} open` : "Support tickets of this customer."}
          </CardDescription>
        </div>
        {canCreate && customer.data ? (
          <Button variant="outline" size="sm" onClick={() => setCreating(true)}>
            <Plus aria-hidden />
            New ticket
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {query.isError ? (
          <QueryError title="Could not load the tickets" error={query.error} onRetry={() => query.refetch()} />
        ) : null}
        {!query.data && !query.isError ? <Skeleton className="h-20 w-full" /> : null}
        {query.data && query.data.rows.length === 0 ? (
          <EmptyState
            icon={<LifeBuoy />}
            title="No tickets"
            description="Problems this customer reports, in the portal or to your team, will be listed here."
          />
        ) : null}
        {query.data?.rows.length ? (
          <ul className="divide-y rounded-md border" aria-label="Tickets of this customer">
            {query.data.rows.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                <Link href={`/tickets/${t.id}`} className="font-mono text-xs text-primary hover:underline">
                  {t.numberLabel}
                </Link>
                <Link href={`/tickets/${t.id}`} className="min-w-0 flex-1 truncate font-medium hover:underline">
                  {t.subject}
                </Link>
                <TicketStatusBadge status={t.status} />
                <PriorityBadge priority={t.priority} />
                <SlaClockCompact clock={t.status === "RESOLVED" || t.status === "CLOSED" ? null : t.clock} />
                <span className="text-xs text-muted-foreground">{formatDate(t.createdAt, timeZone)}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </CardContent>
      {canCreate && customer.data ? (
        <NewTicketDialog
          open={creating}
          onOpenChange={setCreating}
          customer={{
            id: customer.data.id,
            displayName: customer.data.displayName,
            accountNo: customer.data.accountNo,
          }}
        />
      ) : null}
    </Card>
  );
}
