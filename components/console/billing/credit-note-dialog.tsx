"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { currencyDigits, formatMoney, parseMoney } from "@/server/lib/money";
import { creditNoteSchema } from "@/server/modules/billing/schema";
import { checkWith } from "../check-with";
import { applyServerErrors, formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm } from "../use-dialog-form";

type Values = { reason: string; amounts: Record<string, string> };

/**
 * Corrects an issued invoice: an amount (tax included) per line, at most what is left of it; the
 * tax comes back in the line's proportion. It lowers what the invoice owes; what the customer
 * already paid above the new total becomes credit.
 */
export function CreditNoteDialog({
  invoiceId,
  currency,
  open,
  onOpenChange,
}: {
  invoiceId: string;
  currency: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const lines = useQuery({ ...trpc.billing.creditNotes.creditable.queryOptions({ id: invoiceId }), enabled: open });
  const form = useDialogForm<Values>(open, () => ({ reason: "", amounts: {} }), {
    resolver: checkWith(creditNoteSchema.pick({ reason: true })),
  });
  const issue = useMutation(trpc.billing.creditNotes.issue.mutationOptions());
  const money = (minor: number) => formatMoney(minor, currency);

  const onSubmit = form.handleSubmit(async (values) => {
    const picked: { invoiceLineId: string; amountMinor: number }[] = [];
    for (const [invoiceLineId, text] of Object.entries(values.amounts)) {
      if (!text.trim()) continue;
      const amountMinor = parseMoney(text, currency);
      if (amountMinor === null) {
        form.setError(`amounts.${invoiceLineId}`, { message: "Enter an amount, e.g. 250.00." });
        return;
      }
      if (amountMinor > 0) picked.push({ invoiceLineId, amountMinor });
    }
    if (picked.length === 0) {
      form.setError("root", { message: "Enter an amount on at least one line." });
      return;
    }
    try {
      const note = await issue.mutateAsync({ invoiceId, reason: values.reason, lines: picked });
      await queryClient.invalidateQueries(trpc.billing.pathFilter());
      toast({
        variant: "success",
        title: `Credit note ${note.displayNumber}: ${money(note.totalMinor)}`,
        description:
          note.totalMinor > note.appliedMinor
            ? `${money(note.totalMinor - note.appliedMinor)} went to the customer's credit.`
            : "The invoice's balance is lower by that amount.",
      });
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  const { errors } = form.formState;
  const placeholder = currencyDigits(currency) ? "0.00" : "0";

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => (issue.isPending ? undefined : onOpenChange(o))}
      className="max-h-[90vh] overflow-y-auto sm:max-w-2xl"
      title="Credit note"
      description="Enter what to take off each line, tax included. The tax is given back in the line's own proportion."
      onSubmit={onSubmit}
      formError={formErrorOf(form) ?? errors.root?.message}
      pending={issue.isPending}
      spinnerLabel="Issuing"
      submitLabel="Issue credit note"
    >
      <FormField label="Why" required error={errors.reason?.message}>
        <Input placeholder="e.g. Outage 3–5 March" autoComplete="off" {...form.register("reason")} />
      </FormField>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-semibold">Lines</legend>
        {lines.isLoading ? <p className="text-sm text-muted-foreground">Loading the lines…</p> : null}
        {(lines.data ?? []).map((l) => (
          <div key={l.id} className="grid gap-1">
            <div className="flex items-center justify-between gap-3 text-sm">
              <label htmlFor={`credit-${l.id}`}>
                {l.position}. {l.description}{" "}
                <span className="text-muted-foreground">
                  · {money(l.totalMinor)}, {l.leftMinor > 0 ? `${money(l.leftMinor)} left to credit` : "nothing left"}
                </span>
              </label>
              <Input
                id={`credit-${l.id}`}
                className="w-32"
                inputMode="decimal"
                placeholder={placeholder}
                disabled={l.leftMinor <= 0}
                autoComplete="off"
                {...form.register(`amounts.${l.id}`)}
              />
            </div>
            {errors.amounts?.[l.id]?.message ? (
              <p role="alert" className="text-sm font-medium text-destructive">
                {errors.amounts[l.id]?.message}
              </p>
            ) : null}
          </div>
        ))}
      </fieldset>
    </FormDialog>
  );
}
