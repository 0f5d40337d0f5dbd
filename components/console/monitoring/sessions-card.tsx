"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/trpc/client";
import { SESSIONS_MAX_DAYS } from "@/server/modules/monitoring/dashboards.schema";
import { ChartCard } from "../chart-card";
import { QueryError } from "../errors";
import { formatDateTime } from "../format";
import { hourLabel, type Period } from "./period";

// Sessions online now and at every hour of the period (from the RADIUS sessions' start and stop).

export function SessionsCard({ period, timeZone }: { period: Period; timeZone: string }) {
  const trpc = useTRPC();
  // The hourly trend reaches back three months at most.
  const from = new Date(Math.max(period.from.getTime(), period.to.getTime() - SESSIONS_MAX_DAYS * 86_400_000));
  const query = useQuery(
    trpc.monitoring.sessionsTrend.queryOptions({ from, to: period.to }, { placeholderData: keepPreviousData }),
  );
  if (query.isError)
    return <QueryError title="Could not load the sessions trend" error={query.error} onRetry={() => query.refetch()} />;
  const t = query.data;
  const data = (t?.points ?? []).map((p) => ({ at: formatDateTime(p.at, timeZone), Online: p.online }));
  const busiest = t?.peakHours
    .filter((h) => h.online !== null)
    .sort((a, b) => (b.online ?? 0) - (a.online ?? 0) || a.hour - b.hour)[0];
  return (
    <ChartCard
      title={
        <span className="flex items-baseline gap-3">
          Sessions online
          <span className="text-2xl font-semibold tabular-nums" data-testid="sessions-online-now">
            {t ? t.onlineNow : "…"}
          </span>
          <span className="text-sm font-normal text-muted-foreground">now</span>
        </span>
      }
      description={
        t?.peak && t.peak.online > 0
          ? `Most at once: ${t.peak.online} at ${formatDateTime(t.peak.at, timeZone)}${busiest ? `; busiest hour of the day ${hourLabel(busiest.hour)}` : ""}. Counted at every hour from RADIUS accounting.`
          : "Counted at every hour from RADIUS accounting starts and stops."
      }
      label={`Sessions online at each hour, ${period.label.toLowerCase()}`}
      empty={
        query.isPending
          ? "Loading…"
          : data.every((p) => p.Online === 0)
            ? "No sessions in this period. Sessions appear when your NAS sends RADIUS accounting to Lastmile (Settings → RADIUS servers)."
            : undefined
      }
    >
      <AreaChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="at" tick={{ fontSize: 11 }} minTickGap={40} />
        <YAxis tick={{ fontSize: 11 }} allowDecimals={false} width={48} />
        <Tooltip />
        <Area
          type="stepAfter"
          dataKey="Online"
          stroke="var(--color-primary)"
          fill="var(--color-primary)"
          fillOpacity={0.15}
        />
      </AreaChart>
    </ChartCard>
  );
}
