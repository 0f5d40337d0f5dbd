"use client";

import type * as React from "react";
import { Wallet } from "lucide-react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { formatDateTime } from "@/components/console/format";
import { formatMoney } from "@/server/lib/money";
import { WALLET_ENTRY_LABELS } from "@/server/modules/wallet/schema";
import type { WalletEntryKind } from "@/server/db/generated/prisma/enums";

export interface LedgerRow {
  id: string;
  kind: WalletEntryKind;
  amountMinor: number;
  balanceAfterMinor: number;
  reference: string;
  description: string | null;
  /** A taxed sale: what the amount is made of. */
  netMinor?: number | null;
  taxMinor?: number | null;
  createdAt: Date;
  actorLabel?: string | null;
}

/** A wallet's statement, newest first: shared by the console's customer page and the portal. */
export function WalletLedger<R extends LedgerRow>({
  rows,
  currency,
  timeZone,
  page,
  pageCount,
  onPageChange,
  emptyHint,
  showActor = false,
  rowAction,
}: {
  rows: R[];
  currency: string;
  timeZone: string;
  page: number;
  pageCount: number;
  onPageChange: (page: number) => void;
  emptyHint: string;
  showActor?: boolean;
  /** Something staff can do with an entry (refund a sale), in a last column. */
  rowAction?: (row: R) => React.ReactNode;
}) {
  if (rows.length === 0) return <EmptyState icon={<Wallet />} title="No wallet activity yet" description={emptyHint} />;
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-md border">
        <Table aria-label="Wallet statement">
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>What</TableHead>
              <TableHead className="text-right">Amount</TableHead>
              <TableHead className="text-right">Balance</TableHead>
              {rowAction ? (
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id}>
                <TableCell className="text-xs whitespace-nowrap text-muted-foreground">
                  {formatDateTime(r.createdAt, timeZone)}
                </TableCell>
                <TableCell>
                  <div className="font-medium">{WALLET_ENTRY_LABELS[r.kind]}</div>
                  <div className="text-xs break-words text-muted-foreground">
                    {r.reference}
                    {r.description && r.description !== r.reference ? ` · ${r.description}` : null}
                    {showActor && r.actorLabel ? ` · by ${r.actorLabel}` : null}
                  </div>
                </TableCell>
                <TableCell
                  className={`text-right tabular-nums whitespace-nowrap ${r.amountMinor < 0 ? "" : "text-emerald-700 dark:text-emerald-400"}`}
                >
                  {r.amountMinor > 0 ? "+" : ""}
                  {formatMoney(r.amountMinor, currency)}
                  {r.netMinor != null && r.taxMinor ? (
                    // A refund of a sale stores its net and tax as negatives (they undo the
                    // sale's); the amount's sign already says which way the money went.
                    <div className="text-xs text-muted-foreground">
                      {formatMoney(Math.abs(r.netMinor), currency)} + {formatMoney(Math.abs(r.taxMinor), currency)} tax
                      {r.amountMinor > 0 ? " back" : ""}
                    </div>
                  ) : null}
                </TableCell>
                <TableCell className="text-right tabular-nums whitespace-nowrap">
                  {formatMoney(r.balanceAfterMinor, currency)}
                </TableCell>
                {rowAction ? <TableCell className="text-right">{rowAction(r)}</TableCell> : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {pageCount > 1 ? <Pagination page={page} pageCount={pageCount} onPageChange={onPageChange} /> : null}
    </div>
  );
}
