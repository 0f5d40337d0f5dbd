"use client";

import * as React from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { updateTicketSchema } from "@/server/modules/tickets/schema";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm } from "../use-dialog-form";
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
  const initial = () => ({
    subject: ticket.subject,
    categoryId: ticket.category.id,
    subscriptionId: ticket.subscription?.id ?? "",
    deviceRef: ticket.deviceRef ?? "",
    outageRef: ticket.outageRef ?? "",
    area: ticket.area ?? "",
  });
  const inputOf = (values: ReturnType<typeof initial>) => ({
    id: ticket.id,
    customerId: ticket.customer?.id ?? null,
    ...values,
  });
  const { values, setValues, errors, formError, onSubmit } = useDialogForm({
    openFor: open,
    initial,
    check: (v) => updateTicketSchema.safeParse(inputOf(v)),
    submit: async (v) => {
      await update.mutateAsync(inputOf(v));
      toast({ variant: "success", title: "Ticket details saved" });
      await onSaved();
      onOpenChange(false);
    },
  });
  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues({ ...values, [key]: e.target.value });

  const categories = options.data?.categories ?? [];
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      className="max-w-xl"
      title={`Edit ${ticket.numberLabel}`}
      description="Changes are recorded in the ticket's activity."
      onSubmit={onSubmit}
      formError={formError}
      pending={update.isPending}
      submitLabel="Save details"
      cancelWhilePending
    >
      <FormField label="Subject" required error={errors.subject}>
        <Input value={values.subject} onChange={set("subject")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Category" required error={errors.categoryId}>
          <NativeSelect value={values.categoryId} onChange={set("categoryId")}>
            {!categories.some((c) => c.id === ticket.category.id) ? (
              <option value={ticket.category.id}>{ticket.category.name} (archived)</option>
            ) : null}
            <CategoryOptions categories={categories} />
          </NativeSelect>
        </FormField>
        <FormField
          label="Service"
          error={errors.subscriptionId}
          description={ticket.customer ? undefined : "The ticket has no customer."}
        >
          <NativeSelect value={values.subscriptionId} onChange={set("subscriptionId")} disabled={!ticket.customer}>
            <option value="">Not about one service</option>
            {(services.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.package.name}
                {s.installationAddress ? ` — ${s.installationAddress}` : ""}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Device" error={errors.deviceRef} description="Serial or name of the router, ONT or CPE.">
          <Input value={values.deviceRef} onChange={set("deviceRef")} />
        </FormField>
        <FormField label="Outage" error={errors.outageRef} description="Reference of a known outage, if any.">
          <Input value={values.outageRef} onChange={set("outageRef")} />
        </FormField>
      </div>
      <FormField
        label="Area"
        error={errors.area}
        description="Coverage area routing uses (from the service address by default)."
      >
        <Input value={values.area} onChange={set("area")} />
      </FormField>
    </FormDialog>
  );
}
