"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { changeStatusSchema, STATUS_LABELS, STATUS_TRANSITIONS } from "@/server/modules/customers/schema";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import type { CustomerDetail } from "./types";

type FormIn = z.input<typeof changeStatusSchema>;
type FormOut = z.output<typeof changeStatusSchema>;

/** Moves the customer to one of the statuses allowed from the current one, with a reason for the history. */
export function ChangeStatusDialog({
  open,
  onOpenChange,
  customer,
  preferred,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  customer: CustomerDetail;
  /** The status to offer first, when allowed (e.g. Terminated after a refused delete). */
  preferred?: CustomerDetail["status"];
}) {
  const trpc = useTRPC();
  const next = STATUS_TRANSITIONS[customer.status];
  const form = useDialogForm<FormIn, FormOut>(
    open,
    () => ({
      id: customer.id,
      status: preferred && next.includes(preferred) ? preferred : next[0],
      reason: "",
    }),
    { resolver: zodResolver(changeStatusSchema) },
  );
  const change = useMutation(trpc.customers.changeStatus.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (values) => change.mutateAsync(values),
    refresh: trpc.customers.pathFilter(),
    saved: (_values, saved) => `${saved.displayName} is now ${STATUS_LABELS[saved.status].toLowerCase()}`,
    done: () => onOpenChange(false),
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => (change.isPending ? undefined : onOpenChange(o))}
      title="Change status"
      description={
        <>
          {customer.displayName} is {STATUS_LABELS[customer.status].toLowerCase()}. The change and its reason are kept
          in the customer&apos;s history.
        </>
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={change.isPending}
      submitLabel="Change status"
    >
      <FormField label="New status" error={errors.status?.message} required>
        <NativeSelect {...form.register("status")}>
          {next.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField
        label="Reason"
        error={errors.reason?.message}
        description="For example: unpaid invoice, moved away, installation done."
      >
        <Textarea rows={3} {...form.register("reason")} />
      </FormField>
    </FormDialog>
  );
}
