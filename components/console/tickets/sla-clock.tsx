"use client";

import * as React from "react";
import { Clock, Pause, TriangleAlert, CircleCheck } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { formatDuration, type ClockView } from "@/server/modules/sla/view";
import { formatDateTime } from "../format";

// The visible SLA clock. The server computes the clock when it answers (with the ticket's
// business calendar); between answers the time left counts down here every 30 seconds.

/** Seconds since the component got this clock, ticking every 30 s (a new clock starts at 0). */
function useElapsed(clock: unknown): number {
  const [elapsed, setElapsed] = React.useState({ clock, seconds: 0 });
  React.useEffect(() => {
    const since = Date.now();
    const timer = window.setInterval(
      () => setElapsed({ clock, seconds: Math.floor((Date.now() - since) / 1000) }),
      30_000,
    );
    return () => window.clearInterval(timer);
  }, [clock]);
  return elapsed.clock === clock ? elapsed.seconds : 0;
}

type Part = { label: string; tone: "ok" | "near" | "late" | "done" | "paused"; text: string; title?: string };

function partsOf(
  clock: ClockView,
  elapsed: number,
  nearBreach: boolean,
  compact = false,
): { response: Part; resolution: Part } {
  const left = (s: number | null) => (s === null ? null : s - elapsed);
  const r = clock.response;
  const rLeft = left(r.secondsLeft);
  const response: Part =
    rLeft === null
      ? r.dueAt === null
        ? { label: "Response", tone: "done", text: "No target" }
        : {
            label: "Response",
            tone: r.breached ? "late" : "done",
            text: r.breached ? "Answered late" : r.met ? "Answered in time" : "Stopped",
          }
      : rLeft < 0 || r.breached
        ? { label: "Response", tone: "late", text: `Overdue by ${formatDuration(rLeft)}` }
        : { label: "Response", tone: nearBreach && r.pct >= 75 ? "near" : "ok", text: `${formatDuration(rLeft)} left` };
  const s = clock.resolution;
  const sLeft = left(s.secondsLeft);
  const resolution: Part = s.paused
    ? {
        label: "Resolution",
        tone: "paused",
        text: compact ? "Paused" : `Paused (waiting on customer) · ${100 - Math.min(100, s.pct)}% of target left`,
      }
    : sLeft === null
      ? s.dueAt === null
        ? { label: "Resolution", tone: "done", text: "No target" }
        : {
            label: "Resolution",
            tone: s.breached ? "late" : "done",
            text: s.breached ? "Resolved late" : s.met ? "Resolved in time" : "Stopped",
          }
      : sLeft < 0 || s.breached
        ? { label: "Resolution", tone: "late", text: `Overdue by ${formatDuration(sLeft)}` }
        : {
            label: "Resolution",
            tone: nearBreach && s.pct >= 75 ? "near" : "ok",
            text: `${formatDuration(sLeft)} left`,
          };
  return { response, resolution };
}

const TONE = {
  ok: "text-foreground",
  near: "text-amber-700 dark:text-amber-400",
  late: "text-destructive",
  done: "text-muted-foreground",
  paused: "text-muted-foreground",
} as const;

const ICON = { ok: Clock, near: TriangleAlert, late: TriangleAlert, done: CircleCheck, paused: Pause } as const;

/** One line for the queue: the clock that matters now (the response until answered, then resolution). */
export function SlaClockCompact({ clock }: { clock: ClockView | null }) {
  const elapsed = useElapsed(clock);
  if (!clock) return <span className="text-muted-foreground">—</span>;
  const { response, resolution } = partsOf(clock, elapsed, clock.nearBreach, true);
  const part = clock.response.secondsLeft !== null ? response : resolution;
  const Icon = ICON[part.tone];
  return (
    <span className={cn("inline-flex items-center gap-1 text-xs whitespace-nowrap", TONE[part.tone])}>
      <Icon aria-hidden className="size-3.5" />
      <span>
        <span className="sr-only">{part.label}: </span>
        {part.label === "Response" ? "Reply: " : ""}
        {part.text}
      </span>
    </span>
  );
}

/** Both clocks with their due times and a bar of the target used, for the ticket page. */
export function SlaClockPanel({
  clock,
  timeZone,
  source,
  businessHours,
}: {
  clock: ClockView;
  timeZone: string;
  source?: string;
  businessHours?: boolean;
}) {
  const elapsed = useElapsed(clock);
  const { response, resolution } = partsOf(clock, elapsed, clock.nearBreach);
  const rows = [
    { part: response, pct: clock.response.pct, due: clock.response.dueAt },
    { part: resolution, pct: clock.resolution.pct, due: clock.resolution.dueAt },
  ];
  return (
    <div className="grid gap-4" role="group" aria-label="SLA clock">
      {rows.map(({ part, pct, due }) => {
        const Icon = ICON[part.tone];
        return (
          <div key={part.label} className="grid gap-1.5">
            <div className="flex items-center justify-between gap-2 text-sm">
              <span className="font-medium">{part.label}</span>
              <span className={cn("inline-flex items-center gap-1", TONE[part.tone])}>
                <Icon aria-hidden className="size-4" />
                {part.text}
              </span>
            </div>
            <div
              className="h-1.5 overflow-hidden rounded-full bg-muted"
              role="meter"
              aria-label={`${part.label} target used`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.min(100, pct)}
            >
              <div
                className={cn(
                  "h-full",
                  part.tone === "late"
                    ? "bg-destructive"
                    : part.tone === "near"
                      ? "bg-amber-500"
                      : part.tone === "ok"
                        ? "bg-primary"
                        : "bg-muted-foreground/40",
                )}
                style={{ width: `${Math.min(100, pct)}%` }}
              />
            </div>
            {due ? <p className="text-xs text-muted-foreground">Due {formatDateTime(due, timeZone)}</p> : null}
          </div>
        );
      })}
      {source ? (
        <p className="text-xs text-muted-foreground">
          {source === "package"
            ? "Targets from the customer's package SLA"
            : "Targets from the company's SLA for this priority"}
          {businessHours === undefined
            ? "."
            : businessHours
              ? ", counted in business hours."
              : ", counted around the clock."}
        </p>
      ) : null}
    </div>
  );
}
