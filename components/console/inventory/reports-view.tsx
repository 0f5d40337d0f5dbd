"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { PackageSearch, ShieldCheck, Users } from "lucide-react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useTRPC } from "@/components/trpc/client";
import {
  ASSET_STATUS_LABELS,
  LOCATION_KIND_LABELS,
  MOVEMENT_LABELS,
  type LocationKind,
  type MovementKind,
} from "@/server/modules/inventory/schema";
import { DataList, ListToolbar, SearchBox, useListUrl, type Columns } from "../data-list";
import { errorMessage } from "../errors";
import type { RouterOutputs } from "../types";
import { InventoryHeader, money } from "./parts";
import { formatAccountNumber } from "@/server/modules/customers/schema";

// The inventory's reports on one page, one at a time (?report=…): stock and value per location,
// the vans, movements per period, items below their reorder point, equipment per customer,
// warranties ending; the depreciation schedule has its own page.

const REPORTS = {
  stock: "Stock on hand and value per location",
  vans: "Technicians' van stock",
  movements: "Movements per period",
  reorder: "Items below their reorder point",
  customers: "Deployed equipment per customer",
  warranty: "Warranties ending soon",
} as const;
type Report = keyof typeof REPORTS;

export function ReportsView({ currency }: { currency: string }) {
  const list = useListUrl(["q", "report", "from", "to", "days"]);
  const report = (Object.keys(REPORTS) as Report[]).find((r) => r === list.get("report")) ?? "stock";
  return (
    <>
      <InventoryHeader
        title="Inventory reports"
        description={
          <>
            Stock, movements, reorders, deployed equipment and warranties. The depreciation schedule is on the{" "}
            <Link className="underline" href="/inventory/depreciation">
              depreciation page
            </Link>
            .
          </>
        }
      />
      <div className="mb-4 max-w-sm">
        <NativeSelect
          aria-label="Report"
          value={report}
          onChange={(e) => list.url.set({ report: e.target.value, page: undefined, q: undefined })}
        >
          {(Object.keys(REPORTS) as Report[]).map((r) => (
            <option key={r} value={r}>
              {REPORTS[r]}
            </option>
          ))}
        </NativeSelect>
      </div>
      {report === "stock" || report === "vans" ? <StockReport currency={currency} vans={report === "vans"} /> : null}
      {report === "movements" ? <MovementsReport list={list} /> : null}
      {report === "reorder" ? <ReorderReport /> : null}
      {report === "customers" ? <CustomersReport list={list} currency={currency} /> : null}
      {report === "warranty" ? <WarrantyReport list={list} /> : null}
    </>
  );
}

type ListUrl = ReturnType<typeof useListUrl>;

function StockReport({ currency, vans }: { currency: string; vans: boolean }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.inventoryReports.stockByLocation.queryOptions(vans ? { kind: "VAN" } : {}));
  return (
    <Card>
      <CardHeader>
        <CardTitle>{vans ? REPORTS.vans : REPORTS.stock}</CardTitle>
      </CardHeader>
      <CardContent>
        {q.error ? <p className="text-destructive text-sm">{errorMessage(q.error)}</p> : null}
        {q.data && !q.data.rows.length ? (
          <p className="text-muted-foreground text-sm">
            {vans
              ? "No vans yet: add one per field technician on the locations page."
              : "No locations yet: add a warehouse on the locations page."}
          </p>
        ) : null}
        {q.data?.rows.length ? (
          <table className="w-full text-sm" aria-label={vans ? REPORTS.vans : REPORTS.stock}>
            <thead className="text-muted-foreground text-left">
              <tr>
                <th className="py-1 font-normal">Location</th>
                <th className="py-1 font-normal">{vans ? "Technician" : "Kind"}</th>
                <th className="py-1 text-right font-normal">Items</th>
                <th className="py-1 text-right font-normal">Quantity</th>
                <th className="py-1 text-right font-normal">Value</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {q.data.rows.map((r) => (
                <tr key={r.id}>
                  <td className="py-0.5">
                    <Link className="underline" href={`/inventory?location=${r.id}`}>
                      {r.name}
                    </Link>
                  </td>
                  <td className="py-0.5">
                    {vans ? (r.technician ?? "—") : LOCATION_KIND_LABELS[r.kind as LocationKind]}
                  </td>
                  <td className="py-0.5 text-right">{r.items}</td>
                  <td className="py-0.5 text-right">{r.quantity.toLocaleString("en")}</td>
                  <td className="py-0.5 text-right">{money(r.valueMinor, currency)}</td>
                </tr>
              ))}
              <tr className="border-t font-medium">
                <td className="py-1">Total</td>
                <td />
                <td />
                <td className="py-1 text-right">{q.data.totals.quantity.toLocaleString("en")}</td>
                <td className="py-1 text-right">{money(q.data.totals.valueMinor, currency)}</td>
              </tr>
            </tbody>
          </table>
        ) : null}
      </CardContent>
    </Card>
  );
}

