"use client";

import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { formatMoney, parseMoney } from "@/server/lib/money";
import {
  generateRechargeBatchSchema,
  MAX_RECHARGE_BATCH,
  type GenerateRechargeBatchInput,
} from "@/server/modules/wallet/schema";
import { checkResolver, fieldMessages, type FormCheck } from "../check-with";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";

type Values = { value: string; quantity: string; expiresOn: string; note: string };

/** The batch as the wallet module's schema wants it, or the errors to show beside the fields. */
const batchOf =
  (currency: string): FormCheck<Values, GenerateRechargeBatchInput> =>
  (values) => {
    const valueMinor = parseMoney(values.value, currency);
    if (valueMinor === null) return { errors: { value: "Enter the card's value, such as 100.00." } };
    const parsed = generateRechargeBatchSchema.safeParse({
      valueMinor,
      quantity: Number(values.quantity),
      expiresOn: values.expiresOn || null,
      note: values.note,
    });
    return parsed.success
      ? { input: parsed.data }
      : { errors: fieldMessages(values, parsed.error.issues, { valueMinor: "value" }) };
  };

/** Billing → Recharge vouchers: a new batch of scratch cards of one value. */
export function GenerateRechargeDialog({
  open,
  onOpenChange,
  currency,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  currency: string;
}) {
  const trpc = useTRPC();
  const generate = useMutation(trpc.wallet.recharge.generate.mutationOptions());
  const form = useDialogForm<Values, GenerateRechargeBatchInput>(
    open,
    () => ({ value: "", quantity: "50", expiresOn: "", note: "" }),
    { resolver: checkResolver(batchOf(currency)) },
  );
  const errors = form.formState.errors;
  const onSubmit = useSaveSubmit(form, {
    save: (input) => generate.mutateAsync(input),
    refresh: trpc.wallet.recharge.pathFilter(),
    saved: (_input, batch) => ({
      durationMs: 15_000,
      title: `Batch R${batch.number}: ${batch.quantity} cards of ${formatMoney(batch.valueMinor, currency)}`,
      description: (
        <Link
          className="font-medium text-primary underline-offset-4 hover:underline"
          href={`/billing/recharge-vouchers/${batch.id}`}
        >
          Open the cards to print
        </Link>
      ),
    }),
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Generate recharge vouchers"
      description="Each card carries a 12-digit PIN under the scratch panel. A customer redeems it once, in the portal or at the counter, and its value goes into their wallet."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={generate.isPending}
      submitLabel="Generate cards"
    >
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField label={`Value of each card (${currency})`} error={errors.value?.message} required>
          <Input inputMode="decimal" placeholder="100.00" autoComplete="off" {...form.register("value")} />
        </FormField>
        <FormField
          label="How many"
          error={errors.quantity?.message}
          description={`Up to ${MAX_RECHARGE_BATCH} per batch.`}
          required
        >
          <Input type="number" inputMode="numeric" min={1} max={MAX_RECHARGE_BATCH} {...form.register("quantity")} />
        </FormField>
      </div>
      <FormField
        label="Last day accepted"
        error={errors.expiresOn?.message}
        description="Optional. After this day (your company's time zone) the cards are refused."
      >
        <Input type="date" className="sm:w-48" {...form.register("expiresOn")} />
      </FormField>
      <FormField label="Note" error={errors.note?.message} description="For your records, e.g. the shop they go to.">
        <Textarea rows={2} placeholder="Shop 4, Toi market" {...form.register("note")} />
      </FormField>
    </FormDialog>
  );
}
