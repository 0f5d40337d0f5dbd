"use client";

import Link from "next/link";
import * as React from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { FileText, Landmark } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/lib/money";
import { DataList, FilterSelect, ListToolbar, optionsFrom, useListUrl, type Columns } from "../data-list";
import { formatDate, formatDateTime } from "../format";
import { BillingTabs } from "./billing-tabs";
import { RejectProofDialog, VerifyProofDialog, type ProofRow } from "./proof-decision-dialogs";
import { PROOF_FILTER_LABELS, PROOF_FILTERS, proofFilterOf, transferProofsListInput } from "./transfer-proofs-query";

const STATUS_BADGE = {
  SUBMITTED: { variant: "warning", label: "Waiting for review" },
  VERIFIED: { variant: "success", label: "Verified" },
  REJECTED: { variant: "destructive", label: "Rejected" },
} as const;

/** Customers' receipts of bank transfers, to check against the bank statement and verify or reject. */
export function TransferProofsView({
  canManage,
  timeZone,
  currency,
}: {
  canManage: boolean;
  timeZone: string;
  currency: string;
}) {
  const trpc = useTRPC();
  const list = useListUrl(["status"]);
  const filter = proofFilterOf(list);
  const input = transferProofsListInput(list);
  const query = useQuery(trpc.bankTransfers.proofs.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const [verifying, setVerifying] = React.useState<ProofRow | null>(null);
  const [rejecting, setRejecting] = React.useState<ProofRow | null>(null);

  const columns: Columns<ProofRow, never> = [
    {
      label: "Customer",
      cell: (p) => (
        <Link className="font-medium hover:underline" href={`/customers/${p.customer.id}`}>
          {p.customer.name} <span className="font-normal text-muted-foreground">{p.customer.accountNumber}</span>
        </Link>
      ),
    },
    {
      label: "Transfer",
      cell: (p) => (
        <div className="grid gap-0.5">
          <span>
            Ref. <span className="font-mono">{p.reference}</span> · paid {formatDate(p.paidOn, "UTC")}
          </span>
          {p.note ? <span className="text-xs text-muted-foreground">“{p.note}”</span> : null}
          {p.files.map((f) => (
            <a
              key={f.id}
              href={f.url}
              target="_blank"
              rel="noreferrer"
              className="inline-flex items-center gap-1 text-xs text-primary hover:underline"
            >
              <FileText aria-hidden className="size-3" />
              {f.fileName}
            </a>
          ))}
        </div>
      ),
    },
    {
      label: "Sent",
      className: "hidden md:table-cell",
      cell: (p) => formatDateTime(p.createdAt, timeZone),
    },
    {
      label: "Status",
      cell: (p) => (
        <div className="grid gap-0.5">
          <Badge variant={STATUS_BADGE[p.status].variant}>{STATUS_BADGE[p.status].label}</Badge>
          {p.status === "REJECTED" && p.rejectReason ? (
            <span className="text-xs text-muted-foreground">{p.rejectReason}</span>
          ) : null}
          {p.status === "VERIFIED" && p.paymentId ? (
            <Link className="text-xs hover:underline" href={`/billing/payments/${p.paymentId}`}>
              The payment
            </Link>
          ) : null}
        </div>
      ),
    },
    {
      label: "Amount",
      className: "text-right",
      cell: (p) => formatMoney(p.amountMinor, currency),
    },
    canManage && {
      label: "Decide",
      hideLabel: true,
      className: "text-right",
      cell: (p) =>
        p.status === "SUBMITTED" ? (
          <div className="flex justify-end gap-2">
            <Button size="sm" onClick={() => setVerifying(p)}>
              Verify
            </Button>
            <Button size="sm" variant="outline" onClick={() => setRejecting(p)}>
              Reject
            </Button>
          </div>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="Billing"
        description="Receipts customers sent from the portal after paying by bank transfer. Find each transfer on the bank statement, then verify it (it is posted as their payment) or reject it with a reason they will see."
      />
      <BillingTabs current="/billing/transfer-proofs" />
      <DataList
        query={query}
        data={query.data}
        noun={["proof of transfer", "proofs of transfer"]}
        toolbar={
          <ListToolbar>
            <FilterSelect
              id="transfer-proofs-status"
              label="Status"
              value={filter}
              onChange={(v) => list.setFilter({ status: v === "SUBMITTED" ? undefined : v })}
              options={optionsFrom(PROOF_FILTERS, PROOF_FILTER_LABELS)}
              className="sm:w-52"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(p) => p.id}
        empty={{
          icon: <Landmark />,
          title: "No proofs of transfer waiting",
          description:
            "Customers who pay by bank transfer send the bank's receipt from their portal's billing page, with the amount, the bank's reference and a photo or PDF of the receipt. Each one appears here to verify against the bank statement.",
        }}
        noMatch={
          list.filtered && {
            title: `No proofs ${filter === "ALL" ? "yet" : `“${PROOF_FILTER_LABELS[filter].toLowerCase()}”`}`,
            description: "Proofs waiting for review are shown by default.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {canManage ? (
        <>
          <VerifyProofDialog proof={verifying} currency={currency} onClose={() => setVerifying(null)} />
          <RejectProofDialog proof={rejecting} currency={currency} onClose={() => setRejecting(null)} />
        </>
      ) : null}
    </>
  );
}
