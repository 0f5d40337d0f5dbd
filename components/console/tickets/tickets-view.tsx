"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Inbox, Plus, Settings2 } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import {
  PRIORITY_LABELS,
  STATUS_LABELS,
  TICKET_PRIORITIES,
  TICKET_SORTS,
  TICKET_STATUSES,
} from "@/server/modules/tickets/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { formatRelative } from "../format";
import type { RouterOutputs } from "../types";
import { PriorityBadge, TicketStatusBadge } from "./badges";
import { ticketsListInput, TICKETS_SORTING } from "./list-query";
import { NewTicketDialog } from "./new-ticket-dialog";
import { SlaClockCompact } from "./sla-clock";

type Row = RouterOutputs["tickets"]["list"]["rows"][number];
type Sort = (typeof TICKET_SORTS)[number];
const STATUS_OPTIONS = [
  { value: "open", label: "Open (not resolved)" },
  ...optionsFrom(TICKET_STATUSES, STATUS_LABELS),
];
const SLA_OPTIONS = [
  { value: "breached", label: "Breached" },
  { value: "near_breach", label: "Near breach" },
];

export type TicketsViewProps = { canCreate: boolean; canConfigure: boolean };

/** The support queue: search, filters and sorting on the server, the SLA clock on every row. */
export function TicketsView({ canCreate, canConfigure }: TicketsViewProps) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "status", "priority", "category", "assignee", "sla"]);
  const input = ticketsListInput(list);
  const { status, priority, categoryId, assignee, sla } = input;
  const sorting = list.sorting(TICKET_SORTS, TICKETS_SORTING);
  const options = useQuery(trpc.tickets.options.queryOptions());
  const query = useQuery(
    trpc.tickets.list.queryOptions(
      input,
      // The queue is a live board: clocks move, tickets arrive.
      { placeholderData: keepPreviousData, refetchInterval: 60_000 },
    ),
  );
  const [creating, setCreating] = React.useState(false);
  const readAll = options.data?.readAll ?? true;

  const assigneeOptions = [
    { value: "mine", label: "Assigned to me" },
    ...(readAll
      ? [
          { value: "unassigned", label: "Unassigned" },
          ...(options.data?.staff ?? []).map((s) => ({ value: s.id, label: s.name })),
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="Tickets"
        description={
          readAll
            ? "The support queue: every ticket of the company, with its SLA clock."
            : "Tickets assigned to you or that you watch."
        }
        actions={
          <>
            {canConfigure ? (
              <Button variant="outline" asChild>
                <Link href="/tickets/settings">
                  <Settings2 aria-hidden />
                  Categories & responses
                </Link>
              </Button>
            ) : null}
            {canCreate ? (
              <Button onClick={() => setCreating(true)}>
                <Plus aria-hidden />
                New ticket
              </Button>
            ) : null}
          </>
        }
      />

      <DataList
        query={query}
        data={query.data}
        noun={["ticket", "tickets"]}
        toolbar={
          <ListToolbar className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-[1fr_10rem_9rem_10rem_10rem_9rem]">
            <SearchBox
              id="tickets-search"
              label="Search tickets"
              placeholder="#42, subject, customer name or account"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="tickets-status"
              label="Status"
              allLabel="All statuses"
              value={status}
              onChange={(v) => list.setFilter({ status: v })}
              options={STATUS_OPTIONS}
            />
            <FilterSelect
              id="tickets-priority"
              label="Priority"
              allLabel="All priorities"
              value={priority}
              onChange={(v) => list.setFilter({ priority: v })}
              options={optionsFrom(TICKET_PRIORITIES, PRIORITY_LABELS)}
            />
            <FilterSelect
              id="tickets-category"
              label="Category"
              allLabel="All categories"
              value={categoryId}
              onChange={(v) => list.setFilter({ category: v })}
              options={(options.data?.categories ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
            <FilterSelect
              id="tickets-assignee"
              label="Assignee"
              allLabel="Anyone"
              value={assignee}
              onChange={(v) => list.setFilter({ assignee: v })}
              options={assigneeOptions}
            />
            <FilterSelect
              id="tickets-sla"
              label="SLA"
              allLabel="Any"
              value={sla}
              onChange={(v) => list.setFilter({ sla: v })}
              options={SLA_OPTIONS}
            />
          </ListToolbar>
        }
        columns={COLUMNS}
        rowKey={(t) => t.id}
        sort={sorting}
        rowProps={(t) => ({
          className:
            t.clock?.resolution.breached || t.clock?.response.breached
              ? "bg-destructive/5"
              : t.clock?.nearBreach
                ? "bg-amber-50 dark:bg-amber-950/20"
                : undefined,
        })}
        skeleton={{
          rows: 8,
          bars: ["h-4 w-12", "h-4 w-64", "h-5 w-20", "h-5 w-16", "hidden h-4 w-28 md:block", "h-4 w-24"],
        }}
        empty={{
          icon: <Inbox />,
          title: "No tickets yet",
          description: canCreate
            ? "When customers write in the portal or you open a ticket for a caller, it lands here with its SLA clock."
            : "Tickets assigned to you will be listed here.",
          action: canCreate ? (
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden />
              New ticket
            </Button>
          ) : null,
        }}
        noMatch={
          list.filtered && {
            title: "No tickets match",
            description: "Try the ticket number, a word of the subject or the customer's name, or clear the filters.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />

      {canCreate ? <NewTicketDialog open={creating} onOpenChange={setCreating} /> : null}
    </>
  );
}

const COLUMNS: Columns<Row, Sort> = [
  {
    label: "Ticket",
    sort: "number",
    cellClassName: "font-mono text-xs whitespace-nowrap",
    cell: (t) => (
      <Link href={`/tickets/${t.id}`} className="text-primary underline-offset-4 hover:underline">
        {t.numberLabel}
      </Link>
    ),
  },
  {
    label: "Subject",
    cell: (t) => (
      <div className="min-w-48">
        <Link href={`/tickets/${t.id}`} className="font-medium hover:underline">
          {t.subject}
        </Link>
        <div className="mt-0.5 truncate text-xs text-muted-foreground">
          {t.customer ? `${t.customer.displayName} · ${t.customer.accountNo}` : "No customer"} · {t.category.name}
        </div>
      </div>
    ),
  },
  { label: "Status", sort: "status", cell: (t) => <TicketStatusBadge status={t.status} /> },
  { label: "Priority", sort: "priority", cell: (t) => <PriorityBadge priority={t.priority} /> },
  {
    label: "Assignee",
    className: "hidden md:table-cell",
    cellClassName: "text-sm",
    cell: (t) => t.assignee?.name ?? <span className="text-muted-foreground">Unassigned</span>,
  },
  { label: "SLA", sort: "resolutionDueAt", cell: (t) => <SlaClockCompact clock={t.clock} /> },
  {
    label: "Updated",
    sort: "updatedAt",
    className: "hidden lg:table-cell",
    cellClassName: "whitespace-nowrap text-sm text-muted-foreground",
    cell: (t) => formatRelative(t.updatedAt),
  },
];
