"use client";

import type { ReactNode } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Download, FileText } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatMoney } from "@/server/lib/money";
import { PortalInvoicesTable } from "./invoices-table";

/**
 * The home page's "Invoices and balance" card: what the customer owes now, their latest invoices
 * with PDFs, and the statement of account. `pay` renders under the balance (paying it) and
 * `history` under the invoices (payments and receipts).
 */
export function BillingCard({
  companyName,
  pay,
  history,
}: {
  companyName: string;
  pay?: ReactNode;
  history?: ReactNode;
}) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.portal.billing.summary.queryOptions());
  const data = summary.data;
  const latest = data?.invoices.rows.slice(0, 3) ?? [];
  return (
    <Card className="sm:col-span-2">
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <FileText aria-hidden className="size-4" /> Invoices and balance
        </CardTitle>
        <CardDescription>
          {!data
            ? "Your balance and invoices"
            : data.invoices.total === 0
              ? `No invoices yet. ${companyName} sends each invoice by e-mail when it is issued, and it appears here.`
              : data.openBalanceMinor > 0
                ? `${data.unpaidCount} unpaid invoice${data.unpaidCount === 1 ? "" : "s"}${data.overdueCount ? `, ${data.overdueCount} overdue` : ""}`
                : "You are all paid up. Thank you."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {summary.error ? <p className="text-sm text-destructive">{summary.error.message}</p> : null}
        {!data && !summary.error ? <Skeleton className="h-24 w-full" /> : null}
        {data ? (
          <>
            <div>
              <p className="text-sm text-muted-foreground">Balance due</p>
              <p className="text-2xl font-semibold tabular-nums" data-testid="open-balance">
                {formatMoney(data.openBalanceMinor, data.currency)}
              </p>
            </div>
            {pay}
            {latest.length ? <PortalInvoicesTable rows={latest} /> : null}
            <div className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
              {data.invoices.total > latest.length ? (
                <Link href="/portal/invoices" className="underline underline-offset-4">
                  All {data.invoices.total} invoices
                </Link>
              ) : null}
              {data.invoices.total ? (
                <a
                  href="/portal/statement"
                  download
                  className="inline-flex items-center gap-1 underline-offset-4 hover:underline"
                >
                  <Download aria-hidden className="size-4" /> Statement of account (last 12 months)
                </a>
              ) : null}
            </div>
            {history}
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
