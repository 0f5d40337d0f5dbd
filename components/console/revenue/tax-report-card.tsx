"use client";

import * as React from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { formatMoney } from "@/server/lib/money";
import type { MonthRangeInput } from "@/server/modules/revenue/schema";
import { errorMessage, QueryError } from "../errors";
import { formatMonth } from "../format";
import { downloadCsv } from "./download";
import { percent } from "./range";

// The tax report: per month of issue and tax rate, the taxable amount and the tax, for the return.

export function TaxReportCard({ input }: { input: MonthRangeInput }) {
  const trpc = useTRPC();
  const toast = useToast();
  const [downloading, setDownloading] = React.useState(false);
  const query = useQuery({ ...trpc.revenue.taxReport.queryOptions(input), placeholderData: keepPreviousData });
  const data = query.data;

  async function download() {
    if (!data) return;
    setDownloading(true);
    try {
      const { filename } = await downloadCsv("/api/revenue/tax-report", { from: data.range.from, to: data.range.to });
      toast({ variant: "success", title: `Downloaded ${filename}` });
    } catch (err) {
      toast({ variant: "destructive", title: "Could not download the tax report", description: errorMessage(err) });
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4 space-y-0">
        <div className="space-y-1.5">
          <CardTitle>Tax report</CardTitle>
          <CardDescription>
            Tax charged on invoices issued and on prepaid wallet sales (renewals, vouchers, data top-ups) in each month,
            per tax rate; voided invoices are left out. “No tax” is what was sold without any tax (zero-rated, exempt
            packages and exempted customers).
          </CardDescription>
        </div>
        <Button
          variant="outline"
          size="sm"
          onClick={download}
          disabled={downloading || !data || data.rows.length === 0}
        >
          <Download aria-hidden />
          {downloading ? "Downloading…" : "Download CSV"}
        </Button>
      </CardHeader>
      <CardContent>
        {query.isError ? (
          <QueryError title="Could not load the tax report" error={query.error} onRetry={() => query.refetch()} />
        ) : !data ? (
          <Skeleton className="h-32 w-full" />
        ) : data.rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            Nothing was invoiced or sold from wallets in these months, so there is no tax to report. Choose other
            months.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <Table className="whitespace-nowrap">
              <TableHeader>
                <TableRow>
                  <TableHead>Month</TableHead>
                  <TableHead>Tax</TableHead>
                  <TableHead className="text-right">Rate</TableHead>
                  <TableHead className="text-right">Invoices</TableHead>
                  <TableHead className="text-right">Invoiced tax</TableHead>
                  <TableHead className="text-right">Wallet sales</TableHead>
                  <TableHead className="text-right">Wallet tax</TableHead>
                  <TableHead className="text-right">Wallet refunds&apos; tax</TableHead>
                  <TableHead className="text-right">Credit notes</TableHead>
                  <TableHead className="text-right">Credited tax</TableHead>
                  <TableHead className="text-right">Taxable amount</TableHead>
                  <TableHead className="text-right">Tax due</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.rows.map((r) => (
                  <TableRow key={`${r.month}-${r.name}-${r.rateBps}`}>
                    <TableCell className="font-medium">{formatMonth(r.month)}</TableCell>
                    <TableCell>{r.name}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {r.rateBps === null ? "—" : percent(r.rateBps)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{r.invoices}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {formatMoney(r.invoicedTaxMinor, data.range.currency)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{r.walletSales}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {formatMoney(r.walletTaxMinor, data.range.currency)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      {r.walletRefundedTaxMinor
                        ? `−${formatMoney(r.walletRefundedTaxMinor, data.range.currency)}`
                        : "—"}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{r.creditNotes}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {formatMoney(r.creditedTaxMinor, data.range.currency)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      {formatMoney(r.taxableMinor, data.range.currency)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      {formatMoney(r.taxMinor, data.range.currency)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
