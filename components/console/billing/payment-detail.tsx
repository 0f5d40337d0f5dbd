"use client";

import Link from "next/link";
import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { currencyDigits, formatMoney, parseMoney } from "@/server/lib/money";
import { METHOD_LABELS, refundSchema } from "@/server/modules/payments/schema";
import { checkWith } from "../check-with";
import { DetailPage } from "../detail-page";
import { applyServerErrors, formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { formatDate, formatDateTime } from "../format";
import { CustomerPicker, type PickedCustomer } from "../customers/customer-picker";
import type { RouterOutputs } from "../types";
import { useDialogForm } from "../use-dialog-form";
import { PaymentStatusBadge } from "./payment-status";
import { formatAccountNumber } from "@/server/modules/customers/schema";

type Payment = RouterOutputs["payments"]["get"];

export function PaymentDetailView({ id, canManage, timeZone }: { id: string; canManage: boolean; timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.payments.get.queryOptions({ id }));
  const [refunding, setRefunding] = React.useState(false);
  return (
    <DetailPage query={query} what="payment" back={{ href: "/billing/payments", label: "Payments" }}>
      {(p) => {
        const money = (minor: number) => formatMoney(minor, p.currency);
        return (
          <div className="space-y-6">
            <PageHeader
              title={p.receipt ? `Receipt ${p.receipt}` : "Pending payment"}
              description={
                p.customer
                  ? `${p.customer.name} · account ${formatAccountNumber(p.customer.accountNumber)}`
                  : `Paid to account “${p.accountReference ?? "?"}”, which nobody has`
              }
              actions={
                <>
                  {p.receipt ? (
                    <Button variant="outline" asChild>
                      <Link href={`/billing/payments/${p.id}/receipt`}>Print receipt</Link>
                    </Button>
                  ) : null}
                  {canManage && p.refundableMinor > 0 ? (
                    <Button variant="outline" onClick={() => setRefunding(true)}>
                      Refund
                    </Button>
                  ) : null}
                </>
              }
            />
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <PaymentStatusBadge status={p.status} unmatched={p.unmatched} />
              <span>{money(p.amountMinor)}</span>
              <span>{METHOD_LABELS[p.method]}</span>
              {p.reference ? <span>Reference {p.reference}</span> : null}
              <span>Received {formatDateTime(p.receivedAt ?? p.createdAt, timeZone)}</span>
              {p.payerName || p.payerPhone ? (
                <span className="text-muted-foreground">
                  Paid by {[p.payerName, p.payerPhone].filter(Boolean).join(", ")}
                </span>
              ) : null}
            </div>
            {p.failureReason ? (
              <p role="status" className="rounded-md border p-3 text-sm">
                {p.status === "FAILED" ? "Failed: " : p.status === "DISPUTED" ? "Disputed: " : null}
                {p.failureReason}
              </p>
            ) : null}
            {p.unmatched && canManage ? <AssignCustomer paymentId={p.id} /> : null}
            <Card>
              <CardHeader>
                <CardTitle>Where the money went</CardTitle>
              </CardHeader>
              <CardContent className="px-0">
                {p.allocations.length === 0 && p.creditedMinor === 0 ? (
                  <p className="px-6 text-sm text-muted-foreground">
                    {p.postedAt ? "Nothing is allocated any more." : "Nothing yet: the payment is not posted."}
                  </p>
                ) : (
                  <Table>
                    <TableHeader>
                      <TableRow>
                        <TableHead className="pl-6">To</TableHead>
                        <TableHead className="pr-6 text-right">Amount</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {p.allocations.map((a) => (
                        <TableRow key={a.invoiceId}>
                          <TableCell className="pl-6">
                            <Link className="hover:underline" href={`/billing/invoices/${a.invoiceId}`}>
                              Invoice {a.number}
                            </Link>{" "}
                            <span className="text-muted-foreground">due {formatDate(a.dueDate, "UTC")}</span>
                          </TableCell>
                          <TableCell className="pr-6 text-right">{money(a.amountMinor)}</TableCell>
                        </TableRow>
                      ))}
                      {p.creditedMinor !== 0 ? (
                        <TableRow>
                          <TableCell className="pl-6">Customer&apos;s credit (pays the next invoice)</TableCell>
                          <TableCell className="pr-6 text-right">{money(p.creditedMinor)}</TableCell>
                        </TableRow>
                      ) : null}
                    </TableBody>
                  </Table>
                )}
              </CardContent>
            </Card>
            {p.refunds.length ? (
              <Card>
                <CardHeader>
                  <CardTitle>Refunds</CardTitle>
                </CardHeader>
                <CardContent className="space-y-1 text-sm">
                  {p.refunds.map((r) => (
                    <div key={r.id} className="flex justify-between gap-4">
                      <span>
                        {formatDateTime(r.createdAt, timeZone)} · {r.reason}
                        {r.status !== "SUCCEEDED" ? (
                          <span className="text-muted-foreground">
                            {" "}
                            ({r.status === "PENDING" ? "waiting for the provider" : "failed"})
                            {r.failureReason ? ` ${r.failureReason}` : ""}
                          </span>
                        ) : null}
                      </span>
                      <span className={r.status === "FAILED" ? "line-through" : undefined}>
                        −{money(r.amountMinor)}
                      </span>
                    </div>
                  ))}
                </CardContent>
              </Card>
            ) : null}
            {p.note ? <p className="text-sm text-muted-foreground">Note: {p.note}</p> : null}
            {canManage ? <RefundDialog payment={refunding ? p : null} onOpenChange={setRefunding} /> : null}
          </div>
        );
      }}
    </DetailPage>
  );
}

type RefundValues = { amountMinor: string; reason: string };

/** Gives money back: never more than paid minus refunded; the invoices it paid owe again. */
function RefundDialog({ payment, onOpenChange }: { payment: Payment | null; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const currency = payment?.currency ?? "USD";
  const form = useDialogForm<RefundValues>(payment?.id, () => ({ amountMinor: "", reason: "" }), {
    resolver: checkWith(refundSchema.pick({ reason: true })),
  });
  const refund = useMutation(trpc.payments.refund.mutationOptions());
  const onSubmit = form.handleSubmit(async (values) => {
    if (!payment) return;
    const amountMinor = parseMoney(values.amountMinor, currency);
    if (amountMinor === null || amountMinor <= 0) {
      form.setError("amountMinor", { message: "Enter the amount to give back, e.g. 250.00." });
      return;
    }
    try {
      await refund.mutateAsync({ paymentId: payment.id, amountMinor, reason: values.reason });
      await queryClient.invalidateQueries(trpc.payments.pathFilter());
      await queryClient.invalidateQueries(trpc.billing.pathFilter());
      toast({ variant: "success", title: `${formatMoney(amountMinor, currency)} refunded` });
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      open={!!payment}
      onOpenChange={(o) => (refund.isPending ? undefined : onOpenChange(o))}
      title="Refund this payment"
      description={
        payment
          ? `At most ${formatMoney(payment.refundableMinor, currency)} can be given back${payment.provider === "STRIPE" ? ", to the card it was paid with (through Stripe)" : payment.provider === "MPESA" ? ", to the M-Pesa number it came from (a reversal through Safaricom; the books change once Safaricom confirms it)" : ""}. It comes first from the credit this payment left, then from the invoices it paid, newest first: those invoices owe again.`
          : undefined
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={refund.isPending}
      spinnerLabel="Refunding"
      submitLabel="Refund"
      destructive
    >
      <FormField label={`Amount (${currency})`} required error={errors.amountMinor?.message}>
        <Input
          inputMode="decimal"
          placeholder={currencyDigits(currency) ? "0.00" : "0"}
          autoComplete="off"
          {...form.register("amountMinor")}
        />
      </FormField>
      <FormField label="Why" required error={errors.reason?.message}>
        <Input autoComplete="off" {...form.register("reason")} />
      </FormField>
    </FormDialog>
  );
}

/** Money that came for an account nobody has: a person finds whose it is, and it posts. */
function AssignCustomer({ paymentId }: { paymentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [picked, setPicked] = React.useState<PickedCustomer | null>(null);
  const [error, setError] = React.useState<string | undefined>();
  const assign = useMutation(trpc.payments.assignCustomer.mutationOptions());
  const save = async () => {
    if (!picked) return setError("Choose the customer who paid.");
    try {
      await assign.mutateAsync({ paymentId, customerId: picked.id });
      await queryClient.invalidateQueries(trpc.payments.pathFilter());
      toast({ variant: "success", title: `Posted to ${picked.displayName}` });
    } catch (err) {
      setError(err instanceof Error ? err.message : "The payment could not be assigned.");
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Whose payment is this?</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <CustomerPicker
          id="assign-payment-customer"
          picked={picked}
          onPick={setPicked}
          error={error}
          hint="Find the customer by name, phone or account number; the payment then pays their invoices."
        />
        <div>
          <Button onClick={save} disabled={assign.isPending}>
            Post to this customer
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
