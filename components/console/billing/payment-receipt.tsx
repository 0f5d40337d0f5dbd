"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/lib/money";
import { METHOD_LABELS } from "@/server/modules/payments/schema";
import { DetailPage } from "../detail-page";
import { formatDateTime } from "../format";

/** The receipt handed over the counter: a plain page that prints on one sheet (the console's chrome hidden). */
export function PaymentReceipt({ id, companyName, timeZone }: { id: string; companyName: string; timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.payments.get.queryOptions({ id }));
  return (
    <DetailPage query={query} what="receipt" back={{ href: `/billing/payments/${id}`, label: "Payment" }}>
      {(p) => {
        const money = (minor: number) => formatMoney(minor, p.currency);
        return (
          <div className="mx-auto max-w-md space-y-4 rounded-md border p-6 text-sm print:border-0">
            <div className="text-center">
              <div className="text-lg font-semibold">{companyName}</div>
              <div className="text-muted-foreground">Payment receipt</div>
            </div>
            <dl className="grid grid-cols-2 gap-y-1">
              <dt>Receipt</dt>
              <dd className="text-right font-medium">{p.receipt ?? "—"}</dd>
              <dt>Date</dt>
              <dd className="text-right">{formatDateTime(p.receivedAt ?? p.createdAt, timeZone)}</dd>
              <dt>Customer</dt>
              <dd className="text-right">{p.customer ? `${p.customer.name} (#${p.customer.accountNumber})` : "—"}</dd>
              <dt>Method</dt>
              <dd className="text-right">{METHOD_LABELS[p.method]}</dd>
              {p.reference ? (
                <>
                  <dt>Reference</dt>
                  <dd className="text-right">{p.reference}</dd>
                </>
              ) : null}
              <dt className="font-semibold">Amount received</dt>
              <dd className="text-right font-semibold">{money(p.amountMinor)}</dd>
            </dl>
            {p.allocations.length || p.creditedMinor ? (
              <div>
                <div className="mb-1 font-medium">Applied to</div>
                {p.allocations.map((a) => (
                  <div key={a.invoiceId} className="flex justify-between">
                    <span>Invoice {a.number}</span>
                    <span>{money(a.amountMinor)}</span>
                  </div>
                ))}
                {p.creditedMinor ? (
                  <div className="flex justify-between">
                    <span>Credit on account</span>
                    <span>{money(p.creditedMinor)}</span>
                  </div>
                ) : null}
              </div>
            ) : null}
            {p.refundedMinor ? <p>Refunded since: {money(p.refundedMinor)}</p> : null}
            <p className="text-center text-muted-foreground">Thank you for your payment.</p>
            <div className="flex justify-center gap-2 print:hidden">
              <Button onClick={() => window.print()}>Print</Button>
              <Button variant="outline" asChild>
                <Link href={`/billing/payments/${p.id}`}>Back</Link>
              </Button>
            </div>
          </div>
        );
      }}
    </DetailPage>
  );
}
