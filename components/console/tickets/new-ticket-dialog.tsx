"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Search, X } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { UploadField } from "@/components/attachments/upload-field";
import { useUploads } from "@/components/attachments/use-uploads";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import {
  CHANNEL_LABELS,
  createTicketSchema,
  PRIORITY_LABELS,
  STAFF_CHANNELS,
  TICKET_PRIORITIES,
} from "@/server/modules/tickets/schema";
import { checkWith } from "../check-with";
import { applyServerErrors, formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDebouncedInput } from "../use-url-state";
import { useDialogForm } from "../use-dialog-form";
import { DevicePicker, type PickedDevice } from "../network/device-picker";
import { CategoryOptions } from "./category-options";

type Values = {
  /** The customer chosen in the picker (shown, not sent: customerId is). */
  customer: PickedCustomer | null;
  customerId: string;
  subscriptionId: string;
  categoryId: string;
  priority: (typeof TICKET_PRIORITIES)[number];
  channel: (typeof STAFF_CHANNELS)[number];
  subject: string;
  description: string;
  assigneeId: string;
  /** The device chosen in the picker (shown, not sent: deviceId is). */
  device: PickedDevice | null;
  deviceId: string;
  outageRef: string;
};

const EMPTY: Values = {
  customer: null,
  customerId: "",
  subscriptionId: "",
  categoryId: "",
  priority: "MEDIUM",
  channel: "PHONE",
  subject: "",
  description: "",
  assigneeId: "",
  device: null,
  deviceId: "",
  outageRef: "",
};

export type PickedCustomer = { id: string; displayName: string; accountNo: string };

