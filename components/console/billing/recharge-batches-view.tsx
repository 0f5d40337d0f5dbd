"use client";

import * as React from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Plus, TicketCheck } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/lib/money";
import { QueryError } from "../errors";
import { formatDate, formatDay } from "../format";
import { BillingTabs } from "./billing-tabs";
import { GenerateRechargeDialog } from "./generate-recharge-dialog";

export const RECHARGE_BATCHES_INPUT = { page: 1, pageSize: 50 };

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
  const batches = useQuery(trpc.wallet.recharge.batches.queryOptions(RECHARGE_BATCHES_INPUT));
  const [generating, setGenerating] = React.useState(false);
  const newButton = canManage ? (
    <Button onClick={() => setGenerating(true)}>
      <Plus aria-hidden />
      Generate cards
    </Button>
  ) : null;
  return (
    <>
      <PageHeader
        title="Billing"
        description="Recharge vouchers: scratch cards that shops sell and customers redeem into their wallet."
        actions={newButton}
      />
      <BillingTabs current="/billing/recharge-vouchers" />
      <Card>
        <CardHeader>
          <CardTitle>Recharge vouchers</CardTitle>
          <CardDescription>
            Each card is redeemed once, by the customer in the portal or by you at the counter (the customer&apos;s
            Wallet card). Its value goes into the wallet, from which prepaid packages renew.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {batches.isError ? (
            <QueryError title="Could not load the batches" error={batches.error} onRetry={() => batches.refetch()} />
          ) : !batches.data ? (
            <Skeleton className="h-24 w-full" />
          ) : batches.data.rows.length === 0 ? (
            <EmptyState
              icon={<TicketCheck />}
              title="No recharge vouchers yet"
              description={
                canManage
                  ? "Generate a batch of cards of one value, print them, and hand them to the shops that sell them."
                  : "A billing administrator generates them."
              }
              action={newButton ?? undefined}
            />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Batch</TableHead>
                  <TableHead>Value</TableHead>
                  <TableHead>Redeemed</TableHead>
                  <TableHead>Last day accepted</TableHead>
                  <TableHead>Made</TableHead>
                  <TableHead>Note</TableHead>
                  <TableHead />
                </TableRow>
              </TableHeader>
              <TableBody>
                {batches.data.rows.map((b) => (
                  <TableRow key={b.id}>
                    <TableCell className="font-medium">R{b.number}</TableCell>
                    <TableCell>{formatMoney(b.valueMinor, currency)}</TableCell>
                    <TableCell>
                      {b.redeemed} of {b.quantity}
                    </TableCell>
                    <TableCell>{formatDay(b.expiresOn, "Does not expire")}</TableCell>
                    <TableCell>{formatDate(b.createdAt, timeZone)}</TableCell>
                    <TableCell className="text-muted-foreground">{b.note ?? "—"}</TableCell>
                    <TableCell className="text-right">
                      {canManage ? (
                        <Button variant="outline" size="sm" asChild>
                          <Link href={`/billing/recharge-vouchers/${b.id}`}>Print cards</Link>
                        </Button>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {canManage ? <GenerateRechargeDialog open={generating} onOpenChange={setGenerating} currency={currency} /> : null}
    </>
  );
}
