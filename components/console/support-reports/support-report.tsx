"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartColumn, Download, Star } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ChartCard } from "@/components/console/chart-card";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { PRIORITY_LABELS } from "@/server/modules/sla/schema";
import { formatDuration } from "@/server/modules/sla/view";
import { addDays, reportRangeSchema } from "@/server/modules/support-reports/schema";
import type { SupportOverview } from "@/server/modules/support-reports/service";
import { errorMessage, QueryError } from "../errors";
import { formatDate, formatDateTime } from "../format";
import { useUrlState } from "../use-url-state";

// Reports → Support: the week's (or any range's) SLA compliance, speed, workload and
// satisfaction, for the end-of-week review. The range lives in the URL (?from=&to=).

const pctText = (v: number | null) => (v === null ? "—" : `${v}%`);
const durText = (sec: number | null) => (sec === null ? "—" : formatDuration(sec));

export function SupportReport({ today }: { today: string }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const from = url.get("from") ?? addDays(today, -29);
  const to = url.get("to") ?? today;
  const valid = reportRangeSchema.safeParse({ from, to });
  const query = useQuery({
    ...trpc.supportReports.overview.queryOptions({ from, to }),
    enabled: valid.success,
    placeholderData: keepPreviousData,
  });

  return (
    <div className="grid gap-6">
      <RangePicker
        from={from}
        to={to}
        today={today}
        onChange={(r) => url.set(r)}
        error={valid.success ? null : valid.error.issues[0]?.message}
      />
      {query.isError ? (
        <QueryError title="Could not load the report" error={query.error} onRetry={() => query.refetch()} />
      ) : !query.data ? (
        <div className="grid gap-6" aria-busy="true" aria-label="Loading the report">
          <Skeleton className="h-28 w-full" />
          <Skeleton className="h-72 w-full" />
        </div>
      ) : (
        <Report data={query.data} />
      )}
    </div>
  );
}

