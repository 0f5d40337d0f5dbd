"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney } from "@/server/lib/money";

/** The invoice's credit notes and the customer's credit balance (overpayments and credit notes not yet used). */
export function CustomerCredit({
  invoiceId,
  customerId,
  currency,
}: {
  invoiceId: string;
  customerId: string;
  currency: string;
}) {
  const trpc = useTRPC();
  const notes = useQuery(trpc.billing.creditNotes.list.queryOptions({ invoiceId }));
  const credit = useQuery(trpc.billing.credit.ofCustomer.queryOptions({ customerId }));
  const money = (minor: number) => formatMoney(minor, currency);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Credit</CardTitle>
      </CardHeader>
      <CardContent className="space-y-2 text-sm">
        <p>
          Customer&apos;s credit balance:{" "}
          <span className="font-semibold">{credit.data ? money(credit.data.balanceMinor) : "…"}</span>
          <span className="text-muted-foreground"> — it pays their next invoice when it is issued.</span>
        </p>
        {notes.data?.rows.length ? (
          <div className="space-y-1">
            {notes.data.rows.map((n) => (
              <div key={n.id} className="flex justify-between gap-4">
                <span>
                  Credit note {n.displayNumber} · {n.reason}
                </span>
                <span>
                  −{money(n.totalMinor)}
                  {n.totalMinor > n.appliedMinor ? ` (${money(n.totalMinor - n.appliedMinor)} to credit)` : ""}
                </span>
              </div>
            ))}
          </div>
        ) : (
          <p className="text-muted-foreground">
            No credit notes on this invoice. Corrections of an issued invoice are credit notes.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
