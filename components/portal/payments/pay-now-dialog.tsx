"use client";

import { useState } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { applyServerErrors, formErrorOf } from "@/components/console/errors";
import { useDialogForm } from "@/components/console/use-dialog-form";
import { fieldErrors, useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { moneyInput, parseMoney } from "@/server/lib/money";
import { PAYMENT_PROVIDER_LABELS, payNowSchema, type PaymentProviderKey } from "@/server/modules/payments/schema";
import { PaymentWaiting } from "./payment-waiting";

// The amount is typed as money ("25.00"); the rest is the payments module's own schema.
const formSchema = payNowSchema
  .pick({ provider: true, phone: true })
  .extend({ amount: z.string().trim().min(1, "Enter how much to pay.") });
type FormIn = z.input<typeof formSchema>;
type FormOut = z.output<typeof formSchema>;

type Purpose = "INVOICES" | "WALLET_TOPUP";

/**
 * "Pay now": the open balance (or one invoice's) by a method the company has switched on, or, with
 * purpose WALLET_TOPUP, money into the wallet. A card payment continues on Stripe's page; M-Pesa
 * waits here for the customer to confirm on their phone. With `open` it is opened from outside
 * (the wallet's top-up buttons) and shows no button of its own.
 */
export function PayNowDialog({
  amountMinor,
  invoiceIds,
  purpose = "INVOICES",
  provider: preferred,
  label = "Pay now",
  size = "default",
  open: openFromOutside,
  onOpenChange,
}: {
  amountMinor: number;
  invoiceIds?: string[];
  purpose?: Purpose;
  /** The method chosen first (the wallet's "Top up with M-Pesa" / "by card"). */
  provider?: PaymentProviderKey;
  label?: string;
  size?: "default" | "sm";
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const [openHere, setOpenHere] = useState(false);
  const controlled = openFromOutside !== undefined;
  const open = controlled ? openFromOutside : openHere;
  const [waitingFor, setWaitingFor] = useState<{ paymentId: string; message: string } | null>(null);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const methods = useQuery({ ...trpc.portal.paymentMethods.queryOptions(), enabled: open });
  const currency = methods.data?.currency ?? "USD";
  const topUp = purpose === "WALLET_TOPUP";
  const form = useDialogForm<FormIn, FormOut>(
    open && methods.data,
    () => ({
      provider:
        preferred && methods.data?.methods.includes(preferred) ? preferred : (methods.data?.methods[0] ?? "MPESA"),
      // A top-up has no amount owed to start from: the customer says how much.
      amount: methods.data && amountMinor > 0 ? moneyInput(amountMinor, methods.data.currency) : "",
      phone: methods.data?.phone ?? "",
    }),
    { resolver: zodResolver(formSchema) },
  );
  const pay = useMutation(
    trpc.portal.payNow.mutationOptions({
      onSuccess: (started) => {
        if (started.kind === "redirect") window.location.assign(started.url);
        else setWaitingFor({ paymentId: started.paymentId, message: started.message });
      },
      onError: (err) => {
        // The server names the amount `amountMinor`; the customer typed it in `amount`.
        const amountError = fieldErrors(err).amountMinor;
        if (amountError) form.setError("amount", { type: "server", message: amountError }, { shouldFocus: true });
        else applyServerErrors(form, err);
      },
    }),
  );
  const provider = form.watch("provider");
  const errors = form.formState.errors;

  const submit = form.handleSubmit(({ amount, ...rest }) => {
    const minor = parseMoney(amount, currency);
    if (!minor) return form.setError("amount", { message: "Enter an amount such as 1500 or 1500.00." });
    pay.mutate({ ...rest, amountMinor: minor, purpose, invoiceIds: topUp ? undefined : invoiceIds });
  });

  const setOpen = (o: boolean) => {
    if (controlled) onOpenChange?.(o);
    else setOpenHere(o);
    if (!o) {
      // Balances and histories refresh once the dialog closes (not while it shows the outcome).
      if (waitingFor) {
        void queryClient.invalidateQueries({ queryKey: trpc.portal.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.dunning.portal.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.wallet.portal.pathKey() });
      }
      setWaitingFor(null);
      pay.reset();
    }
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {controlled ? null : (
        <DialogTrigger asChild>
          <Button size={size} disabled={amountMinor <= 0}>
            {label}
          </Button>
        </DialogTrigger>
      )}
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{topUp ? "Top up your wallet" : "Pay now"}</DialogTitle>
          <DialogDescription>
            {topUp
              ? "The money goes into your wallet: prepaid plans renew from it and hotspot vouchers are bought with it."
              : "Pay your balance online. Your receipt appears in your payment history."}
          </DialogDescription>
        </DialogHeader>
        {methods.isLoading ? <p className="text-sm text-muted-foreground">Loading the ways to pay…</p> : null}
        {methods.error ? <p className="text-sm text-destructive">{methods.error.message}</p> : null}
        {waitingFor ? (
          <PaymentWaiting
            paymentId={waitingFor.paymentId}
            message={waitingFor.message}
            onRetry={() => {
              setWaitingFor(null);
              pay.reset();
            }}
          />
        ) : methods.data && methods.data.methods.length === 0 ? (
          <NoOnlinePayment bankDetails={methods.data.bankDetails} />
        ) : methods.data ? (
          <form noValidate className="grid gap-4" onSubmit={submit}>
            {formErrorOf(form) ? (
              <Alert variant="destructive">
                <AlertDescription>{formErrorOf(form)}</AlertDescription>
              </Alert>
            ) : null}
            <FormField
              label={`Amount (${currency})`}
              error={errors.amount?.message}
              description={
                provider === "MPESA" && currency === "KES" ? "M-Pesa takes whole shillings, without cents." : undefined
              }
            >
              <Input inputMode="decimal" {...form.register("amount")} />
            </FormField>
            <FormField label="Pay with" error={errors.provider?.message}>
              <NativeSelect {...form.register("provider")}>
                {methods.data.methods.map((m) => (
                  <option key={m} value={m}>
                    {PAYMENT_PROVIDER_LABELS[m]}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            {provider === "MPESA" ? (
              <FormField
                label="M-Pesa phone number"
                description="We send a prompt to this phone: enter your M-Pesa PIN there."
                error={errors.phone?.message}
              >
                <Input type="tel" autoComplete="tel" placeholder="0712 345 678" {...form.register("phone")} />
              </FormField>
            ) : (
              <p className="text-sm text-muted-foreground">You continue on a secure card payment page.</p>
            )}
            <DialogFooter>
              <Button type="submit" disabled={pay.isPending || pay.isSuccess}>
                {pay.isPending
                  ? provider === "MPESA"
                    ? "Sending the prompt…"
                    : "Starting…"
                  : provider === "MPESA"
                    ? "Send the M-Pesa prompt"
                    : "Continue to card payment"}
              </Button>
            </DialogFooter>
          </form>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

/** No online method is switched on: how to pay instead. */
function NoOnlinePayment({ bankDetails }: { bankDetails: string | null }) {
  return (
    <div className="grid gap-2 text-sm">
      <p>Online payment is not available yet. You can pay by bank transfer or at our office.</p>
      {bankDetails ? (
        <pre className="rounded-md bg-muted p-3 font-sans whitespace-pre-wrap">{bankDetails}</pre>
      ) : (
        <p className="text-muted-foreground">Contact us for the bank details to pay into.</p>
      )}
      <p className="text-muted-foreground">
        Use your account number as the reference. After paying, tell us under &ldquo;I paid by bank transfer&rdquo;.
      </p>
    </div>
  );
}

/** The billing card's "Pay now": the whole open balance, oldest invoices first. */
export function PayBalance() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.portal.billing.summary.queryOptions());
  if (!summary.data || summary.data.openBalanceMinor <= 0) return null;
  return (
    <div>
      <PayNowDialog amountMinor={summary.data.openBalanceMinor} />
    </div>
  );
}
