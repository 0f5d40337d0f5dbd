"use client";

import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldErrors, Resolver } from "react-hook-form";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { currencyDigits, formatMoney, parseMoney } from "@/server/lib/money";
import { MANUAL_METHODS, METHOD_LABELS, recordPaymentSchema } from "@/server/modules/payments/schema";
import { applyServerErrors, formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { formatDate } from "../format";
import { CustomerPicker, type PickedCustomer } from "../customers/customer-picker";
import { useDialogForm } from "../use-dialog-form";

type Values = {
  customer: PickedCustomer | null;
  customerId: string;
  method: (typeof MANUAL_METHODS)[number];
  /** Pays invoices, or tops up the customer's prepaid wallet. */
  purpose: "INVOICES" | "WALLET_TOPUP";
  /** The amount as typed ("25.00"), converted to minor units on submit. */
  amountMinor: string;
  reference: string;
  receivedOn: string;
  note: string;
  /** Pay chosen invoices instead of the oldest first. */
  choose: boolean;
  /** Typed amount per invoice id, when choosing. */
  allocate: Record<string, string>;
};

const EMPTY: Values = {
  customer: null,
  customerId: "",
  method: "CASH",
  purpose: "INVOICES",
  amountMinor: "",
  reference: "",
  receivedOn: "",
  note: "",
  choose: false,
  allocate: {},
};

/** The form's text as the procedure's input: amounts in minor units (NaN when not an amount, which the schema refuses). */
function toInput(v: Values, currency: string) {
  const minor = (text: string) => parseMoney(text, currency) ?? Number.NaN;
  return {
    customerId: v.customerId,
    method: v.method,
    amountMinor: minor(v.amountMinor),
    reference: v.reference,
    receivedOn: v.receivedOn || undefined,
    note: v.note,
    purpose: v.purpose,
    allocations:
      v.choose && v.purpose === "INVOICES"
        ? Object.entries(v.allocate)
            .filter(([, text]) => text.trim())
            .map(([invoiceId, text]) => ({ invoiceId, amountMinor: minor(text) }))
        : undefined,
  };
}

/** Checks the converted values with the module's schema; the errors land on the form's own fields. */
function resolverFor(currency: string): Resolver<Values> {
  const check = zodResolver(recordPaymentSchema as never) as unknown as Resolver<Record<string, unknown>>;
  return async (values, context, options) => {
    const result = await check(toInput(values, currency), context, options as never);
    const errors = result.errors as FieldErrors<Values>;
    // Something typed that is not an amount ("12.345", "1,2"): say what one looks like.
    if (errors.amountMinor && values.amountMinor.trim() && parseMoney(values.amountMinor, currency) === null)
      errors.amountMinor = {
        type: "validate",
        message: `Enter an amount such as ${currencyDigits(currency) ? "250.00" : "250"}.`,
      };
    return Object.keys(errors).length ? { values: {}, errors } : { values, errors: {} };
  };
}

/** Staff record money received at the counter or in the bank; it posts at once and the receipt goes out. */
export function RecordPaymentDialog({
  open,
  onOpenChange,
  currency,
  customer,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  currency: string;
  customer?: PickedCustomer;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useDialogForm<Values>(
    open,
    () => ({ ...EMPTY, customer: customer ?? null, customerId: customer?.id ?? "" }),
    { resolver: resolverFor(currency) },
  );
  const picked = form.watch("customer");
  const method = form.watch("method");
  const choose = form.watch("choose");
  const topUp = form.watch("purpose") === "WALLET_TOPUP";
  const invoices = useQuery({
    ...trpc.payments.openInvoices.queryOptions({ customerId: picked?.id ?? "" }),
    enabled: !!picked,
  });
  const record = useMutation(trpc.payments.record.mutationOptions());
  const { errors } = form.formState;
  const allocationError =
    (errors.allocate as { message?: string } | undefined)?.message ??
    (errors as FieldErrors<{ allocations: unknown }>).allocations?.message;
  const placeholder = currencyDigits(currency) ? "0.00" : "0";

  const pick = (c: PickedCustomer | null) => {
    form.setValue("customer", c);
    form.setValue("customerId", c?.id ?? "");
    form.setValue("allocate", {});
  };

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await record.mutateAsync(toInput(values, currency));
      await queryClient.invalidateQueries(trpc.payments.pathFilter());
      await queryClient.invalidateQueries(trpc.billing.pathFilter());
      toast({
        variant: "success",
        title: `Receipt ${saved.receipt}: ${formatMoney(saved.amountMinor, saved.currency)} received`,
        description:
          saved.purpose === "WALLET_TOPUP"
            ? "It goes to the customer's wallet; the receipt is on its way to the customer."
            : saved.creditedMinor > 0
              ? `${formatMoney(saved.creditedMinor, saved.currency)} went to the customer's credit.`
              : "The receipt is on its way to the customer.",
      });
      onOpenChange(false);
      router.push(`/billing/payments/${saved.id}`);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => (record.isPending ? undefined : onOpenChange(o))}
      className="max-h-[90vh] overflow-y-auto sm:max-w-2xl"
      title="Record a payment"
      description="Cash, cheque, bank transfer or an M-Pesa payment received outside the portal. It pays the customer's oldest invoices first unless you choose (anything above what they owe becomes credit), or tops up their prepaid wallet."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={record.isPending}
      spinnerLabel="Recording"
      submitLabel="Record payment"
    >
      <CustomerPicker
        id="record-payment-customer"
        picked={picked}
        onPick={pick}
        error={errors.customerId?.message}
        hint="Type at least two characters of the customer's name, account number, phone or e-mail."
      />
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-semibold">What it is for</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" value="INVOICES" {...form.register("purpose")} />
            Paying invoices
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" value="WALLET_TOPUP" {...form.register("purpose")} />
            Wallet top-up (prepaid)
          </label>
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Method" required error={errors.method?.message}>
          <NativeSelect {...form.register("method")}>
            {MANUAL_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label={`Amount (${currency})`} required error={errors.amountMinor?.message}>
          <Input inputMode="decimal" placeholder={placeholder} autoComplete="off" {...form.register("amountMinor")} />
        </FormField>
        <FormField
          label={method === "CHEQUE" ? "Cheque number" : "Reference"}
          required={method !== "CASH"}
          error={errors.reference?.message}
          description={method === "CASH" ? "Optional for cash." : undefined}
        >
          <Input autoComplete="off" {...form.register("reference")} />
        </FormField>
        <FormField label="Received on" error={errors.receivedOn?.message} description="Today when left empty.">
          <Input type="date" {...form.register("receivedOn")} />
        </FormField>
      </div>
      <FormField label="Note" error={errors.note?.message}>
        <Textarea rows={2} {...form.register("note")} />
      </FormField>
      {picked && topUp ? (
        <p className="text-sm text-muted-foreground">
          The whole amount goes to {picked.displayName}&rsquo;s wallet; their invoices are not touched.
        </p>
      ) : null}
      {picked && !topUp ? (
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-semibold">Invoices</legend>
          {invoices.data && invoices.data.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              This customer owes nothing: the whole payment goes to their credit and pays their next invoice.
            </p>
          ) : (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" {...form.register("choose")} />
              Choose which invoices it pays (otherwise the oldest due first)
            </label>
          )}
          {choose
            ? (invoices.data ?? []).map((i) => (
                <div key={i.id} className="flex items-center justify-between gap-3 text-sm">
                  <label htmlFor={`allocate-${i.id}`}>
                    {i.displayNumber} · due {formatDate(i.dueDate, "UTC")} · owes{" "}
                    {formatMoney(i.balanceMinor, i.currency)}
                  </label>
                  <Input
                    id={`allocate-${i.id}`}
                    className="w-32"
                    inputMode="decimal"
                    placeholder={placeholder}
                    autoComplete="off"
                    {...form.register(`allocate.${i.id}`)}
                  />
                </div>
              ))
            : null}
          {allocationError ? (
            <p role="alert" className="text-sm font-medium text-destructive">
              {allocationError}
            </p>
          ) : null}
        </fieldset>
      ) : null}
    </FormDialog>
  );
}
