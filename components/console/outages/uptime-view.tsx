"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Gauge } from "lucide-react";
import { formatMoney } from "@/server/lib/money";
import { wallParts } from "@/server/lib/zone";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DataList, ListToolbar, SearchBox, useListUrl, type Columns } from "../data-list";
import { QueryError } from "../errors";
import { formatDate, zonedDayBoundary } from "../format";
import { ROLE_LABELS } from "../network/status";
import type { RouterOutputs } from "../types";
import { useUrlState } from "../use-url-state";
import { formatAccountNumber } from "@/server/modules/customers/schema";

// Network → Uptime & SLA: over a period on the company's calendar, the devices and the customer
// lines outages took down (uptime against the package's SLA), and the SLA credit report for
// business customers. Uptime comes from the outages (server/modules/outages/uptime.ts).

const RANGES = [
  { key: "month", label: "This month" },
  { key: "last-month", label: "Last month" },
  { key: "30d", label: "Last 30 days" },
  { key: "90d", label: "Last 90 days" },
] as const;
type RangeKey = (typeof RANGES)[number]["key"];

const VIEWS = [
  { key: "devices", label: "Devices" },
  { key: "lines", label: "Customers" },
  { key: "sla", label: "SLA credits" },
] as const;
type ViewKey = (typeof VIEWS)[number]["key"];

/** The range's instants: months are whole months on the company's calendar; "to" is now at most. */
function rangeOf(key: RangeKey, now: number, timeZone: string): { from: Date; to: Date } {
  if (key === "30d" || key === "90d")
    return { from: new Date(now - (key === "30d" ? 30 : 90) * 86_400_000), to: new Date(now) };
  const p = wallParts(now, timeZone);
  const [y, m] = [Number(p.year), Number(p.month)];
  const first = (year: number, month: number) =>
    zonedDayBoundary(`${year}-${String(month).padStart(2, "0")}-01`, timeZone, "start")!;
  const thisMonth = first(y, m);
  if (key === "month") return { from: thisMonth, to: new Date(now) };
  return { from: first(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1), to: thisMonth };
}

const pct = (bps: number | null) => (bps === null ? "—" : `${(bps / 100).toFixed(2)} %`);

function duration(seconds: number): string {
  if (seconds === 0) return "—";
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return [d ? `${d} d` : null, h ? `${h} h` : null, m || (!d && !h) ? `${m} min` : null].filter(Boolean).join(" ");
}

export function UptimeView({ timeZone, currency }: { timeZone: string; currency: string }) {
  const url = useUrlState();
  const [now] = React.useState(() => Math.floor(Date.now() / 60_000) * 60_000);
  const rangeKey = (RANGES.find((r) => r.key === url.get("range"))?.key ?? "month") as RangeKey;
  const view = (VIEWS.find((v) => v.key === url.get("view"))?.key ?? "devices") as ViewKey;
  const range = React.useMemo(() => rangeOf(rangeKey, now, timeZone), [rangeKey, now, timeZone]);
  const periodText = `${formatDate(range.from, timeZone)} – ${formatDate(range.to, timeZone)}`;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap gap-2" role="tablist" aria-label="Uptime of">
          {VIEWS.map((v) => (
            <Button
              key={v.key}
              role="tab"
              aria-selected={v.key === view}
              size="sm"
              variant={v.key === view ? "secondary" : "ghost"}
              onClick={() => url.set({ view: v.key === "devices" ? null : v.key, page: null, q: null })}
            >
              {v.label}
            </Button>
          ))}
        </div>
        <div className="flex flex-wrap gap-2" role="group" aria-label="Period">
          {RANGES.map((r) => (
            <Button
              key={r.key}
              size="sm"
              aria-pressed={r.key === rangeKey}
              variant={r.key === rangeKey ? "secondary" : "outline"}
              onClick={() => url.set({ range: r.key === "month" ? null : r.key, page: null })}
            >
              {r.label}
            </Button>
          ))}
        </div>
      </div>
      <p className="text-sm text-muted-foreground">
        {periodText} ({timeZone}). Down means inside an outage: from its first missed poll (or when staff opened it) to
        its resolution; overlapping outages count once.
      </p>
      {view === "devices" ? (
        <DeviceUptime range={range} />
      ) : view === "lines" ? (
        <LineUptime range={range} />
      ) : (
        <SlaCredits range={range} currency={currency} periodText={periodText} />
      )}
    </div>
  );
}

