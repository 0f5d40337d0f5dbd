"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { updateTicketSchema } from "@/server/modules/tickets/schema";
import { checkWith } from "../check-with";
import { applyServerErrors, formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm } from "../use-dialog-form";
import { DevicePicker, type PickedDevice } from "../network/device-picker";
import { CategoryOptions } from "./category-options";

type Ticket = RouterOutputs["tickets"]["get"];

/** Subject, category and what the ticket is about: the customer's service, a device, an outage, the area. */
export function EditTicketDialog({
  open,
  onOpenChange,
  ticket,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  ticket: Ticket;
  onSaved: () => unknown;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const options = useQuery({ ...trpc.tickets.options.queryOptions(), enabled: open });
  const services = useQuery({
    ...trpc.subscriptions.forCustomer.queryOptions({ customerId: ticket.customer?.id ?? "" }),
    enabled: open && !!ticket.customer,
  });
  const update = useMutation(trpc.tickets.update.mutationOptions());
  const form = useDialogForm(
    open,
    () => ({
      subject: ticket.subject,
      categoryId: ticket.category.id,
      subscriptionId: ticket.subscription?.id ?? "",
      /** The device shown in the picker (not sent: deviceId is). */
      device: ticket.device as PickedDevice | null,
      deviceId: ticket.device?.id ?? "",
      // Free text kept from before devices existed: unchanged here, shown on the ticket.
      deviceRef: ticket.deviceRef ?? "",
      outageRef: ticket.outageRef ?? "",
      area: ticket.area ?? "",
    }),
    { resolver: checkWith(updateTicketSchema, () => ({ id: ticket.id, customerId: ticket.customer?.id ?? null })) },
  );
  const { errors } = form.formState;
  // The selects' options arrive after the dialog opens, so they show the form's value (not the DOM's).
  const onSubmit = form.handleSubmit(async ({ device: _device, ...values }) => {
    try {
      await update.mutateAsync({ id: ticket.id, customerId: ticket.customer?.id ?? null, ...values });
      toast({ variant: "success", title: "Ticket details saved" });
      await onSaved();
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  const categories = options.data?.categories ?? [];
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      className="max-w-xl"
      title={`Edit ${ticket.numberLabel}`}
      description="Changes are recorded in the ticket's activity."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={update.isPending}
      submitLabel="Save details"
      cancelWhilePending
    >
      <FormField label="Subject" required error={errors.subject?.message}>
        <Input {...form.register("subject")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Category" required error={errors.categoryId?.message}>
          <NativeSelect {...form.register("categoryId")} value={form.watch("categoryId")}>
            {!categories.some((c) => c.id === ticket.category.id) ? (
              <option value={ticket.category.id}>{ticket.category.name} (archived)</option>
            ) : null}
            <CategoryOptions categories={categories} />
          </NativeSelect>
        </FormField>
        <FormField
          label="Service"
          error={errors.subscriptionId?.message}
          description={ticket.customer ? undefined : "The ticket has no customer."}
        >
          <NativeSelect
            {...form.register("subscriptionId")}
            value={form.watch("subscriptionId")}
            disabled={!ticket.customer}
          >
            <option value="">Not about one service</option>
            {(services.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.package.name}
                {s.installationAddress ? ` — ${s.installationAddress}` : ""}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Outage" error={errors.outageRef?.message} description="Reference of a known outage, if any.">
          <Input {...form.register("outageRef")} />
        </FormField>
      </div>
      <DevicePicker
        id="edit-ticket-device"
        picked={form.watch("device")}
        onPick={(d) => {
          form.setValue("device", d);
          form.setValue("deviceId", d?.id ?? "");
        }}
        error={errors.deviceId?.message}
        hint="The router, OLT, ONT or CPE at fault, by name or serial."
      />
      <FormField
        label="Area"
        error={errors.area?.message}
        description="Coverage area routing uses (from the service address by default)."
      >
        <Input {...form.register("area")} />
      </FormField>
    </FormDialog>
  );
}