/** Opens a ticket on a customer's behalf (a call, an e-mail, a walk-in), or one without a customer. */
export function NewTicketDialog({
  open,
  onOpenChange,
  customer,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  customer?: PickedCustomer;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const uploads = useUploads();
  const form = useDialogForm<Values>(
    open,
    () => ({ ...EMPTY, customer: customer ?? null, customerId: customer?.id ?? "" }),
    { resolver: checkWith(createTicketSchema) },
  );
  const picked = form.watch("customer");
  // Files attached and then abandoned are forgotten when the dialog closes.
  const close = (o: boolean) => {
    if (!o) uploads.reset();
    onOpenChange(o);
  };

  const options = useQuery({ ...trpc.tickets.options.queryOptions(), enabled: open });
  const services = useQuery({
    ...trpc.subscriptions.forCustomer.queryOptions({ customerId: picked?.id ?? "" }),
    enabled: open && !!picked,
  });
  const create = useMutation(trpc.tickets.create.mutationOptions());
  const { errors } = form.formState;

  const choose = (c: PickedCustomer | null) => {
    form.setValue("customer", c);
    form.setValue("customerId", c?.id ?? "");
    form.setValue("subscriptionId", "");
  };

  const pickedDevice = form.watch("device");
  const chooseDevice = (d: PickedDevice | null) => {
    form.setValue("device", d);
    form.setValue("deviceId", d?.id ?? "");
  };

  const onSubmit = form.handleSubmit(async ({ customer: _picked, device: _device, ...values }) => {
    try {
      const created = await create.mutateAsync({ ...values, attachmentIds: uploads.ids });
      toast({
        variant: "success",
        title: `Ticket ${created.numberLabel} is open`,
        description: created.assigneeId ? "Routed to a technician." : "It waits in the queue for someone to take it.",
      });
      await queryClient.invalidateQueries(trpc.tickets.pathFilter());
      close(false);
      router.push(`/tickets/${created.id}`);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={close}
      className="max-w-2xl"
      title="New ticket"
      description="For a customer who called, wrote or walked in. Routing picks the technician unless you choose one."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending}
      spinnerLabel="Opening"
      submitLabel={uploads.busy ? "Uploading files…" : "Open ticket"}
      submitDisabled={uploads.busy}
      cancelWhilePending
    >
      <CustomerPicker picked={picked} onPick={choose} error={errors.customerId?.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label="Service"
          error={errors.subscriptionId?.message}
          description={picked ? undefined : "Choose a customer first."}
        >
          <NativeSelect {...form.register("subscriptionId")} disabled={!picked}>
            <option value="">{picked ? "Not about one service" : "—"}</option>
            {(services.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.package.name}
                {s.installationAddress ? ` — ${s.installationAddress}` : ""} ({s.status.toLowerCase()})
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Category" required error={errors.categoryId?.message}>
          <NativeSelect {...form.register("categoryId")}>
            <option value="">Choose…</option>
            <CategoryOptions categories={options.data?.categories ?? []} />
          </NativeSelect>
        </FormField>
        <FormField label="Priority" error={errors.priority?.message}>
          <NativeSelect {...form.register("priority")}>
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="How they reached us" error={errors.channel?.message}>
          <NativeSelect {...form.register("channel")}>
            {STAFF_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <FormField label="Subject" required error={errors.subject?.message}>
        <Input {...form.register("subject")} placeholder="e.g. Internet drops every evening" autoComplete="off" />
      </FormField>
      <FormField label="Description" required error={errors.description?.message}>
        <Textarea
          {...form.register("description")}
          rows={5}
          placeholder="What the customer reports, what they already tried, router lights…"
        />
      </FormField>
      <DevicePicker
        id="new-ticket-device"
        picked={pickedDevice}
        onPick={chooseDevice}
        error={errors.deviceId?.message}
        hint="Optional: the router, OLT, ONT or CPE at fault, by name or serial."
      />
      <FormField label="Outage" error={errors.outageRef?.message} description="Optional: a known outage's reference.">
        <Input {...form.register("outageRef")} autoComplete="off" />
      </FormField>
      <FormField
        label="Assignee"
        error={errors.assigneeId?.message}
        description="Leave on automatic to let routing match skills, area, shift and workload."
      >
        <NativeSelect {...form.register("assigneeId")}>
          <option value="">Route automatically</option>
          {(options.data?.staff ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <UploadField id="new-ticket-files" uploads={uploads} />
    </FormDialog>
  );
}

/** Find the customer by name, account number, phone or e-mail; or leave the ticket without one. */
export function CustomerPicker({
  picked,
  onPick,
  error,
  id = "new-ticket-customer",
  hint = "Type at least two characters. Leave empty for a ticket without a customer (e.g. a network fault).",
}: {
  picked: PickedCustomer | null;
  onPick: (c: PickedCustomer | null) => void;
  error?: string;
  id?: string;
  hint?: string;
}) {
  const trpc = useTRPC();
  const [search, setSearch] = React.useState("");
  const [text, setText] = useDebouncedInput(search, setSearch, 250);
  const results = useQuery({
    ...trpc.customers.list.queryOptions({ search, pageSize: 6, sort: "name", direction: "asc" }),
    enabled: !picked && search.length >= 2,
  });
  if (picked) {
    return (
      <div className="grid gap-2">
        <Label>Customer</Label>
        <div className="flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm">
          <span>
            <span className="font-medium">{picked.displayName}</span>{" "}
            <span className="text-muted-foreground">· {picked.accountNo}</span>
          </span>
          <Button type="button" variant="ghost" size="sm" onClick={() => onPick(null)}>
            <X aria-hidden />
            Change
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>Customer</Label>
      <div className="relative">
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <Input
          id={id}
          type="search"
          className="pl-9"
          placeholder="Name, ACC-000042, phone or e-mail"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
        />
      </div>
      {search.length >= 2 ? (
        <ul className="grid gap-1" aria-label="Matching customers">
          {results.isFetching && !results.data ? <li className="text-sm text-muted-foreground">Searching…</li> : null}
          {results.data?.rows.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="w-full rounded-md border px-3 py-2 text-left text-sm hover:bg-accent"
                onClick={() => onPick({ id: c.id, displayName: c.displayName, accountNo: c.accountNo })}
              >
                <span className="font-medium">{c.displayName}</span>{" "}
                <span className="text-muted-foreground">
                  · {c.accountNo}
                  {c.phone ? ` · ${c.phone}` : ""}
                </span>
              </button>
            </li>
          ))}
          {results.data && results.data.rows.length === 0 ? (
            <li className="text-sm text-muted-foreground">No customer matches “{search}”.</li>
          ) : null}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">{hint}</p>
      )}
      {error ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