type DeviceRow = RouterOutputs["outages"]["uptimeByDevice"]["rows"][number];

function DeviceUptime({ range }: { range: { from: Date; to: Date } }) {
  const trpc = useTRPC();
  const list = useListUrl(["q"]);
  const query = useQuery(
    trpc.outages.uptimeByDevice.queryOptions(
      { ...range, page: list.page, pageSize: 25, q: list.search || undefined },
      { placeholderData: keepPreviousData },
    ),
  );
  const columns: Columns<DeviceRow> = [
    {
      label: "Device",
      cell: (d) => (
        <>
          <Link href={`/network/devices/${d.deviceId}`} className="font-medium underline-offset-4 hover:underline">
            {d.name}
          </Link>
          <div className="text-xs text-muted-foreground">
            {ROLE_LABELS[d.role]}
            {d.siteName ? ` · ${d.siteName}` : ""}
          </div>
        </>
      ),
    },
    {
      label: "Uptime",
      className: "text-right",
      cellClassName: "tabular-nums font-medium",
      cell: (d) => pct(d.uptimeBps),
    },
    { label: "Down for", className: "text-right", cellClassName: "tabular-nums", cell: (d) => duration(d.downSeconds) },
    {
      label: "Outages",
      className: "hidden sm:table-cell",
      cell: (d) => (
        <>
          {d.outages} ·{" "}
          <Link href={`/network/outages/${d.lastOutage.id}`} className="underline-offset-4 hover:underline">
            {d.lastOutage.label}
          </Link>
        </>
      ),
    },
  ];
  return (
    <>
      <DataList
        query={query}
        data={query.data}
        noun={["device that was down", "devices that were down"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="uptime-device-search"
              label="Search devices"
              placeholder="Device name"
              value={list.search}
              onSearch={list.setSearch}
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(d) => d.deviceId}
        empty={{
          icon: <Gauge />,
          title: "Every device was up the whole period",
          description:
            "No outage touched a device in this period. Outages open by themselves when a polled device stops answering; choose a longer period to look further back.",
          action: (
            <Button asChild variant="outline">
              <Link href="/network/board">Open the device board</Link>
            </Button>
          ),
        }}
        noMatch={
          list.filtered && {
            title: "No device that was down matches",
            description: "Try another name.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {query.data ? (
        <p className="text-sm text-muted-foreground" data-testid="devices-up-throughout">
          {query.data.upThroughout} other device{query.data.upThroughout === 1 ? "" : "s"} had 100 % uptime.
        </p>
      ) : null}
    </>
  );
}

type LineRow = RouterOutputs["outages"]["serviceQuality"]["rows"][number];

function LineUptime({ range }: { range: { from: Date; to: Date } }) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "below"]);
  const belowSla = useUrlState().get("below") === "1";
  const query = useQuery(
    trpc.outages.serviceQuality.queryOptions(
      { ...range, page: list.page, pageSize: 25, q: list.search || undefined, belowSla },
      { placeholderData: keepPreviousData },
    ),
  );
  const columns: Columns<LineRow> = [
    {
      label: "Customer",
      cell: (r) => (
        <>
          <Link href={`/customers/${r.customerId}`} className="font-medium underline-offset-4 hover:underline">
            {r.customerName}
          </Link>
          <div className="text-xs text-muted-foreground">
            {formatAccountNumber(r.accountNumber)} · {r.packageName}
          </div>
        </>
      ),
    },
    {
      label: "Uptime",
      className: "text-right",
      cellClassName: "tabular-nums font-medium",
      cell: (r) => pct(r.uptimeBps),
    },
    {
      label: "SLA",
      className: "hidden text-right sm:table-cell",
      cellClassName: "tabular-nums",
      cell: (r) => (r.targetBps === null ? "None" : pct(r.targetBps)),
    },
    {
      label: "Verdict",
      cell: (r) =>
        r.met === null ? (
          <span className="text-muted-foreground">No SLA</span>
        ) : r.met ? (
          <Badge variant="success">Met</Badge>
        ) : (
          <Badge variant="destructive">Broken</Badge>
        ),
    },
    {
      label: "Down for",
      className: "hidden text-right md:table-cell",
      cellClassName: "tabular-nums",
      cell: (r) => `${duration(r.downSeconds)} (${r.outages})`,
    },
  ];
  return (
    <>
      <DataList
        query={query}
        data={query.data}
        noun={["line that was down", "lines that were down"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="uptime-line-search"
              label="Search customers"
              placeholder="Name or account number"
              value={list.search}
              onSearch={list.setSearch}
            />
            <Button
              size="sm"
              variant={belowSla ? "secondary" : "outline"}
              aria-pressed={belowSla}
              onClick={() => list.setFilter({ below: belowSla ? undefined : "1" })}
            >
              Only broken SLAs{query.data ? ` (${query.data.belowSla})` : ""}
            </Button>
          </ListToolbar>
        }
        columns={columns}
        rowKey={(r) => r.subscriptionId}
        empty={{
          icon: <Gauge />,
          title: "Every customer line was up the whole period",
          description:
            "No outage took a customer's line down in this period (customers online through an outage count as up). Choose a longer period to look further back.",
        }}
        noMatch={
          list.filtered && {
            title: belowSla ? "No broken SLA in this period" : "No line that was down matches",
            description: belowSla ? "Every line with an SLA got the uptime its package promises." : "Try another name.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {query.data ? (
        <p className="text-sm text-muted-foreground">
          {query.data.upThroughout} other active line{query.data.upThroughout === 1 ? "" : "s"} had 100 % uptime.
        </p>
      ) : null}
    </>
  );
}

