"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { changeStatusSchema, STATUS_LABELS, STATUS_TRANSITIONS } from "@/server/modules/customers/schema";
import { applyServerErrors, FormError, formErrorOf } from "../errors";
import type { CustomerDetail } from "./types";
import { FormDialogFooter } from "../form-dialog";

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
  const toast = useToast();
  const queryClient = useQueryClient();
  const next = STATUS_TRANSITIONS[customer.status];
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(changeStatusSchema),
    defaultValues: { id: customer.id, status: next[0], reason: "" },
  });
  React.useEffect(() => {
    if (open) {
      const allowed = STATUS_TRANSITIONS[customer.status];
      form.reset({
        id: customer.id,
        status: preferred && allowed.includes(preferred) ? preferred : allowed[0],
        reason: "",
      });
    }
  }, [open, customer, form, preferred]);
  const change = useMutation(trpc.customers.changeStatus.mutationOptions());
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await change.mutateAsync(values);
      toast({ variant: "success", title: `${saved.displayName} is now ${STATUS_LABELS[saved.status].toLowerCase()}` });
      await queryClient.invalidateQueries(trpc.customers.pathFilter());
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <Dialog open={open} onOpenChange={(o) => (change.isPending ? undefined : onOpenChange(o))}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Change status</DialogTitle>
          <DialogDescription>
            {customer.displayName} is {STATUS_LABELS[customer.status].toLowerCase()}. The change and its reason are kept
            in the customer&apos;s history.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formErrorOf(form)} />
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
          <FormDialogFooter pending={change.isPending} submitLabel="Change status" />
        </form>
      </DialogContent>
    </Dialog>
  );
}
