"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ScanBarcode, Search } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/components/trpc/client";
import { ASSET_STATUS_LABELS, ASSET_STATUSES, MOVEMENT_LABELS } from "@/server/modules/inventory/schema";
import { formatPurchaseOrderNumber } from "@/server/modules/inventory/schema";
import { formatWorkOrderNumber } from "@/server/modules/work-orders/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { errorMessage } from "../errors";
import { formatDateTime, formatDay } from "../format";
import type { RouterOutputs } from "../types";
import { AssetStatusBadge, InventoryHeader, money, PrintLabelsLink } from "./parts";
import { RmaPanel } from "./rma-panel";
import { AssetFinance } from "./asset-finance";

type Row = RouterOutputs["inventory"]["assets"]["list"]["rows"][number];

/** A retired unit keeps the place it was written off at; saying it is "there" misleads a store keeper. */
const whereOf = (u: { status: string; location: { name: string } }) =>
  u.status === "RETIRED" ? `Not in stock (last at ${u.location.name})` : u.location.name;

/** Find a unit by its serial and follow its history; below, every unit, filterable. */
export function AssetsView({
  currency,
  timeZone,
  canManage = false,
}: {
  currency: string;
  timeZone: string;
  canManage?: boolean;
}) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "status", "due"]);
  const serial = list.get("serial") ?? "";
  const [typed, setTyped] = React.useState(serial);
  const found = useQuery(
    trpc.inventory.assets.lookup.queryOptions({ serial }, { enabled: serial.length >= 3, retry: false }),
  );
  const input = {
    page: list.page,
    pageSize: 25,
    search: list.search || undefined,
    status: list.oneOf("status", ASSET_STATUSES),
    returnDue: list.get("due") === "1" || undefined,
  };
  const query = useQuery(trpc.inventory.assets.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const columns: Columns<Row> = [
    {
      label: "Serial",
      cellClassName: "font-mono text-xs",
      cell: (a) => (
        <button type="button" className="underline" onClick={() => list.url.set({ serial: a.serial })}>
          {a.serial}
        </button>
      ),
    },
    { label: "Item", cell: (a) => a.item.name },
    { label: "Status", cell: (a) => <AssetStatusBadge status={a.status} /> },
    { label: "Where", className: "hidden md:table-cell", cell: whereOf },
    {
      label: "Customer",
      className: "hidden lg:table-cell",
      cell: (a) =>
        a.subscription ? (
          <Link className="underline" href={`/customers/${a.subscription.customer.id}`}>
            {a.subscription.customer.name}
          </Link>
        ) : (
          "—"
        ),
    },
  ];
  const unit = found.data;
  return (
    <>
      <InventoryHeader
        title="Units by serial"
        description="Every router, ONT and CPE by its serial: where it is now and everywhere it has been."
      />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Look up a serial</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              list.url.set({ serial: typed.trim().toUpperCase() || undefined });
            }}
          >
            <Input
              aria-label="Serial number"
              placeholder="Type or scan the serial"
              className="font-mono"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
            <Button type="submit">
              <Search aria-hidden />
              Look up
            </Button>
          </form>
          {found.error ? (
            <Alert variant="destructive">
              <AlertTitle>Not found</AlertTitle>
              <AlertDescription>{errorMessage(found.error)}</AlertDescription>
            </Alert>
          ) : null}
          {unit ? (
            <section aria-label={`Unit ${unit.serial}`} className="grid gap-4">
              <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
                <Fact label="Serial" value={<span className="font-mono">{unit.serial}</span>} />
                <Fact label="Item" value={unit.item.name} />
                <Fact label="Status" value={<AssetStatusBadge status={unit.status} />} />
                <Fact label="Where" value={whereOf(unit)} />
                <Fact
                  label="Customer"
                  value={
                    unit.subscription ? (
                      <Link className="underline" href={`/customers/${unit.subscription.customer.id}`}>
                        {unit.subscription.customer.name}
                      </Link>
                    ) : (
                      "—"
                    )
                  }
                />
                <Fact
                  label="Network device"
                  value={
                    unit.device ? (
                      <Link className="underline" href={`/network/devices/${unit.device.id}`}>
                        {unit.device.name}
                      </Link>
                    ) : (
                      "—"
                    )
                  }
                />
                <Fact label="MAC" value={unit.mac ?? "—"} />
                <Fact
                  label="Purchase order"
                  value={
                    unit.purchaseOrder ? (
                      <Link className="underline" href={`/inventory/purchase-orders/${unit.purchaseOrder.id}`}>
                        {formatPurchaseOrderNumber(unit.purchaseOrder.number)}
                      </Link>
                    ) : (
                      "—"
                    )
                  }
                />
                <Fact label="Cost" value={money(unit.costMinor, currency)} />
                <Fact label="Purchased" value={formatDay(unit.purchasedOn)} />
                <Fact label="Warranty until" value={formatDay(unit.warrantyUntil)} />
                {unit.returnDueSince ? (
                  <Fact label="Awaiting return since" value={formatDateTime(unit.returnDueSince, timeZone)} />
                ) : null}
              </dl>
              <div>
                <PrintLabelsLink query={{ serial: unit.serial }} label="Print label" size="sm" />
              </div>
              <RmaPanel unit={unit} canManage={canManage} timeZone={timeZone} />
              <div>
                <h3 className="mb-2 text-sm font-semibold">History</h3>
                <ol aria-label="History" className="grid gap-1 text-sm">
                  {unit.history.map((h) => (
                    <li key={h.id} className="flex flex-wrap gap-x-2">
                      <span className="text-muted-foreground tabular-nums">{formatDateTime(h.at, timeZone)}</span>
                      <span className="font-medium">{MOVEMENT_LABELS[h.kind]}</span>
                      <span>
                        {h.from ? h.from.name : (h.supplier?.name ?? "supplier")} → {h.to ? h.to.name : "out of stock"}
                      </span>
                      {h.customer ? <span>({h.customer.name}&apos;s service)</span> : null}
                      {h.purchaseOrder ? <span>({formatPurchaseOrderNumber(h.purchaseOrder.number)})</span> : null}
                      {h.workOrder ? (
                        <Link className="underline" href={`/work-orders/${h.workOrder.id}`}>
                          {formatWorkOrderNumber(h.workOrder.number)}
                        </Link>
                      ) : null}
                      {h.reason ? <span className="text-muted-foreground">— {h.reason}</span> : null}
                      <span className="text-muted-foreground">by {h.actor}</span>
                    </li>
                  ))}
                </ol>
              </div>
              <AssetFinance assetId={unit.id} currency={currency} canManage={canManage} />
            </section>
          ) : null}
        </CardContent>
      </Card>
      <DataList
        query={query}
        data={query.data}
        noun={["unit", "units"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="assets-search"
              label="Search units"
              placeholder="Serial (start) or item"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="assets-status"
              label="Status"
              allLabel="Any status"
              value={input.status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(ASSET_STATUSES, ASSET_STATUS_LABELS)}
              className="sm:w-44"
            />
            <FilterSelect
              id="assets-due"
              label="Returns"
              allLabel="All units"
              value={input.returnDue ? "1" : undefined}
              onChange={(v) => list.setFilter({ due: v })}
              options={[{ value: "1", label: "Awaiting return" }]}
              className="sm:w-44"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(a) => a.id}
        empty={{
          icon: <ScanBarcode />,
          title: "No units yet",
          description: "Units join the inventory when a purchase order is received with their serials.",
        }}
        noMatch={
          list.filtered && {
            title: "No units match",
            description: "Try another search or filter.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
    </>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
