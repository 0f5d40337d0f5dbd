"use client";

import * as React from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ScanLine, Undo2, SlidersHorizontal } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { PrepaidServices } from "@/components/wallet/prepaid-services";
import { RedeemVoucherDialog } from "@/components/wallet/redeem-voucher-dialog";
import { WalletLedger } from "@/components/wallet/wallet-ledger";
import { formatMoney } from "@/server/lib/money";
import { QueryError } from "../errors";
import { AdjustWalletDialog } from "./adjust-wallet-dialog";
import { RefundSaleDialog, type RefundableSale } from "./refund-sale-dialog";

import { WALLET_PAGE_SIZE } from "./ledger-query";

/** The customer page's Wallet card: prepaid balance, the statement, and a staff adjustment. */
export function CustomerWallet({
  customerId,
  timeZone,
  canManage,
}: {
  customerId: string;
  timeZone: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const [page, setPage] = React.useState(1);
  const [adjusting, setAdjusting] = React.useState(false);
  const [refunding, setRefunding] = React.useState<RefundableSale | null>(null);
  const [redeeming, setRedeeming] = React.useState(false);
  const redeem = useMutation(trpc.wallet.recharge.redeem.mutationOptions());
  const query = useQuery(trpc.wallet.ledger.queryOptions({ customerId, page, pageSize: WALLET_PAGE_SIZE }));
  const data = query.data;
  return (
    <Card id="customer-wallet">
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Wallet</CardTitle>
          <CardDescription>
            {data ? (
              <>
                Balance{" "}
                <span className="font-semibold text-foreground">{formatMoney(data.balanceMinor, data.currency)}</span>.
                Prepaid packages renew from it; the customer tops it up in the portal or at the counter.
              </>
            ) : (
              "Prepaid balance: prepaid packages renew from it."
            )}
          </CardDescription>
        </div>
        {canManage && data ? (
          <div className="flex gap-2">
            <Button variant="outline" size="sm" onClick={() => setRedeeming(true)}>
              <ScanLine aria-hidden />
              Redeem voucher
            </Button>
            <Button variant="outline" size="sm" onClick={() => setAdjusting(true)}>
              <SlidersHorizontal aria-hidden />
              Adjust
            </Button>
          </div>
        ) : null}
      </CardHeader>
      <CardContent>
        {query.isError ? (
          <QueryError title="Could not load the wallet" error={query.error} onRetry={() => query.refetch()} />
        ) : null}
        {!data && !query.isError ? <Skeleton className="h-20 w-full" /> : null}
        {data ? (
          <div className="space-y-4">
            <PrepaidServices services={data.prepaid} currency={data.currency} />
            <WalletLedger
              rows={data.rows}
              currency={data.currency}
              timeZone={timeZone}
              page={data.page}
              pageCount={data.pageCount}
              onPageChange={setPage}
              showActor
              // A sale with something left to refund (refunds are Billing Administrators' to give).
              rowAction={
                canManage
                  ? (r) =>
                      r.refundableMinor ? (
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Refund ${r.reference}`}
                          onClick={() => setRefunding({ ...r, refundableMinor: r.refundableMinor! })}
                        >
                          <Undo2 aria-hidden />
                          Refund
                        </Button>
                      ) : null
                  : undefined
              }
              emptyHint="Top-ups, renewals and vouchers bought from the wallet will be listed here. A top-up in the portal or at the counter starts it."
            />
          </div>
        ) : null}
      </CardContent>
      {canManage && data ? (
        <AdjustWalletDialog
          open={adjusting}
          onOpenChange={setAdjusting}
          customerId={customerId}
          currency={data.currency}
          balanceMinor={data.balanceMinor}
        />
      ) : null}
      {canManage && data ? (
        <RedeemVoucherDialog
          open={redeeming}
          onOpenChange={setRedeeming}
          redeem={(pin) => redeem.mutateAsync({ customerId, pin })}
          pending={redeem.isPending}
          refresh={[trpc.wallet.pathFilter(), trpc.subscriptions.pathFilter()]}
          description="A recharge card the customer brought to the counter: its value goes into this customer's wallet."
        />
      ) : null}
      {canManage && data ? (
        <RefundSaleDialog
          sale={refunding}
          onOpenChange={(open) => (open ? null : setRefunding(null))}
          currency={data.currency}
        />
      ) : null}
    </Card>
  );
}
