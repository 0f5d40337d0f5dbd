"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, ChevronLeft, ChevronRight, Copy, PhoneCall, Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { ConfirmDialog } from "../confirm-dialog";
import { errorMessage, QueryError } from "../errors";
import { timeZoneOffset } from "../format";
import { useUrlState } from "../use-url-state";
import { ShiftFormDialog, type ShiftDraft } from "./shift-form-dialog";
import type { PlannedShift, WeekPlan } from "./types";

// The week planner: days across, people down, each shift a chip in the company's time zone;
// below, coverage per day and hour with gaps in support hours highlighted.

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const dayLabel = (date: string, opts: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat("en-GB", { ...opts, timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));

export function ShiftPlanner({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const toast = useToast();
  const queryClient = useQueryClient();
  const weekParam = url.get("week");
  const weekStart = weekParam && DATE_RE.test(weekParam) ? weekParam : undefined;
  const query = useQuery(trpc.shifts.week.queryOptions({ weekStart }, { placeholderData: (prev) => prev }));
  const now = useQuery(trpc.shifts.now.queryOptions(undefined, { refetchInterval: 60_000 }));
  const [draft, setDraft] = React.useState<ShiftDraft | null>(null);
  const [copying, setCopying] = React.useState(false);
  const [copyError, setCopyError] = React.useState<string | null>(null);
  const [copyReport, setCopyReport] = React.useState<{
    copied: number;
    skipped: { person: string; when: string; reason: string }[];
  } | null>(null);
  const copy = useMutation(trpc.shifts.copyPreviousWeek.mutationOptions());

  if (query.isError && !query.data)
    return <QueryError title="Could not load the shift plan" error={query.error} onRetry={() => query.refetch()} />;
  const w = query.data;
  const go = (week: string | undefined) => {
    setCopyReport(null);
    url.set({ week });
  };

  return (
    <>
      <Link
        href="/team"
        className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden className="size-4" />
        Team
      </Link>
      <PageHeader
        title="Shift planner"
        description={
          w
            ? `Times in ${w.timeZone} (${timeZoneOffset(w.timeZone)}). Routing sends tickets to people on shift; critical tickets go to whoever is on call.`
            : "Plan who works when."
        }
        actions={
          canManage && w ? (
            <>
              <Button
                variant="outline"
                disabled={query.isPlaceholderData}
                onClick={() => {
                  setCopyError(null);
                  setCopying(true);
                }}
              >
                <Copy aria-hidden />
                Copy last week
              </Button>
              <Button
                disabled={query.isPlaceholderData}
                onClick={() =>
                  setDraft({ userId: "", date: w.today >= w.weekStart && w.today < w.nextWeek ? w.today : w.weekStart })
                }
              >
                <Plus aria-hidden />
                New shift
              </Button>
            </>
          ) : null
        }
      />

      <NowPanel data={now.data} timeZone={w?.timeZone} />

      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-1">
          <Button
            variant="outline"
            size="icon"
            aria-label="Previous week"
            disabled={!w}
            onClick={() => w && go(w.previousWeek)}
          >
            <ChevronLeft aria-hidden />
          </Button>
          <Button variant="outline" disabled={!w || !weekStart} onClick={() => go(undefined)}>
            This week
          </Button>
          <Button
            variant="outline"
            size="icon"
            aria-label="Next week"
            disabled={!w}
            onClick={() => w && go(w.nextWeek)}
          >
            <ChevronRight aria-hidden />
          </Button>
          <h2 className="ml-2 text-base font-semibold" aria-live="polite">
            {w ? (
              `${dayLabel(w.weekStart, { day: "numeric", month: "short" })} – ${dayLabel(w.days[6].date, { day: "numeric", month: "short", year: "numeric" })}`
            ) : (
              <Skeleton className="h-5 w-40" />
            )}
          </h2>
        </div>
        {w ? <GapSummary w={w} /> : null}
      </div>

      {copyReport ? (
        <Alert className={cn("mb-4", copyReport.skipped.length > 0 && "border-amber-300 bg-amber-50 text-amber-900")}>
          <AlertTitle>
            Copied {copyReport.copied} shift{copyReport.copied === 1 ? "" : "s"} from last week
            {copyReport.skipped.length ? `; ${copyReport.skipped.length} skipped` : ""}
          </AlertTitle>
          {copyReport.skipped.length ? (
            <AlertDescription>
              <ul className="mt-1 list-disc pl-5">
                {copyReport.skipped.map((s, i) => (
                  <li key={i}>{s.reason}</li>
                ))}
              </ul>
            </AlertDescription>
          ) : null}
        </Alert>
      ) : null}

      {!w ? (
        <Skeleton className="h-72 w-full" />
      ) : (
        <div
          className={cn(
            "min-w-0 space-y-4 transition-opacity",
            query.isFetching && query.isPlaceholderData && "opacity-60",
          )}
        >
          <WeekGrid
            w={w}
            canManage={canManage}
            onAdd={(userId, date) => setDraft({ userId, date })}
            onEdit={(s) => setDraft({ shift: s, userId: s.userId, date: s.start.slice(0, 10) })}
          />
          <CoverageCard w={w} />
        </div>
      )}

      {canManage ? (
        <>
          <ShiftFormDialog draft={draft} onClose={() => setDraft(null)} />
          <ConfirmDialog
            open={copying}
            onOpenChange={setCopying}
            title="Copy last week's shifts?"
            description={
              w
                ? `Every shift of ${dayLabel(w.previousWeek, { day: "numeric", month: "short" })} – ${dayLabel(w.days[0].date, { day: "numeric", month: "short" })} is planned again seven days later, at the same local times. A shift that would overlap one already planned is skipped.`
                : undefined
            }
            confirmLabel="Copy shifts"
            pendingLabel="Copying"
            pending={copy.isPending}
            error={copyError}
            onConfirm={async () => {
              if (!w) return;
              try {
                const result = await copy.mutateAsync({ weekStart: w.weekStart });
                await queryClient.invalidateQueries(trpc.shifts.pathFilter());
                await queryClient.invalidateQueries(trpc.staff.pathFilter());
                setCopying(false);
                setCopyReport(result);
                if (!result.skipped.length)
                  toast({
                    variant: "success",
                    title: result.copied
                      ? `Copied ${result.copied} shift${result.copied === 1 ? "" : "s"}`
                      : "Last week had no shifts to copy",
                  });
              } catch (err) {
                setCopyError(errorMessage(err));
              }
            }}
          />
        </>
      ) : null}
    </>
  );
}

function NowPanel({
  data,
  timeZone,
}: {
  data:
    | {
        onShift: { userId: string; name: string; endsAt: Date }[];
        onCall: { userId: string; name: string; endsAt: Date }[];
      }
    | undefined;
  timeZone: string | undefined;
}) {
  if (!data || !timeZone) return null;
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  const people = (list: { userId: string; name: string; endsAt: Date }[]) =>
    list.length ? (
      list.map((p, i) => (
        <React.Fragment key={p.userId}>
          {i > 0 ? ", " : null}
          <Link href={`/team/${p.userId}`} className="font-medium hover:underline">
            {p.name}
          </Link>
          <span className="text-muted-foreground"> until {time.format(new Date(p.endsAt))}</span>
        </React.Fragment>
      ))
    ) : (
      <span className="text-muted-foreground">nobody</span>
    );
  return (
    <div className="mb-4 grid gap-1 rounded-lg border bg-card p-3 text-sm sm:grid-cols-2">
      <p>
        <span className="font-semibold">On shift now: </span>
        {people(data.onShift)}
      </p>
      <p>
        <PhoneCall aria-hidden className="mr-1 inline size-3.5" />
        <span className="font-semibold">On call now: </span>
        {people(data.onCall)}
      </p>
    </div>
  );
}

function GapSummary({ w }: { w: WeekPlan }) {
  const hours =
    w.support.source === "calendar"
      ? `the support hours of “${w.support.calendarName}”`
      : "08:00–20:00 (no support calendar is set)";
  return w.gapHours > 0 ? (
    <p className="text-sm font-medium text-destructive">
      {w.gapHours} hour{w.gapHours === 1 ? "" : "s"} with nobody on shift during {hours}
    </p>
  ) : (
    <p className="text-sm text-success">Someone is on shift throughout {hours}</p>
  );
}

function WeekGrid({
  w,
  canManage,
  onAdd,
  onEdit,
}: {
  w: WeekPlan;
  canManage: boolean;
  onAdd: (userId: string, date: string) => void;
  onEdit: (s: PlannedShift) => void;
}) {
  // On a narrow screen the week scrolls sideways: start at today's column rather than Monday.
  const scroller = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    const box = scroller.current;
    const today = box?.querySelector<HTMLElement>("[data-today]");
    const first = box?.querySelector<HTMLElement>("th");
    if (box && today && first && box.scrollWidth > box.clientWidth)
      box.scrollLeft = today.offsetLeft - first.offsetWidth;
  }, [w.weekStart]);
  const byPersonDay = new Map<string, { shift: PlannedShift; from: string; to: string }[]>();
  for (const s of w.shifts) {
    for (const seg of s.segments) {
      const key = `${s.userId}|${seg.date}`;
      byPersonDay.set(key, [...(byPersonDay.get(key) ?? []), { shift: s, from: seg.from, to: seg.to }]);
    }
  }
  if (w.people.length === 0) {
    return (
      <Card className="p-6 text-sm text-muted-foreground">
        Nobody to plan yet: give your staff a profile on the{" "}
        <Link href="/team" className="text-primary underline-offset-4 hover:underline">
          Team
        </Link>{" "}
        page, or add a shift for anyone with “New shift”.
      </Card>
    );
  }
  return (
    <Card className="overflow-hidden">
      <div ref={scroller} className="overflow-x-auto">
        <table className="w-full min-w-[56rem] border-collapse text-sm">
          <caption className="sr-only">Shifts of the week, one row per person</caption>
          <thead>
            <tr className="border-b bg-muted">
              <th scope="col" className="sticky left-0 z-10 w-40 bg-muted px-3 py-2 text-left font-medium">
                Person
              </th>
              {w.days.map((d) => (
                <th
                  key={d.date}
                  scope="col"
                  data-today={d.date === w.today ? "" : undefined}
                  className={cn("px-2 py-2 text-left align-top font-medium", d.date === w.today && "bg-primary/10")}
                >
                  <div>{dayLabel(d.date, { weekday: "short", day: "numeric", month: "short" })}</div>
                  <div className="text-xs font-normal text-muted-foreground">
                    {d.holiday
                      ? `Holiday: ${d.holiday}`
                      : d.supportHours.length
                        ? d.supportHours.join(", ")
                        : "Desk closed"}
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {w.people.map((p) => (
              <tr key={p.userId} className="border-b last:border-b-0">
                <th scope="row" className="sticky left-0 z-10 bg-card px-3 py-2 text-left align-top font-normal">
                  <Link href={`/team/${p.userId}`} className="font-medium hover:underline">
                    {p.name}
                  </Link>
                  {p.title ? <div className="text-xs text-muted-foreground">{p.title}</div> : null}
                </th>
                {w.days.map((d) => {
                  const pieces = byPersonDay.get(`${p.userId}|${d.date}`) ?? [];
                  return (
                    <td
                      key={d.date}
                      className={cn("group px-1.5 py-1.5 align-top", d.date === w.today && "bg-primary/5")}
                    >
                      <div className="grid gap-1">
                        {pieces.map(({ shift, from, to }) => (
                          <ShiftChip
                            key={shift.id}
                            shift={shift}
                            from={from}
                            to={to}
                            onEdit={canManage ? () => onEdit(shift) : undefined}
                          />
                        ))}
                        {canManage && p.active ? (
                          <button
                            type="button"
                            onClick={() => onAdd(p.userId, d.date)}
                            className="flex h-7 items-center justify-center rounded-md border border-dashed text-muted-foreground opacity-60 hover:bg-muted hover:opacity-100 focus-visible:opacity-100 sm:opacity-0 sm:group-hover:opacity-100"
                            aria-label={`Add a shift for ${p.name} on ${dayLabel(d.date, { weekday: "long", day: "numeric", month: "long" })}`}
                          >
                            <Plus aria-hidden className="size-3.5" />
                          </button>
                        ) : null}
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr className="border-t-2 bg-muted">
              <th scope="row" className="sticky left-0 z-10 bg-muted px-3 py-2 text-left font-medium">
                Coverage
              </th>
              {w.days.map((d) => (
                <td key={d.date} className="px-1.5 py-2 align-top">
                  <HourStrip day={d} />
                  <div
                    className={cn(
                      "mt-1 text-xs",
                      d.gapHours ? "font-medium text-destructive" : "text-muted-foreground",
                    )}
                  >
                    {d.gapHours ? `${d.gapHours} h uncovered` : d.supportHours.length ? "Covered" : "—"}
                  </div>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function ShiftChip({
  shift,
  from,
  to,
  onEdit,
}: {
  shift: PlannedShift;
  from: string;
  to: string;
  onEdit?: () => void;
}) {
  const body = (
    <>
      <span className="font-medium tabular-nums">
        {from}–{to}
      </span>
      {shift.onCall ? (
        <span className="flex items-center gap-0.5 text-[11px] font-semibold uppercase">
          <PhoneCall aria-hidden className="size-3" />
          On call
        </span>
      ) : null}
      {shift.note ? <span className="truncate text-[11px] opacity-80">{shift.note}</span> : null}
    </>
  );
  const className = cn(
    "grid w-full gap-0.5 rounded-md border px-2 py-1 text-left text-xs",
    shift.onCall
      ? "border-primary/40 bg-primary/10 text-primary"
      : "border-border bg-secondary text-secondary-foreground",
    !shift.active && "line-through opacity-60",
  );
  const label = `${shift.name}: ${shift.label}${shift.onCall ? ", on call" : ""}${shift.note ? `, ${shift.note}` : ""}`;
  return onEdit ? (
    <button
      type="button"
      className={cn(className, "hover:ring-2 hover:ring-ring/30")}
      onClick={onEdit}
      aria-label={`Edit shift — ${label}`}
      title={label}
    >
      {body}
    </button>
  ) : (
    <div className={className} title={label}>
      {body}
    </div>
  );
}

/** 24 little cells for a day: how many are on shift each hour; gaps red, hours outside support grey. */
function HourStrip({ day }: { day: WeekPlan["days"][number] }) {
  return (
    <div
      className="flex h-4 overflow-hidden rounded-sm"
      role="img"
      aria-label={day.gapHours ? `${day.gapHours} hours without anyone on shift during support hours` : "No gaps"}
    >
      {day.bands.map((b) => (
        <span
          key={b.hour}
          title={`${String(b.hour).padStart(2, "0")}:00–${String(b.hour + 1).padStart(2, "0")}:00 · ${b.count} on shift${b.gap ? " · gap" : ""}`}
          className={cn(
            "flex-1 border-r border-background last:border-r-0",
            b.gap
              ? "bg-destructive"
              : b.count === 0
                ? b.inHours
                  ? "bg-destructive/40"
                  : "bg-muted"
                : b.count === 1
                  ? "bg-primary/40"
                  : b.count === 2
                    ? "bg-primary/65"
                    : "bg-primary",
          )}
        />
      ))}
    </div>
  );
}

function CoverageCard({ w }: { w: WeekPlan }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Coverage by hour</CardTitle>
        <CardDescription>
          How many people are on shift in each hour. Red: support hours with nobody on shift (even for part of the
          hour). Grey: outside support hours.
        </CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        <div className="overflow-x-auto px-6">
          <table className="w-full min-w-[44rem] border-collapse text-center text-xs tabular-nums">
            <caption className="sr-only">People on shift per day and hour</caption>
            <thead>
              <tr>
                <th scope="col" className="w-24 py-1 text-left font-medium">
                  Day
                </th>
                {Array.from({ length: 24 }, (_, h) => (
                  <th key={h} scope="col" className="py-1 font-normal text-muted-foreground">
                    {String(h).padStart(2, "0")}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {w.days.map((d) => (
                <tr key={d.date}>
                  <th scope="row" className="py-0.5 pr-2 text-left font-medium whitespace-nowrap">
                    {dayLabel(d.date, { weekday: "short", day: "numeric" })}
                    {d.holiday ? (
                      <Badge variant="outline" className="ml-1 px-1 py-0 text-[10px]">
                        holiday
                      </Badge>
                    ) : null}
                  </th>
                  {d.bands.map((b) => (
                    <td key={b.hour} className="p-0.5">
                      <span
                        className={cn(
                          "flex h-6 items-center justify-center rounded-sm",
                          b.gap
                            ? "bg-destructive font-semibold text-white"
                            : b.inHours
                              ? b.count
                                ? "bg-primary/15 text-foreground"
                                : "bg-destructive/20"
                              : b.count
                                ? "bg-muted text-foreground"
                                : "bg-muted/50 text-muted-foreground/60",
                        )}
                        title={`${b.count} on shift${b.onCall ? ` (${b.onCall} on call)` : ""}${b.gap ? " — gap in support hours" : b.inHours ? "" : " — outside support hours"}`}
                      >
                        {b.count}
                      </span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </CardContent>
    </Card>
  );
}
