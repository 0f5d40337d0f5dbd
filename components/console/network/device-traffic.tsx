"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/trpc/client";
import { NativeSelect } from "@/components/ui/select";
import { ChartCard } from "../chart-card";
import { formatDateTime } from "../format";

// A device's reachability and one interface's traffic from the polls' rollups (monitoring module):
// average and peak bits/s in and out per bucket.

const RESOLUTIONS = [
  { value: "FIVE_MINUTES", label: "Last day, 5-minute averages" },
  { value: "HOUR", label: "Last week, hourly" },
  { value: "DAY", label: "Last 90 days, daily" },
] as const;
type Resolution = (typeof RESOLUTIONS)[number]["value"];

export function DeviceTraffic({ deviceId, timeZone }: { deviceId: string; timeZone: string }) {
  const trpc = useTRPC();
  const [resolution, setResolution] = React.useState<Resolution>("FIVE_MINUTES");
  const [ifIndex, setIfIndex] = React.useState<number | null>(null);
  const status = useQuery(trpc.monitoring.deviceStatus.queryOptions({ deviceId }));
  const traffic = useQuery(trpc.monitoring.deviceTraffic.queryOptions({ deviceId, resolution }));
  const reach = status.data?.reachability;
  const interfaces = traffic.data?.interfaces ?? [];
  const shown = interfaces.find((i) => i.ifIndex === ifIndex) ?? interfaces[0];
  const mbps = (bps: number | null) => (bps === null ? null : Math.round(bps / 1e4) / 100);
  const data = (shown?.points ?? []).map((p) => ({
    at: formatDateTime(p.at, timeZone),
    In: mbps(p.inBpsAvg),
    Out: mbps(p.outBpsAvg),
    "In, peak": mbps(p.inBpsMax),
  }));
  const reachability = !status.data
    ? "Loading…"
    : !reach
      ? "Not polled yet. Polling reads devices with a management IP every five minutes (SNMP v2c, else ping)."
      : reach.up
        ? `Up (${reach.via === "SNMP" ? "SNMP" : `ping${reach.latencyMs !== null ? `, ${reach.latencyMs} ms` : ""}`}), polled ${formatDateTime(reach.polledAt, timeZone)}${reach.error ? ` · SNMP: ${reach.error}` : ""}`
        : `Not answering since ${reach.lastSeenAt ? formatDateTime(reach.lastSeenAt, timeZone) : "it was first polled"}${reach.error ? ` · ${reach.error}` : ""}`;
  return (
    <ChartCard
      title="Traffic"
      description={
        <span className="grid gap-2">
          <span data-testid="device-reachability">{reachability}</span>
          <span className="flex flex-wrap gap-2">
            <NativeSelect
              aria-label="Period"
              value={resolution}
              onChange={(e) => setResolution(e.target.value as Resolution)}
            >
              {RESOLUTIONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </NativeSelect>
            {interfaces.length > 0 ? (
              <NativeSelect
                aria-label="Interface"
                value={shown?.ifIndex ?? ""}
                onChange={(e) => setIfIndex(Number(e.target.value))}
              >
                {interfaces.map((i) => (
                  <option key={i.ifIndex} value={i.ifIndex}>
                    {i.name}
                  </option>
                ))}
              </NativeSelect>
            ) : null}
          </span>
        </span>
      }
      label={`Traffic of ${shown?.name ?? "the device"} in megabits per second, in and out`}
      empty={
        traffic.isPending
          ? "Loading…"
          : data.length === 0
            ? "No traffic recorded in this period. Interfaces appear after the device has answered SNMP twice."
            : undefined
      }
    >
      <LineChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="at" tick={{ fontSize: 11 }} minTickGap={40} />
        <YAxis tick={{ fontSize: 11 }} unit=" Mb/s" width={72} />
        <Tooltip formatter={(v) => `${v} Mb/s`} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line type="monotone" dataKey="In" stroke="var(--color-primary)" dot={false} connectNulls={false} />
        <Line type="monotone" dataKey="Out" stroke="var(--color-muted-foreground)" dot={false} connectNulls={false} />
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
  );
}
