"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RESOLUTION_LABELS } from "@/server/modules/monitoring/dashboards.schema";
import { ChartCard } from "../chart-card";
import { QueryError } from "../errors";
import { formatDateTime } from "../format";
import { formatPercentBps, type Period } from "./period";

// Devices up and down now, and per device the share of polls answered, latency and packet loss
// over the period; one device's latency and loss charted.

const ms = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)} ms`);

export function LatencyCard({ period, timeZone }: { period: Period; timeZone: string }) {
  const trpc = useTRPC();
  const [deviceId, setDeviceId] = React.useState<string | undefined>(undefined);
  const query = useQuery(
    trpc.monitoring.latency.queryOptions(
      { from: period.from, to: period.to, deviceId },
      { placeholderData: keepPreviousData, refetchInterval: 60_000 },
    ),
  );
  if (query.isError)
    return <QueryError title="Could not load latency and loss" error={query.error} onRetry={() => query.refetch()} />;
  const l = query.data;
  const chartName = l?.devices.find((d) => d.deviceId === l.chart.deviceId)?.name;
  const data = (l?.chart.points ?? []).map((p) => ({
    at: formatDateTime(p.at, timeZone),
    "Latency (ms)": p.latencyAvgMs === null ? null : Math.round(p.latencyAvgMs * 10) / 10,
    "Loss (%)": p.lossPercent === null ? null : Math.round(p.lossPercent * 10) / 10,
  }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Devices up and down</CardTitle>
          <CardDescription>
            {l ? (
              <>
                <span data-testid="devices-up">{l.up} up</span>, <span data-testid="devices-down">{l.down} down</span>{" "}
                at their last poll. Availability is the share of the period&apos;s polls answered.
              </>
            ) : (
              "As the poller last saw them."
            )}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          {!l ? (
            <p className="text-sm text-muted-foreground">Loading…</p>
          ) : l.devices.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No device has been polled yet: devices are polled every 5 minutes once they have a management IP (SNMP
              with a community, else ping). Add one under Devices.
            </p>
          ) : (
            <Table aria-label="Latency and loss per device">
              <TableHeader>
                <TableRow>
                  <TableHead>Device</TableHead>
                  <TableHead>Now</TableHead>
                  <TableHead className="text-right">Availability</TableHead>
                  <TableHead className="text-right">Latency</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">Loss</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {l.devices.slice(0, 12).map((d) => (
                  <TableRow key={d.deviceId}>
                    <TableCell>
                      <button
                        type="button"
                        className="font-medium underline-offset-4 hover:underline"
                        onClick={() => setDeviceId(d.deviceId)}
                        aria-label={`Chart ${d.name}`}
                      >
                        {d.name}
                      </button>
                      {d.siteName ? <div className="text-xs text-muted-foreground">{d.siteName}</div> : null}
                    </TableCell>
                    <TableCell>
                      <Badge variant={d.up ? "success" : "destructive"}>{d.up ? "Up" : "Down"}</Badge>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{formatPercentBps(d.availabilityBps)}</TableCell>
                    <TableCell className="text-right tabular-nums" title={`worst ${ms(d.latencyMaxMs)}`}>
                      {ms(d.latencyAvgMs)}
                    </TableCell>
                    <TableCell className="hidden text-right tabular-nums sm:table-cell">
                      {d.lossPercent === null ? "—" : `${d.lossPercent.toFixed(1)} %`}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {l && l.devices.length > 12 ? (
            <p className="text-xs text-muted-foreground">The 12 least available of {l.devices.length} devices.</p>
          ) : null}
          <div>
            <Button asChild variant="outline" size="sm">
              <Link href="/network/board">Open the device board</Link>
            </Button>
          </div>
        </CardContent>
      </Card>
      <ChartCard
        title="Latency and packet loss"
        description={
          chartName
            ? `${chartName}: ping round trip and loss, ${l ? RESOLUTION_LABELS[l.resolution] : ""}. Choose a device in the table.`
            : "Ping round trip and loss of devices that are pinged (no SNMP)."
        }
        label={`Latency in milliseconds and packet loss in percent${chartName ? ` of ${chartName}` : ""}, ${period.label.toLowerCase()}`}
        empty={
          query.isPending
            ? "Loading…"
            : data.length === 0
              ? "No ping figures in this period: devices without SNMP are pinged with fping every 5 minutes."
              : undefined
        }
      >
        <LineChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="at" tick={{ fontSize: 11 }} minTickGap={40} />
          <YAxis yAxisId="ms" tick={{ fontSize: 11 }} unit=" ms" width={64} />
          <YAxis yAxisId="pct" orientation="right" tick={{ fontSize: 11 }} unit=" %" width={48} domain={[0, 100]} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line yAxisId="ms" type="monotone" dataKey="Latency (ms)" stroke="var(--color-primary)" dot={false} />
          <Line yAxisId="pct" type="monotone" dataKey="Loss (%)" stroke="var(--color-destructive)" dot={false} />
        </LineChart>
      </ChartCard>
    </div>
  );
}
