"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, ClipboardList, X } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Pagination } from "@/components/ui/pagination";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/components/ui/cn";
import { SERVICE_REQUEST_KIND_LABELS, SERVICE_REQUEST_KINDS, SERVICE_REQUEST_STATUSES } from "@/server/modules/service-requests/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { errorMessage, QueryError } from "../errors";
import { formatDate, formatDateTime } from "../format";
import { formatMoney } from "../packages/format";
import { PasswordDialog } from "../subscriptions/password-dialog";
import { ReasonDialog } from "../subscriptions/reason-dialog";
import { customerName } from "../subscriptions/subscriptions-view";
import type { RouterOutputs } from "../types";
import { pageFrom, useUrlState } from "../use-url-state";

type Row = RouterOutputs["serviceRequests"]["list"]["rows"][number];
type Status = (typeof SERVICE_REQUEST_STATUSES)[number];
type Kind = (typeof SERVICE_REQUEST_KINDS)[number];
const PAGE_SIZE = 25;
const STATUS_BADGE: Record<Status, { label: string; variant: "secondary" | "success" | "destructive" | "outline" }> = {
  PENDING: { label: "Waiting", variant: "secondary" },
  APPROVED: { label: "Approved", variant: "success" },
  REJECTED: { label: "Rejected", variant: "destructive" },
  CANCELLED: { label: "Cancelled", variant: "outline" },
};

function whatChanges(r: Row, currency: string): string {
  switch (r.kind) {
    case "UPGRADE":
    case "DOWNGRADE":
      return `${r.subscription?.package.name ?? "?"} → ${r.package?.name ?? "?"} (${formatMoney(r.subscription?.package.priceMinor, currency)} → ${formatMoney(r.package?.priceMinor, currency)})`;
    case "RELOCATION":
      return `Move to ${r.newAddress}`;
    case "TERMINATION":
      return `End ${r.subscription?.package.name ?? "the subscription"}${r.subscription?.pppoeUsername ? ` (${r.subscription.pppoeUsername})` : ""}`;
    case "NEW_SERVICE":
      return `New ${r.package?.name ?? "package"}${r.newAddress ? ` at ${r.newAddress}` : ""}`;
  }
}

