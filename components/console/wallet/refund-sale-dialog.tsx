"use client";

import type { z } from "zod";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { formatMoney, moneyInput, parseMoney } from "@/server/lib/money";
import { refundSaleSchema, WALLET_ENTRY_LABELS } from "@/server/modules/wallet/schema";
import type { LedgerRow } from "@/components/wallet/wallet-ledger";
import { checkResolver, fieldMessages, type FormCheck } from "../check-with";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";

type Values = { amount: string; reason: string };
type Refund = z.output<typeof refundSaleSchema>;

/** A sale on the statement that can still be refunded (some of its cost not yet given back). */
export type RefundableSale = LedgerRow & { refundableMinor: number };

/** The refund as the wallet module's schema wants it, or the errors to show beside the fields. */
const refundOf =
  (sale: RefundableSale, currency: string): FormCheck<Values, Refund> =>
  (values) => {
    const minor = parseMoney(values.amount, currency);
    // Every field's error at once (the reason too), not one more after each try.
    const parsed = refundSaleSchema.safeParse({ entryId: sale.id, amountMinor: minor ?? 0, reason: values.reason });
    const errors = parsed.success ? {} : fieldMessages(values, parsed.error.issues, { amountMinor: "amount" });
    if (minor === null) errors.amount = `Enter an amount such as ${moneyInput(sale.refundableMinor, currency)}.`;
    // Checked here for a message beside the field at once; the server checks again under the wallet's lock.
    else if (minor > sale.refundableMinor)
      errors.amount = `At most ${formatMoney(sale.refundableMinor, currency)} of this sale can be refunded.`;
    return parsed.success && !errors.amount ? { input: parsed.data } : { errors };
  };

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
  const refund = useMutation(trpc.wallet.refundSale.mutationOptions());
  // Default: all that is left to refund of the sale.
  const form = useDialogForm<Values, Refund>(
    sale,
    () => ({ amount: moneyInput(sale?.refundableMinor, currency), reason: "" }),
    { resolver: checkResolver(sale ? refundOf(sale, currency) : () => ({ errors: {} })) },
  );
  const errors = form.formState.errors;
  const onSubmit = useSaveSubmit(form, {
    save: (input) => refund.mutateAsync(input),
    refresh: trpc.wallet.pathFilter(),
    saved: (input) => ({
      title: `Refunded ${formatMoney(input.amountMinor, currency)} into the wallet`,
      description: "The refund gives back its share of the sale's tax.",
    }),
    done: () => onOpenChange(false),
  });
  const cost = sale ? formatMoney(-sale.amountMinor, currency) : "";
  const left = sale ? formatMoney(sale.refundableMinor, currency) : "";
  return (
    <FormDialog
      open={sale !== null}
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
