"use client";

import * as React from "react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleCheck, CircleX } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatMoney } from "@/server/lib/money";

/**
 * While the customer confirms an M-Pesa prompt on their phone (or Stripe confirms a card payment
 * they came back from): asks every few seconds until the payment has succeeded or failed (the
 * provider's callback or webhook, or the sweep, settles it).
 */
export function PaymentWaiting({
  paymentId,
  message,
  onRetry,
  onSucceeded,
}: {
  paymentId: string;
  message: string;
  /** Back to the form, to try again after a failed attempt. */
  onRetry?: () => void;
  /** Once the money is in: the caller refreshes what shows it. */
  onSucceeded?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const payment = useQuery({
    ...trpc.portal.billing.payment.queryOptions({ id: paymentId }),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== "PENDING" ? false : 3_000),
  });
  const status = payment.data?.status;
  const succeeded = status === "SUCCEEDED";
  React.useEffect(() => {
    if (!succeeded) return;
    // The wallet and the payment history never hold the dialog this shows in: safe to refresh now.
    void queryClient.invalidateQueries({ queryKey: trpc.wallet.portal.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.portal.billing.payments.pathKey() });
    onSucceeded?.();
  }, [succeeded, onSucceeded, queryClient, trpc]);
  const done = status !== undefined && status !== "PENDING";
  const card = payment.data?.method === "CARD";

  if (status === "FAILED")
    return (
      <div className="grid gap-2 text-sm" role="status">
        <p className="flex items-center gap-2 font-medium text-destructive">
          <CircleX aria-hidden className="size-4" /> The payment did not go through.
        </p>
        <p>
          {payment.data?.failureReason ??
            (card ? "The card was declined." : "It was cancelled or timed out on the phone.")}{" "}
          Nothing was charged; try again.
        </p>
        {onRetry ? (
          <Button variant="outline" size="sm" className="justify-self-start" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </div>
    );
  if (done && payment.data)
    return (
      <div className="grid gap-2 text-sm" role="status">
        <p className="flex items-center gap-2 font-medium">
          <CircleCheck aria-hidden className="size-4 text-green-600" /> Thank you: we received{" "}
          {formatMoney(payment.data.amountMinor, payment.data.currency)}.
          {payment.data.purpose === "WALLET_TOPUP" ? " It goes into your wallet in a moment." : null}
        </p>
        <Link href={`/portal/payments/${paymentId}/receipt`} className="underline underline-offset-4">
          View receipt {payment.data.receipt ?? ""}
        </Link>
      </div>
    );
  return (
    <div className="grid gap-2 text-sm" role="status">
      <p className="flex items-center gap-2 font-medium">
        <Spinner label="Waiting for your confirmation" />
        {card ? "Confirming your card payment" : "Check your phone"}
      </p>
      <p>{message}</p>
      <p className="text-muted-foreground">
        This updates by itself once {card ? "the card payment is confirmed" : "M-Pesa confirms"}. You can close it: the
        payment still counts.
      </p>
      {payment.error ? <p className="text-destructive">{payment.error.message}</p> : null}
    </div>
  );
}

/** Back from Stripe's card page (/portal?payment=…): how that payment went. */
export function PaymentReturn() {
  const paymentId = useSearchParams().get("payment");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = React.useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.portal.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.dunning.portal.pathKey() });
  }, [queryClient, trpc]);
  if (!paymentId) return null;
  return (
    <div className="rounded-xl border p-4">
      <PaymentWaiting paymentId={paymentId} message="Confirming your card payment…" onSucceeded={refresh} />
    </div>
  );
}
