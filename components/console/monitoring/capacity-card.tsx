"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CapacityStatus } from "@/server/modules/monitoring/dashboards/capacity";
import { ChartCard } from "../chart-card";
import { QueryError } from "../errors";
import { formatDate } from "../format";
import type { RouterOutputs } from "../types";

// Capacity planning: each uplink's daily peak utilization, its least-squares trend and the date
// the trend reaches 80 % of the link (server/modules/monitoring/dashboards/capacity.ts).

type Uplink = RouterOutputs["monitoring"]["capacity"]["uplinks"][number];

const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)} %`);
const dayText = (iso: string) => formatDate(`${iso}T12:00:00Z`, "UTC");

function outlook(u: Uplink, horizonDays: number): string {
  const map: Record<CapacityStatus, string> = {
    ABOVE: "Already above 80 %",
    CROSSES: u.crossesOn ? `Reaches 80 % on ${dayText(u.crossesOn)}` : "Reaches 80 %",
    NOT_WITHIN: `Not within ${horizonDays} days`,
    NOT_RISING: "Not rising",
    NOT_ENOUGH_DATA: "Not enough days yet (3 needed)",
  };
  return map[u.status];
}

const WINDOWS = [14, 30, 90] as const;

export function CapacityCard() {
  const trpc = useTRPC();
  const [days, setDays] = React.useState<(typeof WINDOWS)[number]>(30);
  const [chosen, setChosen] = React.useState<string | null>(null);
  const query = useQuery(trpc.monitoring.capacity.queryOptions({ days, horizonDays: 365 }));
  if (query.isError)
    return <QueryError title="Could not load capacity planning" error={query.error} onRetry={() => query.refetch()} />;
  const c = query.data;
  const keyOf = (u: Uplink) => `${u.deviceId}|${u.ifIndex}`;
  const shown = c?.uplinks.find((u) => keyOf(u) === chosen) ?? c?.uplinks.find((u) => u.days.length > 0);
  const data = (shown?.days ?? []).map((d) => ({
    day: dayText(d.day),
    "Daily peak": Math.round(d.utilization * 1000) / 10,
    Trend: d.trend === null ? null : Math.round(d.trend * 1000) / 10,
  }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Capacity planning</CardTitle>
          <CardDescription>
            <span className="grid gap-2">
              <span>
                Uplinks (interfaces that report their speed): the trend of the daily peak, and when it reaches 80 % of
                the link. Most urgent first.
              </span>
              <NativeSelect
                aria-label="Trend over"
                value={days}
                onChange={(e) => setDays(Number(e.target.value) as (typeof WINDOWS)[number])}
                className="w-48"
              >
                {WINDOWS.map((d) => (
                  <option key={d} value={d}>
                    Trend over {d} days
                  </option>
                ))}
              </NativeSelect>
            </span>
          </CardDescription>
        </CardHeader>
        <CardContent>
          {!c ? (
            <p className="text-sm text-muted-foreground">Loading…</p>
          ) : c.uplinks.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No uplinks yet: an interface is planned for once SNMP reports its speed (ifHighSpeed). Give your routers
              and switches an SNMP community; devices are polled every 5 minutes.
            </p>
          ) : (
            <Table aria-label="Uplink capacity">
              <TableHeader>
                <TableRow>
                  <TableHead>Uplink</TableHead>
                  <TableHead className="text-right">Latest peak</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">Trend / 30 days</TableHead>
                  <TableHead>Outlook</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {c.uplinks.slice(0, 15).map((u) => (
                  <TableRow key={keyOf(u)} data-state={shown && keyOf(shown) === keyOf(u) ? "selected" : undefined}>
                    <TableCell>
                      <button
                        type="button"
                        className="font-medium underline-offset-4 hover:underline"
                        onClick={() => setChosen(keyOf(u))}
                        aria-label={`Chart ${u.deviceName} ${u.ifName}`}
                      >
                        {u.deviceName} {u.ifName}
                      </button>
                      <div className="text-xs text-muted-foreground">
                        {u.speedMbps >= 1000 ? `${u.speedMbps / 1000} Gb/s` : `${u.speedMbps} Mb/s`}
                        {u.siteName ? ` · ${u.siteName}` : ""}
                      </div>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{pct(u.latestPeak)}</TableCell>
                    <TableCell className="hidden text-right tabular-nums sm:table-cell">
                      {u.slopePer30Days === null
                        ? "—"
                        : `${u.slopePer30Days >= 0 ? "+" : ""}${(u.slopePer30Days * 100).toFixed(1)} pts`}
                    </TableCell>
                    <TableCell>
                      <Badge
                        variant={u.status === "ABOVE" ? "destructive" : u.status === "CROSSES" ? "warning" : "outline"}
                      >
                        {outlook(u, c.horizonDays)}
                      </Badge>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <ChartCard
        title="Utilization trend"
        description={
          shown
            ? `${shown.deviceName} ${shown.ifName}: daily peak as a share of ${shown.speedMbps} Mb/s, with its least-squares trend and the 80 % line.`
            : "Daily peak utilization of an uplink."
        }
        label={`Daily peak utilization in percent${shown ? ` of ${shown.deviceName} ${shown.ifName}` : ""} with its trend and the 80 percent line`}
        empty={
          query.isPending
            ? "Loading…"
            : data.length === 0
              ? "No daily figures yet: the first day's peak appears after a day of polling."
              : undefined
        }
      >
        <LineChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={40} />
          <YAxis tick={{ fontSize: 11 }} unit=" %" width={56} domain={[0, 100]} />
          <Tooltip formatter={(v) => `${v} %`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine
            y={80}
            stroke="var(--color-destructive)"
            strokeDasharray="4 4"
            label={{ value: "80 %", fontSize: 11 }}
          />
          <Line type="monotone" dataKey="Daily peak" stroke="var(--color-primary)" dot={false} />
          <Line
            type="linear"
            dataKey="Trend"
            stroke="var(--color-muted-foreground)"
            strokeDasharray="6 3"
            dot={false}
          />
        </LineChart>
      </ChartCard>
    </div>
  );
}
