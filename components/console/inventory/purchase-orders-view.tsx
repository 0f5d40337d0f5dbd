"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { ClipboardList, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/components/trpc/client";
import { currencyDigits } from "@/server/lib/money";
import { PO_STATUS_LABELS, PO_STATUSES } from "@/server/modules/inventory/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { errorMessage } from "../errors";
import { FormDialog } from "../form-dialog";
import { formatDate } from "../format";
import type { RouterOutputs } from "../types";
import { InventoryHeader, money, PoStatusBadge } from "./parts";

type Row = RouterOutputs["inventory"]["purchaseOrders"]["list"]["rows"][number];

export function PurchaseOrdersView({
  canManage,
  currency,
  timeZone,
}: {
  canManage: boolean;
  currency: string;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const [creating, setCreating] = React.useState(false);
  const list = useListUrl(["q", "status"]);
  const input = {
    page: list.page,
    pageSize: 25,
    search: list.search || undefined,
    status: list.oneOf("status", PO_STATUSES),
  };
  const query = useQuery(trpc.inventory.purchaseOrders.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const columns: Columns<Row> = [
    {
      label: "Number",
      cellClassName: "font-medium",
      cell: (p) => (
        <Link className="underline" href={`/inventory/purchase-orders/${p.id}`}>
          {p.numberLabel}
        </Link>
      ),
    },
    { label: "Supplier", cell: (p) => p.supplier.name },
    {
      label: "Status",
      cell: (p) => (
        <span className="flex flex-wrap gap-1">
          <PoStatusBadge status={p.status} />
          {p.automatic && p.status === "DRAFT" ? (
            <span className="text-xs text-muted-foreground">(reorder)</span>
          ) : null}
        </span>
      ),
    },
    {
      label: "Lines",
      className: "hidden text-right sm:table-cell",
      cellClassName: "tabular-nums",
      cell: (p) => p.lines.length,
    },
    {
      label: "Total",
      className: "text-right",
      cellClassName: "tabular-nums",
      cell: (p) => money(p.totalMinor, currency),
    },
    { label: "Created", className: "hidden md:table-cell", cell: (p) => formatDate(p.createdAt, timeZone) },
  ];
  return (
    <>
      <InventoryHeader
        title="Purchase orders"
        description="Orders to your suppliers: drafted by you or by the reorder points, sent as a PDF, received with the serial of every unit."
        actions={
          canManage ? (
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden />
              New purchase order
            </Button>
          ) : undefined
        }
      />
      <DataList
        query={query}
        data={query.data}
        noun={["purchase order", "purchase orders"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="po-search"
              label="Search purchase orders"
              placeholder="Number or supplier"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="po-status"
              label="Status"
              allLabel="Any status"
              value={input.status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(PO_STATUSES, PO_STATUS_LABELS)}
              className="sm:w-48"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(p) => p.id}
        empty={{
          icon: <ClipboardList />,
          title: "No purchase orders yet",
          description: canManage
            ? "Start one with “New purchase order” (add a supplier and items first), or set reorder points on items and the system drafts them."
            : "Purchase orders appear here when a network administrator orders stock.",
        }}
        noMatch={
          list.filtered && {
            title: "No purchase orders match",
            description: "Try another search or status.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {canManage ? (
        <NewPurchaseOrderDialog open={creating} currency={currency} onClose={() => setCreating(false)} />
      ) : null}
    </>
  );
}

type Line = { key: number; itemId: string; quantity: string; cost: string };

/** A draft order: the supplier, then one line per item with its quantity and (optionally) price. */
function NewPurchaseOrderDialog({ open, currency, onClose }: { open: boolean; currency: string; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const scale = 10 ** currencyDigits(currency);
  const suppliers = useQuery(trpc.inventory.suppliers.list.queryOptions({ pageSize: 100 }, { enabled: open }));
  const items = useQuery(trpc.inventory.items.list.queryOptions({ pageSize: 100 }, { enabled: open }));
  const [supplierId, setSupplierId] = React.useState("");
  const [lines, setLines] = React.useState<Line[]>([{ key: 1, itemId: "", quantity: "1", cost: "" }]);
  const [error, setError] = React.useState<string | null>(null);
  const create = useMutation(
    trpc.inventory.purchaseOrders.create.mutationOptions({
      onSuccess: (po) => {
        toast({ variant: "success", title: `${po.numberLabel} drafted` });
        onClose();
        router.push(`/inventory/purchase-orders/${po.id}`);
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );
  const change = (key: number, patch: Partial<Line>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => (o ? null : onClose())}
      className="max-w-2xl"
      title="New purchase order"
      description="Saved as a draft; send it to the supplier from its page."
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        create.mutate({
          supplierId,
          lines: lines.map((l) => ({
            itemId: l.itemId,
            quantity: Number(l.quantity),
            ...(l.cost.trim() ? { unitCostMinor: Math.round(Number(l.cost) * scale) } : {}),
          })),
        });
      }}
      formError={error ?? undefined}
      pending={create.isPending}
      submitLabel="Save draft"
    >
      <FormField label="Supplier" required>
        <NativeSelect value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
          <option value="">{suppliers.isPending ? "Loading…" : "Choose"}</option>
          {suppliers.data?.rows.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {lines.map((l, i) => (
        <div key={l.key} className="grid items-end gap-2 sm:grid-cols-[1fr_6rem_8rem_auto]">
          <FormField label={`Item ${i + 1}`} required>
            <NativeSelect value={l.itemId} onChange={(e) => change(l.key, { itemId: e.target.value })}>
              <option value="">Choose</option>
              {items.data?.rows.map((it) => (
                <option key={it.id} value={it.id}>
                  {it.sku} · {it.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField label="Quantity" required>
            <Input
              inputMode="numeric"
              value={l.quantity}
              onChange={(e) => change(l.key, { quantity: e.target.value })}
            />
          </FormField>
          <FormField label={`Unit price (${currency})`}>
            <Input
              inputMode="decimal"
              placeholder="Item's cost"
              value={l.cost}
              onChange={(e) => change(l.key, { cost: e.target.value })}
            />
          </FormField>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            aria-label={`Remove line ${i + 1}`}
            disabled={lines.length === 1}
            onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
          >
            <Trash2 aria-hidden />
          </Button>
        </div>
      ))}
      <Button
        type="button"
        variant="outline"
        onClick={() =>
          setLines((ls) => [...ls, { key: Math.max(...ls.map((x) => x.key)) + 1, itemId: "", quantity: "1", cost: "" }])
        }
      >
        <Plus aria-hidden />
        Add line
      </Button>
    </FormDialog>
  );
}
