"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { CircleCheck, CircleX } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Spinner } from "@/components/ui/spinner";
import { formatMoney } from "@/server/lib/money";

/**
 * While the customer confirms an M-Pesa prompt on their phone: asks every few seconds until the
 * payment has succeeded or failed (the provider's callback, or the sweep, settles it).
 */
export function PaymentWaiting({ paymentId, message }: { paymentId: string; message: string }) {
  const trpc = useTRPC();
  const payment = useQuery({
    ...trpc.portal.billing.payment.queryOptions({ id: paymentId }),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== "PENDING" ? false : 3_000),
  });
  const status = payment.data?.status;
  const done = status !== undefined && status !== "PENDING";

  if (status === "FAILED")
    return (
      <div className="grid gap-2 text-sm" role="status">
        <p className="flex items-center gap-2 font-medium text-destructive">
          <CircleX aria-hidden className="size-4" /> The payment did not go through.
        </p>
        <p>
          {payment.data?.failureReason ?? "It was cancelled or timed out on the phone."} Nothing was charged; try again.
        </p>
      </div>
    );
  if (done && payment.data)
    return (
      <div className="grid gap-2 text-sm" role="status">
        <p className="flex items-center gap-2 font-medium">
          <CircleCheck aria-hidden className="size-4 text-green-600" /> Thank you: we received{" "}
          {formatMoney(payment.data.amountMinor, payment.data.currency)}.
        </p>
        <Link href={`/portal/payments/${paymentId}/receipt`} className="underline underline-offset-4">
          View receipt {payment.data.receipt ?? ""}
        </Link>
      </div>
    );
  return (
    <div className="grid gap-2 text-sm" role="status">
      <Spinner label="Waiting for your confirmation" />
      <p>{message}</p>
      <p className="text-muted-foreground">
        This page updates by itself once M-Pesa confirms. You can close it: the payment still counts.
      </p>
      {payment.error ? <p className="text-destructive">{payment.error.message}</p> : null}
    </div>
  );
}
