"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { MonitorDot, Plus, Siren } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { OUTAGE_STATUS_LABELS, OUTAGE_STATUSES } from "@/server/modules/outages/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { formatDateTime } from "../format";
import type { RouterOutputs } from "../types";
import { outagesListInput } from "./list-query";
import { OpenOutageDialog } from "./open-outage-dialog";
import { OutagePolicyDialog } from "./policy-dialog";
import { OutageStatusBadge } from "./status";

type Row = RouterOutputs["outages"]["list"]["rows"][number];

export function OutagesView({ canManage, timeZone }: { canManage: boolean; timeZone: string }) {
  const trpc = useTRPC();
  const list = useListUrl(["status"]);
  const input = outagesListInput(list);
  const query = useQuery(trpc.outages.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const [opening, setOpening] = React.useState(false);
  const [policy, setPolicy] = React.useState(false);

  const columns: Columns<Row> = [
    {
      label: "Outage",
      cell: (o) => (
        <>
          <Link href={`/network/outages/${o.id}`} className="font-medium underline-offset-4 hover:underline">
            {o.label} · {o.title}
          </Link>
          <div className="text-xs text-muted-foreground">
            {o.device?.name ?? o.site?.name ?? "—"} ·{" "}
            {o.source === "AUTOMATIC" ? "opened by the poller" : "opened by staff"}
          </div>
        </>
      ),
    },
    { label: "Status", cell: (o) => <OutageStatusBadge status={o.status} /> },
    {
      label: "Started",
      className: "hidden md:table-cell",
      cellClassName: "text-muted-foreground",
      cell: (o) => formatDateTime(o.startedAt, timeZone),
    },
    {
      label: "Resolved",
      className: "hidden lg:table-cell",
      cellClassName: "text-muted-foreground",
      cell: (o) => formatDateTime(o.resolvedAt, timeZone),
    },
    { label: "Customers", className: "text-right", cellClassName: "tabular-nums", cell: (o) => o.affected },
    {
      label: "Tickets",
      className: "hidden sm:table-cell text-right",
      cellClassName: "tabular-nums",
      cell: (o) => o.tickets,
    },
  ];
  const openButton = canManage ? (
    <Button onClick={() => setOpening(true)}>
      <Plus aria-hidden />
      Open outage
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Outages"
        description="Opened by the poller when a device stops answering (after the hold-down), or by staff; the customers behind it are listed and told."
        actions={
          <div className="flex gap-2">
            <Button asChild variant="outline">
              <Link href="/network/board">
                <MonitorDot aria-hidden />
                Device board
              </Link>
            </Button>
            {canManage ? (
              <Button variant="outline" onClick={() => setPolicy(true)}>
                Policy
              </Button>
            ) : null}
            {openButton}
          </div>
        }
      />
      <DataList
        query={query}
        data={query.data}
        noun={["outage", "outages"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="outages-search"
              label="Search outages"
              placeholder="Title, device, site or OUT-number"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="outages-status"
              label="Status"
              allLabel="All statuses"
              value={input.status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(OUTAGE_STATUSES, OUTAGE_STATUS_LABELS)}
              className="sm:w-44"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(o) => o.id}
        empty={{
          icon: <Siren />,
          title: "No outages",
          description: canManage
            ? "When a device stops answering the poller, an outage opens here by itself. Open one yourself for planned work or a cut you were told about."
            : "When a device stops answering the poller, an outage opens here by itself.",
          action: openButton ?? undefined,
        }}
        noMatch={
          list.filtered && {
            title: "No outages match",
            description: "Try another search or status.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {canManage ? <OpenOutageDialog open={opening} onOpenChange={setOpening} /> : null}
      {canManage ? <OutagePolicyDialog open={policy} onOpenChange={setPolicy} /> : null}
    </>
  );
}
