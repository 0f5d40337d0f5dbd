"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { PackagePlus, Plus, Ticket } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { QueryError } from "../errors";
import { formatDateTime } from "../format";
import { pageFrom, useUrlState } from "../use-url-state";
import { DownloadSheetButton } from "./download-button";
import { GenerateVouchersDialog } from "./generate-dialog";
import type { BatchRow } from "./types";

const PAGE_SIZE = 20;

export function BatchesView({ timeZone, canManage }: { timeZone: string; canManage: boolean }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const page = pageFrom(url.get("page"));
  const [generating, setGenerating] = React.useState(false);
  const query = useQuery(trpc.vouchers.listBatches.queryOptions({ page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData }));
  // Only needed to tell "no batches yet" from "no hotspot package to make them from".
  const packages = useQuery(trpc.vouchers.hotspotPackages.queryOptions(undefined, { enabled: canManage && query.data?.total === 0 }));
  const data = query.data;
  const first = data ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;

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

      <Card className="overflow-hidden">
        {query.isError && !data ? (
          <div className="p-4">
            <QueryError title="Could not load voucher batches" error={query.error} onRetry={() => query.refetch()} />
          </div>
        ) : !data ? (
          <BatchesSkeleton />
        ) : data.rows.length === 0 ? (
          <div className="p-4">
            <NoBatches canManage={canManage} packagesLoading={canManage && !packages.data && !packages.isError} hasPackages={!!packages.data?.length} onGenerate={() => setGenerating(true)} />
          </div>
        ) : (
          <div className={cn("transition-opacity", query.isFetching && query.isPlaceholderData && "opacity-60")}>
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead className="pl-4">Created</TableHead>
                  <TableHead>Package</TableHead>
                  <TableHead className="text-right">Vouchers</TableHead>
                  <TableHead className="text-right">Unused</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">Active</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">Expired</TableHead>
                  <TableHead className="w-12 pr-4">
                    <span className="sr-only">Download</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.rows.map((b) => (
                  <BatchTableRow key={b.id} batch={b} timeZone={timeZone} />
                ))}
              </TableBody>
            </Table>
          </div>
        )}

        {data && data.total > 0 ? (
          <div className="flex flex-col gap-3 border-t p-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              {data.total === 1 ? "1 batch" : `Showing ${first}–${last} of ${data.total} batches`}
              {query.isFetching ? <Spinner label="Updating" /> : null}
            </p>
            {data.pageCount > 1 ? (
              <Pagination page={data.page} pageCount={data.pageCount} onPageChange={(p) => url.set({ page: p === 1 ? undefined : p })} disabled={query.isFetching} />
            ) : null}
          </div>
        ) : null}
      </Card>

      {canManage ? <GenerateVouchersDialog open={generating} onOpenChange={setGenerating} /> : null}
    </>
  );
}

function BatchTableRow({ batch: b, timeZone }: { batch: BatchRow; timeZone: string }) {
  const href = `/vouchers/${b.id}`;
  return (
    <TableRow>
      <TableCell className="pl-4 whitespace-nowrap">
        <Link href={href} className="font-medium underline-offset-4 hover:underline">
          {formatDateTime(b.createdAt, timeZone)}
        </Link>
        <div className="max-w-56 truncate text-xs text-muted-foreground" title={b.note ?? undefined}>
          {[b.createdBy, b.note].filter(Boolean).join(" · ") || "—"}
        </div>
      </TableCell>
      <TableCell>
        <div className="font-medium">{b.packageName}</div>
        <div className="text-xs text-muted-foreground">
          {b.price} · {b.validity}
        </div>
      </TableCell>
      <TableCell className="text-right tabular-nums">{b.quantity}</TableCell>
      <TableCell className="text-right font-medium tabular-nums">{b.counts.UNUSED}</TableCell>
      <TableCell className="hidden text-right tabular-nums sm:table-cell">{b.counts.ACTIVE}</TableCell>
      <TableCell className="hidden text-right text-muted-foreground tabular-nums sm:table-cell">
        {b.counts.EXPIRED}
        {b.counts.DISABLED ? <span className="block text-xs">{b.counts.DISABLED} disabled</span> : null}
      </TableCell>
      <TableCell className="pr-4 text-right">
        <DownloadSheetButton batchId={b.id} iconOnly variant="ghost" label={`Download the ${b.packageName} vouchers of ${formatDateTime(b.createdAt, timeZone)} as PDF`} />
      </TableCell>
    </TableRow>
  );
}

function NoBatches(props: { canManage: boolean; packagesLoading: boolean; hasPackages: boolean; onGenerate: () => void }) {
  if (props.canManage && props.packagesLoading) return <BatchesSkeleton />;
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

function BatchesSkeleton() {
  return (
    <div className="space-y-3 p-4" aria-busy="true" aria-label="Loading voucher batches">
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="flex items-center gap-4">
          <Skeleton className="h-4 w-36" />
          <Skeleton className="h-4 w-44" />
          <Skeleton className="ml-auto h-4 w-10" />
          <Skeleton className="h-4 w-10" />
        </div>
      ))}
    </div>
  );
}
