"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { PackagePlus, Plus, Ticket } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { DataList, ListSkeleton, useListUrl, type Columns, type ListSkeletonProps } from "../data-list";
import { formatDateTime } from "../format";
import { DownloadSheetButton } from "./download-button";
import { GenerateVouchersDialog } from "./generate-dialog";
import type { BatchRow } from "./types";

const PAGE_SIZE = 20;
const SKELETON: ListSkeletonProps = {
  label: "Loading voucher batches",
  bars: ["h-4 w-36", "h-4 w-44", "ml-auto h-4 w-10", "h-4 w-10"],
};

export function BatchesView({ timeZone, canManage }: { timeZone: string; canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl([]);
  const [generating, setGenerating] = React.useState(false);
  const query = useQuery(
    trpc.vouchers.listBatches.queryOptions(
      { page: list.page, pageSize: PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );
  // Only needed to tell "no batches yet" from "no hotspot package to make them from".
  const packages = useQuery(
    trpc.vouchers.hotspotPackages.queryOptions(undefined, { enabled: canManage && query.data?.total === 0 }),
  );
  const columns: Columns<BatchRow> = [
    {
      label: "Created",
      cellClassName: "whitespace-nowrap",
      cell: (b) => (
        <>
          <Link href={`/vouchers/${b.id}`} className="font-medium underline-offset-4 hover:underline">
            {formatDateTime(b.createdAt, timeZone)}
          </Link>
          <div className="max-w-56 truncate text-xs text-muted-foreground" title={b.note ?? undefined}>
            {[b.createdBy, b.note].filter(Boolean).join(" · ") || "—"}
          </div>
        </>
      ),
    },
    {
      label: "Package",
      cell: (b) => (
        <>
          <div className="font-medium">{b.packageName}</div>
          <div className="text-xs text-muted-foreground">
            {b.price} · {b.validity}
          </div>
        </>
      ),
    },
    { label: "Vouchers", className: "text-right", cellClassName: "tabular-nums", cell: (b) => b.quantity },
    {
      label: "Unused",
      className: "text-right",
      cellClassName: "font-medium tabular-nums",
      cell: (b) => b.counts.UNUSED,
    },
    {
      label: "Active",
      className: "hidden text-right sm:table-cell",
      cellClassName: "tabular-nums",
      cell: (b) => b.counts.ACTIVE,
    },
    {
      label: "Expired",
      className: "hidden text-right sm:table-cell",
      cellClassName: "text-muted-foreground tabular-nums",
      cell: (b) => (
        <>
          {b.counts.EXPIRED}
          {b.counts.DISABLED ? <span className="block text-xs">{b.counts.DISABLED} disabled</span> : null}
        </>
      ),
    },
    {
      label: "Download",
      hideLabel: true,
      className: "w-12",
      cellClassName: "text-right",
      cell: (b) => (
        <DownloadSheetButton
          batchId={b.id}
          iconOnly
          variant="ghost"
          label={`Download the ${b.packageName} vouchers of ${formatDateTime(b.createdAt, timeZone)} as PDF`}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Vouchers"
        description={`Prepaid hotspot vouchers, printed in batches and sold over the counter. Times are shown in ${timeZone.replace(/_/g, " ")} time.`}
        actions={
          canManage ? (
            <Button onClick={() => setGenerating(true)}>
              <Plus aria-hidden />
              Generate vouchers
            </Button>
          ) : null
        }
      />

      <DataList
        query={query}
        data={query.data}
        noun={["batch", "batches"]}
        errorTitle="Could not load voucher batches"
        skeleton={SKELETON}
        columns={columns}
        rowKey={(b) => b.id}
        empty={
          <NoBatches
            canManage={canManage}
            packagesLoading={canManage && !packages.data && !packages.isError}
            hasPackages={!!packages.data?.length}
            onGenerate={() => setGenerating(true)}
          />
        }
        onPageChange={list.setPage}
      />

      {canManage ? <GenerateVouchersDialog open={generating} onOpenChange={setGenerating} /> : null}
    </>
  );
}

function NoBatches(props: {
  canManage: boolean;
  packagesLoading: boolean;
  hasPackages: boolean;
  onGenerate: () => void;
}) {
  if (props.canManage && props.packagesLoading) return <ListSkeleton {...SKELETON} />;
  if (props.canManage && !props.hasPackages) {
    return (
      <EmptyState
        icon={<PackagePlus />}
        title="Create a hotspot package first"
        description="Every voucher sells a hotspot package: its price, speed and how long or how much data it lasts. Add a time- or data-based hotspot package, then come back to print vouchers for it."
        action={
          <Button asChild>
            <Link href="/packages">Go to Packages</Link>
          </Button>
        }
      />
    );
  }
  return (
    <EmptyState
      icon={<Ticket />}
      title="No vouchers yet"
      description={
        props.canManage
          ? "Generate a batch for one of your hotspot packages, download the PDF and print it: 24 cut-out cards per A4 page, each with its own code."
          : "When a manager generates a batch of vouchers, it appears here with a printable PDF."
      }
      action={
        props.canManage ? (
          <Button onClick={props.onGenerate}>
            <Plus aria-hidden />
            Generate vouchers
          </Button>
        ) : null
      }
    />
  );
}
