"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Download, ReceiptText } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/lib/money";
import { QueryError } from "../errors";
import { formatDate } from "../format";
import { InvoiceStatusBadge } from "./invoice-status";
import { StatementDownload } from "./statement-download";

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
