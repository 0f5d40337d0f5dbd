"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowRightLeft, Warehouse } from "lucide-react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/select";
import { FormField } from "@/components/ui/form-field";
import { EmptyState } from "@/components/ui/empty-state";
import { useTRPC } from "@/components/trpc/client";
import { LOCATION_KIND_LABELS } from "@/server/modules/inventory/schema";
import { DataList, ListToolbar, SearchBox, useListUrl, type Columns } from "../data-list";
import type { RouterOutputs } from "../types";
import { MoveStockDialog, type MoveFrom } from "./move-stock-dialog";
import { InventoryHeader, money } from "./parts";

type Row = RouterOutputs["inventory"]["stock"]["rows"][number];

/** What is on the shelves of one location: each item with its quantity, value and serials. */
export function StockView({ currency, canManage }: { currency: string; canManage: boolean }) {
  const trpc = useTRPC();
  const [moving, setMoving] = React.useState<MoveFrom | null>(null);
  const list = useListUrl(["q"]);
  const locations = useQuery(trpc.inventory.locations.list.queryOptions({}));
  const chosen = list.get("location") || locations.data?.[0]?.id || "";
  const query = useQuery(
    trpc.inventory.stock.queryOptions(
      { locationId: chosen, page: list.page, pageSize: 50, search: list.search || undefined },
      { enabled: !!chosen, placeholderData: keepPreviousData },
    ),
  );
  const columns: Columns<Row> = [
    { label: "SKU", cellClassName: "font-mono text-xs", cell: (r) => r.sku },
    { label: "Item", cellClassName: "font-medium", cell: (r) => r.name },
    { label: "Category", className: "hidden md:table-cell", cell: (r) => r.category },
    {
      label: "On hand",
      className: "text-right",
      cellClassName: "tabular-nums",
      cell: (r) => `${r.quantity}${r.unit === "unit" ? "" : ` ${r.unit}`}`,
    },
    {
      label: "Value",
      className: "hidden text-right sm:table-cell",
      cellClassName: "tabular-nums",
      cell: (r) => money(r.valueMinor, currency),
    },
    {
      label: "Serials",
      className: "hidden lg:table-cell",
      cellClassName: "font-mono text-xs",
      cell: (r) =>
        r.units.length ? (
          <span className="flex flex-wrap gap-x-2">
            {r.units.slice(0, 8).map((u) => (
              <Link
                key={u.serial}
                className="underline"
                href={`/inventory/assets?serial=${encodeURIComponent(u.serial)}`}
              >
                {u.serial}
              </Link>
            ))}
            {r.units.length > 8 ? <span>+{r.units.length - 8} more</span> : null}
          </span>
        ) : (
          "—"
        ),
    },
    canManage && {
      label: "Actions",
      hideLabel: true,
      className: "w-16 text-right",
      cell: (r) => (
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Move ${r.name}`}
          onClick={() =>
            setMoving({
              locationId: query.data!.location.id,
              locationName: query.data!.location.name,
              itemId: r.itemId,
              itemName: r.name,
              unit: r.unit,
              tracking: r.tracking,
              serials: r.units.map((u) => u.serial),
            })
          }
        >
          <ArrowRightLeft aria-hidden />
        </Button>
      ),
    },
  ];
  return (
    <>
      <InventoryHeader
        title="Inventory"
        description="What is on every shelf and in every van, from the stock ledger."
      />
      {locations.data && locations.data.length === 0 ? (
        <EmptyState
          icon={<Warehouse />}
          title="No stock locations yet"
          description="Add a warehouse (and a van per field technician) under Locations, then receive a purchase order into it."
        />
      ) : (
        <DataList
          query={query}
          data={query.data}
          noun={["item", "items"]}
          idle={!chosen}
          toolbar={
            <ListToolbar>
              <FormField label="Location" className="sm:w-72">
                <NativeSelect
                  value={chosen}
                  onChange={(e) => list.setFilter({ location: e.target.value })}
                  aria-label="Location"
                >
                  {locations.data?.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name} ({LOCATION_KIND_LABELS[l.kind]})
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              <SearchBox
                id="stock-search"
                label="Search items"
                placeholder="Name or SKU"
                value={list.search}
                onSearch={list.setSearch}
              />
            </ListToolbar>
          }
          columns={columns}
          rowKey={(r) => r.itemId}
          empty={{
            icon: <Warehouse />,
            title: "Nothing here",
            description: "Receive a purchase order into a warehouse, or transfer stock here from another location.",
          }}
          noMatch={
            list.filtered && { title: "No items match", description: "Try another search.", onClear: list.clearFilters }
          }
          onPageChange={list.setPage}
        />
      )}
      {moving ? <MoveStockDialog from={moving} onClose={() => setMoving(null)} /> : null}
    </>
  );
}
