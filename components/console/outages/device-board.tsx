"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { MonitorDot } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { REACHABILITIES, REACHABILITY_LABELS } from "@/server/modules/outages/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { formatDateTime } from "../format";
import { ROLE_LABELS } from "../network/status";
import type { RouterOutputs } from "../types";
import { boardInput } from "./list-query";
import { ReachabilityBadge } from "./status";

type Row = RouterOutputs["outages"]["board"]["rows"][number];

/** Every device with what the poller last saw: up or down, when last seen, the outage it is in. */
export function DeviceBoard({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const list = useListUrl(["status"]);
  const input = boardInput(list);
  // The poller reports every few minutes; the board follows without a reload.
  const query = useQuery(
    trpc.outages.board.queryOptions(input, { placeholderData: keepPreviousData, refetchInterval: 30_000 }),
  );
  const columns: Columns<Row> = [
    {
      label: "Device",
      cell: (d) => (
        <>
          <Link href={`/network/devices/${d.id}`} className="font-medium underline-offset-4 hover:underline">
            {d.name}
          </Link>
          <div className="text-xs text-muted-foreground">
            {ROLE_LABELS[d.role]}
            {d.siteName ? ` · ${d.siteName}` : ""}
          </div>
        </>
      ),
    },
    { label: "Status", cell: (d) => <ReachabilityBadge status={d.status} /> },
    {
      label: "Last seen",
      className: "hidden md:table-cell",
      cellClassName: "text-muted-foreground",
      cell: (d) => formatDateTime(d.lastSeenAt, timeZone, "Never"),
    },
    {
      label: "Missed polls",
      className: "hidden sm:table-cell text-right",
      cellClassName: "tabular-nums",
      cell: (d) => d.misses,
    },
    {
      label: "Latency",
      className: "hidden lg:table-cell text-right",
      cellClassName: "tabular-nums text-muted-foreground",
      cell: (d) => (d.latencyMs === null ? "—" : `${d.latencyMs.toFixed(1)} ms`),
    },
    {
      label: "Open outage",
      cell: (d) =>
        d.outage ? (
          <Link href={`/network/outages/${d.outage.id}`} className="underline-offset-4 hover:underline">
            {d.outage.label}
          </Link>
        ) : (
          "—"
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title="Device board"
        description="Every device as the poller last saw it. A device is down after the company's hold-down of missed polls; then an outage opens."
        actions={
          <Button asChild variant="outline">
            <Link href="/network/outages">Outages</Link>
          </Button>
        }
      />
      <DataList
        query={query}
        data={query.data}
        noun={["device", "devices"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="board-search"
              label="Search devices"
              placeholder="Device name"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="board-status"
              label="Status"
              allLabel="All statuses"
              value={input.status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(REACHABILITIES, REACHABILITY_LABELS)}
              className="sm:w-44"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(d) => d.id}
        empty={{
          icon: <MonitorDot />,
          title: "No devices to watch",
          description: "Add the company's equipment under Devices; the poller reports on each of them here.",
          action: (
            <Button asChild variant="outline">
              <Link href="/network/devices">Devices</Link>
            </Button>
          ),
        }}
        noMatch={
          list.filtered && {
            title: "No devices match",
            description: "Try another search or status.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
    </>
  );
}
