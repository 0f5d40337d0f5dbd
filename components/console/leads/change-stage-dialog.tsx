"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { allowedNextStages, changeStageSchema, STAGE_LABELS } from "@/server/modules/leads/schema";
import { formErrorOf } from "../errors";
import type { LeadDetail } from "../customers/types";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";

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
  const stages = allowedNextStages(lead.stage);
  const form = useDialogForm<FormIn, FormOut>(open, () => ({ id: lead.id, stage: stages[0], lostReason: "" }), {
    resolver: zodResolver(changeStageSchema),
  });
  const change = useMutation(trpc.leads.changeStage.mutationOptions());
  const { errors } = form.formState;
  const stage = form.watch("stage");
  const onSubmit = useSaveSubmit(form, {
    save: (values) => change.mutateAsync(values),
    refresh: trpc.leads.pathFilter(),
    saved: (_values, saved) => `${saved.name}: ${STAGE_LABELS[saved.stage]}`,
    done: () => onOpenChange(false),
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => (change.isPending ? undefined : onOpenChange(o))}
      title={lead.stage === "LOST" ? "Reopen lead" : "Change stage"}
      description="The change is added to the lead's activity. To mark it won, convert it into a customer."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={change.isPending}
      submitLabel="Save stage"
    >
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
    </FormDialog>
  );
}
