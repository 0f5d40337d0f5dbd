"use client";

import Link from "next/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { Path } from "react-hook-form";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import {
  createDeviceSchema,
  DEVICE_STATUSES,
  SNMP_AUTH_PROTOCOLS,
  SNMP_PRIV_PROTOCOLS,
  updateDeviceSchema,
} from "@/server/modules/devices/schema";
import { checkResolver, fieldMessages, type FormCheck } from "../check-with";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { ROLE_LABELS, STATUS_LABELS } from "./status";

type Device = RouterOutputs["devices"]["get"];

/** Text for every input; `payloadOf` makes the module's input from it. */
type Values = {
  name: string;
  deviceTypeId: string;
  siteId: string;
  serial: string;
  mac: string;
  rack: string;
  rackUnit: string;
  status: (typeof DEVICE_STATUSES)[number];
  firmware: string;
  notes: string;
  /** KEEP: leave the stored credentials as they are (editing only; they are never sent back). */
  snmpVersion: "KEEP" | "NONE" | "V2C" | "V3";
  community: string;
  v3User: string;
  authProtocol: string;
  authKey: string;
  privProtocol: string;
  privKey: string;
};

const blank = (v: string) => (v.trim() === "" ? null : v);

function payloadOf(v: Values) {
  const unit = v.rackUnit.trim();
  const snmp =
    v.snmpVersion === "KEEP"
      ? undefined
      : v.snmpVersion === "NONE"
        ? { version: "NONE" as const }
        : v.snmpVersion === "V2C"
          ? { version: "V2C" as const, community: v.community }
          : {
              version: "V3" as const,
              user: v.v3User,
              authProtocol: (blank(v.authProtocol) as (typeof SNMP_AUTH_PROTOCOLS)[number] | null) ?? null,
              authKey: blank(v.authKey),
              privProtocol: (blank(v.privProtocol) as (typeof SNMP_PRIV_PROTOCOLS)[number] | null) ?? null,
              privKey: blank(v.privKey),
            };
  return {
    name: v.name,
    deviceTypeId: v.deviceTypeId,
    siteId: blank(v.siteId),
    serial: blank(v.serial),
    mac: blank(v.mac),
    rack: blank(v.rack),
    rackUnit: unit === "" ? null : Number(unit),
    status: v.status,
    firmware: blank(v.firmware),
    notes: blank(v.notes),
    snmp,
  };
}

/** The schema's paths (and the server's field names) as the form's inputs. */
const FIELD_OF: Record<string, Path<Values>> = {
  "snmp.community": "community",
  "snmp.user": "v3User",
  "snmp.authProtocol": "authProtocol",
  "snmp.authKey": "authKey",
  "snmp.privProtocol": "privProtocol",
  "snmp.privKey": "privKey",
  snmp: "snmpVersion",
};

type Payload = ReturnType<typeof payloadOf>;

/** The form's values as the devices module's input, checked by its schema (a new device's or an edit's). */
const deviceOf =
  (editing: boolean): FormCheck<Values, Payload> =>
  (values) => {
    const payload = payloadOf(values);
    const schema = editing ? updateDeviceSchema : createDeviceSchema;
    const result = schema.safeParse({ ...payload, ...(editing ? { id: "x" } : {}) });
    if (result.success) return { input: payload };
    const errors = fieldMessages(values, result.error.issues, FIELD_OF);
    if (errors.rackUnit && values.rackUnit.trim() && !Number.isInteger(Number(values.rackUnit)))
      errors.rackUnit = "Enter a whole rack unit, e.g. 12.";
    return { errors };
  };

function valuesOf(d: Device | null): Values {
  return {
    name: d?.name ?? "",
    deviceTypeId: d?.deviceTypeId ?? "",
    siteId: d?.siteId ?? "",
    serial: d?.serial ?? "",
    mac: d?.mac ?? "",
    rack: d?.rack ?? "",
    rackUnit: d?.rackUnit ? String(d.rackUnit) : "",
    status: d?.status ?? "ACTIVE",
    firmware: d?.firmware ?? "",
    notes: d?.notes ?? "",
    snmpVersion: d ? "KEEP" : "NONE",
    community: "",
    v3User: d?.snmp.user ?? "",
    authProtocol: d?.snmp.authProtocol ?? "",
    authKey: "",
    privProtocol: d?.snmp.privProtocol ?? "",
    privKey: "",
  };
}

