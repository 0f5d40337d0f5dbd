"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChartLine } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { formatMoney } from "@/server/lib/money";
import { addMonthsTo, monthRangeSchema } from "@/server/modules/revenue/schema";
import type { RevenueOverview } from "@/server/modules/revenue/service";
import { QueryError } from "../errors";
import { formatDay } from "../format";
import { useUrlState } from "../use-url-state";
import { AccountingExportCard } from "./accounting-export-card";
import { AgingCard } from "./aging-card";
import { CollectionCard, RevenueByAreaCard, RevenueByPackageCard } from "./breakdown-cards";
import { HowComputed } from "./how-computed";
import { MrrCharts } from "./mrr-charts";
import { percent, revenueRangeInput } from "./range";
import { TaxReportCard } from "./tax-report-card";

// Reports → Revenue: MRR and its movements, ARPU and churn, receivables aging, revenue per package
// and area, the collection rate, the tax report and the accounting export, for a range of months.

export function RevenueReport() {
  const trpc = useTRPC();
  const url = useUrlState();
  const input = revenueRangeInput(url);
  const valid = monthRangeSchema.safeParse(input);
  const query = useQuery({
    ...trpc.revenue.overview.queryOptions(input),
    enabled: valid.success,
    placeholderData: keepPreviousData,
  });
  const data = query.data;

  return (
    // One column no wider than the page: a wide table (the tax report) scrolls inside its card
    // instead of widening every card and the page with it.
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <MonthPicker
        from={data?.range.from ?? input.from ?? ""}
        to={data?.range.to ?? input.to ?? ""}
        current={data?.range.today.slice(0, 7)}
        onChange={(r) => url.set(r)}
        error={valid.success ? null : valid.error.issues[0]?.message}
      />
      {query.isError ? (
        <QueryError title="Could not load the revenue report" error={query.error} onRetry={() => query.refetch()} />
      ) : !data ? (
        <div className="grid gap-6" aria-busy="true" aria-label="Loading the report">
          <Skeleton className="h-28 w-full" />
          <Skeleton className="h-72 w-full" />
        </div>
      ) : (
        <Report data={data} input={input} />
      )}
    </div>
  );
}

function MonthPicker({
  from,
  to,
  current,
  onChange,
  error,
}: {
  from: string;
  to: string;
  current: string | undefined;
  onChange: (r: { from: string; to: string }) => void;
  error: string | null | undefined;
}) {
  const presets: [string, number][] = [
    ["Last 3 months", 3],
    ["Last 6 months", 6],
    ["Last 12 months", 12],
    ["Last 24 months", 24],
  ];
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor="revenue-from">From month</Label>
        <Input
          id="revenue-from"
          type="month"
          className="w-44"
          value={from}
          max={to || undefined}
          onChange={(e) => e.target.value && onChange({ from: e.target.value, to })}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="revenue-to">To month</Label>
        <Input
          id="revenue-to"
          type="month"
          className="w-44"
          value={to}
          min={from || undefined}
          max={current}
          onChange={(e) => e.target.value && onChange({ from, to: e.target.value })}
        />
      </div>
      {current ? (
        <div className="flex flex-wrap gap-2">
          {presets.map(([label, n]) => {
            const r = { from: addMonthsTo(current, 1 - n), to: current };
            return (
              <Button
                key={label}
                variant={r.from === from && r.to === to ? "secondary" : "outline"}
                size="sm"
                onClick={() => onChange(r)}
              >
                {label}
              </Button>
            );
          })}
        </div>
      ) : null}
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

function Report({ data, input }: { data: RevenueOverview; input: ReturnType<typeof revenueRangeInput> }) {
  const { mrr, range, collection } = data;
  const money = (minor: number) => formatMoney(minor, range.currency);
  const last = mrr.at(-1);
  const nothingYet =
    mrr.every((m) => m.mrrMinor === 0 && m.churnMinor === 0) &&
    collection.invoices === 0 &&
    data.aging.every((b) => b.invoices === 0);
  if (nothingYet) {
    return (
      <>
        <EmptyState
          icon={<ChartLine aria-hidden />}
          title="No revenue in these months yet"
          description="Recurring revenue appears once subscriptions are active on monthly, quarterly or yearly packages, and invoices once billing has run. Activate subscribers, then preview and run billing."
          action={
            <Button asChild variant="outline">
              <Link href="/billing/runs">Preview and run billing</Link>
            </Button>
          }
        />
        <HowComputed countsSuspended={data.countsSuspended} />
      </>
    );
  }
  const churned = mrr.reduce((s, m) => s + m.churnedCustomers, 0);
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="MRR"
          value={money(last?.mrrMinor ?? 0)}
          hint={
            last
              ? `on ${formatDay(last.asOf)}, ${last.payingCustomers} paying customer${last.payingCustomers === 1 ? "" : "s"}`
              : undefined
          }
        />
        <Stat label="ARPU" value={money(last?.arpuMinor ?? 0)} hint="MRR per paying customer" />
        <Stat
          label="Logo churn, last month"
          value={percent(last?.logoChurnBps ?? null)}
          hint={`${churned} customer${churned === 1 ? "" : "s"} churned in the range`}
        />
        <Stat
          label="Revenue churn, last month"
          value={percent(last?.revenueChurnBps ?? null)}
          hint={`net of expansion: ${percent(last?.netRevenueChurnBps ?? null)}`}
        />
      </div>
      <MrrCharts mrr={mrr} currency={range.currency} />
      <AgingCard aging={data.aging} currency={range.currency} today={range.today} />
      <div className="grid gap-6 lg:grid-cols-2">
        <RevenueByPackageCard rows={data.byPackage} currency={range.currency} />
        <RevenueByAreaCard rows={data.byArea} currency={range.currency} />
      </div>
      <CollectionCard collection={collection} currency={range.currency} period={range.period} />
      <TaxReportCard input={input} />
      <AccountingExportCard key={`${range.period.from}/${range.period.to}`} period={range.period} />
      <HowComputed countsSuspended={data.countsSuspended} />
    </>
  );
}
