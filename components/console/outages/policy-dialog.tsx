"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { COMPENSATION_LABELS, COMPENSATION_MODES, settingsSchema } from "@/server/modules/outages/schema";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";

type FormIn = z.input<typeof settingsSchema>;

/** The company's outage policy: the hold-down of missed polls, and what affected customers get back. */
export function OutagePolicyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const trpc = useTRPC();
  const current = useQuery({ ...trpc.outages.settings.queryOptions(), enabled: open });
  const form = useDialogForm<FormIn>(
    open && current.data,
    () => current.data ?? { holdDownPolls: 2, compensationMode: "NONE", compensationMinMinutes: 240 },
    { resolver: zodResolver(settingsSchema) },
  );
  const save = useMutation(trpc.outages.saveSettings.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (values) => save.mutateAsync(values),
    refresh: trpc.outages.pathFilter(),
    saved: () => "Outage policy saved",
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Outage policy"
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={save.isPending}
      submitDisabled={!current.data}
      submitLabel="Save"
    >
      <FormField
        label="Missed polls before an outage"
        required
        error={errors.holdDownPolls?.message}
        description="One lost poll is rarely an outage: 2 waits for a second miss in a row."
      >
        <Input type="number" min={1} max={20} {...form.register("holdDownPolls", { valueAsNumber: true })} />
      </FormField>
      <FormField label="Compensation" error={errors.compensationMode?.message}>
        <NativeSelect {...form.register("compensationMode")}>
          {COMPENSATION_MODES.map((m) => (
            <option key={m} value={m}>
              {COMPENSATION_LABELS[m]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField
        label="Shortest outage compensated (minutes)"
        error={errors.compensationMinMinutes?.message}
        description="Shorter outages give nothing back. Days lost are whole days, rounded up."
      >
        <Input type="number" min={0} {...form.register("compensationMinMinutes", { valueAsNumber: true })} />
      </FormField>
    </FormDialog>
  );
}
