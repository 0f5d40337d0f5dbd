"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { Boxes, Pencil, Plus } from "lucide-react";
import type { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useTRPC } from "@/components/trpc/client";
import { currencyDigits } from "@/server/lib/money";
import { itemSchema, TRACKING_LABELS, TRACKINGS } from "@/server/modules/inventory/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { checkResolver, fieldMessages, type FormCheck } from "../check-with";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { DeviceTypeOptions, InventoryHeader, money } from "./parts";

type Row = RouterOutputs["inventory"]["items"]["list"]["rows"][number];

export function ItemsView({ canManage, currency }: { canManage: boolean; currency: string }) {
  const trpc = useTRPC();
  const [editing, setEditing] = React.useState<Row | "new" | null>(null);
  const list = useListUrl(["q", "tracking", "below"]);
  const input = {
    page: list.page,
    pageSize: 25,
    search: list.search || undefined,
    tracking: list.oneOf("tracking", TRACKINGS),
    belowReorderPoint: list.get("below") === "1" || undefined,
  };
  const query = useQuery(trpc.inventory.items.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const columns: Columns<Row> = [
    { label: "SKU", cellClassName: "font-mono text-xs", cell: (i) => i.sku },
    {
      label: "Item",
      cellClassName: "font-medium",
      cell: (i) => (
        <span className="flex flex-wrap items-center gap-2">
          {i.name}
          {i.belowReorderPoint ? <Badge variant="warning">Below reorder point</Badge> : null}
        </span>
      ),
    },
    { label: "Category", className: "hidden md:table-cell", cell: (i) => i.category },
    { label: "Tracking", className: "hidden lg:table-cell", cell: (i) => TRACKING_LABELS[i.tracking] },
    {
      label: "On hand",
      className: "text-right",
      cellClassName: "tabular-nums",
      cell: (i) => `${i.onHand}${i.unit === "unit" ? "" : ` ${i.unit}`}`,
    },
    {
      label: "Reorder at",
      className: "hidden text-right sm:table-cell",
      cellClassName: "tabular-nums",
      cell: (i) => (i.reorderPoint === null ? "—" : `${i.reorderPoint} (order ${i.reorderQuantity})`),
    },
    {
      label: "Unit cost",
      className: "hidden text-right md:table-cell",
      cellClassName: "tabular-nums",
      cell: (i) => money(i.costMinor, currency),
    },
    canManage && {
      label: "Actions",
      hideLabel: true,
      className: "w-16 text-right",
      cell: (i) => (
        <Button variant="ghost" size="sm" aria-label={`Edit ${i.name}`} onClick={() => setEditing(i)}>
          <Pencil aria-hidden />
        </Button>
      ),
    },
  ];
  return (
    <>
      <InventoryHeader
        title="Items"
        description="The catalogue: equipment tracked by serial, and consumables counted in metres or pieces."
        actions={
          canManage ? (
            <Button onClick={() => setEditing("new")}>
              <Plus aria-hidden />
              Add item
            </Button>
          ) : undefined
        }
      />
      <DataList
        query={query}
        data={query.data}
        noun={["item", "items"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="items-search"
              label="Search items"
              placeholder="Name, SKU or category"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="items-tracking"
              label="Tracking"
              allLabel="All items"
              value={input.tracking}
              onChange={(v) => list.setFilter({ tracking: v })}
              options={optionsFrom(TRACKINGS, TRACKING_LABELS)}
              className="sm:w-56"
            />
            <FilterSelect
              id="items-below"
              label="Reorder"
              allLabel="Any stock level"
              value={input.belowReorderPoint ? "1" : undefined}
              onChange={(v) => list.setFilter({ below: v })}
              options={[{ value: "1", label: "Below reorder point" }]}
              className="sm:w-52"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(i) => i.id}
        empty={{
          icon: <Boxes />,
          title: "No items yet",
          description: canManage
            ? "Add what you stock with “Add item”: ONTs and routers tracked by serial, drop cable in metres, connectors by the piece."
            : "Ask a network administrator to add the items you stock.",
        }}
        noMatch={
          list.filtered && {
            title: "No items match",
            description: "Try another search or filter.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {canManage ? (
        <ItemDialog
          openFor={editing}
          item={editing === "new" ? null : editing}
          currency={currency}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

type ItemValues = {
  sku: string;
  name: string;
  category: string;
  tracking: (typeof TRACKINGS)[number];
  unit: string;
  deviceTypeId: string;
  cost: string;
  defaultSupplierId: string;
  reorderPoint: string;
  reorderQuantity: string;
};
type ItemOut = z.output<typeof itemSchema>;

/** The form's text (the cost in major units, counts as typed) as the module's input, or every field's error. */
const itemInputOf =
  (scale: number): FormCheck<ItemValues, ItemOut> =>
  (v) => {
    const whole = (text: string) => (text.trim() === "" ? null : Number(text));
    const cost = v.cost.trim() === "" ? 0 : Math.round(Number(v.cost.replace(/,/g, "")) * scale);
    const parsed = itemSchema.safeParse({
      ...v,
      costMinor: Number.isNaN(cost) ? undefined : cost,
      reorderPoint: whole(v.reorderPoint),
      reorderQuantity: whole(v.reorderQuantity),
    });
    return parsed.success
      ? { input: parsed.data }
      : { errors: fieldMessages(v, parsed.error.issues, { costMinor: "cost" }) };
  };

function ItemDialog({
  openFor,
  item,
  currency,
  onClose,
}: {
  openFor: unknown;
  item: Row | null;
  currency: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const scale = 10 ** currencyDigits(currency);
  const suppliers = useQuery(trpc.inventory.suppliers.list.queryOptions({ pageSize: 100 }, { enabled: !!openFor }));
  const form = useDialogForm<ItemValues, ItemOut>(
    openFor,
    () => ({
      sku: item?.sku ?? "",
      name: item?.name ?? "",
      category: item?.category ?? "",
      tracking: item?.tracking ?? "SERIAL",
      unit: item?.unit ?? "unit",
      deviceTypeId: item?.deviceType?.id ?? "",
      cost: item ? String(item.costMinor / scale) : "",
      defaultSupplierId: item?.defaultSupplier?.id ?? "",
      reorderPoint: item?.reorderPoint === null || !item ? "" : String(item.reorderPoint),
      reorderQuantity: item?.reorderQuantity === null || !item ? "" : String(item.reorderQuantity),
    }),
    { resolver: checkResolver(itemInputOf(scale)) },
  );
  const create = useMutation(trpc.inventory.items.create.mutationOptions());
  const update = useMutation(trpc.inventory.items.update.mutationOptions());
  const onSubmit = useSaveSubmit(form, {
    save: (data) => (item ? update.mutateAsync({ id: item.id, data }) : create.mutateAsync(data)),
    refresh: trpc.inventory.pathFilter(),
    saved: (data) => (item ? `${data.name} saved` : `${data.name} added`),
    done: onClose,
    fieldNames: { costMinor: "cost" },
  });
  const { errors } = form.formState;
  const tracking = form.watch("tracking");
  return (
    <FormDialog
      open={!!openFor}
      onOpenChange={(o) => (o ? null : onClose())}
      className="max-w-xl"
      title={item ? `Edit ${item.name}` : "Add an item"}
      description="Below the reorder point, a draft purchase order for the reorder quantity goes to the default supplier."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      submitLabel={item ? "Save item" : "Add item"}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="SKU" required error={errors.sku?.message}>
          <Input autoComplete="off" placeholder="ONT-HG8245H" {...form.register("sku")} />
        </FormField>
        <FormField label="Category" required error={errors.category?.message}>
          <Input autoComplete="off" placeholder="ONT" {...form.register("category")} />
        </FormField>
      </div>
      <FormField label="Name" required error={errors.name?.message}>
        <Input autoComplete="off" placeholder="Huawei HG8245H ONT" {...form.register("name")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Tracking" required error={errors.tracking?.message}>
          <NativeSelect {...form.register("tracking")}>
            {TRACKINGS.map((t) => (
              <option key={t} value={t}>
                {TRACKING_LABELS[t]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Unit" error={errors.unit?.message} description="unit, m, piece">
          <Input autoComplete="off" disabled={tracking === "SERIAL"} {...form.register("unit")} />
        </FormField>
      </div>
      {tracking === "SERIAL" ? (
        <FormField
          label="Device type"
          error={errors.deviceTypeId?.message}
          description="The network catalogue's model."
        >
          <NativeSelect {...form.register("deviceTypeId")} value={form.watch("deviceTypeId")}>
            <DeviceTypeOptions none="None" />
          </NativeSelect>
        </FormField>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={`Unit cost (${currency})`} error={errors.cost?.message}>
          <Input inputMode="decimal" placeholder="4500.00" {...form.register("cost")} />
        </FormField>
        <FormField label="Default supplier" error={errors.defaultSupplierId?.message}>
          <NativeSelect {...form.register("defaultSupplierId")} value={form.watch("defaultSupplierId")}>
            <option value="">None</option>
            {suppliers.data?.rows.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Reorder point" error={errors.reorderPoint?.message}>
          <Input inputMode="numeric" {...form.register("reorderPoint")} />
        </FormField>
        <FormField label="Reorder quantity" error={errors.reorderQuantity?.message}>
          <Input inputMode="numeric" {...form.register("reorderQuantity")} />
        </FormField>
      </div>
    </FormDialog>
  );
}