const monthStart = () => `${new Date().toISOString().slice(0, 7)}-01`;

function MovementsReport({ list }: { list: ListUrl }) {
  const trpc = useTRPC();
  const from = list.get("from") ?? monthStart();
  const to = list.get("to") ?? new Date().toISOString().slice(0, 10);
  const q = useQuery(
    trpc.inventoryReports.movementsByPeriod.queryOptions(
      { from, to },
      { placeholderData: keepPreviousData, retry: false },
    ),
  );
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>{REPORTS.movements}</CardTitle>
        <div className="flex items-center gap-2 text-sm">
          <Input
            aria-label="From"
            type="date"
            value={from}
            onChange={(e) => list.setFilter({ from: e.target.value })}
            className="w-40"
          />
          <span>to</span>
          <Input
            aria-label="To"
            type="date"
            value={to}
            onChange={(e) => list.setFilter({ to: e.target.value })}
            className="w-40"
          />
        </div>
      </CardHeader>
      <CardContent>
        {q.error ? <p className="text-destructive text-sm">{errorMessage(q.error)}</p> : null}
        {q.data && !q.data.length ? (
          <p className="text-muted-foreground text-sm">Nothing moved in this period. Try a longer one.</p>
        ) : null}
        {q.data?.length ? (
          <table className="w-full text-sm" aria-label={REPORTS.movements}>
            <thead className="text-muted-foreground text-left">
              <tr>
                <th className="py-1 font-normal">Item</th>
                <th className="py-1 font-normal">Movement</th>
                <th className="py-1 text-right font-normal">Times</th>
                <th className="py-1 text-right font-normal">Quantity</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {q.data.map((m) => (
                <tr key={`${m.item.id}-${m.kind}`}>
                  <td className="py-0.5">{m.item.name}</td>
                  <td className="py-0.5">{MOVEMENT_LABELS[m.kind as MovementKind]}</td>
                  <td className="py-0.5 text-right">{m.movements}</td>
                  <td className="py-0.5 text-right">
                    {m.quantity.toLocaleString("en")} {m.item.unit === "unit" ? "" : m.item.unit}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </CardContent>
    </Card>
  );
}

type ItemRow = RouterOutputs["inventory"]["items"]["list"]["rows"][number];

function ReorderReport() {
  const trpc = useTRPC();
  const [page, setPage] = React.useState(1);
  const q = useQuery(
    trpc.inventory.items.list.queryOptions(
      { page, pageSize: 25, belowReorderPoint: true },
      { placeholderData: keepPreviousData },
    ),
  );
  const unitOf = (i: ItemRow) => (i.unit === "unit" ? "" : ` ${i.unit}`);
  const columns: Columns<ItemRow> = [
    { label: "Item", cellClassName: "font-medium", cell: (i) => i.name },
    { label: "SKU", className: "hidden sm:table-cell", cellClassName: "font-mono text-xs", cell: (i) => i.sku },
    {
      label: "On hand",
      className: "text-right",
      cellClassName: "tabular-nums",
      cell: (i) => `${i.onHand}${unitOf(i)}`,
    },
    {
      label: "Reorder point",
      className: "text-right",
      cellClassName: "tabular-nums",
      cell: (i) => (i.reorderPoint === null ? "—" : `${i.reorderPoint}${unitOf(i)}`),
    },
    {
      label: "On order",
      className: "text-right",
      cellClassName: "tabular-nums",
      cell: (i) => `${i.onOrder}${unitOf(i)}`,
    },
    {
      label: "Reorder quantity",
      className: "text-right",
      cellClassName: "tabular-nums",
      cell: (i) => (i.reorderQuantity === null ? "—" : `${i.reorderQuantity}${unitOf(i)}`),
    },
    {
      label: "Suggested order",
      cell: (i) =>
        i.reorderPurchaseOrderId ? (
          <Link className="underline" href={`/inventory/purchase-orders/${i.reorderPurchaseOrderId}`}>
            Draft for {i.reorderQuantity ?? "—"}
            {unitOf(i)} to {i.defaultSupplier?.name ?? "the supplier"}
          </Link>
        ) : i.defaultSupplier ? (
          <span className="text-muted-foreground">Drafted at the next reorder run (hourly)</span>
        ) : (
          <span className="text-muted-foreground">No default supplier: set one on the item to have it drafted</span>
        ),
    },
  ];
  return (
    <DataList
      query={q}
      data={q.data}
      noun={["item", "items"]}
      columns={columns}
      rowKey={(i) => i.id}
      empty={{
        icon: <PackageSearch />,
        title: "Nothing below its reorder point",
        description:
          "An item shows here when its stock on hand (warehouses, shelves and vans) falls below the reorder point set on Items; the reorder job then drafts an order for its reorder quantity.",
      }}
      onPageChange={setPage}
    />
  );
}

type CustomerRow = RouterOutputs["inventoryReports"]["deployedByCustomer"]["rows"][number];

function CustomersReport({ list, currency }: { list: ListUrl; currency: string }) {
  const trpc = useTRPC();
  const q = useQuery(
    trpc.inventoryReports.deployedByCustomer.queryOptions(
      { page: list.page, pageSize: 25, search: list.search || undefined },
      { placeholderData: keepPreviousData },
    ),
  );
  const columns: Columns<CustomerRow> = [
    {
      label: "Customer",
      cell: (c) => (
        <Link className="underline" href={`/customers/${c.id}`}>
          {c.name || formatAccountNumber(c.accountNumber)}
        </Link>
      ),
    },
    { label: "Units", className: "text-right", cellClassName: "tabular-nums", cell: (c) => c.units },
    {
      label: "Cost",
      className: "text-right",
      cellClassName: "tabular-nums",
      cell: (c) => money(c.costMinor, currency),
    },
    {
      label: "Serials",
      className: "hidden md:table-cell",
      cell: (c) => (
        <span className="font-mono text-xs">
          {c.serials.map((s, i) => (
            <React.Fragment key={s}>
              {i ? ", " : ""}
              <Link className="underline" href={`/inventory/assets?serial=${encodeURIComponent(s)}`}>
                {s}
              </Link>
            </React.Fragment>
          ))}
        </span>
      ),
    },
  ];
  return (
    <DataList
      query={q}
      data={q.data}
      noun={["customer", "customers"]}
      toolbar={
        <ListToolbar>
          <SearchBox
            id="deployed-search"
            label="Search"
            placeholder="Customer or serial"
            value={list.search}
            onSearch={list.setSearch}
          />
        </ListToolbar>
      }
      columns={columns}
      rowKey={(c) => c.id}
      empty={{
        icon: <Users />,
        title: "No equipment at customers yet",
        description: "Units show here once a technician deploys them on a job.",
      }}
      noMatch={
        list.filtered && { title: "No customers match", description: "Try another search.", onClear: list.clearFilters }
      }
      onPageChange={list.setPage}
    />
  );
}

type WarrantyRow = RouterOutputs["inventoryReports"]["warrantyEnding"]["rows"][number];

function WarrantyReport({ list }: { list: ListUrl }) {
  const trpc = useTRPC();
  const days = Number(list.get("days") ?? 90) || 90;
  const q = useQuery(
    trpc.inventoryReports.warrantyEnding.queryOptions(
      { page: list.page, pageSize: 25, withinDays: days },
      { placeholderData: keepPreviousData },
    ),
  );
  const columns: Columns<WarrantyRow> = [
    {
      label: "Serial",
      cellClassName: "font-mono text-xs",
      cell: (a) => (
        <Link className="underline" href={`/inventory/assets?serial=${encodeURIComponent(a.serial)}`}>
          {a.serial}
        </Link>
      ),
    },
    { label: "Item", cell: (a) => a.item.name },
    { label: "Status", className: "hidden sm:table-cell", cell: (a) => ASSET_STATUS_LABELS[a.status] },
    { label: "Where", className: "hidden md:table-cell", cell: (a) => a.location.name },
    { label: "Supplier", className: "hidden lg:table-cell", cell: (a) => a.supplier?.name ?? "—" },
    { label: "Warranty until", cellClassName: "tabular-nums", cell: (a) => `${a.warrantyUntil} (${a.daysLeft} days)` },
  ];
  return (
    <DataList
      query={q}
      data={q.data}
      noun={["unit", "units"]}
      toolbar={
        <ListToolbar>
          <NativeSelect
            aria-label="Ending within"
            value={String(days)}
            onChange={(e) => list.setFilter({ days: e.target.value })}
            className="sm:w-48"
          >
            {[30, 90, 180, 365].map((d) => (
              <option key={d} value={d}>
                Ending within {d} days
              </option>
            ))}
          </NativeSelect>
        </ListToolbar>
      }
      columns={columns}
      rowKey={(a) => a.id}
      empty={{
        icon: <ShieldCheck />,
        title: `No warranty ends within ${days} days`,
        description: "Warranty dates are captured when a purchase order is received.",
      }}
      onPageChange={list.setPage}
    />
  );
}
