"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/lib/money";
import { AGING_LABELS, type AgingBucket } from "@/server/modules/revenue/schema";
import type { RevenueOverview } from "@/server/modules/revenue/service";
import { InvoiceStatusBadge } from "../billing/invoice-status";
import { QueryError } from "../errors";
import { formatDate, formatDay } from "../format";
import { useUrlState } from "../use-url-state";

// Receivables aging: what is owed by days past due. A bucket opens the invoices behind it, paged;
// the chosen bucket and page live in the URL (?aging=D31_60&agingPage=2).

export function AgingCard({
  aging,
  currency,
  today,
}: {
  aging: RevenueOverview["aging"];
  currency: string;
  today: string;
}) {
  const url = useUrlState();
  const chosen = aging.find((b) => b.bucket === url.get("aging"))?.bucket ?? null;
  const owed = aging.reduce((s, b) => s + b.balanceMinor, 0);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Receivables aging</CardTitle>
        <CardDescription>
          {formatMoney(owed, currency)} owed on open and partly paid invoices, by days past their due date on{" "}
          {formatDay(today)}. Choose a bucket to see its invoices.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="grid gap-3 sm:grid-cols-5">
          {aging.map((b) => (
            <button
              key={b.bucket}
              type="button"
              aria-pressed={chosen === b.bucket}
              onClick={() => url.set({ aging: chosen === b.bucket ? null : b.bucket, agingPage: null })}
              className={cn(
                "rounded-lg border p-3 text-left transition-colors hover:bg-muted",
                chosen === b.bucket && "border-primary bg-muted",
                b.bucket !== "CURRENT" && b.balanceMinor > 0 && "border-l-4 border-l-destructive/60",
              )}
            >
              <span className="block text-sm text-muted-foreground">{AGING_LABELS[b.bucket]}</span>
              <span className="mt-1 block text-lg font-semibold tabular-nums">
                {formatMoney(b.balanceMinor, currency)}
              </span>
              <span className="block text-xs text-muted-foreground">
                {b.invoices} invoice{b.invoices === 1 ? "" : "s"}
              </span>
            </button>
          ))}
        </div>
        {chosen ? <BucketInvoices bucket={chosen} /> : null}
      </CardContent>
    </Card>
  );
}

function BucketInvoices({ bucket }: { bucket: AgingBucket }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const page = Math.max(1, Number(url.get("agingPage")) || 1);
  const query = useQuery({
    ...trpc.revenue.agingInvoices.queryOptions({ bucket, page }),
    placeholderData: keepPreviousData,
  });
  if (query.isError)
    return <QueryError title="Could not load the invoices" error={query.error} onRetry={() => query.refetch()} />;
  const data = query.data;
  if (!data) return <Skeleton className="h-40 w-full" />;
  if (data.rows.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        Nothing is owed in “{AGING_LABELS[bucket]}”. Choose another bucket, or see all invoices under{" "}
        <Link className="underline" href="/billing/invoices">
          Billing → Invoices
        </Link>
        .
      </p>
    );
  return (
    <div className="grid gap-3">
      <div className="overflow-x-auto">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Invoice</TableHead>
              <TableHead>Customer</TableHead>
              <TableHead>Due</TableHead>
              <TableHead className="text-right">Days past due</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Total</TableHead>
              <TableHead className="text-right">Still owed</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.rows.map((i) => (
              <TableRow key={i.id}>
                <TableCell>
                  <Link className="font-medium hover:underline" href={`/billing/invoices/${i.id}`}>
                    {i.number}
                  </Link>
                </TableCell>
                <TableCell>
                  <Link className="hover:underline" href={`/customers/${i.customer.id}`}>
                    {i.customer.name}
                  </Link>
                  <span className="block text-xs text-muted-foreground">{i.customer.accountNumber}</span>
                </TableCell>
                <TableCell>{formatDate(i.dueDate, "UTC")}</TableCell>
                <TableCell className="text-right tabular-nums">{i.daysPastDue}</TableCell>
                <TableCell>
                  <InvoiceStatusBadge status={i.status} overdue={i.daysPastDue > 0} />
                </TableCell>
                <TableCell className="text-right tabular-nums">{formatMoney(i.totalMinor, i.currency)}</TableCell>
                <TableCell className="text-right tabular-nums font-medium">
                  {formatMoney(i.balanceMinor, i.currency)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        onPageChange={(p) => url.set({ agingPage: p === 1 ? null : p })}
        disabled={query.isFetching}
      />
    </div>
  );
}
