"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CreditCard, ScanLine, Smartphone, Ticket, Wallet } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { PrepaidServices } from "@/components/wallet/prepaid-services";
import { RedeemVoucherDialog } from "@/components/wallet/redeem-voucher-dialog";
import { WalletLedger } from "@/components/wallet/wallet-ledger";
import { checkWith } from "@/components/console/check-with";
import { applyServerErrors, formErrorOf, QueryError } from "@/components/console/errors";
import { FormDialog } from "@/components/console/form-dialog";
import { useDialogForm } from "@/components/console/use-dialog-form";
import type { RouterOutputs } from "@/components/console/types";
import { formatMoney } from "@/server/lib/money";
import type { PaymentProviderKey } from "@/server/modules/payments/schema";
import { buyVoucherSchema } from "@/server/modules/wallet/schema";
import { PayNowDialog } from "./payments/pay-now-dialog";

type Summary = RouterOutputs["wallet"]["portal"]["summary"];

// A paid top-up reaches the wallet a moment after the payment (the payment's background work):
// while the server says one is on its way the card looks again every few seconds. The server
// stops saying so a couple of minutes after the payment (wallet/portal.ts), which bounds the checks.
const ARRIVING_POLL_MS = 2_000;
type Bought = RouterOutputs["wallet"]["portal"]["buyVoucher"];

/**
 * The portal's wallet: balance, statement, top-up and vouchers bought with wallet money. A top-up
 * is a payment like "Pay now" (the same dialog, purpose WALLET_TOPUP) by the methods the company
 * has switched on; without any, the card says how to top up at the counter instead.
 */
export function WalletCard({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const [page, setPage] = React.useState(1);
  const [buying, setBuying] = React.useState(false);
  const [bought, setBought] = React.useState<Bought | null>(null);
  const [toppingUp, setToppingUp] = React.useState<PaymentProviderKey | null>(null);
  const [redeeming, setRedeeming] = React.useState(false);
  const redeem = useMutation(trpc.wallet.portal.redeemVoucher.mutationOptions());
  const query = useQuery(
    trpc.wallet.portal.summary.queryOptions(
      { page, pageSize: 10 },
      { refetchInterval: (q) => (q.state.data?.arrivingMinor ? ARRIVING_POLL_MS : false) },
    ),
  );
  const online = useQuery(trpc.portal.paymentMethods.queryOptions()).data?.methods ?? [];
  const data = query.data;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <Wallet aria-hidden className="size-4" /> Wallet
        </CardTitle>
        <CardDescription>
          {data ? (
            <>
              Balance{" "}
              <span className="text-lg font-semibold text-foreground">
                {formatMoney(data.balanceMinor, data.currency)}
              </span>
              . Prepaid plans renew from your wallet automatically.
              {data.arrivingMinor > 0 ? (
                <span role="status" className="mt-1 block">
                  {formatMoney(data.arrivingMinor, data.currency)} you paid is on its way to your wallet.
                </span>
              ) : null}
            </>
          ) : (
            "Prepaid plans renew from your wallet automatically."
          )}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {query.isError ? (
          <QueryError title="Could not load your wallet" error={query.error} onRetry={() => query.refetch()} />
        ) : null}
        {!data && !query.isError ? <Skeleton className="h-20 w-full" /> : null}
        {data ? (
          <>
            <div className="flex flex-wrap gap-2">
              {online.includes("MPESA") ? (
                <Button size="sm" onClick={() => setToppingUp("MPESA")}>
                  <Smartphone aria-hidden />
                  Top up with M-Pesa
                </Button>
              ) : null}
              {online.includes("STRIPE") ? (
                <Button size="sm" variant="outline" onClick={() => setToppingUp("STRIPE")}>
                  <CreditCard aria-hidden />
                  Top up by card
                </Button>
              ) : null}
              <Button
                size="sm"
                variant="outline"
                disabled={data.voucherPackages.length === 0}
                onClick={() => setBuying(true)}
              >
                <Ticket aria-hidden />
                Buy a hotspot voucher
              </Button>
              <Button size="sm" variant="outline" onClick={() => setRedeeming(true)}>
                <ScanLine aria-hidden />
                Redeem a voucher
              </Button>
            </div>
            {online.length === 0 ? (
              <p className="text-xs text-muted-foreground">
                To top up, pay at our counter or by M-Pesa with your account number; the money shows here once received.
              </p>
            ) : null}
            <PrepaidServices services={data.prepaid} currency={data.currency} />
            <WalletLedger
              rows={data.rows}
              currency={data.currency}
              timeZone={timeZone}
              page={data.page}
              pageCount={data.pageCount}
              onPageChange={setPage}
              emptyHint="Top up your wallet to pay for prepaid plans and hotspot vouchers; each top-up and purchase is listed here."
            />
          </>
        ) : null}
      </CardContent>
      {data ? (
        <BuyVoucherDialog
          open={buying}
          onOpenChange={setBuying}
          summary={data}
          onBought={(v) => {
            setBuying(false);
            setBought(v);
          }}
        />
      ) : null}
      <RedeemVoucherDialog
        open={redeeming}
        onOpenChange={setRedeeming}
        redeem={(pin) => redeem.mutateAsync({ pin })}
        pending={redeem.isPending}
        refresh={[trpc.wallet.portal.pathFilter(), trpc.portal.pathFilter()]}
        description="Scratch the panel on your recharge card and enter the PIN: its value goes into your wallet."
      />
      <PayNowDialog
        purpose="WALLET_TOPUP"
        amountMinor={0}
        provider={toppingUp ?? undefined}
        open={toppingUp !== null}
        onOpenChange={(open) => (open ? null : setToppingUp(null))}
      />
      <VoucherBoughtDialog voucher={bought} currency={data?.currency ?? "USD"} onClose={() => setBought(null)} />
    </Card>
  );
}

