"use client";

import * as React from "react";
import Link from "next/link";
import { formatDateTime } from "@/components/console/format";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/lib/money";
import type { PaymentMethod } from "@/server/db/generated/prisma/enums";
import { formatAccountNumber } from "@/server/modules/customers/schema";
import { METHOD_LABELS } from "@/server/modules/payments/schema";

/** What a receipt shows of a payment: the console's and the portal's answers both have it. */
export interface ReceiptPayment {
  receipt: string | null;
  receivedAt: Date | string | null;
  createdAt: Date | string;
  customer: { name: string; accountNumber: number | string } | null;
  method: PaymentMethod;
  reference: string | null;
  currency: string;
  amountMinor: number;
  creditedMinor: number;
  refundedMinor: number;
  allocations: { number: string; amountMinor: number }[];
  /** A wallet top-up is applied to the wallet, not to invoices. */
  purpose?: "INVOICES" | "WALLET_TOPUP";
}

/** One receipt, the same for the counter and the customer: a plain sheet that prints on one page. */
export function ReceiptSheet({
  payment: p,
  companyName,
  timeZone,
  creditLabel,
  backHref,
  notice,
}: {
  payment: ReceiptPayment;
  companyName: string;
  timeZone: string;
  creditLabel: string;
  backHref: string;
  notice?: React.ReactNode;
}) {
  const money = (minor: number) => formatMoney(minor, p.currency);
  return (
    <div className="mx-auto grid max-w-md gap-4 rounded-md border p-6 text-sm print:border-0">
      <div className="text-center">
        <div className="text-lg font-semibold">{companyName}</div>
        <div className="text-muted-foreground">Payment receipt</div>
      </div>
      {notice}
      <dl className="grid grid-cols-2 gap-y-1">
        <dt>Receipt</dt>
        <dd className="text-right font-medium">{p.receipt ?? "—"}</dd>
        <dt>Date</dt>
        <dd className="text-right">{formatDateTime(p.receivedAt ?? p.createdAt, timeZone)}</dd>
        <dt>Customer</dt>
        <dd className="text-right">
          {p.customer
            ? `${p.customer.name} (${typeof p.customer.accountNumber === "number" ? formatAccountNumber(p.customer.accountNumber) : p.customer.accountNumber})`
            : "—"}
        </dd>
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
      {p.purpose === "WALLET_TOPUP" ? (
        <div className="flex justify-between">
          <span className="font-medium">Added to your wallet</span>
          <span>{money(p.amountMinor)}</span>
        </div>
      ) : null}
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
              <span>{creditLabel}</span>
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
          <Link href={backHref}>Back</Link>
        </Button>
      </div>
    </div>
  );
}