function RangePicker({
  from,
  to,
  today,
  onChange,
  error,
}: {
  from: string;
  to: string;
  today: string;
  onChange: (r: { from: string; to: string }) => void;
  error: string | null | undefined;
}) {
  const presets: [string, { from: string; to: string }][] = [
    ["Last 7 days", { from: addDays(today, -6), to: today }],
    ["Last 30 days", { from: addDays(today, -29), to: today }],
    ["Last 90 days", { from: addDays(today, -89), to: today }],
  ];
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor="report-from">From</Label>
        <Input
          id="report-from"
          type="date"
          className="w-40"
          value={from}
          max={to}
          onChange={(e) => e.target.value && onChange({ from: e.target.value, to })}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="report-to">To</Label>
        <Input
          id="report-to"
          type="date"
          className="w-40"
          value={to}
          min={from}
          onChange={(e) => e.target.value && onChange({ from, to: e.target.value })}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        {presets.map(([label, r]) => (
          <Button
            key={label}
            variant={r.from === from && r.to === to ? "secondary" : "outline"}
            size="sm"
            onClick={() => onChange(r)}
          >
            {label}
          </Button>
        ))}
      </div>
      {error ? (
        <p role="alert" className="w-full text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card>
      <CardContent className="p-4">
        <p className="text-sm text-muted-foreground">{label}</p>
        <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
        {hint ? <p className="mt-1 text-xs text-muted-foreground">{hint}</p> : null}
      </CardContent>
    </Card>
  );
}

function Report({ data }: { data: SupportOverview }) {
  const { compliance, performance, technicians, csat, range } = data;
  const fromText = formatDate(`${range.from}T12:00:00Z`, "UTC");
  const toText = formatDate(`${range.to}T12:00:00Z`, "UTC");
  const period = `${fromText} – ${toText}`;
  if (performance.tickets === 0 && technicians.every((t) => t.resolved === 0) && csat.rated === 0) {
    return (
      <EmptyState
        icon={<ChartColumn aria-hidden />}
        title="No tickets in this period"
        description={`Nothing was created, resolved or rated from ${fromText} to ${toText}. Choose a longer range, or log customers' issues as tickets so their response and resolution times are measured here.`}
        action={
          <Button asChild variant="outline">
            <Link href="/tickets">Open the ticket queue</Link>
          </Button>
        }
      />
    );
  }
  const o = compliance.overall;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Response SLA met"
          value={pctText(o.responsePct)}
          hint={`${o.responseMet} met, ${o.responseBreached} breached of ${o.tickets} tickets`}
        />
        <Stat
          label="Resolution SLA met"
          value={pctText(o.resolutionPct)}
          hint={`${o.resolutionMet} met, ${o.resolutionBreached} breached`}
        />
        <Stat
          label="First response"
          value={durText(performance.firstResponse.medianSec)}
          hint={`median; average ${durText(performance.firstResponse.avgSec)} over ${performance.firstResponse.count}`}
        />
        <Stat
          label="Resolution time"
          value={durText(performance.resolution.medianSec)}
          hint={`median; average ${durText(performance.resolution.avgSec)} over ${performance.resolution.count}`}
        />
        <Stat
          label="Reopen rate"
          value={pctText(performance.reopen.ratePct)}
          hint={`${performance.reopen.reopened} of ${performance.reopen.resolved} resolved tickets reopened`}
        />
        <Stat
          label="Customer satisfaction"
          value={csat.average === null ? "—" : `${csat.average.toFixed(1)} / 5`}
          hint={`${csat.rated} rating${csat.rated === 1 ? "" : "s"}`}
        />
        <Stat label="Tickets created" value={String(performance.tickets)} hint={period} />
        <Stat
          label="Open now (assigned)"
          value={String(technicians.reduce((s, t) => s + t.open, 0))}
          hint="across all technicians"
        />
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <ComplianceChart
          rows={compliance.byPriority.map((r) => ({
            ...r,
            label: PRIORITY_LABELS[r.key as keyof typeof PRIORITY_LABELS] ?? r.label,
          }))}
        />
        <VolumeChart days={data.perDay} timeZone={range.timeZone} />
      </div>

      <Card>
        <CardHeader>
          <CardTitle>SLA compliance by category</CardTitle>
        </CardHeader>
        <CardContent>
          {compliance.byCategory.length === 0 ? (
            <p className="text-sm text-muted-foreground">No tickets were created in this period.</p>
          ) : (
            <div className="overflow-x-auto">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Category</TableHead>
                    <TableHead className="text-right">Tickets</TableHead>
                    <TableHead className="text-right">Response met</TableHead>
                    <TableHead className="text-right">Resolution met</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {compliance.byCategory.map((c) => (
                    <TableRow key={c.key}>
                      <TableCell className="font-medium">{c.label}</TableCell>
                      <TableCell className="text-right tabular-nums">{c.tickets}</TableCell>
                      <TableCell className="text-right tabular-nums">{pctText(c.responsePct)}</TableCell>
                      <TableCell className="text-right tabular-nums">{pctText(c.resolutionPct)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </CardContent>
      </Card>

      <TechnicianTable rows={technicians} range={range} />

      <div className="grid gap-6 lg:grid-cols-2">
        <CsatChart rated={csat.rated} distribution={csat.distribution} />
        <Card>
          <CardHeader>
            <CardTitle>Recent comments</CardTitle>
          </CardHeader>
          <CardContent>
            {csat.comments.length === 0 ? (
              <p className="text-sm text-muted-foreground">No written comments in this period.</p>
            ) : (
              <ul className="grid gap-3">
                {csat.comments.map((c) => (
                  <li key={c.ticketId} className="rounded-lg border p-3 text-sm">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span className="flex items-center gap-0.5" aria-label={`${c.rating} out of 5`}>
                        {[1, 2, 3, 4, 5].map((n) => (
                          <Star
                            key={n}
                            aria-hidden
                            className={
                              n <= c.rating
                                ? "size-3.5 fill-amber-400 text-amber-400"
                                : "size-3.5 text-muted-foreground/40"
                            }
                          />
                        ))}
                      </span>
                      <span className="text-xs text-muted-foreground">{formatDateTime(c.at, range.timeZone)}</span>
                    </div>
                    <p className="mt-1.5">“{c.comment}”</p>
                    <p className="mt-1 text-xs text-muted-foreground">
                      <Link href={`/tickets/${c.ticketId}`} className="underline-offset-2 hover:underline">
                        #{c.number} {c.subject}
                      </Link>
                      {c.customer ? ` · ${c.customer}` : null}
                      {c.technician ? ` · handled by ${c.technician}` : null}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}

function ComplianceChart({
  rows,
}: {
  rows: { label: string; responsePct: number | null; resolutionPct: number | null; tickets: number }[];
}) {
  const data = rows.map((r) => ({ name: r.label, Response: r.responsePct, Resolution: r.resolutionPct }));
  return (
    <ChartCard
      title="SLA compliance by priority"
      description="Share of tickets created in the period that met their targets. Clocks still running are not counted yet."
      label={`SLA met by priority: ${rows.map((r) => `${r.label} response ${pctText(r.responsePct)}, resolution ${pctText(r.resolutionPct)}`).join("; ")}`}
    >
      <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 11 }} />
        <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} unit="%" width={52} />
        <Tooltip formatter={(v) => (v === null || v === undefined ? "no finished clocks" : `${v}%`)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="Response" fill="var(--color-primary)" radius={[3, 3, 0, 0]} />
        <Bar dataKey="Resolution" fill="var(--color-success)" radius={[3, 3, 0, 0]} />
      </BarChart>
    </ChartCard>
  );
}

function VolumeChart({ days, timeZone }: { days: SupportOverview["perDay"]; timeZone: string }) {
  const data = days.map((d) => ({ day: d.day.slice(5), Created: d.created, Resolved: d.resolved }));
  return (
    <ChartCard
      title="Tickets per day"
      description={`Created and resolved, in ${timeZone} time.`}
      label={`Tickets created and resolved per day: ${days.reduce((s, d) => s + d.created, 0)} created, ${days.reduce((s, d) => s + d.resolved, 0)} resolved`}
    >
      <LineChart data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={16} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line type="linear" dataKey="Created" stroke="var(--color-primary)" strokeWidth={2} dot={false} />
        <Line type="linear" dataKey="Resolved" stroke="var(--color-success)" strokeWidth={2} dot={false} />
      </LineChart>
    </ChartCard>
  );
}

function CsatChart({ rated, distribution }: { rated: number; distribution: SupportOverview["csat"]["distribution"] }) {
  const data = distribution.map((d) => ({ rating: `${d.rating}★`, Ratings: d.count }));
  return (
    <ChartCard
      title="Satisfaction ratings"
      description="Ratings customers gave in the period (1 = poor, 5 = excellent)."
      label={`Ratings: ${distribution.map((d) => `${d.count} × ${d.rating}`).join(", ")}`}
      height="h-56"
      empty={
        rated === 0 ? "No ratings in this period. Customers are asked to rate a ticket when it is resolved." : undefined
      }
    >
      <BarChart data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="rating" tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
        <Tooltip />
        <Bar dataKey="Ratings" fill="#f59e0b" radius={[3, 3, 0, 0]} />
      </BarChart>
    </ChartCard>
  );
}

function TechnicianTable({ rows, range }: { rows: SupportOverview["technicians"]; range: SupportOverview["range"] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [exporting, setExporting] = React.useState(false);
  async function exportCsv() {
    setExporting(true);
    try {
      const file = await queryClient.fetchQuery(
        trpc.supportReports.technicianCsv.queryOptions({ from: range.from, to: range.to }, { staleTime: 0 }),
      );
      const href = URL.createObjectURL(new Blob([file.csv], { type: "text/csv;charset=utf-8" }));
      const a = Object.assign(document.createElement("a"), { href, download: file.filename });
      a.click();
      URL.revokeObjectURL(href);
      toast({ variant: "success", title: `Exported ${file.rows} technician${file.rows === 1 ? "" : "s"}` });
    } catch (err) {
      toast({ variant: "destructive", title: "Could not export", description: errorMessage(err) });
    } finally {
      setExporting(false);
    }
  }
  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4 space-y-0">
        <div className="space-y-1.5">
          <CardTitle>Tickets per technician</CardTitle>
          <CardDescription>Open tickets now; resolutions, their speed and ratings within the period.</CardDescription>
        </div>
        <Button variant="outline" size="sm" onClick={exportCsv} disabled={exporting || rows.length === 0}>
          <Download aria-hidden />
          {exporting ? "Exporting…" : "Export CSV"}
        </Button>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            Nobody has tickets assigned or resolved in this period. Assign tickets to technicians to see their workload
            here.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Technician</TableHead>
                  <TableHead className="text-right">Open now</TableHead>
                  <TableHead className="text-right">Resolved</TableHead>
                  <TableHead className="text-right">Within target</TableHead>
                  <TableHead className="text-right">Median resolution</TableHead>
                  <TableHead className="text-right">Average resolution</TableHead>
                  <TableHead className="text-right">CSAT</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((t) => (
                  <TableRow key={t.userId}>
                    <TableCell>
                      <span className="font-medium">{t.name}</span>
                      <span className="block text-xs text-muted-foreground">{t.roleLabel}</span>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{t.open}</TableCell>
                    <TableCell className="text-right tabular-nums">{t.resolved}</TableCell>
                    <TableCell className="text-right tabular-nums">{pctText(t.inTargetPct)}</TableCell>
                    <TableCell className="text-right tabular-nums">{durText(t.resolutionMedianSec)}</TableCell>
                    <TableCell className="text-right tabular-nums">{durText(t.resolutionAvgSec)}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {t.csatAverage === null ? "—" : `${t.csatAverage.toFixed(1)} (${t.rated})`}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
