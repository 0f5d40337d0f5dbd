"use client";

import * as React from "react";
import type { FieldErrors, Resolver } from "react-hook-form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { formatMoney, moneyInput, parseMoney } from "@/server/lib/money";
import { refundSaleSchema, WALLET_ENTRY_LABELS } from "@/server/modules/wallet/schema";
import type { LedgerRow } from "@/components/wallet/wallet-ledger";
import { applyServerErrors, formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm } from "../use-dialog-form";

type Values = { amount: string; reason: string };

/** A sale on the statement that can still be refunded (some of its cost not yet given back). */
export type RefundableSale = LedgerRow & { refundableMinor: number };

/** The refund as the wallet module's schema wants it, or the errors to show beside the fields. */
function toInput(values: Values, sale: RefundableSale, currency: string) {
  const errors: Partial<Record<keyof Values, string>> = {};
  const minor = parseMoney(values.amount, currency);
  if (minor === null) errors.amount = `Enter an amount such as ${moneyInput(sale.refundableMinor, currency)}.`;
  // Checked here for a message beside the field at once; the server checks again under the wallet's lock.
  else if (minor > sale.refundableMinor)
    errors.amount = `At most ${formatMoney(sale.refundableMinor, currency)} of this sale can be refunded.`;
  // Every field's error at once (the reason too), not one more after each try.
  const parsed = refundSaleSchema.safeParse({ entryId: sale.id, amountMinor: minor ?? 0, reason: values.reason });
  if (parsed.success && !errors.amount) return { input: parsed.data };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0] === "amountMinor" ? "amount" : issue.path[0] === "reason" ? "reason" : null;
    if (field) errors[field] ??= issue.message;
  }
  return { errors };
}

/** Money back into the wallet for a sale from it (with its share of the tax), after a confirmation. */
export function RefundSaleDialog({
  sale,
  onOpenChange,
  currency,
}: {
  /** The sale to refund; null: closed. */
  sale: RefundableSale | null;
  onOpenChange: (open: boolean) => void;
  currency: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const refund = useMutation(trpc.wallet.refundSale.mutationOptions());
  const open = sale !== null;
  const resolver = React.useCallback<Resolver<Values>>(
    async (values) => {
      const result = sale ? toInput(values, sale, currency) : { errors: {} };
      if (!result.errors) return { values, errors: {} };
      const errors: FieldErrors<Values> = {};
      for (const [k, message] of Object.entries(result.errors))
        errors[k as keyof Values] = { type: "validate", message };
      return { values: {}, errors };
    },
    [sale, currency],
  );
  // Default: all that is left to refund of the sale.
  const form = useDialogForm<Values>(
    sale,
    () => ({ amount: moneyInput(sale?.refundableMinor, currency), reason: "" }),
    {
      resolver,
    },
  );
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    if (!sale) return;
    const { input } = toInput(values, sale, currency);
    if (!input) return;
    try {
      await refund.mutateAsync(input);
      toast({
        variant: "success",
        title: `Refunded ${formatMoney(input.amountMinor, currency)} into the wallet`,
        description: "The refund gives back its share of the sale's tax.",
      });
      await queryClient.invalidateQueries(trpc.wallet.pathFilter());
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  const cost = sale ? formatMoney(-sale.amountMinor, currency) : "";
  const left = sale ? formatMoney(sale.refundableMinor, currency) : "";
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Refund this sale into the wallet?"
      description={
        sale
          ? `${WALLET_ENTRY_LABELS[sale.kind]} · ${sale.reference}: it cost ${cost}, ${left} of it can still be refunded. The money goes back into the customer's wallet; the reason appears on their statement and in the audit log.`
          : undefined
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={refund.isPending}
      submitLabel="Refund"
    >
      <FormField label={`Amount (${currency})`} error={errors.amount?.message} required>
        <Input inputMode="decimal" autoComplete="off" {...form.register("amount")} />
      </FormField>
      <FormField label="Reason" error={errors.reason?.message} required>
        <Textarea rows={3} placeholder="Top-up bought by mistake" {...form.register("reason")} />
      </FormField>
    </FormDialog>
  );
}
