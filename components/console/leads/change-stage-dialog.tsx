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
import { allowedNextStages, changeStageSchema, STAGE_LABELS } from "@/server/modules/leads/schema";
import { applyServerErrors, FormError, formErrorOf } from "../errors";
import type { LeadDetail } from "../customers/types";
import { FormDialogFooter } from "../form-dialog";

type FormIn = z.input<typeof changeStageSchema>;
type FormOut = z.output<typeof changeStageSchema>;

/** Moves a lead along the pipeline; LOST asks why. WON is reached by converting the lead. */
export function ChangeStageDialog({
  open,
  onOpenChange,
  lead,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  lead: LeadDetail;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const stages = allowedNextStages(lead.stage);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(changeStageSchema),
    defaultValues: { id: lead.id, stage: stages[0], lostReason: "" },
  });
  React.useEffect(() => {
    if (open) {
      form.reset({ id: lead.id, stage: allowedNextStages(lead.stage)[0], lostReason: "" });
    }
  }, [open, lead, form]);
  const change = useMutation(trpc.leads.changeStage.mutationOptions());
  const { errors } = form.formState;
  const stage = form.watch("stage");

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await change.mutateAsync(values);
      toast({ variant: "success", title: `${saved.name}: ${STAGE_LABELS[saved.stage]}` });
      await queryClient.invalidateQueries(trpc.leads.pathFilter());
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <Dialog open={open} onOpenChange={(o) => (change.isPending ? undefined : onOpenChange(o))}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{lead.stage === "LOST" ? "Reopen lead" : "Change stage"}</DialogTitle>
          <DialogDescription>
            The change is added to the lead&apos;s activity. To mark it won, convert it into a customer.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formErrorOf(form)} />
          <FormField label="Stage" error={errors.stage?.message} required>
            <NativeSelect {...form.register("stage")}>
              {stages.map((s) => (
                <option key={s} value={s}>
                  {STAGE_LABELS[s]}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          {stage === "LOST" ? (
            <FormField
              label="Why was it lost?"
              error={errors.lostReason?.message}
              required
              description="For example: out of coverage, chose a competitor, too expensive."
            >
              <Textarea rows={3} {...form.register("lostReason")} />
            </FormField>
          ) : null}
          <FormDialogFooter pending={change.isPending} submitLabel="Save stage" />
        </form>
      </DialogContent>
    </Dialog>
  );
}
