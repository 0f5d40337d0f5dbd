"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useFieldArray, useForm } from "react-hook-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ListRestart, Plus, Trash2 } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { ROLE_LABELS } from "@/server/auth/permissions";
import {
  createWorkOrderSchema,
  dateIn,
  defaultChecklist,
  KIND_LABELS,
  toWallTime,
  updateWorkOrderSchema,
  WORK_ORDER_KINDS,
} from "@/server/modules/work-orders/schema";
import { applyServerErrors, FormError, formErrorOf } from "../errors";
import { timeZoneOffset } from "../format";
import type { WorkOrderDetail } from "./shared";
import { FormDialogFooter } from "../form-dialog";
import { checkWith } from "../check-with";
import { DevicePicker, type PickedDevice } from "../network/device-picker";

type Kind = (typeof WORK_ORDER_KINDS)[number];

/** What the form holds: text for every input (the schema turns it into the stored shape). */
type Values = {
  kind: Kind;
  technicianId: string;
  windowStart: string;
  windowEnd: string;
  title: string;
  address: string;
  latitude: string;
  longitude: string;
  instructions: string;
  /** The device chosen in the picker (shown, not sent: deviceId is). */
  device: PickedDevice | null;
  deviceId: string;
  checklist: { label: string; required: boolean; done: boolean }[];
};

/** Where a new work order comes from: a ticket, a subscription awaiting installation, a customer. */
export type WorkOrderSource = { ticketId?: string | null; subscriptionId?: string | null; customerId?: string | null };

function tomorrowAt(hour: number, timeZone: string): string {
  return `${dateIn(new Date(Date.now() + 86_400_000), timeZone)}T${String(hour).padStart(2, "0")}:00`;
}

function valuesOf(w: WorkOrderDetail | null, timeZone: string): Values {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  return {
    kind: w?.kind ?? "INSTALLATION",
    technicianId: w?.technician?.id ?? "",
    windowStart: w ? toWallTime(w.windowStart, timeZone) : tomorrowAt(9, timeZone),
    windowEnd: w ? toWallTime(w.windowEnd, timeZone) : tomorrowAt(11, timeZone),
    title: s(w?.title),
    address: s(w?.address),
    latitude: s(w?.latitude),
    longitude: s(w?.longitude),
    instructions: s(w?.instructions),
    device: w?.device ?? null,
    deviceId: w?.device?.id ?? "",
    checklist: w ? w.checklist : defaultChecklist("INSTALLATION"),
  };
}

export type WorkOrderFormDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The job to edit; null for a new one. */
  workOrder: WorkOrderDetail | null;
  /** For a new job: what to prefill it from. */
  source?: WorkOrderSource | null;
  timeZone: string;
};

