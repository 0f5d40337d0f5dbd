"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney } from "@/server/lib/money";
import { METHOD_LABELS } from "@/server/modules/payments/schema";
import { formatDate, formatDateTime } from "../format";

/**
 * The payments that paid this invoice and their refunds: a refund that failed at the provider (or
 * an M-Pesa reversal still waiting) says so with the provider's reason, struck through.
 */
export function InvoicePayments({ invoiceId, timeZone }: { invoiceId: string; timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.payments.ofInvoice.queryOptions({ invoiceId }));
  const payments = query.data ?? [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Payments and refunds</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        {query.isLoading ? <p className="text-muted-foreground">Loading…</p> : null}
        {query.isError ? (
          <p className="text-destructive">The payments could not be loaded: {query.error.message}</p>
        ) : null}
        {query.isSuccess && payments.length === 0 ? (
          <p className="text-muted-foreground">No payment has gone to this invoice yet.</p>
        ) : null}
        {payments.map((p) => {
          const money = (minor: number) => formatMoney(minor, p.currency);
          return (
            <div key={p.id} className="space-y-1">
              <div className="flex justify-between gap-4">
                <span>
                  <Link className="underline" href={`/billing/payments/${p.id}`}>
                    {p.receipt ?? "Payment"}
                  </Link>{" "}
                  · {METHOD_LABELS[p.method]} · {formatDate(p.receivedAt, timeZone)}
                </span>
                <span>{money(p.onInvoiceMinor)} on this invoice</span>
              </div>
              {p.refunds.map((r) => (
                <div key={r.id} className="flex justify-between gap-4 pl-4 text-muted-foreground">
                  <span>
                    Refund {formatDateTime(r.createdAt, timeZone)} · {r.reason}
                    {r.status !== "SUCCEEDED" ? (
                      <>
                        {" "}
                        ({r.status === "PENDING" ? "waiting for the provider" : "failed"})
                        {r.failureReason ? ` ${r.failureReason}` : ""}
                      </>
                    ) : null}
                  </span>
                  <span className={r.status === "FAILED" ? "line-through" : undefined}>−{money(r.amountMinor)}</span>
                </div>
              ))}
            </div>
          );
        })}
      </CardContent>
    </Card>
  );
}