export function ServiceRequestsView({ currency, timeZone, canDecide }: { currency: string; timeZone: string; canDecide: boolean }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const toast = useToast();
  const queryClient = useQueryClient();
  const page = pageFrom(url.get("page"));
  const statusParam = url.get("status");
  const status = SERVICE_REQUEST_STATUSES.includes(statusParam as Status) ? (statusParam as Status) : undefined;
  const kindParam = url.get("kind");
  const kind = SERVICE_REQUEST_KINDS.includes(kindParam as Kind) ? (kindParam as Kind) : undefined;
  const query = useQuery(trpc.serviceRequests.list.queryOptions({ page, pageSize: PAGE_SIZE, status, kind }, { placeholderData: keepPreviousData }));
  const data = query.data;
  const filtered = !!status || !!kind;

  const [approving, setApproving] = React.useState<Row | null>(null);
  const [rejecting, setRejecting] = React.useState<Row | null>(null);
  const [cancelling, setCancelling] = React.useState<Row | null>(null);
  const [note, setNote] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const [login, setLogin] = React.useState<{ username: string; password: string } | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries(trpc.serviceRequests.list.pathFilter());
    await queryClient.invalidateQueries({ queryKey: trpc.subscriptions.pathKey() });
  };
  const approve = useMutation(
    trpc.serviceRequests.approve.mutationOptions({
      onSuccess: async (r) => {
        toast({
          variant: "success",
          title: "Request approved",
          description: r.applied ? "The change is applied." : "The change is recorded for its effective date.",
        });
        setApproving(null);
        if (r.pppoeUsername && r.pppoePassword) setLogin({ username: r.pppoeUsername, password: r.pppoePassword });
        await refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const reject = useMutation(
    trpc.serviceRequests.reject.mutationOptions({
      onSuccess: async () => {
        toast({ variant: "success", title: "Request rejected" });
        setRejecting(null);
        await refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const cancel = useMutation(
    trpc.serviceRequests.cancel.mutationOptions({
      onSuccess: async () => {
        toast({ variant: "success", title: "Request cancelled" });
        setCancelling(null);
        await refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const first = data ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;

  return (
    <>
      <PageHeader title="Service requests" description="Upgrades, downgrades, relocations, terminations and new service asked for by customers. Waiting requests come first." />
      <Card className="overflow-hidden">
        <div className="flex flex-col gap-3 border-b p-4 sm:flex-row sm:items-end">
          <div className="grid gap-2 sm:w-52">
            <Label htmlFor="sr-status">Status</Label>
            <NativeSelect id="sr-status" value={status ?? ""} onChange={(e) => url.set({ status: e.target.value || undefined, page: undefined })}>
              <option value="">All (waiting first)</option>
              {SERVICE_REQUEST_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_BADGE[s].label}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-2 sm:w-52">
            <Label htmlFor="sr-kind">Kind</Label>
            <NativeSelect id="sr-kind" value={kind ?? ""} onChange={(e) => url.set({ kind: e.target.value || undefined, page: undefined })}>
              <option value="">All kinds</option>
              {SERVICE_REQUEST_KINDS.map((k) => (
                <option key={k} value={k}>
                  {SERVICE_REQUEST_KIND_LABELS[k]}
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>
        {query.isError && !data ? (
          <div className="p-4">
            <QueryError title="Could not load service requests" error={query.error} onRetry={() => query.refetch()} />
          </div>
        ) : !data ? (
          <div className="space-y-3 p-4" aria-busy="true" aria-label="Loading service requests">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-5 w-full" />
            ))}
          </div>
        ) : data.rows.length === 0 ? (
          <div className="p-4">
            <EmptyState
              icon={<ClipboardList />}
              title={filtered ? "No requests match your filters" : "No service requests"}
              description={filtered ? "Try another status or kind." : "When customers ask for an upgrade, a move or to end their service, their requests appear here."}
              action={
                filtered ? (
                  <Button variant="outline" onClick={() => url.set({ status: undefined, kind: undefined, page: undefined })}>
                    Clear filters
                  </Button>
                ) : null
              }
            />
          </div>
        ) : (
          <div className={cn("transition-opacity", query.isFetching && query.isPlaceholderData && "opacity-60")}>
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead className="pl-4">Customer</TableHead>
                  <TableHead>Request</TableHead>
                  <TableHead className="hidden md:table-cell">Effective</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="hidden lg:table-cell">Asked</TableHead>
                  {canDecide ? <TableHead className="pr-4 text-right">Decision</TableHead> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.rows.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell className="pl-4">
                      <Link className="font-medium hover:underline" href={`/customers/${r.customer.id}`}>
                        {customerName(r.customer)}
                      </Link>
                      <div className="text-xs text-muted-foreground">Account {r.customer.accountNumber}</div>
                    </TableCell>
                    <TableCell>
                      <div className="font-medium">{SERVICE_REQUEST_KIND_LABELS[r.kind]}</div>
                      <div className="text-sm text-muted-foreground">{whatChanges(r, currency)}</div>
                      {r.note ? <div className="text-xs text-muted-foreground italic">“{r.note}”</div> : null}
                      {r.decisionNote ? <div className="text-xs text-muted-foreground">Decision: {r.decisionNote}</div> : null}
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap md:table-cell">{formatDate(r.effectiveDate, "UTC")}</TableCell>
                    <TableCell>
                      <Badge variant={STATUS_BADGE[r.status].variant}>{STATUS_BADGE[r.status].label}</Badge>
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">{formatDateTime(r.createdAt, timeZone)}</TableCell>
                    {canDecide ? (
                      <TableCell className="pr-4 text-right whitespace-nowrap">
                        {r.status === "PENDING" ? (
                          <div className="flex justify-end gap-2">
                            <Button
                              size="sm"
                              onClick={() => {
                                setError(null);
                                setNote("");
                                setApproving(r);
                              }}
                            >
                              <Check aria-hidden />
                              Approve
                            </Button>
                            <Button
                              size="sm"
                              variant="outline"
                              onClick={() => {
                                setError(null);
                                setRejecting(r);
                              }}
                            >
                              <X aria-hidden />
                              Reject
                            </Button>
                            <Button
                              size="sm"
                              variant="ghost"
                              onClick={() => {
                                setError(null);
                                setCancelling(r);
                              }}
                            >
                              Cancel
                            </Button>
                          </div>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {data && data.total > 0 ? (
          <div className="flex flex-col gap-3 border-t p-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              {data.total === 1 ? "1 request" : `Showing ${first}–${last} of ${data.total} requests`}
              {query.isFetching ? <Spinner label="Updating" /> : null}
            </p>
            {data.pageCount > 1 ? <Pagination page={data.page} pageCount={data.pageCount} onPageChange={(p) => url.set({ page: p === 1 ? undefined : p })} disabled={query.isFetching} /> : null}
          </div>
        ) : null}
      </Card>

      <ConfirmDialog
        open={!!approving}
        onOpenChange={(o) => (!o ? setApproving(null) : undefined)}
        title={approving ? `Approve ${SERVICE_REQUEST_KIND_LABELS[approving.kind].toLowerCase()}?` : "Approve?"}
        description={approving ? `${whatChanges(approving, currency)}, effective ${formatDate(approving.effectiveDate, "UTC")}. Changes due today are applied at once; later ones are recorded for their date.` : undefined}
        confirmLabel="Approve"
        pendingLabel="Approving…"
        pending={approve.isPending}
        error={error}
        onConfirm={() => approving && approve.mutate({ id: approving.id, note: note.trim() || undefined })}
      >
        <FormField label="Note (optional)">
          <Textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </FormField>
      </ConfirmDialog>
      <ReasonDialog
        open={!!rejecting}
        onOpenChange={(o) => (!o ? setRejecting(null) : undefined)}
        title="Reject this request?"
        description="Nothing changes on the subscription. The customer sees your reason."
        label="Reason for the customer"
        confirmLabel="Reject request"
        destructive
        pending={reject.isPending}
        error={error}
        onConfirm={(reason) => rejecting && reject.mutate({ id: rejecting.id, note: reason })}
      />
      <ConfirmDialog
        open={!!cancelling}
        onOpenChange={(o) => (!o ? setCancelling(null) : undefined)}
        title="Cancel this request?"
        description="Use this when the customer withdrew it. Nothing changes on the subscription."
        confirmLabel="Cancel request"
        pendingLabel="Cancelling…"
        pending={cancel.isPending}
        error={error}
        onConfirm={() => cancelling && cancel.mutate({ id: cancelling.id })}
      />
      <PasswordDialog login={login} onClose={() => setLogin(null)} />
    </>
  );
}
