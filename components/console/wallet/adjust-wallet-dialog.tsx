"use client";

import * as React from "react";
import type { FieldErrors, Resolver } from "react-hook-form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { formatMoney, parseMoney } from "@/server/lib/money";
import { adjustSchema } from "@/server/modules/wallet/schema";
import { applyServerErrors, formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm } from "../use-dialog-form";

type Values = { direction: "add" | "take"; amount: string; reason: string };

/** The adjustment as the wallet module's schema wants it, or the errors to show beside the fields. */
function toInput(values: Values, customerId: string, currency: string) {
  const minor = parseMoney(values.amount, currency);
  if (minor === null) return { errors: { amount: "Enter an amount such as 250.00." } };
  const parsed = adjustSchema.safeParse({
    customerId,
    amountMinor: values.direction === "take" ? -minor : minor,
    reason: values.reason,
  });
  if (parsed.success) return { input: parsed.data };
  const errors: Partial<Record<keyof Values, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] === "amountMinor" ? "amount" : issue.path[0] === "reason" ? "reason" : null;
    if (field) errors[field] ??= issue.message;
  }
  return { errors };
}

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
  const queryClient = useQueryClient();
  const toast = useToast();
  const adjust = useMutation(trpc.wallet.adjust.mutationOptions());
  const resolver = React.useCallback<Resolver<Values>>(
    async (values) => {
      const result = toInput(values, customerId, currency);
      if (!result.errors) return { values, errors: {} };
      const errors: FieldErrors<Values> = {};
      for (const [k, message] of Object.entries(result.errors))
        errors[k as keyof Values] = { type: "validate", message };
      return { values: {}, errors };
    },
    [customerId, currency],
  );
  const form = useDialogForm<Values>(open, () => ({ direction: "add", amount: "", reason: "" }), { resolver });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    const { input } = toInput(values, customerId, currency);
    if (!input) return;
    try {
      const result = await adjust.mutateAsync(input);
      const resumed = result.renewals.filter((r) => r.outcome === "renewed").length;
      toast({
        variant: "success",
        title: `Wallet ${input.amountMinor > 0 ? "credited" : "debited"} ${formatMoney(Math.abs(input.amountMinor), currency)}`,
        description: resumed ? `${resumed} suspended prepaid subscription(s) renewed and resumed.` : undefined,
      });
      await Promise.all([
        queryClient.invalidateQueries(trpc.wallet.pathFilter()),
        queryClient.invalidateQueries(trpc.subscriptions.pathFilter()),
      ]);
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
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
