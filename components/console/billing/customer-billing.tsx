"use client";

import * as React from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Download, ReceiptText } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/lib/money";
import { QueryError } from "../errors";
import { formatDate } from "../format";
import { InvoiceStatusBadge } from "./invoice-status";

const day = (d: Date | string | null) => formatDate(d, "UTC");

/** The customer page's Billing card: their latest invoices (each with its PDF) and the statement of account. */
export function CustomerBilling({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.billing.invoices.list.queryOptions({ customerId, pageSize: 5, sort: "issueDate", direction: "desc" }),
  );
  return (
    <Card id="customer-billing">
      <CardHeader>
        <CardTitle>Billing</CardTitle>
        <CardDescription>
          {query.data && query.data.total > query.data.rows.length
            ? `The latest ${query.data.rows.length} of ${query.data.total} invoices; the statement lists them all.`
            : "Invoices and the statement of account."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {query.isError ? (
          <QueryError title="Could not load the invoices" error={query.error} onRetry={() => query.refetch()} />
        ) : !query.data ? (
          <Skeleton className="h-24 w-full" />
        ) : query.data.rows.length === 0 ? (
          <EmptyState
            icon={<ReceiptText />}
            title="No invoices yet"
            description="The billing run invoices this customer once a subscription is active and due."
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Invoice</TableHead>
                <TableHead>Issued</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Total</TableHead>
                <TableHead className="text-right">PDF</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data.rows.map((i) => (
                <TableRow key={i.id}>
                  <TableCell>
                    <Link className="font-medium underline-offset-4 hover:underline" href={`/billing/invoices/${i.id}`}>
                      {i.number}
                    </Link>
                  </TableCell>
                  <TableCell>{day(i.issueDate)}</TableCell>
                  <TableCell>
                    <InvoiceStatusBadge status={i.status} overdue={i.overdue} />
                  </TableCell>
                  <TableCell className="text-right">{formatMoney(i.totalMinor, i.currency)}</TableCell>
                  <TableCell className="text-right">
                    <a
                      className="inline-flex items-center gap-1 underline-offset-4 hover:underline"
                      href={`/billing/invoices/${i.id}/pdf`}
                      download
                    >
                      <Download className="size-4" aria-hidden /> PDF
                    </a>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <StatementDownload href={`/customers/${customerId}/statement`} />
      </CardContent>
    </Card>
  );
}

/**
 * The statement of account for a date range, as a PDF download. Left empty, the range is the
 * last year up to today; a range that does not make sense is answered with the reason.
 */
export function StatementDownload({ href }: { href: string }) {
  const [from, setFrom] = React.useState("");
  const [to, setTo] = React.useState("");
  const reversed = !!from && !!to && from > to;
  const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  return (
    <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <FormField label="Statement from" description="Empty: a year ago.">
        <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </FormField>
      <FormField
        label="to"
        description={reversed ? undefined : "Empty: today."}
        error={reversed ? "The statement must end on or after the day it starts." : undefined}
      >
        <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </FormField>
      <Button asChild variant="outline" disabled={reversed}>
        <a href={reversed ? undefined : `${href}${query ? `?${query}` : ""}`} download aria-disabled={reversed}>
          <Download aria-hidden /> Statement (PDF)
        </a>
      </Button>
    </div>
  );
}
