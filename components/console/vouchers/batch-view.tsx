"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Ban, SearchX, Ticket } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/components/ui/cn";
import { VOUCHER_STATUSES, type VoucherStatusValue } from "@/server/modules/vouchers/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { DataList, useListUrl, type Columns, type ListQueryState, type ListUrl } from "../data-list";
import { DetailPage } from "../detail-page";
import { errorMessage } from "../errors";
import { formatDateTime } from "../format";
import { STATUS_LABELS, VoucherStatusBadge } from "./status-badge";
import { batchInput } from "./batch-query";
import { DownloadSheetButton } from "./download-button";
import type { BatchDetail, VoucherRow } from "./types";

function usedText(v: VoucherRow, dataCapMb: number | null): string {
  if (!v.firstUsedAt) return "—";
  const h = Math.floor(v.usedSeconds / 3600);
  const m = Math.floor((v.usedSeconds % 3600) / 60);
  const time = h ? `${h} h ${m} min` : `${m} min`;
  const data = v.usedMb >= 1024 ? `${(v.usedMb / 1024).toFixed(1)} GB` : `${v.usedMb} MB`;
  return dataCapMb
    ? `${data} of ${dataCapMb >= 1024 ? `${+(dataCapMb / 1024).toFixed(1)} GB` : `${dataCapMb} MB`} · ${time}`
    : `${time} · ${data}`;
}

type BatchViewProps = { id: string; timeZone: string; canManage: boolean };

export function BatchView({ id, timeZone, canManage }: BatchViewProps) {
  const trpc = useTRPC();
  const list = useListUrl(["status"]);
  const input = batchInput(id, list);
  const query = useQuery(trpc.vouchers.getBatch.queryOptions(input, { placeholderData: keepPreviousData }));
  return (
    <DetailPage
      query={query}
      what="batch"
      back={{ href: "/vouchers", label: "Vouchers" }}
      backClassName="mb-3"
      notFound={
        <EmptyState
          icon={<SearchX />}
          title="This voucher batch does not exist"
          description="It may have been opened from an old or mistyped link."
          action={
            <Button asChild variant="outline">
              <Link href="/vouchers">All voucher batches</Link>
            </Button>
          }
        />
      }
      skeleton={<BatchSkeleton />}
    >
      {(data) => (
        <Batch data={data} query={query} list={list} status={input.status} timeZone={timeZone} canManage={canManage} />
      )}
    </DetailPage>
  );
}

