"use client";

import type * as React from "react";
import Link from "next/link";
import { Upload } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { SectionTabs } from "../section-tabs";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ImportKind } from "@/server/modules/ipam/import.schema";
import { PREFIX_STATUS_LABELS } from "@/server/modules/ipam/schema";

// Pieces every IPAM page shares: the header with the section's tabs, the utilization bar and the
// status badge.

const TABS = [
  { href: "/network/prefixes", label: "Prefixes" },
  { href: "/network/ip-addresses", label: "IP addresses" },
  { href: "/network/vlans", label: "VLANs" },
  { href: "/network/vrfs", label: "VRFs" },
  { href: "/network/sites", label: "Sites" },
] as const;

/** The top of every IPAM page: its title, what it holds, its buttons, then the section's tabs. */
export function IpamHeader({
  title = "IP address management",
  description,
  actions,
}: {
  title?: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} actions={actions} />
      <SectionTabs label="IP address management" tabs={TABS} />
    </>
  );
}

/** Opens the CSV import on the kind of rows this list holds. */
export function ImportButton({ kind }: { kind: ImportKind }) {
  return (
    <Button asChild variant="outline">
      <Link href={`/network/import?kind=${kind}`}>
        <Upload aria-hidden />
        Import
      </Link>
    </Button>
  );
}

/** How full a prefix is: a bar and the percentage, read out as "Utilization 42%". */
export function UtilizationBar({ value, className }: { value: number; className?: string }) {
  const percent = Math.round(value * 1000) / 10;
  const tone = value >= 0.9 ? "bg-destructive" : value >= 0.7 ? "bg-amber-500" : "bg-primary";
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <div
        role="meter"
        aria-label="Utilization"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-24 overflow-hidden rounded-full bg-muted"
      >
        <div className={cn("h-full", tone)} style={{ width: `${Math.min(100, percent)}%` }} />
      </div>
      <span className="text-xs tabular-nums text-muted-foreground" data-testid="utilization">
        {percent}%
      </span>
    </div>
  );
}

export function PrefixStatusBadge({ status }: { status: keyof typeof PREFIX_STATUS_LABELS }) {
  const variant = status === "ACTIVE" ? "success" : status === "DEPRECATED" ? "destructive" : "secondary";
  return <Badge variant={variant}>{PREFIX_STATUS_LABELS[status]}</Badge>;
}
