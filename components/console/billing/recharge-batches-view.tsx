"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Plus, TicketCheck } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/lib/money";
import { DataList, type Columns } from "../data-list";
import type { RouterOutputs } from "../types";
import { formatDate, formatDay } from "../format";
import { BillingTabs } from "./billing-tabs";
import { GenerateRechargeDialog } from "./generate-recharge-dialog";
import { WithdrawRechargeDialog } from "./withdraw-recharge-dialog";

export const RECHARGE_BATCHES_INPUT = { page: 1, pageSize: 25 };

type Batch = RouterOutputs["wallet"]["recharge"]["batches"]["rows"][number];

/** Batches of recharge vouchers (scratch cards that top up a wallet), newest first. */
export function RechargeBatchesView({
  currency,
  timeZone,
  canManage,
}: {
  currency: string;
  timeZone: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const [page, setPage] = React.useState(RECHARGE_BATCHES_INPUT.page);
  const batches = useQuery(
    trpc.wallet.recharge.batches.queryOptions(
      { ...RECHARGE_BATCHES_INPUT, page },
      { placeholderData: keepPreviousData },
    ),
  );
  const [generating, setGenerating] = React.useState(false);
  const [withdrawing, setWithdrawing] = React.useState<Batch | null>(null);
  const newButton = canManage ? (
    <Button onClick={() => setGenerating(true)}>
      <Plus aria-hidden />
      Generate cards
    </Button>
  ) : null;
  const columns: Columns<Batch> = [
    { label: "Batch", cellClassName: "font-medium", cell: (b) => `R${b.number}` },
    { label: "Value", cell: (b) => formatMoney(b.valueMinor, currency) },
    {
      label: "Redeemed",
      cell: (b) =>
        b.withdrawn ? `${b.redeemed} of ${b.quantity}, ${b.withdrawn} withdrawn` : `${b.redeemed} of ${b.quantity}`,
    },
    { label: "Last day accepted", cell: (b) => formatDay(b.expiresOn, "Does not expire") },
    { label: "Made", cell: (b) => formatDate(b.createdAt, timeZone) },
    { label: "Note", cellClassName: "text-muted-foreground", cell: (b) => b.note ?? "—" },
    canManage && {
      label: "Actions",
      hideLabel: true,
      cellClassName: "space-x-2 text-right",
      cell: (b) => (
        <>
          <Button variant="outline" size="sm" asChild>
            <Link href={`/billing/recharge-vouchers/${b.id}`}>Print cards</Link>
          </Button>
          {b.redeemed + b.withdrawn < b.quantity ? (
            <Button variant="outline" size="sm" onClick={() => setWithdrawing(b)}>
              Withdraw
            </Button>
          ) : null}
        </>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title="Billing"
        description="Recharge vouchers: scratch cards that shops sell. Each is redeemed once, by the customer in the portal or by you at the counter (the customer's Wallet card), into the wallet from which prepaid packages renew."
        actions={newButton}
      />
      <BillingTabs current="/billing/recharge-vouchers" />
      <DataList
        query={batches}
        data={batches.data}
        noun={["batch", "batches"]}
        columns={columns}
        rowKey={(b) => b.id}
        empty={{
          icon: <TicketCheck />,
          title: "No recharge vouchers yet",
          description: canManage
            ? "Generate a batch of cards of one value, print them, and hand them to the shops that sell them."
            : "A billing administrator generates them.",
          action: newButton ?? undefined,
        }}
        onPageChange={setPage}
      />
      {canManage ? (
        <>
          <GenerateRechargeDialog open={generating} onOpenChange={setGenerating} currency={currency} />
          <WithdrawRechargeDialog
            batch={withdrawing}
            onOpenChange={(open) => (open ? undefined : setWithdrawing(null))}
          />
        </>
      ) : null}
    </>
  );
}
