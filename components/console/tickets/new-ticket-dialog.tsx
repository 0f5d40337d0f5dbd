"use client";

import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { UploadField } from "@/components/attachments/upload-field";
import { useUploads } from "@/components/attachments/use-uploads";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
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
import { useDialogForm } from "../use-dialog-form";
import { CustomerPicker, type PickedCustomer } from "../customers/customer-picker";
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
      <CustomerPicker id="new-ticket-customer" picked={picked} onPick={choose} error={errors.customerId?.message} />
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
