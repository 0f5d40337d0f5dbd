"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Network, Plus, Waypoints } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { createDeviceSchema, DEVICE_ROLES, DEVICE_STATUSES } from "@/server/modules/devices/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { applyServerErrors, formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm } from "../use-dialog-form";
import { devicesListInput } from "./list-query";
import { DeviceStatusBadge, ROLE_LABELS, STATUS_LABELS } from "./status";

type Row = {
  id: string;
  name: string;
  serial: string | null;
  mac: string | null;
  status: (typeof DEVICE_STATUSES)[number];
  role: (typeof DEVICE_ROLES)[number];
  model: string;
  firmware: string | null;
  siteName: string | null;
};

export function DevicesView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["role", "status"]);
  const input = devicesListInput(list);
  const query = useQuery(trpc.devices.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const [adding, setAdding] = React.useState(false);

  const columns: Columns<Row> = [
    {
      label: "Device",
      cell: (d) => (
        <>
          <Link href={`/network/devices/${d.id}`} className="font-medium underline-offset-4 hover:underline">
            {d.name}
          </Link>
          <div className="text-xs text-muted-foreground">{d.model}</div>
        </>
      ),
    },
    { label: "Role", className: "hidden sm:table-cell", cell: (d) => ROLE_LABELS[d.role] },
    { label: "Site", className: "hidden md:table-cell", cell: (d) => d.siteName ?? "—" },
    {
      label: "Serial",
      className: "hidden md:table-cell",
      cellClassName: "font-mono text-xs",
      cell: (d) => d.serial ?? "—",
    },
    {
      label: "MAC",
      className: "hidden lg:table-cell",
      cellClassName: "font-mono text-xs text-muted-foreground",
      cell: (d) => d.mac ?? "—",
    },
    { label: "Status", cell: (d) => <DeviceStatusBadge status={d.status} /> },
  ];

  return (
    <>
      <PageHeader
        title="Devices"
        description="Routers, switches, OLTs, ONTs, access points, CPEs and servers, and how they are cabled."
        actions={
          <div className="flex gap-2">
            <Button asChild variant="outline">
              <Link href="/network/map">
                <Waypoints aria-hidden />
                Map
              </Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/network/device-types">Device types</Link>
            </Button>
            {canManage ? (
              <Button onClick={() => setAdding(true)}>
                <Plus aria-hidden />
                Add device
              </Button>
            ) : null}
          </div>
        }
      />
      <DataList
        query={query}
        data={query.data}
        noun={["device", "devices"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="devices-search"
              label="Search devices"
              placeholder="Name, serial or MAC"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="devices-role"
              label="Role"
              allLabel="All roles"
              value={input.role}
              onChange={(v) => list.setFilter({ role: v })}
              options={optionsFrom(DEVICE_ROLES, ROLE_LABELS)}
              className="sm:w-44"
            />
            <FilterSelect
              id="devices-status"
              label="Status"
              allLabel="All statuses"
              value={input.status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(DEVICE_STATUSES, STATUS_LABELS)}
              className="sm:w-44"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(d) => d.id}
        empty={{
          icon: <Network />,
          title: "No devices yet",
          description: canManage
            ? "Add your core router first, then the switches, OLTs and access points behind it, and cable them together."
            : "When a network administrator adds the company's equipment, it appears here.",
          action: canManage ? (
            <Button onClick={() => setAdding(true)}>
              <Plus aria-hidden />
              Add device
            </Button>
          ) : undefined,
        }}
        noMatch={
          list.filtered && {
            title: "No devices match",
            description: "Try another search, role or status.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {canManage ? <AddDeviceDialog open={adding} onOpenChange={setAdding} /> : null}
    </>
  );
}

type FormIn = z.input<typeof createDeviceSchema>;
type FormOut = z.output<typeof createDeviceSchema>;

function AddDeviceDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const types = useQuery(trpc.devices.deviceTypes.queryOptions({ pageSize: 200 }, { enabled: open }));
  const sites = useQuery(trpc.ipam.sites.options.queryOptions(undefined, { enabled: open }));
  const form = useDialogForm<FormIn, FormOut>(
    open,
    () => ({ name: "", deviceTypeId: "", siteId: "", serial: "", mac: "", status: "ACTIVE", firmware: "", notes: "" }),
    { resolver: zodResolver(createDeviceSchema) },
  );
  const create = useMutation(trpc.devices.create.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const { id } = await create.mutateAsync(values);
      await queryClient.invalidateQueries(trpc.devices.list.pathFilter());
      toast({
        variant: "success",
        title: `${values.name} added`,
        description: (
          <Link className="font-medium text-primary underline-offset-4 hover:underline" href={`/network/devices/${id}`}>
            Open the device to cable it
          </Link>
        ),
      });
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add a device"
      description="Its interfaces come from the device type's ports; you can add more on the device page."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending}
      submitLabel="Add device"
    >
      <FormField
        label="Name"
        required
        error={errors.name?.message}
        description="How the network knows it, e.g. core-1."
      >
        <Input autoComplete="off" {...form.register("name")} />
      </FormField>
      <FormField label="Device type" required error={errors.deviceTypeId?.message}>
        <NativeSelect {...form.register("deviceTypeId")}>
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
        <NativeSelect {...form.register("siteId")}>
          <option value="">No site</option>
          {sites.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.code ? ` (${s.code})` : ""}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Serial number" error={errors.serial?.message}>
          <Input autoComplete="off" {...form.register("serial")} />
        </FormField>
        <FormField label="MAC address" error={errors.mac?.message}>
          <Input autoComplete="off" placeholder="4C:5E:0C:12:34:56" {...form.register("mac")} />
        </FormField>
      </div>
      <FormField label="Status" error={errors.status?.message}>
        <NativeSelect {...form.register("status")}>
          {DEVICE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
    </FormDialog>
  );
}
