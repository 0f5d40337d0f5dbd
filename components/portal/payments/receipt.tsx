"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { formatDateTime } from "@/components/console/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatMoney } from "@/server/lib/money";
import { METHOD_LABELS } from "@/server/modules/payments/schema";

/** The customer's receipt for one of their payments: a plain page that prints on one sheet. */
export function PortalReceipt({ id, companyName, timeZone }: { id: string; companyName: string; timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.portal.billing.payment.queryOptions({ id }));
  if (query.isLoading) return <Spinner label="Loading the receipt" />;
  if (query.error || !query.data)
    return (
      <div className="grid gap-2 text-sm">
        <p className="text-destructive">{query.error?.message ?? "This receipt was not found."}</p>
        <Link href="/portal/payments" className="underline underline-offset-4">
          Back to your payments
        </Link>
      </div>
    );
  const p = query.data;
  const money = (minor: number) => formatMoney(minor, p.currency);
  return (
    <div className="mx-auto grid max-w-md gap-4 rounded-md border p-6 text-sm print:border-0">
      <div className="text-center">
        <div className="text-lg font-semibold">{companyName}</div>
        <div className="text-muted-foreground">Payment receipt</div>
      </div>
      {p.status === "PENDING" || p.status === "FAILED" ? (
        <p className="text-center">
          {p.status === "PENDING"
            ? "This payment has not gone through yet: the receipt is ready once it does."
            : "This payment did not go through, so there is no receipt."}
        </p>
      ) : null}
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
            <div key={a.number} className="flex justify-between">
              <span>Invoice {a.number}</span>
              <span>{money(a.amountMinor)}</span>
            </div>
          ))}
          {p.creditedMinor ? (
            <div className="flex justify-between">
              <span>Credit on your account</span>
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
          <Link href="/portal/payments">Back</Link>
        </Button>
      </div>
    </div>
  );
}
