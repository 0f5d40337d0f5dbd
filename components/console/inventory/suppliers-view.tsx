"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import { Pencil, Plus, Truck } from "lucide-react";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/components/trpc/client";
import { supplierSchema } from "@/server/modules/inventory/schema";
import { DataList, ListToolbar, SearchBox, useListUrl, type Columns } from "../data-list";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { InventoryHeader } from "./parts";

type Row = RouterOutputs["inventory"]["suppliers"]["list"]["rows"][number];

export function SuppliersView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const [editing, setEditing] = React.useState<Row | "new" | null>(null);
  const list = useListUrl(["q"]);
  const query = useQuery(
    trpc.inventory.suppliers.list.queryOptions(
      { page: list.page, pageSize: 25, search: list.search || undefined },
      { placeholderData: keepPreviousData },
    ),
  );
  const columns: Columns<Row> = [
    { label: "Supplier", cellClassName: "font-medium", cell: (s) => s.name },
    { label: "Contact", className: "hidden md:table-cell", cell: (s) => s.contactName ?? "—" },
    { label: "E-mail", className: "hidden sm:table-cell", cell: (s) => s.email ?? "—" },
    { label: "Phone", className: "hidden lg:table-cell", cell: (s) => s.phone ?? "—" },
    {
      label: "Lead time",
      className: "text-right",
      cellClassName: "tabular-nums",
      cell: (s) => `${s.leadTimeDays} day${s.leadTimeDays === 1 ? "" : "s"}`,
    },
    {
      label: "Orders",
      className: "hidden text-right sm:table-cell",
      cellClassName: "tabular-nums",
      cell: (s) => s.purchaseOrders,
    },
    canManage && {
      label: "Actions",
      hideLabel: true,
      className: "w-16 text-right",
      cell: (s) => (
        <Button variant="ghost" size="sm" aria-label={`Edit ${s.name}`} onClick={() => setEditing(s)}>
          <Pencil aria-hidden />
        </Button>
      ),
    },
  ];
  return (
    <>
      <InventoryHeader
        title="Suppliers"
        description="Who you buy equipment from: the contact your purchase orders are e-mailed to, and how long deliveries take."
        actions={
          canManage ? (
            <Button onClick={() => setEditing("new")}>
              <Plus aria-hidden />
              Add supplier
            </Button>
          ) : undefined
        }
      />
      <DataList
        query={query}
        data={query.data}
        noun={["supplier", "suppliers"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="suppliers-search"
              label="Search suppliers"
              placeholder="Name, contact or e-mail"
              value={list.search}
              onSearch={list.setSearch}
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(s) => s.id}
        empty={{
          icon: <Truck />,
          title: "No suppliers yet",
          description: canManage
            ? "Add your equipment suppliers with “Add supplier”, with the e-mail address purchase orders go to."
            : "Ask a network administrator to add your suppliers.",
        }}
        noMatch={
          list.filtered && {
            title: "No suppliers match",
            description: "Try another search.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {canManage ? (
        <SupplierDialog
          openFor={editing}
          supplier={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

type SupplierIn = z.input<typeof supplierSchema>;
type SupplierOut = z.output<typeof supplierSchema>;

function SupplierDialog({
  openFor,
  supplier,
  onClose,
}: {
  openFor: unknown;
  supplier: Row | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const form = useDialogForm<SupplierIn, SupplierOut>(
    openFor,
    () => ({
      name: supplier?.name ?? "",
      contactName: supplier?.contactName ?? "",
      email: supplier?.email ?? "",
      phone: supplier?.phone ?? "",
      address: supplier?.address ?? "",
      leadTimeDays: supplier?.leadTimeDays ?? 7,
      notes: supplier?.notes ?? "",
    }),
    { resolver: zodResolver(supplierSchema) },
  );
  const create = useMutation(trpc.inventory.suppliers.create.mutationOptions());
  const update = useMutation(trpc.inventory.suppliers.update.mutationOptions());
  const onSubmit = useSaveSubmit(form, {
    save: (data) => (supplier ? update.mutateAsync({ id: supplier.id, data }) : create.mutateAsync(data)),
    refresh: trpc.inventory.pathFilter(),
    saved: (data) => (supplier ? `${data.name} saved` : `${data.name} added`),
    done: onClose,
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      open={!!openFor}
      onOpenChange={(o) => (o ? null : onClose())}
      title={supplier ? `Edit ${supplier.name}` : "Add a supplier"}
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      submitLabel={supplier ? "Save supplier" : "Add supplier"}
    >
      <FormField label="Name" required error={errors.name?.message}>
        <Input autoComplete="off" placeholder="Fibre Supplies Ltd" {...form.register("name")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Contact" error={errors.contactName?.message}>
          <Input autoComplete="off" {...form.register("contactName")} />
        </FormField>
        <FormField label="E-mail" error={errors.email?.message} description="Purchase orders go here.">
          <Input type="email" autoComplete="off" {...form.register("email")} />
        </FormField>
        <FormField label="Phone" error={errors.phone?.message}>
          <Input autoComplete="off" {...form.register("phone")} />
        </FormField>
        <FormField label="Lead time (days)" error={errors.leadTimeDays?.message}>
          <Input inputMode="numeric" {...form.register("leadTimeDays", { valueAsNumber: true })} />
        </FormField>
      </div>
      <FormField label="Address" error={errors.address?.message}>
        <Input autoComplete="off" {...form.register("address")} />
      </FormField>
    </FormDialog>
  );
}
