"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Plus, Tag } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { VLAN_STATUSES, vlanFields, vlanGroupFields } from "@/server/modules/ipam/schema";
import { DataList, DataTable, FilterSelect, ListToolbar, SearchBox, useListUrl, type Columns } from "../data-list";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { vlansListInput } from "./list-query";
import { NameProposingSlug, SiteSelect } from "./dialog-fields";
import { IpamHeader } from "./parts";

type Row = RouterOutputs["ipam"]["vlans"]["list"]["rows"][number];
type Group = RouterOutputs["ipam"]["vlans"]["groups"][number];

const VLAN_STATUS_LABELS: Record<(typeof VLAN_STATUSES)[number], string> = {
  ACTIVE: "Active",
  RESERVED: "Reserved",
  DEPRECATED: "Deprecated",
};

export function VlansView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "group"]);
  const input = vlansListInput(list);
  const query = useQuery(trpc.ipam.vlans.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const groups = useQuery(trpc.ipam.vlans.groups.queryOptions());
  const [adding, setAdding] = React.useState<"vlan" | "group" | null>(null);
  const columns: Columns<Row> = [
    { label: "VID", cellClassName: "font-mono font-medium tabular-nums", cell: (v) => v.vid },
    { label: "Name", cell: (v) => v.name },
    { label: "Group", className: "hidden sm:table-cell", cell: (v) => v.group?.name ?? "—" },
    { label: "Site", className: "hidden md:table-cell", cell: (v) => v.site?.name ?? "—" },
    { label: "Status", cell: (v) => <Badge variant="secondary">{VLAN_STATUS_LABELS[v.status]}</Badge> },
  ];
  const groupColumns: Columns<Group> = [
    { label: "Group", cellClassName: "font-medium", cell: (g) => g.name },
    { label: "VLAN ids", cellClassName: "tabular-nums", cell: (g) => `${g.minVid}–${g.maxVid}` },
    { label: "VLANs", className: "text-right", cellClassName: "tabular-nums", cell: (g) => g._count.vlans },
  ];
  return (
    <>
      <IpamHeader
        description="VLANs by id, grouped by the switches or site that share an id space."
        actions={
          canManage ? (
            <div className="flex gap-2">
              <Button variant="outline" onClick={() => setAdding("group")}>
                Add VLAN group
              </Button>
              <Button onClick={() => setAdding("vlan")}>
                <Plus aria-hidden />
                Add VLAN
              </Button>
            </div>
          ) : null
        }
      />
      <DataList
        query={query}
        data={query.data}
        noun={["VLAN", "VLANs"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="vlans-search"
              label="Search VLANs"
              placeholder="VLAN id or name"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="vlans-group"
              label="Group"
              allLabel="All groups"
              value={input.groupId}
              onChange={(v) => list.setFilter({ group: v })}
              options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
              className="sm:w-44"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(v) => v.id}
        empty={{
          icon: <Tag />,
          title: "No VLANs yet",
          description: canManage
            ? "Add the VLANs your switches carry, e.g. 10 for management and 100 for subscribers; a group keeps a site's ids apart."
            : "When a network administrator adds the company's VLANs, they appear here.",
          action: canManage ? (
            <Button onClick={() => setAdding("vlan")}>
              <Plus aria-hidden />
              Add VLAN
            </Button>
          ) : undefined,
        }}
        noMatch={
          list.filtered && {
            title: "No VLANs match",
            description: "Try another search or group.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      <Card className="mt-6 gap-0 py-0">
        <CardHeader className="py-4">
          <CardTitle>VLAN groups</CardTitle>
          <CardDescription>Each group is its own id space: VLAN 100 can exist once per group.</CardDescription>
        </CardHeader>
        {groups.data?.length ? (
          <DataTable rows={groups.data} columns={groupColumns} rowKey={(g) => g.id} />
        ) : (
          <p className="px-6 pb-6 text-sm text-muted-foreground">
            No groups yet. Add one per site or switch stack when ids repeat across the network.
          </p>
        )}
      </Card>
      {canManage ? (
        <>
          <VlanDialog open={adding === "vlan"} onOpenChange={() => setAdding(null)} groups={groups.data ?? []} />
          <GroupDialog open={adding === "group"} onOpenChange={() => setAdding(null)} />
        </>
      ) : null}
    </>
  );
}

function VlanDialog({
  open,
  onOpenChange,
  groups,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  groups: readonly Group[];
}) {
  const trpc = useTRPC();
  const form = useDialogForm<z.input<typeof vlanFields>, z.output<typeof vlanFields>>(
    open,
    () => ({ vid: "", name: "", groupId: "", siteId: "", status: "ACTIVE", description: "" }),
    { resolver: zodResolver(vlanFields) },
  );
  const create = useMutation(trpc.ipam.vlans.create.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (values) => create.mutateAsync(values),
    refresh: trpc.ipam.vlans.pathFilter(),
    saved: (values) => `VLAN ${values.vid} added`,
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add a VLAN"
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending}
      submitLabel="Add VLAN"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="VLAN id" required error={errors.vid?.message} description="1 to 4094">
          <Input inputMode="numeric" autoComplete="off" {...form.register("vid")} />
        </FormField>
        <FormField label="Name" required error={errors.name?.message}>
          <Input autoComplete="off" {...form.register("name")} />
        </FormField>
        <FormField label="Group" error={errors.groupId?.message}>
          <NativeSelect {...form.register("groupId")}>
            <option value="">No group</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name} ({g.minVid}–{g.maxVid})
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Site" error={errors.siteId?.message}>
          <SiteSelect enabled={open} {...form.register("siteId")} />
        </FormField>
        <FormField label="Status" error={errors.status?.message}>
          <NativeSelect {...form.register("status")}>
            {VLAN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {VLAN_STATUS_LABELS[s]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
    </FormDialog>
  );
}

function GroupDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const trpc = useTRPC();
  const form = useDialogForm<z.input<typeof vlanGroupFields>, z.output<typeof vlanGroupFields>>(
    open,
    () => ({ name: "", slug: "", siteId: "", minVid: 1, maxVid: 4094, description: "" }),
    { resolver: zodResolver(vlanGroupFields) },
  );
  const create = useMutation(trpc.ipam.vlans.createGroup.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (values) => create.mutateAsync(values),
    refresh: trpc.ipam.vlans.pathFilter(),
    saved: (values) => `${values.name} added`,
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add a VLAN group"
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending}
      submitLabel="Add group"
    >
      <NameProposingSlug
        field={form.register("name")}
        error={errors.name?.message}
        slugTouched={() => form.getFieldState("slug").isDirty}
        proposeSlug={(slug) => form.setValue("slug", slug)}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Slug" required error={errors.slug?.message}>
          <Input autoComplete="off" {...form.register("slug")} />
        </FormField>
        <FormField label="Site" error={errors.siteId?.message}>
          <SiteSelect enabled={open} {...form.register("siteId")} />
        </FormField>
        <FormField label="Lowest VLAN id" error={errors.minVid?.message}>
          <Input inputMode="numeric" {...form.register("minVid", { valueAsNumber: true })} />
        </FormField>
        <FormField label="Highest VLAN id" error={errors.maxVid?.message}>
          <Input inputMode="numeric" {...form.register("maxVid", { valueAsNumber: true })} />
        </FormField>
      </div>
    </FormDialog>
  );
}
