"use client";

import * as React from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/trpc/client";
import { NativeSelect } from "@/components/ui/select";
import { RESOLUTION_LABELS } from "@/server/modules/monitoring/dashboards.schema";
import { ChartCard } from "../chart-card";
import { QueryError } from "../errors";
import { formatDateTime } from "../format";
import { formatBps, hourLabel, type Period } from "./period";

// Bandwidth over the period for the network, a site, a device or one interface, and the hours of
// the day it peaks (company clock).

const mbps = (bps: number | null) => (bps === null ? null : Math.round(bps / 1e4) / 100);

export function BandwidthCard({ period, timeZone }: { period: Period; timeZone: string }) {
  const trpc = useTRPC();
  const [siteId, setSiteId] = React.useState("");
  const [deviceId, setDeviceId] = React.useState("");
  const [ifIndex, setIfIndex] = React.useState("");
  const targets = useQuery(trpc.monitoring.targets.queryOptions());
  const query = useQuery(
    trpc.monitoring.bandwidth.queryOptions(
      {
        from: period.from,
        to: period.to,
        ...(deviceId ? { deviceId, ...(ifIndex ? { ifIndex: Number(ifIndex) } : {}) } : siteId ? { siteId } : {}),
      },
      { placeholderData: keepPreviousData },
    ),
  );
  const devices = (targets.data?.devices ?? []).filter((d) => !siteId || d.siteId === siteId);
  const device = devices.find((d) => d.id === deviceId);
  const what = device
    ? `${device.name}${ifIndex ? ` ${device.interfaces.find((i) => String(i.ifIndex) === ifIndex)?.name ?? ""}` : ""}`
    : siteId
      ? (targets.data?.sites.find((s) => s.id === siteId)?.name ?? "the site")
      : "the whole network";
  const data = (query.data?.points ?? []).map((p) => ({
    at: formatDateTime(p.at, timeZone),
    In: mbps(p.inBps),
    Out: mbps(p.outBps),
    "In, peak": mbps(p.inPeakBps),
  }));
  const hours = (query.data?.peakHours ?? []).map((h) => ({
    hour: hourLabel(h.hour),
    In: mbps(h.inBps),
    Out: mbps(h.outBps),
  }));
  const noTargets = targets.data && targets.data.devices.length === 0;
  const emptyText = noTargets
    ? "No samples yet: devices are polled every 5 minutes. Give a device a management IP and an SNMP community (Devices → the device → SNMP), or post poll results to /api/ingest/snmp."
    : query.isPending
      ? "Loading…"
      : data.length === 0
        ? `No traffic recorded for ${what} in this period. Choose a longer period, or check that its devices answer SNMP.`
        : undefined;
  if (query.isError)
    return <QueryError title="Could not load bandwidth" error={query.error} onRetry={() => query.refetch()} />;
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <ChartCard
          title="Bandwidth"
          description={
            <span className="grid gap-2">
              <span>
                {query.data
                  ? `${query.data.peak ? `Peak ${formatBps(query.data.peak.bps)} ${query.data.peak.direction} at ${formatDateTime(query.data.peak.at, timeZone)}` : "No peak yet"} · ${RESOLUTION_LABELS[query.data.resolution]}. A device, site or the network is the sum of its interfaces.`
                  : "Average and peak bits per second."}
              </span>
              {targets.data && targets.data.devices.length > 0 ? (
                <span className="flex flex-wrap gap-2">
                  <NativeSelect
                    aria-label="Site"
                    value={siteId}
                    onChange={(e) => {
                      setSiteId(e.target.value);
                      setDeviceId("");
                      setIfIndex("");
                    }}
                  >
                    <option value="">All sites</option>
                    {targets.data.sites.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </NativeSelect>
                  <NativeSelect
                    aria-label="Device"
                    value={deviceId}
                    onChange={(e) => {
                      setDeviceId(e.target.value);
                      setIfIndex("");
                    }}
                  >
                    <option value="">All devices</option>
                    {devices.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </NativeSelect>
                  {device ? (
                    <NativeSelect aria-label="Interface" value={ifIndex} onChange={(e) => setIfIndex(e.target.value)}>
                      <option value="">All interfaces</option>
                      {device.interfaces.map((i) => (
                        <option key={i.ifIndex} value={String(i.ifIndex)}>
                          {i.name}
                        </option>
                      ))}
                    </NativeSelect>
                  ) : null}
                </span>
              ) : null}
            </span>
          }
          label={`Bandwidth of ${what} in megabits per second, in and out, ${period.label.toLowerCase()}`}
          empty={emptyText}
          height="h-80"
        >
          <LineChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="at" tick={{ fontSize: 11 }} minTickGap={40} />
            <YAxis tick={{ fontSize: 11 }} unit=" Mb/s" width={80} />
            <Tooltip formatter={(v) => `${v} Mb/s`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line type="monotone" dataKey="In" stroke="var(--color-primary)" dot={false} connectNulls={false} />
            <Line
              type="monotone"
              dataKey="Out"
              stroke="var(--color-muted-foreground)"
              dot={false}
              connectNulls={false}
            />
            <Line
              type="monotone"
              dataKey="In, peak"
              stroke="var(--color-primary)"
              strokeDasharray="4 4"
              dot={false}
              connectNulls={false}
            />
          </LineChart>
        </ChartCard>
      </div>
      <ChartCard
        title="Peak hours"
        description={
          query.data?.busiestHour !== null && query.data?.busiestHour !== undefined
            ? `Busiest at ${hourLabel(query.data.busiestHour)} (${timeZone}), average of the hourly figures.`
            : `Average traffic per hour of the day, ${timeZone}.`
        }
        label={`Average bandwidth of ${what} per hour of the day in ${timeZone}`}
        empty={
          query.isPending
            ? "Loading…"
            : hours.every((h) => h.In === null && h.Out === null)
              ? "Peak hours appear once there are hourly figures (the last 90 days)."
              : undefined
        }
        height="h-80"
      >
        <BarChart data={hours} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="hour" tick={{ fontSize: 11 }} minTickGap={16} />
          <YAxis tick={{ fontSize: 11 }} unit=" Mb/s" width={80} />
          <Tooltip formatter={(v) => `${v} Mb/s`} />
          <Bar dataKey="In" fill="var(--color-primary)" />
          <Bar dataKey="Out" fill="var(--color-muted-foreground)" />
        </BarChart>
      </ChartCard>
    </div>
  );
}