type BuyValues = { packageId: string };

function BuyVoucherDialog({
  open,
  onOpenChange,
  summary,
  onBought,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  summary: Summary;
  onBought: (voucher: Bought) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const buy = useMutation(trpc.wallet.portal.buyVoucher.mutationOptions());
  const form = useDialogForm<BuyValues>(open, () => ({ packageId: summary.voucherPackages[0]?.id ?? "" }), {
    resolver: checkWith(buyVoucherSchema),
  });
  const chosen = summary.voucherPackages.find((p) => p.id === form.watch("packageId"));
  const short = chosen ? chosen.priceMinor > summary.balanceMinor : false;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const voucher = await buy.mutateAsync(values);
      await queryClient.invalidateQueries(trpc.wallet.portal.pathFilter());
      onBought(voucher);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Buy a hotspot voucher"
      description={`Paid from your wallet (balance ${formatMoney(summary.balanceMinor, summary.currency)}). You get the code at once.`}
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={buy.isPending}
      pendingText="Buying…"
      submitLabel={chosen ? `Buy for ${chosen.price}` : "Buy"}
    >
      <FormField
        label="Package"
        error={form.formState.errors.packageId?.message}
        description={
          short ? "Your wallet does not cover this voucher yet: top up first." : chosen ? chosen.validity : undefined
        }
        required
      >
        <NativeSelect {...form.register("packageId")}>
          {summary.voucherPackages.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}: {p.price}
            </option>
          ))}
        </NativeSelect>
      </FormField>
    </FormDialog>
  );
}

function VoucherBoughtDialog({
  voucher,
  currency,
  onClose,
}: {
  voucher: Bought | null;
  currency: string;
  onClose: () => void;
}) {
  return (
    <Dialog open={!!voucher} onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Your voucher</DialogTitle>
          <DialogDescription>
            {voucher
              ? `${voucher.packageName}, ${voucher.validity}. Sign in to the hotspot with this code. ${formatMoney(voucher.balanceAfterMinor, currency)} left in your wallet.`
              : null}
          </DialogDescription>
        </DialogHeader>
        {voucher ? (
          <div className="rounded-lg border bg-muted/40 p-4 text-center">
            <p className="font-mono text-2xl font-semibold tracking-widest select-all" aria-label="Voucher code">
              {voucher.code}
            </p>
            {voucher.pin ? <p className="mt-1 font-mono text-sm">PIN {voucher.pin}</p> : null}
          </div>
        ) : null}
        <DialogFooter>
          <Button onClick={onClose}>Done</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
