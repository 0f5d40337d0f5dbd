"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ChevronRight, Clock, MapPin, Truck } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { KIND_LABELS } from "@/server/modules/work-orders/schema";
import { QueryError } from "../errors";
import { formatTimes, formatWindow, WorkOrderStatusBadge, type WorkOrderRow } from "../work-orders/shared";

/** The technician's phone home: today's jobs in order, what was left over, what is coming. */
export function MyJobsView({ timeZone, firstName }: { timeZone: string; firstName: string }) {
  const trpc = useTRPC();
  // Refreshed every minute: a dispatcher may add or move a job during the day.
  const query = useQuery(trpc.workOrders.mine.queryOptions(undefined, { refetchInterval: 60_000 }));
  const todayLabel = new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone,
  }).format(new Date());

  return (
    <div className="mx-auto grid max-w-xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Hello, {firstName}</h1>
        <p className="text-muted-foreground">{todayLabel}</p>
      </div>
      {query.isError ? (
        <QueryError title="Could not load your jobs" error={query.error} onRetry={() => query.refetch()} />
      ) : null}
      {!query.data && !query.isError ? (
        <div className="grid gap-3" aria-busy="true" aria-label="Loading your jobs">
          <Skeleton className="h-28 w-full" />
          <Skeleton className="h-28 w-full" />
        </div>
      ) : null}
      {query.data ? (
        <>
          {query.data.overdue.length ? (
            <Section title="Still open from earlier days" jobs={query.data.overdue} timeZone={timeZone} showDate />
          ) : null}
          <Section
            title="Today"
            jobs={query.data.today}
            timeZone={timeZone}
            empty={
              <EmptyState
                icon={<Truck />}
                title="No jobs today"
                description="New jobs appear here as soon as a dispatcher assigns them to you."
              />
            }
          />
          {query.data.upcoming.length ? (
            <Section title="Coming up" jobs={query.data.upcoming} timeZone={timeZone} showDate />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function Section({
  title,
  jobs,
  timeZone,
  showDate,
  empty,
}: {
  title: string;
  jobs: WorkOrderRow[];
  timeZone: string;
  showDate?: boolean;
  empty?: React.ReactNode;
}) {
  return (
    <section aria-label={title} className="grid gap-3">
      <h2 className="text-lg font-semibold">{title}</h2>
      {jobs.length === 0 ? empty : null}
      <ul className="grid gap-3">
        {jobs.map((w) => (
          <li key={w.id}>
            <Link
              href={`/field/${w.id}`}
              className="flex min-h-24 items-center gap-3 rounded-xl border bg-card p-4 shadow-sm transition-colors hover:bg-accent/40 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none active:bg-accent/60"
            >
              <div className="grid min-w-0 flex-1 gap-1.5">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="flex items-center gap-1 font-semibold">
                    <Clock aria-hidden className="size-4" />
                    {showDate
                      ? formatWindow(w.windowStart, w.windowEnd, timeZone, true)
                      : formatTimes(w.windowStart, w.windowEnd, timeZone)}
                  </span>
                  <WorkOrderStatusBadge status={w.status} />
                </div>
                <p className="text-base leading-snug font-medium">{w.title}</p>
                <p className="flex items-start gap-1 text-sm text-muted-foreground">
                  <MapPin aria-hidden className="mt-0.5 size-4 shrink-0" />
                  <span className="line-clamp-2">{w.address}</span>
                </p>
                <p className="text-xs text-muted-foreground">
                  {w.numberLabel} · {KIND_LABELS[w.kind]}
                  {w.customer ? ` · ${w.customer.displayName}` : ""}
                </p>
              </div>
              <ChevronRight aria-hidden className="size-6 shrink-0 text-muted-foreground" />
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
