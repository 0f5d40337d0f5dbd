"use client";

import * as React from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Layers, Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { vrfFields } from "@/server/modules/ipam/schema";
import { DataList, type Columns } from "../data-list";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { IpamHeader } from "./parts";

type Row = RouterOutputs["ipam"]["vrfs"]["list"][number];

export function VrfsView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.ipam.vrfs.list.queryOptions());
  const [editing, setEditing] = React.useState<Row | "new" | null>(null);
  // A company has a handful of VRFs: the service returns them all, shown as one page.
  const rows = query.data ?? [];
  const data = query.data
    ? { rows, total: rows.length, page: 1, pageSize: Math.max(1, rows.length), pageCount: 1 }
    : undefined;
  const columns: Columns<Row> = [
    { label: "VRF", cellClassName: "font-medium", cell: (v) => v.name },
    { label: "Route distinguisher", cellClassName: "font-mono", cell: (v) => v.rd ?? "—" },
    { label: "Prefixes", className: "text-right", cellClassName: "tabular-nums", cell: (v) => v._count.prefixes },
    { label: "Addresses", className: "text-right", cellClassName: "tabular-nums", cell: (v) => v._count.addresses },
    canManage && {
      label: "Actions",
      hideLabel: true,
      className: "text-right",
      cell: (v) => (
        <Button size="sm" variant="outline" onClick={() => setEditing(v)}>
          Edit<span className="sr-only"> {v.name}</span>
        </Button>
      ),
    },
  ];
  const addButton = canManage ? (
    <Button onClick={() => setEditing("new")}>
      <Plus aria-hidden />
      Add VRF
    </Button>
  ) : null;
  return (
    <>
      <IpamHeader
        description="Routing tables kept apart (e.g. management, or a business customer's network). Prefixes outside any VRF are in the global table."
        actions={addButton}
      />
      <DataList
        query={query}
        data={data}
        noun={["VRF", "VRFs"]}
        columns={columns}
        rowKey={(v) => v.id}
        countOnly
        empty={{
          icon: <Layers />,
          title: "No VRFs",
          description: canManage
            ? "Everything is in the global table. Add a VRF when a network needs its own address space, e.g. management."
            : "Everything is in the global table.",
          action: addButton ?? undefined,
        }}
        onPageChange={() => undefined}
      />
      {canManage ? (
        <VrfDialog
          vrf={editing === "new" ? null : editing}
          open={editing !== null}
          onOpenChange={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

type FormIn = z.input<typeof vrfFields>;
type FormOut = z.output<typeof vrfFields>;

function VrfDialog({
  vrf,
  open,
  onOpenChange,
}: {
  vrf: Row | null;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  const trpc = useTRPC();
  const form = useDialogForm<FormIn, FormOut>(
    open,
    () => ({ name: vrf?.name ?? "", rd: vrf?.rd ?? "", description: vrf?.description ?? "" }),
    { resolver: zodResolver(vrfFields) },
  );
  const create = useMutation(trpc.ipam.vrfs.create.mutationOptions());
  const update = useMutation(trpc.ipam.vrfs.update.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (values) => (vrf ? update.mutateAsync({ ...values, id: vrf.id }) : create.mutateAsync(values)),
    refresh: trpc.ipam.vrfs.pathFilter(),
    saved: (values) => (vrf ? `${values.name} saved` : `${values.name} added`),
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={vrf ? `Edit ${vrf.name}` : "Add a VRF"}
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      submitLabel={vrf ? "Save" : "Add VRF"}
    >
      <FormField label="Name" required error={errors.name?.message}>
        <Input autoComplete="off" {...form.register("name")} />
      </FormField>
      <FormField label="Route distinguisher" error={errors.rd?.message} description="e.g. 65000:100">
        <Input autoComplete="off" className="font-mono" {...form.register("rd")} />
      </FormField>
      <FormField label="Description" error={errors.description?.message}>
        <Input autoComplete="off" {...form.register("description")} />
      </FormField>
    </FormDialog>
  );
}
