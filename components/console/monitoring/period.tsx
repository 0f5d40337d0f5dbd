"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { useUrlState } from "../use-url-state";

// The dashboards' period: a preset in the URL (?period=7d), turned into instants once per visit
// (now, to the minute), so every card asks about the same period and a reload keeps it.

export const PERIODS = [
  { key: "24h", label: "Last 24 hours", hours: 24 },
  { key: "7d", label: "Last 7 days", hours: 7 * 24 },
  { key: "14d", label: "Last 14 days", hours: 14 * 24 },
  { key: "30d", label: "Last 30 days", hours: 30 * 24 },
  { key: "90d", label: "Last 90 days", hours: 90 * 24 },
] as const;
export type PeriodKey = (typeof PERIODS)[number]["key"];

export interface Period {
  key: PeriodKey;
  label: string;
  from: Date;
  to: Date;
}

export function usePeriod(fallback: PeriodKey = "7d"): [Period, (key: PeriodKey) => void] {
  const url = useUrlState();
  const [now] = React.useState(() => Math.floor(Date.now() / 60_000) * 60_000);
  const preset = PERIODS.find((p) => p.key === url.get("period")) ?? PERIODS.find((p) => p.key === fallback)!;
  const period = React.useMemo(
    () => ({ key: preset.key, label: preset.label, from: new Date(now - preset.hours * 3_600_000), to: new Date(now) }),
    [preset, now],
  );
  return [period, (key) => url.set({ period: key === fallback ? null : key })];
}

export function PeriodPicker({
  value,
  onChange,
  only,
}: {
  value: PeriodKey;
  onChange: (key: PeriodKey) => void;
  only?: readonly PeriodKey[];
}) {
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Period">
      {PERIODS.filter((p) => !only || only.includes(p.key)).map((p) => (
        <Button
          key={p.key}
          size="sm"
          variant={p.key === value ? "secondary" : "outline"}
          aria-pressed={p.key === value}
          onClick={() => onChange(p.key)}
        >
          {p.label}
        </Button>
      ))}
    </div>
  );
}

/** "12.3 Mb/s" (bits per second, decimal units as links are sold). */
export function formatBps(bps: number | null | undefined): string {
  if (bps === null || bps === undefined) return "—";
  if (bps >= 1e9) return `${(bps / 1e9).toFixed(2)} Gb/s`;
  if (bps >= 1e6) return `${(bps / 1e6).toFixed(1)} Mb/s`;
  if (bps >= 1e3) return `${(bps / 1e3).toFixed(0)} kb/s`;
  return `${Math.round(bps)} b/s`;
}

/** "99.95 %" from basis points. */
export const formatPercentBps = (bps: number | null | undefined) =>
  bps === null || bps === undefined ? "—" : `${(bps / 100).toFixed(2)} %`;

/** "20:00" for an hour of the day. */
export const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
