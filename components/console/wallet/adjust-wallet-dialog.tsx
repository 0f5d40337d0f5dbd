"use client";

import type { z } from "zod";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { formatMoney, parseMoney } from "@/server/lib/money";
import { adjustSchema } from "@/server/modules/wallet/schema";
import { checkResolver, fieldMessages, type FormCheck } from "../check-with";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";

type Values = { direction: "add" | "take"; amount: string; reason: string };
type Adjustment = z.output<typeof adjustSchema>;

/** The adjustment as the wallet module's schema wants it, or the errors to show beside the fields. */
const adjustmentOf =
  (customerId: string, currency: string): FormCheck<Values, Adjustment> =>
  (values) => {
    const minor = parseMoney(values.amount, currency);
    if (minor === null) return { errors: { amount: "Enter an amount such as 250.00." } };
    const parsed = adjustSchema.safeParse({
      customerId,
      amountMinor: values.direction === "take" ? -minor : minor,
      reason: values.reason,
    });
    return parsed.success
      ? { input: parsed.data }
      : { errors: fieldMessages(values, parsed.error.issues, { amountMinor: "amount" }) };
  };

export function AdjustWalletDialog({
  open,
  onOpenChange,
  customerId,
  currency,
  balanceMinor,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  customerId: string;
  currency: string;
  balanceMinor: number;
}) {
  const trpc = useTRPC();
  const adjust = useMutation(trpc.wallet.adjust.mutationOptions());
  const form = useDialogForm<Values, Adjustment>(open, () => ({ direction: "add", amount: "", reason: "" }), {
    resolver: checkResolver(adjustmentOf(customerId, currency)),
  });
  const errors = form.formState.errors;
  const onSubmit = useSaveSubmit(form, {
    save: (input) => adjust.mutateAsync(input),
    refresh: [trpc.wallet.pathFilter(), trpc.subscriptions.pathFilter()],
    saved: (input, result) => {
      const resumed = result.renewals.filter((r) => r.outcome === "renewed").length;
      return {
        title: `Wallet ${input.amountMinor > 0 ? "credited" : "debited"} ${formatMoney(Math.abs(input.amountMinor), currency)}`,
        description: resumed ? `${resumed} suspended prepaid subscription(s) renewed and resumed.` : undefined,
      };
    },
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Adjust the wallet"
      description={`The balance is ${formatMoney(balanceMinor, currency)}. The reason appears on the customer's statement and in the audit log; a wallet cannot go below zero.`}
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={adjust.isPending}
      submitLabel="Record adjustment"
    >
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField label="Direction" error={errors.direction?.message} required>
          <NativeSelect {...form.register("direction")}>
            <option value="add">Add to the wallet</option>
            <option value="take">Take from the wallet</option>
          </NativeSelect>
        </FormField>
        <FormField label={`Amount (${currency})`} error={errors.amount?.message} required>
          <Input inputMode="decimal" placeholder="250.00" autoComplete="off" {...form.register("amount")} />
        </FormField>
      </div>
      <FormField label="Reason" error={errors.reason?.message} required>
        <Textarea rows={3} placeholder="Goodwill credit after the outage of 2 March" {...form.register("reason")} />
      </FormField>
    </FormDialog>
  );
}
