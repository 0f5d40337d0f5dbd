"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Plus, Wrench } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { KIND_LABELS, STATUS_LABELS, WORK_ORDER_KINDS, WORK_ORDER_SORTS } from "@/server/modules/work-orders/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { STATUS_FILTERS, workOrdersListInput, WORK_ORDERS_SORTING } from "./list-query";
import { formatWindow, KindBadge, WorkOrderStatusBadge, type WorkOrderRow } from "./shared";
import { WorkOrderFormDialog, type WorkOrderSource } from "./work-order-form-dialog";

type Sort = (typeof WORK_ORDER_SORTS)[number];
const STATUS_FILTER_LABELS: Record<(typeof STATUS_FILTERS)[number], string> = {
  open: "Open (not done)",
  ...STATUS_LABELS,
};

export type WorkOrdersViewProps = { timeZone: string; canManage: boolean };

export function WorkOrdersView({ timeZone, canManage }: WorkOrdersViewProps) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "status", "kind", "tech", "from", "to"]);
  const input = workOrdersListInput(list);
  const { status, kind, technicianId, from, to } = input;
  const sorting = list.sorting(WORK_ORDER_SORTS, WORK_ORDERS_SORTING);
  const query = useQuery(trpc.workOrders.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const technicians = useQuery(trpc.workOrders.technicians.queryOptions(undefined, { enabled: canManage }));

  // "?new=1&ticketId=…" (from a ticket) or "&subscriptionId=…" (an installation) opens the dialog prefilled.
  const wantsNew = canManage && list.get("new") === "1";
  const source: WorkOrderSource | null = wantsNew
    ? { ticketId: list.get("ticketId"), subscriptionId: list.get("subscriptionId"), customerId: list.get("customerId") }
    : null;
  const [creating, setCreating] = React.useState(false);
  const open = creating || wantsNew;
  const setOpen = (next: boolean) => {
    setCreating(next);
    if (!next && wantsNew)
      list.url.set({ new: undefined, ticketId: undefined, subscriptionId: undefined, customerId: undefined });
  };

  return (
    <>
      <PageHeader
        title="Work orders"
        description="Installations, repairs, maintenance and site surveys: when, where and who."
        actions={
          canManage ? (
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden />
              New work order
            </Button>
          ) : null
        }
      />

      <DataList
        query={query}
        data={query.data}
        noun={["work order", "work orders"]}
        toolbar={
          <ListToolbar className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
            <SearchBox
              id="wo-search"
              label="Search"
              placeholder="WO-000042, customer, address or title"
              value={list.search}
              onSearch={list.setSearch}
              className="sm:col-span-2 lg:col-span-5"
            />
            <FilterSelect
              id="wo-status"
              label="Status"
              allLabel="All statuses"
              value={status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(STATUS_FILTERS, STATUS_FILTER_LABELS)}
            />
            <FilterSelect
              id="wo-kind"
              label="Kind"
              allLabel="All kinds"
              value={kind}
              onChange={(v) => list.setFilter({ kind: v })}
              options={optionsFrom(WORK_ORDER_KINDS, KIND_LABELS)}
            />
            {canManage ? (
              <FilterSelect
                id="wo-tech"
                label="Technician"
                allLabel="Everyone"
                value={technicianId}
                onChange={(v) => list.setFilter({ tech: v })}
                options={[
                  { value: "none", label: "Not assigned" },
                  ...(technicians.data ?? []).map((t) => ({ value: t.id, label: t.name })),
                ]}
              />
            ) : null}
            <DateFilter id="wo-from" label="From" value={from} onChange={(v) => list.setFilter({ from: v })} />
            <DateFilter id="wo-to" label="To" value={to} onChange={(v) => list.setFilter({ to: v })} />
          </ListToolbar>
        }
        columns={columns(timeZone)}
        rowKey={(w) => w.id}
        sort={sorting}
        skeleton={{ rows: 6, bars: ["h-4 w-24", "h-4 w-56", "hidden h-4 w-40 md:block", "h-5 w-20"] }}
        empty={{
          icon: <Wrench />,
          title: canManage ? "No work orders yet" : "No jobs assigned to you",
          description: canManage
            ? "Schedule an installation or a repair visit; open one from a ticket to start with the customer's details."
            : "Jobs appear here when a dispatcher assigns them to you.",
          action: canManage ? (
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden />
              New work order
            </Button>
          ) : null,
        }}
        noMatch={
          list.filtered && {
            title: "No work orders match",
            description: "Try the number, the customer's name or part of the address, or clear the filters.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />

      {canManage ? (
        <WorkOrderFormDialog open={open} onOpenChange={setOpen} workOrder={null} source={source} timeZone={timeZone} />
      ) : null}
    </>
  );
}

function DateFilter({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} type="date" value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)} />
    </div>
  );
}

function columns(timeZone: string): Columns<WorkOrderRow, Sort> {
  return [
    {
      label: "Number",
      sort: "number",
      cellClassName: "font-mono text-xs whitespace-nowrap",
      cell: (w) => (
        <Link href={`/work-orders/${w.id}`} className="text-primary underline-offset-4 hover:underline">
          {w.numberLabel}
        </Link>
      ),
    },
    {
      label: "Job",
      cell: (w) => (
        <>
          <Link href={`/work-orders/${w.id}`} className="font-medium hover:underline">
            {w.title}
          </Link>
          <div className="mt-1 flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
            <KindBadge kind={w.kind} />
            <span className="max-w-72 truncate">{w.address}</span>
          </div>
        </>
      ),
    },
    {
      label: "When",
      sort: "windowStart",
      cellClassName: "whitespace-nowrap text-sm",
      cell: (w) => formatWindow(w.windowStart, w.windowEnd, timeZone, true),
    },
    {
      label: "Technician",
      className: "hidden md:table-cell",
      cellClassName: "text-sm",
      cell: (w) => w.technician?.name ?? <span className="text-muted-foreground">Not assigned</span>,
    },
    {
      label: "Status",
      sort: "status",
      cell: (w) => (
        <div className="grid gap-1">
          <WorkOrderStatusBadge status={w.status} />
          {w.checklist.length && w.status === "ON_SITE" ? (
            <span className="text-xs text-muted-foreground">
              {w.checklistDone}/{w.checklist.length} done
            </span>
          ) : null}
        </div>
      ),
    },
  ];
}
