"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { currencyDigits, formatMoney, parseMoney } from "@/server/lib/money";
import { rejectProofSchema } from "@/server/modules/bank-transfers/schema";
import { checkWith } from "../check-with";
import { applyServerErrors, formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm } from "../use-dialog-form";

export type ProofRow = RouterOutputs["bankTransfers"]["proofs"]["list"]["rows"][number];

type DialogProps = { proof: ProofRow | null; currency: string; onClose: () => void };

/** The money is on the bank statement: the proof becomes a posted payment, for the amount the bank shows. */
export function VerifyProofDialog({ proof, currency, onClose }: DialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const open = proof !== null;
  const form = useDialogForm<{ amount: string }>(proof?.id, () => ({ amount: "" }), {});
  const verify = useMutation(trpc.bankTransfers.proofs.verify.mutationOptions());
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ amount }) => {
    if (!proof) return;
    let amountMinor: number | undefined;
    if (amount.trim()) {
      const parsed = parseMoney(amount, currency);
      if (parsed === null || parsed <= 0) {
        form.setError("amount", { message: "Enter the amount the bank statement shows, e.g. 2500.00." });
        return;
      }
      amountMinor = parsed;
    }
    try {
      await verify.mutateAsync({ id: proof.id, amountMinor });
      await queryClient.invalidateQueries(trpc.bankTransfers.pathFilter());
      await queryClient.invalidateQueries(trpc.payments.pathFilter());
      toast({
        variant: "success",
        title: `Verified: ${formatMoney(amountMinor ?? proof.amountMinor, currency)} posted for ${proof.customer.name}`,
        description: "The payment pays their oldest invoices first; the receipt is on its way to them.",
      });
      onClose();
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => (verify.isPending || o ? undefined : onClose())}
      title="Verify the transfer"
      description={
        proof
          ? `Verify only once you have found ${formatMoney(proof.amountMinor, currency)} with reference “${proof.reference}” on the bank statement. It is posted as ${proof.customer.name}'s payment at once.`
          : undefined
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={verify.isPending}
      spinnerLabel="Verifying"
      submitLabel="Verify and post"
    >
      <FormField
        label={`Amount on the statement (${currency})`}
        error={errors.amount?.message}
        description="Leave empty when the statement shows what the customer said they sent."
      >
        <Input
          inputMode="decimal"
          placeholder={currencyDigits(currency) ? "0.00" : "0"}
          autoComplete="off"
          {...form.register("amount")}
        />
      </FormField>
    </FormDialog>
  );
}

/** Not on the statement, or not what was claimed: the customer sees the reason in the portal. */
export function RejectProofDialog({ proof, currency, onClose }: DialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const open = proof !== null;
  const form = useDialogForm<{ reason: string }>(proof?.id, () => ({ reason: "" }), {
    resolver: checkWith(rejectProofSchema.pick({ reason: true })),
  });
  const reject = useMutation(trpc.bankTransfers.proofs.reject.mutationOptions());
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ reason }) => {
    if (!proof) return;
    try {
      await reject.mutateAsync({ id: proof.id, reason });
      await queryClient.invalidateQueries(trpc.bankTransfers.pathFilter());
      toast({ variant: "success", title: `Rejected; ${proof.customer.name} is told why` });
      onClose();
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => (reject.isPending || o ? undefined : onClose())}
      title="Reject the proof"
      description={
        proof
          ? `${proof.customer.name} claimed ${formatMoney(proof.amountMinor, currency)} with reference “${proof.reference}”. Nothing is posted; they get a notification with your reason.`
          : undefined
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={reject.isPending}
      spinnerLabel="Rejecting"
      submitLabel="Reject"
    >
      <FormField label="Why" required error={errors.reason?.message}>
        <Textarea
          rows={3}
          placeholder="e.g. No transfer with this reference reached our account; check the reference with your bank."
          {...form.register("reason")}
        />
      </FormField>
    </FormDialog>
  );
}