/** Adds a device, or edits one (`device` given). SNMP secrets are write-only: never shown back. */
export function DeviceFormDialog({
  open,
  onOpenChange,
  device,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  device: Device | null;
}) {
  const trpc = useTRPC();
  const editing = !!device;
  const types = useQuery(trpc.devices.deviceTypes.queryOptions({ pageSize: 200 }, { enabled: open }));
  const sites = useQuery(trpc.ipam.sites.options.queryOptions(undefined, { enabled: open }));
  const form = useDialogForm<Values, Payload>(open, () => valuesOf(device), {
    resolver: checkResolver(deviceOf(editing)),
  });
  const create = useMutation(trpc.devices.create.mutationOptions());
  const update = useMutation(trpc.devices.update.mutationOptions());
  const { errors } = form.formState;
  const snmpVersion = form.watch("snmpVersion");
  const storedSnmp = device?.snmp.version
    ? device.snmp.version === "V2C"
      ? "v2c, community set"
      : `v3, user ${device.snmp.user}`
    : "none";

  const onSubmit = useSaveSubmit(form, {
    save: (input) => (device ? update.mutateAsync({ id: device.id, ...input }) : create.mutateAsync(input)),
    refresh: trpc.devices.pathFilter(),
    saved: (input, { id }) =>
      device
        ? `${input.name} saved`
        : {
            title: `${input.name} added`,
            description: (
              <Link
                className="font-medium text-primary underline-offset-4 hover:underline"
                href={`/network/devices/${id}`}
              >
                Open the device to cable it
              </Link>
            ),
          },
    done: () => onOpenChange(false),
    fieldNames: FIELD_OF,
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      className="max-w-2xl"
      title={device ? `Edit ${device.name}` : "Add a device"}
      description={
        device
          ? "Changes are recorded in the audit log. SNMP secrets are stored sealed and never shown again."
          : "Its interfaces come from the device type's ports; you can add more on the device page."
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      submitLabel={device ? "Save device" : "Add device"}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label="Name"
          required
          error={errors.name?.message}
          description="How the network knows it, e.g. core-1."
        >
          <Input autoComplete="off" {...form.register("name")} />
        </FormField>
        <FormField label="Device type" required error={errors.deviceTypeId?.message}>
          <NativeSelect {...form.register("deviceTypeId")} value={form.watch("deviceTypeId")}>
            <option value="">{types.isPending ? "Loading…" : "Choose a model"}</option>
            {types.data?.rows.map((t) => (
              <option key={t.id} value={t.id}>
                {t.manufacturer.name} {t.model} ({ROLE_LABELS[t.role]})
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          label="Site"
          error={errors.siteId?.message}
          description="Where it stands. Leave empty for a CPE at a customer's."
        >
          <NativeSelect {...form.register("siteId")} value={form.watch("siteId")}>
            <option value="">No site</option>
            {sites.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.code ? ` (${s.code})` : ""}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Status" error={errors.status?.message}>
          <NativeSelect {...form.register("status")}>
            {DEVICE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Serial number" error={errors.serial?.message}>
          <Input autoComplete="off" {...form.register("serial")} />
        </FormField>
        <FormField label="MAC address" error={errors.mac?.message}>
          <Input autoComplete="off" placeholder="4C:5E:0C:12:34:56" {...form.register("mac")} />
        </FormField>
        <FormField label="Rack" error={errors.rack?.message}>
          <Input autoComplete="off" placeholder="R2" {...form.register("rack")} />
        </FormField>
        <FormField label="Rack unit" error={errors.rackUnit?.message} description="The lowest unit it occupies.">
          <Input inputMode="numeric" autoComplete="off" placeholder="12" {...form.register("rackUnit")} />
        </FormField>
        <FormField label="Firmware" error={errors.firmware?.message}>
          <Input autoComplete="off" placeholder="RouterOS 7.16" {...form.register("firmware")} />
        </FormField>
      </div>

      <fieldset className="grid gap-4 rounded-lg border p-4">
        <legend className="px-1 text-sm font-semibold">SNMP</legend>
        <FormField
          label="Credentials"
          error={errors.snmpVersion?.message}
          description={device ? `Stored now: ${storedSnmp}.` : undefined}
        >
          <NativeSelect {...form.register("snmpVersion")}>
            {device ? <option value="KEEP">Keep what is stored</option> : null}
            <option value="NONE">No SNMP</option>
            <option value="V2C">v2c community</option>
            <option value="V3">v3 user</option>
          </NativeSelect>
        </FormField>
        {snmpVersion === "V2C" ? (
          <FormField label="Community" required error={errors.community?.message}>
            <Input type="password" autoComplete="new-password" {...form.register("community")} />
          </FormField>
        ) : null}
        {snmpVersion === "V3" ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="User" required error={errors.v3User?.message} className="sm:col-span-2">
              <Input autoComplete="off" {...form.register("v3User")} />
            </FormField>
            <FormField label="Authentication" error={errors.authProtocol?.message}>
              <NativeSelect {...form.register("authProtocol")}>
                <option value="">None</option>
                {SNMP_AUTH_PROTOCOLS.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Authentication passphrase" error={errors.authKey?.message}>
              <Input type="password" autoComplete="new-password" {...form.register("authKey")} />
            </FormField>
            <FormField label="Privacy" error={errors.privProtocol?.message}>
              <NativeSelect {...form.register("privProtocol")}>
                <option value="">None</option>
                {SNMP_PRIV_PROTOCOLS.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Privacy passphrase" error={errors.privKey?.message}>
              <Input type="password" autoComplete="new-password" {...form.register("privKey")} />
            </FormField>
          </div>
        ) : null}
      </fieldset>

      <FormField label="Notes" error={errors.notes?.message}>
        <Textarea rows={2} {...form.register("notes")} />
      </FormField>
    </FormDialog>
  );
}