function Batch({
  data,
  query,
  list,
  status,
  timeZone,
  canManage,
}: Omit<BatchViewProps, "id"> & {
  data: BatchDetail;
  query: ListQueryState;
  list: ListUrl;
  status: VoucherStatusValue | undefined;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [target, setTarget] = React.useState<VoucherRow | null>(null);
  const [disableError, setDisableError] = React.useState<string | null>(null);
  const disable = useMutation(
    trpc.vouchers.disableVoucher.mutationOptions({
      onSuccess: async (v) => {
        toast({
          variant: "success",
          title: `Voucher ${v.code} is disabled`,
          description: "It can no longer be used to go online.",
        });
        setTarget(null);
        await Promise.all([
          queryClient.invalidateQueries(trpc.vouchers.getBatch.pathFilter()),
          queryClient.invalidateQueries(trpc.vouchers.listBatches.pathFilter()),
        ]);
      },
      onError: (err) => setDisableError(errorMessage(err)),
    }),
  );

  const { batch, vouchers } = data;
  const columns: Columns<VoucherRow> = [
    { label: "Code", cellClassName: "font-mono font-medium tracking-wide whitespace-nowrap", cell: (v) => v.code },
    {
      label: "PIN",
      className: "hidden sm:table-cell",
      cellClassName: "font-mono text-muted-foreground",
      cell: (v) => v.pin ?? "—",
    },
    { label: "Status", cell: (v) => <VoucherStatusBadge status={v.status} /> },
    {
      label: "First login",
      className: "hidden md:table-cell",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (v) => formatDateTime(v.firstUsedAt, timeZone, "Not yet"),
    },
    {
      label: "Expires",
      className: "hidden lg:table-cell",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (v) => formatDateTime(v.expiresAt, timeZone),
    },
    {
      label: "Used",
      className: "hidden lg:table-cell",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (v) => usedText(v, data.dataCapMb),
    },
    canManage && {
      label: "Actions",
      hideLabel: true,
      className: "w-12",
      cellClassName: "text-right",
      cell: (v) =>
        v.status === "UNUSED" || v.status === "ACTIVE" ? (
          <Button
            variant="ghost"
            size="sm"
            className="text-destructive hover:text-destructive"
            onClick={() => {
              setDisableError(null);
              setTarget(v);
            }}
          >
            <Ban aria-hidden />
            Disable
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={`${batch.packageName} · ${batch.quantity} ${batch.quantity === 1 ? "voucher" : "vouchers"}`}
        description={
          <>
            {batch.price} each · {batch.validity}. Created {formatDateTime(batch.createdAt, timeZone)}
            {batch.createdBy ? ` by ${batch.createdBy}` : ""}.{batch.note ? ` Note: ${batch.note}` : ""}
          </>
        }
        actions={<DownloadSheetButton batchId={batch.id} />}
      />

      <StatusFilter batch={batch} status={status} onChange={(s) => list.setFilter({ status: s })} />

      <DataList
        query={query}
        data={vouchers}
        noun={["voucher", "vouchers"]}
        columns={columns}
        rowKey={(v) => v.id}
        empty={{
          icon: <Ticket />,
          title: status
            ? `No ${STATUS_LABELS[status].toLowerCase()} vouchers in this batch`
            : "This batch has no vouchers",
          action: status ? (
            <Button variant="outline" onClick={list.clearFilters}>
              Show all vouchers
            </Button>
          ) : null,
        }}
        onPageChange={list.setPage}
      />
      <p className="mt-3 text-xs text-muted-foreground">
        The PDF contains this batch’s unused vouchers only, so a reprint never hands out a card that was already sold or
        disabled.
      </p>

      <ConfirmDialog
        open={!!target}
        onOpenChange={(open) => (!open ? setTarget(null) : undefined)}
        title={target ? `Disable voucher ${target.code}?` : "Disable voucher?"}
        description={
          target?.status === "ACTIVE"
            ? "It is in use. It will be refused at its next login; the hotspot may keep the current session until it ends. This cannot be undone."
            : "Use this for a lost, stolen or refunded card. It will be refused at the hotspot. This cannot be undone."
        }
        confirmLabel="Disable voucher"
        pendingLabel="Disabling…"
        destructive
        pending={disable.isPending}
        error={disableError}
        onConfirm={() => target && disable.mutate({ id: target.id })}
      />
    </>
  );
}

function StatusFilter({
  batch,
  status,
  onChange,
}: {
  batch: BatchDetail["batch"];
  status: VoucherStatusValue | undefined;
  onChange: (s: VoucherStatusValue | undefined) => void;
}) {
  const options: { value: VoucherStatusValue | undefined; label: string; count: number }[] = [
    { value: undefined, label: "All", count: batch.quantity },
    ...VOUCHER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s], count: batch.counts[s] })),
  ];
  return (
    <div role="group" aria-label="Show vouchers by status" className="mb-4 flex flex-wrap gap-2">
      {options.map((o) => {
        const active = o.value === status;
        return (
          <Button
            key={o.label}
            variant={active ? "default" : "outline"}
            size="sm"
            aria-pressed={active}
            onClick={() => onChange(o.value)}
          >
            {o.label}
            <span
              className={cn(
                "rounded px-1.5 text-xs tabular-nums",
                active ? "bg-primary-foreground/20" : "bg-muted text-muted-foreground",
              )}
            >
              {o.count}
            </span>
          </Button>
        );
      })}
    </div>
  );
}

function BatchSkeleton() {
  return (
    <>
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-4 w-96" />
      <div className="flex gap-2">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-8 w-20" />
        ))}
      </div>
      <Skeleton className="h-64 w-full" />
    </>
  );
}