/** New work order (from scratch, a ticket or a subscription) or edit a scheduled one. */
export function WorkOrderFormDialog({ open, onOpenChange, workOrder, source, timeZone }: WorkOrderFormDialogProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const editing = !!workOrder;
  const hasSource = !editing && !!(source?.ticketId || source?.subscriptionId || source?.customerId);
  const technicians = useQuery(trpc.workOrders.technicians.queryOptions(undefined, { enabled: open }));
  const prefill = useQuery(
    trpc.workOrders.prefill.queryOptions(
      {
        ticketId: source?.ticketId ?? null,
        subscriptionId: source?.subscriptionId ?? null,
        customerId: source?.customerId ?? null,
      },
      { enabled: open && hasSource },
    ),
  );

  const form = useForm<Values>({
    // The same schema the server validates with; the form keeps its text values.
    resolver: checkWith(editing ? updateWorkOrderSchema : createWorkOrderSchema),
    defaultValues: valuesOf(workOrder, timeZone),
  });
  const checklist = useFieldArray({ control: form.control, name: "checklist" });

  React.useEffect(() => {
    if (!open) return;
    const base = valuesOf(workOrder, timeZone);
    const p = prefill.data;
    if (!editing && p) {
      const kind = p.kind ?? base.kind;
      form.reset({
        ...base,
        kind,
        title: p.title ?? "",
        address: p.address ?? "",
        latitude: p.latitude === null ? "" : String(p.latitude),
        longitude: p.longitude === null ? "" : String(p.longitude),
        // The ticket's device, shown in the picker (and sent unless cleared there).
        device: p.device,
        deviceId: p.device?.id ?? "",
        checklist: defaultChecklist(kind),
      });
    } else {
      form.reset(base);
    }
  }, [open, workOrder, timeZone, form, editing, prefill.data]);

  const create = useMutation(trpc.workOrders.create.mutationOptions());
  const update = useMutation(trpc.workOrders.update.mutationOptions());
  const pending = create.isPending || update.isPending;
  const { errors } = form.formState;

  function resetChecklist() {
    checklist.replace(defaultChecklist(form.getValues("kind")));
  }

  // Changing the kind carries the prefilled title and the default checklist along, unless edited.
  function followKind(next: Kind) {
    const p = prefill.data;
    const autoTitle = (k: Kind) =>
      p?.ticket
        ? `${KIND_LABELS[k]}: ${p.ticket.subject}`
        : p?.customer
          ? `${KIND_LABELS[k]} for ${p.customer.displayName}`
          : null;
    const title = form.getValues("title");
    if (!editing && title && WORK_ORDER_KINDS.some((k) => autoTitle(k) === title))
      form.setValue("title", autoTitle(next) ?? title);
    const items = JSON.stringify(form.getValues("checklist"));
    if (!editing && WORK_ORDER_KINDS.some((k) => JSON.stringify(defaultChecklist(k)) === items))
      checklist.replace(defaultChecklist(next));
  }

  const onSubmit = form.handleSubmit(async ({ device: _device, ...values }) => {
    const common = { ...values, technicianId: values.technicianId || null, deviceId: values.deviceId || null };
    try {
      if (workOrder) {
        const saved = await update.mutateAsync({ ...common, id: workOrder.id });
        toast({ variant: "success", title: `${saved.numberLabel} is saved` });
      } else {
        const p = prefill.data;
        const saved = await create.mutateAsync({
          ...common,
          ticketId: p?.ticketId ?? source?.ticketId ?? null,
          subscriptionId: p?.subscriptionId ?? source?.subscriptionId ?? null,
          customerId: p?.customerId ?? source?.customerId ?? null,
        });
        toast({
          variant: "success",
          title: `${saved.numberLabel} is scheduled`,
          description: saved.technician
            ? `Assigned to ${saved.technician.name}.`
            : "Assign a technician when you know who goes.",
        });
        await queryClient.invalidateQueries(trpc.workOrders.pathFilter());
        // Closed first: closing tidies the list's URL (?new=1…), which must not undo the navigation.
        onOpenChange(false);
        router.push(`/work-orders/${saved.id}`);
        return;
      }
      await queryClient.invalidateQueries(trpc.workOrders.pathFilter());
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  const p = prefill.data;
  const offset = timeZoneOffset(timeZone);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-3xl">
        <DialogHeader>
          <DialogTitle>{editing ? `Edit ${workOrder.numberLabel}` : "New work order"}</DialogTitle>
          <DialogDescription>
            {editing
              ? "Reschedule, reassign or change what the technician has to do."
              : "The job gets the next work order number when you save. Fields marked * are required."}
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-6">
          <FormError
            message={
              formErrorOf(form) ?? (prefill.isError ? "Could not load the ticket or subscription to start from." : null)
            }
          />
          {hasSource && p ? (
            <div className="grid gap-1 rounded-lg border bg-muted/40 p-3 text-sm">
              {p.customer ? (
                <p>
                  Customer: <span className="font-medium">{p.customer.displayName}</span> ({p.customer.accountNo})
                </p>
              ) : null}
              {p.ticket ? (
                <p>
                  From ticket #{p.ticket.number}: {p.ticket.subject}
                </p>
              ) : null}
              {p.subscription ? (
                <p>
                  Subscription: {p.subscription.packageName}{" "}
                  {p.subscription.pppoeUsername ? `(${p.subscription.pppoeUsername})` : ""} ·{" "}
                  {p.subscription.status.toLowerCase()}
                </p>
              ) : null}
            </div>
          ) : null}
          {editing && workOrder.customer ? (
            <p className="text-sm text-muted-foreground">
              For {workOrder.customer.displayName} ({workOrder.customer.accountNo})
              {workOrder.ticket ? ` · ticket #${workOrder.ticket.number}` : ""}
            </p>
          ) : null}

          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 text-sm font-semibold">Job</legend>
            <FormField label="Kind" error={errors.kind?.message} required>
              <NativeSelect
                {...form.register("kind", {
                  onChange: (e: React.ChangeEvent<HTMLSelectElement>) => followKind(e.target.value as Kind),
                })}
              >
                {WORK_ORDER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField
              label="Technician"
              error={errors.technicianId?.message}
              description={technicians.isError ? "Could not load the technicians." : undefined}
            >
              <NativeSelect {...form.register("technicianId")}>
                <option value="">Not assigned yet</option>
                {(technicians.data ?? []).map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                    {t.role === "FIELD_TECHNICIAN" ? "" : ` (${ROLE_LABELS[t.role]})`}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField
              label="Title"
              error={errors.title?.message}
              className="sm:col-span-2"
              description="Leave empty for e.g. “Installation for Jane Wanjiru”."
            >
              <Input autoComplete="off" {...form.register("title")} />
            </FormField>
            <FormField label={`Window starts (${offset})`} error={errors.windowStart?.message} required>
              <Input type="datetime-local" {...form.register("windowStart")} />
            </FormField>
            <FormField label={`Window ends (${offset})`} error={errors.windowEnd?.message} required>
              <Input type="datetime-local" {...form.register("windowEnd")} />
            </FormField>
          </fieldset>

          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 text-sm font-semibold">Where</legend>
            <FormField
              label="Address"
              error={errors.address?.message}
              className="sm:col-span-2"
              required={!hasSource}
              description={hasSource ? "Empty: the customer's service address." : undefined}
            >
              <Textarea rows={2} {...form.register("address")} />
            </FormField>
            <FormField
              label="Latitude"
              error={errors.latitude?.message}
              description="Decimal degrees, for the map link."
            >
              <Input inputMode="decimal" placeholder="-1.292066" {...form.register("latitude")} />
            </FormField>
            <FormField label="Longitude" error={errors.longitude?.message}>
              <Input inputMode="decimal" placeholder="36.821946" {...form.register("longitude")} />
            </FormField>
            <div className="sm:col-span-2">
              <DevicePicker
                id="work-order-device"
                picked={form.watch("device")}
                onPick={(d) => {
                  form.setValue("device", d);
                  form.setValue("deviceId", d?.id ?? "");
                }}
                error={errors.deviceId?.message}
                hint="Optional: the equipment the job is about (an access point to realign, an OLT to maintain). Its site opens that site's devices to the technician."
              />
            </div>
            <FormField
              label="Instructions for the technician"
              error={errors.instructions?.message}
              className="sm:col-span-2"
            >
              <Textarea
                rows={3}
                placeholder="Gate code, equipment to bring, who to ask for…"
                {...form.register("instructions")}
              />
            </FormField>
          </fieldset>

          <fieldset className="grid gap-3">
            <legend className="mb-2 flex w-full items-center justify-between text-sm font-semibold">Checklist</legend>
            <p className="text-sm text-muted-foreground">
              Required items must be ticked before the technician can complete the job.
            </p>
            {checklist.fields.length === 0 ? (
              <p className="text-sm text-muted-foreground">No checklist for this job.</p>
            ) : null}
            <ul className="grid gap-2">
              {checklist.fields.map((field, i) => (
                <li key={field.id} className="flex items-start gap-2">
                  <div className="grid flex-1 gap-1">
                    <Input
                      aria-label={`Checklist item ${i + 1}`}
                      {...form.register(`checklist.${i}.label`)}
                      aria-invalid={errors.checklist?.[i]?.label ? true : undefined}
                    />
                    {errors.checklist?.[i]?.label ? (
                      <p className="text-sm text-destructive">{errors.checklist[i]?.label?.message}</p>
                    ) : null}
                  </div>
                  <label className="flex h-9 items-center gap-1.5 text-sm whitespace-nowrap">
                    <input
                      type="checkbox"
                      className="size-4 accent-primary"
                      {...form.register(`checklist.${i}.required`)}
                    />
                    Required
                  </label>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove item ${i + 1}`}
                    onClick={() => checklist.remove(i)}
                  >
                    <Trash2 aria-hidden />
                  </Button>
                </li>
              ))}
            </ul>
            <div className="flex flex-wrap gap-2">
              <Button
                type="button"
                variant="outline"
                size="sm"
                onClick={() => checklist.append({ label: "", required: true, done: false })}
              >
                <Plus aria-hidden />
                Add item
              </Button>
              <Button type="button" variant="ghost" size="sm" onClick={resetChecklist}>
                <ListRestart aria-hidden />
                Default for {KIND_LABELS[form.watch("kind")].toLowerCase()}
              </Button>
            </div>
          </fieldset>

          <FormDialogFooter
            pending={pending}
            submitLabel={editing ? "Save changes" : "Schedule job"}
            pendingText="Saving…"
            submitDisabled={hasSource && prefill.isLoading}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
