"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { withdrawRechargeCardsSchema, type WithdrawRechargeCardsInput } from "@/server/modules/wallet/schema";
import { checkResolver, fieldMessages, type FormCheck } from "../check-with";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";

type Values = { fromCard: string; toCard: string; reason: string };
export type WithdrawableBatch = { id: string; number: number; quantity: number };

const cardNumber = (typed: string) => (typed.trim() === "" ? null : Number(typed));

const withdrawalOf =
  (batchId: string): FormCheck<Values, WithdrawRechargeCardsInput> =>
  (values) => {
    const parsed = withdrawRechargeCardsSchema.safeParse({
      batchId,
      fromCard: cardNumber(values.fromCard),
      toCard: cardNumber(values.toCard),
      reason: values.reason,
    });
    return parsed.success ? { input: parsed.data } : { errors: fieldMessages(values, parsed.error.issues) };
  };

/** Billing → Recharge vouchers: lost or stolen cards of a batch, refused from now on. */
export function WithdrawRechargeDialog({
  batch,
  onOpenChange,
}: {
  batch: WithdrawableBatch | null;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const withdraw = useMutation(trpc.wallet.recharge.withdraw.mutationOptions());
  const form = useDialogForm<Values, WithdrawRechargeCardsInput>(
    !!batch,
    () => ({ fromCard: "", toCard: "", reason: "" }),
    { resolver: checkResolver(withdrawalOf(batch?.id ?? "")) },
  );
  const errors = form.formState.errors;
  const onSubmit = useSaveSubmit(form, {
    save: (input) => withdraw.mutateAsync(input),
    refresh: trpc.wallet.recharge.pathFilter(),
    saved: (_input, done) => ({
      title: `${done.withdrawn} ${done.withdrawn === 1 ? "card" : "cards"} of batch R${done.number} withdrawn`,
      description:
        done.skipped > 0
          ? `${done.skipped} in that run had already been redeemed or withdrawn and were left as they were.`
          : "Their PINs are refused from now on.",
    }),
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={!!batch}
      onOpenChange={onOpenChange}
      title={batch ? `Withdraw cards of batch R${batch.number}` : "Withdraw cards"}
      description="For cards lost or stolen before they were sold: their PINs are refused from now on. Cards already redeemed keep their credit. This cannot be undone."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={withdraw.isPending}
      submitLabel="Withdraw cards"
    >
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField
          label="From card"
          error={errors.fromCard?.message}
          description={batch ? `The number after the dash: R${batch.number}-0001 is 1. Empty: the first.` : undefined}
        >
          <Input type="number" inputMode="numeric" min={1} max={batch?.quantity} {...form.register("fromCard")} />
        </FormField>
        <FormField
          label="To card"
          error={errors.toCard?.message}
          description={batch ? `Empty: the last (${batch.quantity}).` : undefined}
        >
          <Input type="number" inputMode="numeric" min={1} max={batch?.quantity} {...form.register("toCard")} />
        </FormField>
      </div>
      <FormField label="Reason" error={errors.reason?.message} required>
        <Textarea rows={2} placeholder="Stolen from the Kitengela shop" {...form.register("reason")} />
      </FormField>
    </FormDialog>
  );
}
