"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { addInterfaceSchema, INTERFACE_KINDS, PON_STANDARDS } from "@/server/modules/devices/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { errorMessage, formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";

type Port = RouterOutputs["devices"]["get"]["interfaces"][number];

export const KIND_LABELS: Record<(typeof INTERFACE_KINDS)[number], string> = {
  ETHERNET: "Ethernet",
  SFP: "SFP",
  PON: "PON",
  WIRELESS: "Wireless",
  VIRTUAL: "Virtual",
  OTHER: "Other",
};

type In = z.input<typeof addInterfaceSchema>;
type Out = z.output<typeof addInterfaceSchema>;

/** Adds a port to a device (`port` null) or edits one; `openFor` opens the dialog. */
export function InterfaceDialog({
  openFor,
  deviceId,
  port,
  onClose,
}: {
  openFor: unknown;
  deviceId: string;
  port: Port | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const form = useDialogForm<In, Out>(
    openFor,
    () => ({
      deviceId,
      name: port?.name ?? "",
      kind: port?.kind ?? "ETHERNET",
      ponStandard: port?.ponStandard ?? null,
      mac: port?.mac ?? "",
      enabled: port?.enabled ?? true,
      description: port?.description ?? "",
    }),
    { resolver: zodResolver(addInterfaceSchema) },
  );
  const add = useMutation(trpc.devices.addInterface.mutationOptions());
  const update = useMutation(trpc.devices.updateInterface.mutationOptions());
  const kind = form.watch("kind");
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: ({ deviceId: device, ...values }) => {
      const data = { ...values, ponStandard: values.kind === "PON" ? values.ponStandard : null };
      return port ? update.mutateAsync({ id: port.id, ...data }) : add.mutateAsync({ deviceId: device, ...data });
    },
    refresh: trpc.devices.pathFilter(),
    saved: (values) => (port ? `${values.name} saved` : `${values.name} added`),
    done: onClose,
  });
  return (
    <FormDialog
      open={!!openFor}
      onOpenChange={(o) => (o ? null : onClose())}
      title={port ? `Edit interface ${port.name}` : "Add an interface"}
      description="A port, radio or virtual interface of this device. Cable it from the interfaces list."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={add.isPending || update.isPending}
      submitLabel={port ? "Save interface" : "Add interface"}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Name" required error={errors.name?.message} description="As printed, e.g. ether5 or 0/1/3.">
          <Input autoComplete="off" {...form.register("name")} />
        </FormField>
        <FormField label="Kind" error={errors.kind?.message}>
          <NativeSelect {...form.register("kind")}>
            {INTERFACE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        {kind === "PON" ? (
          <FormField label="PON standard" error={errors.ponStandard?.message}>
            <NativeSelect {...form.register("ponStandard", { setValueAs: (v) => v || null })}>
              <option value="">Not set</option>
              {PON_STANDARDS.map((p) => (
                <option key={p} value={p}>
                  {p.replace("_", "-")}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        ) : null}
        <FormField label="MAC address" error={errors.mac?.message}>
          <Input autoComplete="off" placeholder="4C:5E:0C:12:34:56" {...form.register("mac")} />
        </FormField>
      </div>
      <FormField label="Description" error={errors.description?.message}>
        <Input autoComplete="off" placeholder="Uplink to core-1" {...form.register("description")} />
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4" {...form.register("enabled")} />
        Enabled
      </label>
    </FormDialog>
  );
}

/** Asks before taking a port off a device; the server refuses a cabled one and says why. */
export function DeleteInterfaceDialog({ port, onClose }: { port: Port | null; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [error, setError] = React.useState<string | null>(null);
  const remove = useMutation(trpc.devices.deleteInterface.mutationOptions());
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <ConfirmDialog
      open={!!port}
      onOpenChange={(o) => (o ? null : close())}
      title={`Delete interface ${port?.name ?? ""}?`}
      description="The port leaves the device's list. A cabled port must be unplugged first."
      confirmLabel="Delete interface"
      pendingLabel="Deleting"
      destructive
      pending={remove.isPending}
      error={error}
      onConfirm={async () => {
        if (!port) return;
        try {
          await remove.mutateAsync({ id: port.id });
          await queryClient.invalidateQueries(trpc.devices.pathFilter());
          toast({ variant: "success", title: `${port.name} deleted` });
          close();
        } catch (err) {
          setError(errorMessage(err));
        }
      }}
    />
  );
}