function SlaCredits({
  range,
  currency,
  periodText,
}: {
  range: { from: Date; to: Date };
  currency: string;
  periodText: string;
}) {
  const trpc = useTRPC();
  const query = useQuery(trpc.outages.slaReport.queryOptions(range, { placeholderData: keepPreviousData }));
  if (query.isError)
    return <QueryError title="Could not load the SLA report" error={query.error} onRetry={() => query.refetch()} />;
  const rows = query.data;
  if (!rows) return <p className="text-sm text-muted-foreground">Loading…</p>;
  if (rows.length === 0)
    return (
      <EmptyState
        icon={<Gauge aria-hidden />}
        title="No business lines with an SLA"
        description="The report lists business customers whose package promises an uptime. Set “SLA uptime” on a corporate package (Packages), and subscribe a business customer to it."
        action={
          <Button asChild variant="outline">
            <Link href="/packages">Packages</Link>
          </Button>
        }
      />
    );
  const credit = rows.reduce((s, r) => s + r.creditMinor, 0);
  const broken = rows.filter((r) => !r.met).length;
  return (
    <Card>
      <CardHeader>
        <CardTitle>SLA credit report</CardTitle>
        <CardDescription>
          {periodText}: {broken} of {rows.length} business line{rows.length === 1 ? "" : "s"} below the promised uptime;
          credits due {formatMoney(credit, currency)} (the downtime at each line&apos;s price).
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Table aria-label="SLA credit report">
          <TableHeader>
            <TableRow>
              <TableHead>Customer</TableHead>
              <TableHead className="hidden md:table-cell">Package</TableHead>
              <TableHead className="text-right">SLA</TableHead>
              <TableHead className="text-right">Uptime</TableHead>
              <TableHead className="hidden text-right sm:table-cell">Down for</TableHead>
              <TableHead className="text-right">Credit</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.subscriptionId}>
                <TableCell>
                  <Link href={`/customers/${r.customerId}`} className="font-medium underline-offset-4 hover:underline">
                    {r.customerName}
                  </Link>
                  <div className="text-xs text-muted-foreground">{formatAccountNumber(r.accountNumber)}</div>
                </TableCell>
                <TableCell className="hidden text-muted-foreground md:table-cell">{r.packageName}</TableCell>
                <TableCell className="text-right tabular-nums">{pct(r.targetBps)}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {pct(r.uptimeBps)}{" "}
                  {r.met ? <Badge variant="success">Met</Badge> : <Badge variant="destructive">Broken</Badge>}
                </TableCell>
                <TableCell className="hidden text-right tabular-nums sm:table-cell">
                  {duration(r.downSeconds)}
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {r.creditMinor ? formatMoney(r.creditMinor, currency) : "—"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
          <tfoot className="border-t">
            <TableRow>
              <TableCell colSpan={5} className="text-right font-medium">
                Credits due
              </TableCell>
              <TableCell className="text-right font-medium tabular-nums" data-testid="sla-credit-total">
                {formatMoney(credit, currency)}
              </TableCell>
            </TableRow>
          </tfoot>
        </Table>
      </CardContent>
    </Card>
  );
}
