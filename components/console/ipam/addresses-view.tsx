"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Plus, Tags } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import {
  ADDRESS_ROLE_LABELS,
  ADDRESS_ROLES,
  ADDRESS_STATUS_LABELS,
  ADDRESS_STATUSES,
  createAddressSchema,
} from "@/server/modules/ipam/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { addressesListInput } from "./list-query";
import { VrfFilter, VrfSelect } from "./vrf-select";
import { ImportButton, IpamHeader } from "./parts";

type Row = RouterOutputs["ipam"]["addresses"]["list"]["rows"][number];

export function AddressesView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "status", "vrf"]);
  const input = addressesListInput(list);
  const query = useQuery(trpc.ipam.addresses.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const [adding, setAdding] = React.useState(false);
  const columns: Columns<Row> = [
    { label: "Address", cellClassName: "font-mono font-medium", cell: (a) => a.address },
    {
      label: "Status",
      cell: (a) => (
        <Badge variant="secondary">{ADDRESS_STATUS_LABELS[a.status as keyof typeof ADDRESS_STATUS_LABELS]}</Badge>
      ),
    },
    {
      label: "Prefix",
      className: "hidden sm:table-cell",
      cell: (a) =>
        a.prefixId ? (
          <Link href={`/network/prefixes/${a.prefixId}`} className="font-mono underline-offset-4 hover:underline">
            {a.prefix}
          </Link>
        ) : (
          "—"
        ),
    },
    {
      label: "Assigned to",
      cell: (a) =>
        a.customerId ? (
          <Link href={`/customers/${a.customerId}`} className="underline-offset-4 hover:underline">
            {a.customerName}
          </Link>
        ) : a.deviceId ? (
          <Link href={`/network/devices/${a.deviceId}`} className="underline-offset-4 hover:underline">
            {a.deviceName}
          </Link>
        ) : a.subscriptionId ? (
          // A subscriber's address, shown to someone who may not read customers.
          <span>a customer</span>
        ) : (
          <span className="text-muted-foreground">—</span>
        ),
    },
    { label: "VRF", className: "hidden md:table-cell", cell: (a) => a.vrfName ?? "Global" },
    { label: "DNS name", className: "hidden md:table-cell", cell: (a) => a.dnsName ?? "—" },
    {
      label: "Description",
      className: "hidden lg:table-cell",
      cellClassName: "text-muted-foreground",
      cell: (a) => a.description ?? "",
    },
  ];
  const addButton = canManage ? (
    <Button onClick={() => setAdding(true)}>
      <Plus aria-hidden />
      Add address
    </Button>
  ) : null;
  const actions = canManage ? (
    <>
      <ImportButton kind="addresses" />
      {addButton}
    </>
  ) : null;
  return (
    <>
      <IpamHeader
        description="Every address in use or held back. Pools hand out the next free one; add one by hand for fixed equipment."
        actions={actions}
      />
      <DataList
        query={query}
        data={query.data}
        noun={["address", "addresses"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="addresses-search"
              label="Search addresses"
              placeholder="10.1.2.3, part of one, or a DNS name"
              value={list.search}
              onSearch={list.setSearch}
            />
            <VrfFilter id="addresses-vrf" value={input.vrfId} onChange={(v) => list.setFilter({ vrf: v })} />
            <FilterSelect
              id="addresses-status"
              label="Status"
              allLabel="All statuses"
              value={input.status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(ADDRESS_STATUSES, ADDRESS_STATUS_LABELS)}
              className="sm:w-44"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(a) => a.id}
        empty={{
          icon: <Tags />,
          title: "No IP addresses yet",
          description: canManage
            ? "Open a pool prefix and allocate its next free address, or add a fixed address by hand."
            : "Addresses appear here as pools hand them out to subscribers and equipment.",
          action: addButton ?? undefined,
        }}
        noMatch={
          list.filtered && {
            title: "No addresses match",
            description: "Try another search, VRF or status.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {canManage ? <AddAddressDialog open={adding} onOpenChange={setAdding} /> : null}
    </>
  );
}

type FormIn = z.input<typeof createAddressSchema>;
type FormOut = z.output<typeof createAddressSchema>;

function AddAddressDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const form = useDialogForm<FormIn, FormOut>(
    open,
    () => ({ address: "", vrfId: "", status: "ACTIVE", role: null, dnsName: "", description: "", subscriptionId: "" }),
    { resolver: zodResolver(createAddressSchema) },
  );
  const create = useMutation(trpc.ipam.addresses.create.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (values) => create.mutateAsync(values),
    refresh: trpc.ipam.pathFilter(),
    saved: (_values, row) => `${row.address} added`,
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add an IP address"
      description="A fixed address, e.g. a router's loopback. Subscribers get theirs from a pool."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending}
      submitLabel="Add address"
    >
      <FormField label="Address" required error={errors.address?.message} description="e.g. 10.0.0.1 or 2001:db8::1">
        <Input autoComplete="off" className="font-mono" {...form.register("address")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="VRF" error={errors.vrfId?.message}>
          <VrfSelect enabled={open} {...form.register("vrfId")} />
        </FormField>
        <FormField label="Status" error={errors.status?.message}>
          <NativeSelect {...form.register("status")}>
            {ADDRESS_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ADDRESS_STATUS_LABELS[s]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Role" error={errors.role?.message}>
          <NativeSelect {...form.register("role", { setValueAs: (v) => v || null })}>
            <option value="">No role</option>
            {ADDRESS_ROLES.map((r) => (
              <option key={r} value={r}>
                {ADDRESS_ROLE_LABELS[r]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="DNS name" error={errors.dnsName?.message}>
          <Input autoComplete="off" {...form.register("dnsName")} />
        </FormField>
      </div>
      <FormField label="Description" error={errors.description?.message}>
        <Input autoComplete="off" {...form.register("description")} />
      </FormField>
    </FormDialog>
  );
}
