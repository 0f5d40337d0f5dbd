"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Network, Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import {
  createPrefixSchema,
  PREFIX_POOL_FILTER_LABELS,
  PREFIX_POOL_FILTERS,
  PREFIX_STATUS_LABELS,
  PREFIX_STATUSES,
} from "@/server/modules/ipam/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { prefixesListInput } from "./list-query";
import { SiteSelect } from "./dialog-fields";
import { VrfFilter, VrfSelect } from "./vrf-select";
import { ImportButton, IpamHeader, PrefixStatusBadge, UtilizationBar } from "./parts";

type Row = RouterOutputs["ipam"]["prefixes"]["list"]["rows"][number];

export function PrefixesView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "status", "pool", "vrf"]);
  const input = prefixesListInput(list);
  const query = useQuery(trpc.ipam.prefixes.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const [adding, setAdding] = React.useState(false);

  const columns: Columns<Row> = [
    {
      label: "Prefix",
      cell: (p) => (
        // The tree: each level of containment indents the prefix by one step.
        <div style={{ paddingLeft: `${p.depth * 1.25}rem` }} className="flex items-center gap-2">
          <Link href={`/network/prefixes/${p.id}`} className="font-mono font-medium underline-offset-4 hover:underline">
            {p.prefix}
          </Link>
          {p.isPool ? <Badge variant="outline">Pool</Badge> : null}
        </div>
      ),
    },
    { label: "Status", cell: (p) => <PrefixStatusBadge status={p.status} /> },
    { label: "VRF", className: "hidden sm:table-cell", cell: (p) => p.vrfName ?? "Global" },
    { label: "Site", className: "hidden md:table-cell", cell: (p) => p.siteName ?? "—" },
    {
      label: "Description",
      className: "hidden lg:table-cell",
      cellClassName: "text-muted-foreground",
      cell: (p) => p.description ?? "",
    },
    { label: "Utilization", cell: (p) => <UtilizationBar value={p.utilization} /> },
  ];

  const newButton = canManage ? (
    <Button onClick={() => setAdding(true)}>
      <Plus aria-hidden />
      New prefix
    </Button>
  ) : null;
  const actions = canManage ? (
    <>
      <ImportButton kind="prefixes" />
      {newButton}
    </>
  ) : null;

  return (
    <>
      <IpamHeader
        description="Your address space as a tree: containers, the pools subscribers are given addresses from, and what is used."
        actions={actions}
      />
      <DataList
        query={query}
        data={query.data}
        noun={["prefix", "prefixes"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="prefixes-search"
              label="Search prefixes"
              placeholder="10.1.0.0/16, an address in it, or a description"
              value={list.search}
              onSearch={list.setSearch}
            />
            <VrfFilter id="prefixes-vrf" value={input.vrfId} onChange={(v) => list.setFilter({ vrf: v })} />
            <FilterSelect
              id="prefixes-status"
              label="Status"
              allLabel="All statuses"
              value={input.status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(PREFIX_STATUSES, PREFIX_STATUS_LABELS)}
              className="sm:w-44"
            />
            <FilterSelect
              id="prefixes-pool"
              label="Pools"
              allLabel="Pools and others"
              value={input.pool}
              onChange={(v) => list.setFilter({ pool: v })}
              options={optionsFrom(PREFIX_POOL_FILTERS, PREFIX_POOL_FILTER_LABELS)}
              className="sm:w-44"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(p) => p.id}
        empty={{
          icon: <Network />,
          title: "No prefixes yet",
          description: canManage
            ? "Add your address space first (e.g. 10.0.0.0/8 as a container), then the pools inside it that subscribers get addresses from."
            : "When a network administrator adds the company's address space, it appears here.",
          action: newButton ?? undefined,
        }}
        noMatch={
          list.filtered && {
            title: "No prefixes match",
            description: "Try another search, VRF, status or pool filter.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {canManage ? <NewPrefixDialog open={adding} onOpenChange={setAdding} /> : null}
    </>
  );
}

type FormIn = z.input<typeof createPrefixSchema>;
type FormOut = z.output<typeof createPrefixSchema>;

export function NewPrefixDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const vlans = useQuery(trpc.ipam.vlans.list.queryOptions({ pageSize: 200 }, { enabled: open }));
  const form = useDialogForm<FormIn, FormOut>(
    open,
    () => ({ prefix: "", vrfId: "", siteId: "", vlanId: "", status: "ACTIVE", isPool: false, description: "" }),
    { resolver: zodResolver(createPrefixSchema) },
  );
  const create = useMutation(trpc.ipam.prefixes.create.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (values) => create.mutateAsync(values),
    refresh: trpc.ipam.prefixes.pathFilter(),
    saved: (_values, row) => `${row.prefix} added`,
    done: (row) => {
      onOpenChange(false);
      router.push(`/network/prefixes/${row.id}`);
    },
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="New prefix"
      description="It takes its place in the tree by itself: inside the smallest prefix of its VRF that contains it."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending}
      submitLabel="Add prefix"
    >
      <FormField
        label="Prefix"
        required
        error={errors.prefix?.message}
        description="e.g. 10.20.0.0/24 or 2001:db8::/48"
      >
        <Input autoComplete="off" className="font-mono" {...form.register("prefix")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Status" error={errors.status?.message}>
          <NativeSelect {...form.register("status")}>
            {PREFIX_STATUSES.map((s) => (
              <option key={s} value={s}>
                {PREFIX_STATUS_LABELS[s]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="VRF" error={errors.vrfId?.message}>
          <VrfSelect enabled={open} {...form.register("vrfId")} />
        </FormField>
        <FormField label="Site" error={errors.siteId?.message}>
          <SiteSelect enabled={open} {...form.register("siteId")} />
        </FormField>
        <FormField label="VLAN" error={errors.vlanId?.message}>
          <NativeSelect {...form.register("vlanId")}>
            <option value="">No VLAN</option>
            {vlans.data?.rows.map((v) => (
              <option key={v.id} value={v.id}>
                {v.vid} {v.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" {...form.register("isPool")} />
        <span>
          <span className="font-medium">Pool</span>
          <span className="block text-muted-foreground">
            Addresses or delegated prefixes are allocated from it, next free first.
          </span>
        </span>
      </label>
      <FormField label="Description" error={errors.description?.message}>
        <Input autoComplete="off" {...form.register("description")} />
      </FormField>
    </FormDialog>
  );
}
