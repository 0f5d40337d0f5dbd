"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import {
  createDeviceTypeSchema,
  createManufacturerSchema,
  DEVICE_ROLES,
  INTERFACE_KINDS,
  PON_STANDARDS,
  ROLE_LABELS,
} from "@/server/modules/devices/schema";
import { checkResolver, fieldMessages, type FormCheck } from "../check-with";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";

type DeviceTypeRow = RouterOutputs["devices"]["deviceTypes"]["rows"][number];
type Maker = { id: string; name: string };
type Port = DeviceTypeRow["portTemplates"][number];

/** Adds a manufacturer (`maker` null) or renames one. */
export function ManufacturerDialog({
  openFor,
  maker,
  onClose,
}: {
  openFor: unknown;
  maker: Maker | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const form = useDialogForm<z.input<typeof createManufacturerSchema>>(openFor, () => ({ name: maker?.name ?? "" }), {
    resolver: zodResolver(createManufacturerSchema),
  });
  const create = useMutation(trpc.devices.createManufacturer.mutationOptions());
  const update = useMutation(trpc.devices.updateManufacturer.mutationOptions());
  const onSubmit = useSaveSubmit(form, {
    save: ({ name }) => (maker ? update.mutateAsync({ id: maker.id, name }) : create.mutateAsync({ name })),
    refresh: trpc.devices.pathFilter(),
    saved: ({ name }) => (maker ? `Renamed to ${name}` : `${name} added`),
    done: onClose,
  });
  return (
    <FormDialog
      open={!!openFor}
      onOpenChange={(o) => (o ? null : onClose())}
      title={maker ? `Rename ${maker.name}` : "Add a manufacturer"}
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      submitLabel={maker ? "Save" : "Add manufacturer"}
    >
      <FormField label="Name" required error={form.formState.errors.name?.message}>
        <Input autoComplete="off" placeholder="Cambium Networks" {...form.register("name")} />
      </FormField>
    </FormDialog>
  );
}

/** One port a line: "ether1", "sfp1 SFP", "0/1/0 PON GPON" (kind defaults to Ethernet). */
export function portsFromText(text: string): { ports: Port[]; error: string | null } {
  const ports: Port[] = [];
  for (const [n, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line) continue;
    const [name, kindText, ponText] = line.split(/\s+/);
    const kind = (kindText ?? "ETHERNET").toUpperCase() as Port["kind"];
    if (!INTERFACE_KINDS.includes(kind))
      return { ports, error: `Line ${n + 1}: the kind is one of ${INTERFACE_KINDS.join(", ")}.` };
    const pon = ponText ? (ponText.toUpperCase().replace("-", "_") as NonNullable<Port["ponStandard"]>) : null;
    if (pon && !PON_STANDARDS.includes(pon))
      return { ports, error: `Line ${n + 1}: the PON standard is one of GPON, XGS-PON, EPON.` };
    ports.push({ name: name!, kind, ponStandard: pon });
  }
  return { ports, error: null };
}

const portsToText = (ports: Port[]) =>
  ports.map((p) => [p.name, p.kind, p.ponStandard?.replace("_", "-")].filter(Boolean).join(" ")).join("\n");

type TypeValues = { manufacturerId: string; model: string; role: string; ports: string };
type DeviceTypeInput = z.output<typeof createDeviceTypeSchema>;

/** The form's text as the module's input, or every field's error at once (the ports' text is the form's own). */
const typeInputOf: FormCheck<TypeValues, DeviceTypeInput> = (values) => {
  const { ports, error } = portsFromText(values.ports);
  const parsed = createDeviceTypeSchema.safeParse({
    manufacturerId: values.manufacturerId,
    model: values.model,
    role: values.role || undefined,
    portTemplates: ports,
  });
  const errors = parsed.success ? {} : fieldMessages(values, parsed.error.issues, { portTemplates: "ports" });
  if (error) errors.ports = error;
  return parsed.success && !error ? { input: parsed.data } : { errors };
};

/** Adds a model to the catalogue (`type` null) or edits one; its ports are what new devices get. */
export function DeviceTypeDialog({
  openFor,
  type,
  onClose,
}: {
  openFor: unknown;
  type: DeviceTypeRow | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const makers = useQuery(trpc.devices.manufacturers.queryOptions(undefined, { enabled: !!openFor }));
  const form = useDialogForm<TypeValues, DeviceTypeInput>(
    openFor,
    () => ({
      manufacturerId: type?.manufacturer.id ?? "",
      model: type?.model ?? "",
      role: type?.role ?? "",
      ports: type ? portsToText(type.portTemplates) : "",
    }),
    { resolver: checkResolver(typeInputOf) },
  );
  const create = useMutation(trpc.devices.createDeviceType.mutationOptions());
  const update = useMutation(trpc.devices.updateDeviceType.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (input) => (type ? update.mutateAsync({ id: type.id, ...input }) : create.mutateAsync(input)),
    refresh: trpc.devices.pathFilter(),
    saved: (input) => (type ? `${input.model} saved` : `${input.model} added to the catalogue`),
    done: onClose,
    // The server names portTemplates; the form's input is "ports".
    fieldNames: { portTemplates: "ports" },
  });
  return (
    <FormDialog
      open={!!openFor}
      onOpenChange={(o) => (o ? null : onClose())}
      className="max-w-xl"
      title={type ? `Edit ${type.manufacturer.name} ${type.model}` : "Add a device type"}
      description={
        type
          ? "Changed ports apply to devices added from now on; existing devices keep their interfaces."
          : "A model your network runs. Devices of this type start with its ports as interfaces."
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      submitLabel={type ? "Save device type" : "Add device type"}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Manufacturer" required error={errors.manufacturerId?.message}>
          <NativeSelect {...form.register("manufacturerId")} value={form.watch("manufacturerId")}>
            <option value="">{makers.isPending ? "Loading…" : "Choose"}</option>
            {makers.data?.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Role" required error={errors.role?.message}>
          <NativeSelect {...form.register("role")}>
            <option value="">Choose</option>
            {DEVICE_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <FormField label="Model" required error={errors.model?.message}>
        <Input autoComplete="off" placeholder="ePMP Force 300" {...form.register("model")} />
      </FormField>
      <FormField
        label="Ports"
        error={errors.ports?.message}
        description="Optional. One a line: name, then kind (Ethernet if left out), then the PON standard of a PON port, e.g. “0/1/0 PON GPON”."
      >
        <Textarea rows={6} className="font-mono text-sm" {...form.register("ports")} />
      </FormField>
    </FormDialog>
  );
}
