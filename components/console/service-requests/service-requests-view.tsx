"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, ClipboardList, X } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import {
  SERVICE_REQUEST_KIND_LABELS,
  SERVICE_REQUEST_KINDS,
  SERVICE_REQUEST_STATUSES,
} from "@/server/modules/service-requests/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { ApplyActions, ApplyStatus } from "./apply-status";
import { DataList, FilterSelect, ListToolbar, optionsFrom, useListUrl, type Columns } from "../data-list";
import { errorMessage } from "../errors";
import { formatDate, formatDateTime } from "../format";
import { formatMoney } from "../packages/format";
import { PasswordDialog } from "../subscriptions/password-dialog";
import { ReasonDialog } from "../subscriptions/reason-dialog";
import { CustomerCell } from "../subscriptions/subscriptions-view";
import type { RouterOutputs } from "../types";
import { useDialogForm } from "../use-dialog-form";

type Row = RouterOutputs["serviceRequests"]["list"]["rows"][number];
type Status = (typeof SERVICE_REQUEST_STATUSES)[number];
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

export function ServiceRequestsView({
  currency,
  timeZone,
  canDecide,
}: {
  currency: string;
  timeZone: string;
  canDecide: boolean;
}) {
  const trpc = useTRPC();
  const list = useListUrl(["status", "kind"]);
  const toast = useToast();
  const queryClient = useQueryClient();
  const status = list.oneOf("status", SERVICE_REQUEST_STATUSES);
  const kind = list.oneOf("kind", SERVICE_REQUEST_KINDS);
  const query = useQuery(
    trpc.serviceRequests.list.queryOptions(
      { page: list.page, pageSize: PAGE_SIZE, status, kind },
      { placeholderData: keepPreviousData },
    ),
  );

  const [approving, setApproving] = React.useState<Row | null>(null);
  const [rejecting, setRejecting] = React.useState<Row | null>(null);
  const [cancelling, setCancelling] = React.useState<Row | null>(null);
  // The approval's optional note, blank each time the dialog opens.
  const approveForm = useDialogForm(approving, () => ({ note: "" }), {});
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
          description: r.applied ? "The change is applied." : "The change takes effect on its effective date.",
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
  const columns: Columns<Row> = [
    { label: "Customer", cell: (r) => <CustomerCell customer={r.customer} /> },
    {
      label: "Request",
      cell: (r) => (
        <>
          <div className="font-medium">{SERVICE_REQUEST_KIND_LABELS[r.kind]}</div>
          <div className="text-sm text-muted-foreground">{whatChanges(r, currency)}</div>
          {r.note ? <div className="text-xs text-muted-foreground italic">“{r.note}”</div> : null}
          {r.decisionNote ? <div className="text-xs text-muted-foreground">Decision: {r.decisionNote}</div> : null}
        </>
      ),
    },
    {
      label: "Effective",
      className: "hidden md:table-cell",
      cellClassName: "whitespace-nowrap",
      cell: (r) => formatDate(r.effectiveDate, "UTC"),
    },
    {
      label: "Status",
      cell: (r) => (
        <>
          <Badge variant={STATUS_BADGE[r.status].variant}>{STATUS_BADGE[r.status].label}</Badge>
          <ApplyStatus row={r} timeZone={timeZone} />
        </>
      ),
    },
    {
      label: "Asked",
      className: "hidden lg:table-cell",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (r) => formatDateTime(r.createdAt, timeZone),
    },
    canDecide && {
      label: "Decision",
      className: "text-right",
      cellClassName: "whitespace-nowrap",
      cell: (r) =>
        r.status === "PENDING" ? (
          <div className="flex justify-end gap-2">
            <Button
              size="sm"
              onClick={() => {
                setError(null);
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
        ) : (
          <ApplyActions
            row={r}
            onCancel={(row) => {
              setError(null);
              setCancelling(row);
            }}
          />
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Service requests"
        description="Upgrades, downgrades, relocations, terminations and new service asked for by customers. Waiting requests come first."
      />
      <DataList
        query={query}
        data={query.data}
        noun={["request", "requests"]}
        errorTitle="Could not load service requests"
        skeleton={{ label: "Loading service requests", rows: 4 }}
        toolbar={
          <ListToolbar>
            <FilterSelect
              id="sr-status"
              label="Status"
              allLabel="All (waiting first)"
              value={status}
              onChange={(v) => list.setFilter({ status: v })}
              options={SERVICE_REQUEST_STATUSES.map((s) => ({ value: s, label: STATUS_BADGE[s].label }))}
              className="sm:w-52"
            />
            <FilterSelect
              id="sr-kind"
              label="Kind"
              allLabel="All kinds"
              value={kind}
              onChange={(v) => list.setFilter({ kind: v })}
              options={optionsFrom(SERVICE_REQUEST_KINDS, SERVICE_REQUEST_KIND_LABELS)}
              className="sm:w-52"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(r) => r.id}
        empty={{
          icon: <ClipboardList />,
          title: "No service requests",
          description: "When customers ask for an upgrade, a move or to end their service, their requests appear here.",
        }}
        noMatch={
          list.filtered && {
            title: "No requests match your filters",
            description: "Try another status or kind.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />

      <ConfirmDialog
        open={!!approving}
        onOpenChange={(o) => (!o ? setApproving(null) : undefined)}
        title={approving ? `Approve ${SERVICE_REQUEST_KIND_LABELS[approving.kind].toLowerCase()}?` : "Approve?"}
        description={
          approving
            ? `${whatChanges(approving, currency)}, effective ${formatDate(approving.effectiveDate, "UTC")}. Changes due today are applied at once; later ones take effect on their date.`
            : undefined
        }
        confirmLabel="Approve"
        pendingLabel="Approving…"
        pending={approve.isPending}
        error={error}
        onConfirm={() =>
          approving && approve.mutate({ id: approving.id, note: approveForm.getValues("note").trim() || undefined })
        }
      >
        <FormField label="Note (optional)">
          <Textarea rows={2} {...approveForm.register("note")} />
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
