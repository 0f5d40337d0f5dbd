"use client";

import type * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { PageHeader } from "@/components/layout/page-header";
import { useTRPC } from "@/components/trpc/client";
import { SectionTabs } from "../section-tabs";
import { Printer } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/lib/money";
import {
  ASSET_STATUS_LABELS,
  PO_STATUS_LABELS,
  type AssetStatus,
  type PurchaseOrderStatus,
} from "@/server/modules/inventory/schema";

// Pieces every inventory page shares: the header with the section's tabs, the status badges, and
// the device-type choice of the item and maintenance-plan forms.

const TABS = [
  { href: "/inventory", label: "Stock on hand", exact: true },
  { href: "/inventory/items", label: "Items" },
  { href: "/inventory/assets", label: "Units by serial" },
  { href: "/inventory/purchase-orders", label: "Purchase orders" },
  { href: "/inventory/suppliers", label: "Suppliers" },
  { href: "/inventory/locations", label: "Locations" },
  { href: "/inventory/counts", label: "Counts" },
  { href: "/inventory/depreciation", label: "Depreciation" },
  { href: "/inventory/maintenance", label: "Maintenance" },
  { href: "/inventory/reports", label: "Reports" },
] as const;

export function InventoryHeader({
  title,
  description,
  actions,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} actions={actions} />
      <SectionTabs label="Inventory" tabs={TABS} />
    </>
  );
}

export function AssetStatusBadge({ status }: { status: AssetStatus }) {
  const variant =
    status === "DEPLOYED"
      ? "success"
      : status === "IN_STOCK"
        ? "secondary"
        : status === "RETIRED"
          ? "outline"
          : "warning";
  return <Badge variant={variant}>{ASSET_STATUS_LABELS[status]}</Badge>;
}

export function PoStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  const variant =
    status === "RECEIVED"
      ? "success"
      : status === "CANCELLED"
        ? "outline"
        : status === "DRAFT"
          ? "secondary"
          : "warning";
  return <Badge variant={variant}>{PO_STATUS_LABELS[status]}</Badge>;
}

export const money = (minor: number | null, currency: string) => formatMoney(minor, currency);

/** Opens the labels PDF (app/(console)/inventory/labels) in a new tab, to print. */
export function PrintLabelsLink({
  query,
  label = "Print labels",
  size,
}: {
  query: Record<string, string | string[]>;
  label?: string;
  size?: "sm" | "default";
}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) params.append(k, one);
  return (
    <Button asChild variant="outline" size={size}>
      <a href={`/inventory/labels?${params}`} target="_blank" rel="noreferrer">
        <Printer aria-hidden />
        {label}
      </a>
    </Button>
  );
}

/**
 * The network catalogue's device types as a select's options, after `none` (the empty choice).
 * They load when the select is first shown: in a dialog, when it opens.
 */
export function DeviceTypeOptions({ none }: { none: string }) {
  const trpc = useTRPC();
  const types = useQuery(trpc.devices.deviceTypes.queryOptions({ pageSize: 100 }));
  return (
    <>
      <option value="">{none}</option>
      {types.data?.rows.map((t) => (
        <option key={t.id} value={t.id}>
          {t.manufacturer.name} {t.model}
        </option>
      ))}
    </>
  );
}
