"use client";

import * as React from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC, fieldErrors } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { GROUP_LABELS, updateTicketSchema } from "@/server/modules/tickets/schema";
import { errorMessage, FormError } from "../errors";
import type { RouterOutputs } from "../types";

type Ticket = RouterOutputs["tickets"]["get"];

/** Subject, category and what the ticket is about: the customer's service, a device, an outage, the area. */
export function EditTicketDialog({ open, onOpenChange, ticket, onSaved }: { open: boolean; onOpenChange: (open: boolean) => void; ticket: Ticket; onSaved: () => unknown }) {
  const trpc = useTRPC();
  const toast = useToast();
  const options = useQuery({ ...trpc.tickets.options.queryOptions(), enabled: open });
  const services = useQuery({ ...trpc.subscriptions.forCustomer.queryOptions({ customerId: ticket.customer?.id ?? "" }), enabled: open && !!ticket.customer });
  const update = useMutation(trpc.tickets.update.mutationOptions());
  const initial = () => ({
    subject: ticket.subject,
    categoryId: ticket.category.id,
    subscriptionId: ticket.subscription?.id ?? "",
    deviceRef: ticket.deviceRef ?? "",
    outageRef: ticket.outageRef ?? "",
    area: ticket.area ?? "",
  });
  const [values, setValues] = React.useState(initial);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [formError, setFormError] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (open) {
      setValues(initial());
      setErrors({});
      setFormError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);
  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues({ ...values, [key]: e.target.value });

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const input = { id: ticket.id, customerId: ticket.customer?.id ?? null, ...values };
    const parsed = updateTicketSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    try {
      await update.mutateAsync(input);
      toast({ variant: "success", title: "Ticket details saved" });
      await onSaved();
      onOpenChange(false);
    } catch (err) {
      const fields = fieldErrors(err);
      setErrors(fields);
      setFormError(Object.keys(fields).length ? null : errorMessage(err));
    }
  }

  const categories = options.data?.categories ?? [];
  const groups = [...new Set(categories.map((c) => c.group))];
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Edit {ticket.numberLabel}</DialogTitle>
          <DialogDescription>Changes are recorded in the ticket's activity.</DialogDescription>
        </DialogHeader>
        <form onSubmit={save} className="grid gap-4" noValidate>
          <FormError message={formError} />
          <FormField label="Subject" required error={errors.subject}>
            <Input value={values.subject} onChange={set("subject")} />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Category" required error={errors.categoryId}>
              <NativeSelect value={values.categoryId} onChange={set("categoryId")}>
                {!categories.some((c) => c.id === ticket.category.id) ? <option value={ticket.category.id}>{ticket.category.name} (archived)</option> : null}
                {groups.map((g) => (
                  <optgroup key={g} label={GROUP_LABELS[g]}>
                    {categories
                      .filter((c) => c.group === g)
                      .map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Service" error={errors.subscriptionId} description={ticket.customer ? undefined : "The ticket has no customer."}>
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
          <FormField label="Area" error={errors.area} description="Coverage area routing uses (from the service address by default).">
            <Input value={values.area} onChange={set("area")} />
          </FormField>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={update.isPending}>
              {update.isPending ? <Spinner className="text-current" label="Saving" /> : null}
              Save details
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
