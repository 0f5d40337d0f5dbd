"use client";

import * as React from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Gauge } from "lucide-react";
import { applyServerErrors, FormError, formErrorOf } from "@/components/console/errors";
import { formatDate } from "@/components/console/format";
import type { RouterOutputs } from "@/components/console/types";
import { useDialogForm } from "@/components/console/use-dialog-form";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { formatData, formatMoney } from "@/server/lib/money";
import { buyTopUpSchema } from "@/server/modules/data-caps/schema";

// Usage this billing period against the allowance (cap + top-ups + rollover), and buying a data
// top-up: the same for staff on the customer page and for the customer in the portal.

export type DataUsageData = RouterOutputs["dataCaps"]["customer"];
type Usage = DataUsageData["subscriptions"][number];
type Option = DataUsageData["options"][number];
type BuyIn = z.input<typeof buyTopUpSchema>;
type BuyOut = z.output<typeof buyTopUpSchema>;

const day = (d: Date) => formatDate(d, "UTC");

/** A fresh purchase key; getRandomValues works on plain-http hosts too, where randomUUID does not. */
const newRequestKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

/** The bar: calm below 80 %, amber from 80 %, red when all is used. */
export function UsageBar({ usage }: { usage: Usage }) {
  const pct = Math.min(100, usage.usedPct);
  const tone = usage.usedPct >= 100 ? "bg-destructive" : usage.usedPct >= 80 ? "bg-amber-500" : "bg-primary";
  return (
    <div
      role="meter"
      aria-label={`Data used on ${usage.packageName}`}
      aria-valuemin={0}
      aria-valuemax={usage.allowanceMb}
      aria-valuenow={Math.min(usage.usedMb, usage.allowanceMb)}
      aria-valuetext={`${formatData(usage.usedMb)} of ${formatData(usage.allowanceMb)} (${usage.usedPct}%)`}
      className="h-2.5 w-full overflow-hidden rounded-full bg-muted"
    >
      <div className={cn("h-full rounded-full", tone)} style={{ width: `${pct}%` }} />
    </div>
  );
}

function allowanceParts(u: Usage): string {
  const parts = [`${formatData(u.capMb)} plan`];
  if (u.topUpMb) parts.push(`${formatData(u.topUpMb)} top-ups`);
  if (u.rolloverMb) parts.push(`${formatData(u.rolloverMb)} rolled over`);
  return parts.join(" + ");
}

export function DataUsageList({
  data,
  currency,
  audience,
  canBuy,
  onBuy,
}: {
  data: DataUsageData;
  currency: string;
  audience: "staff" | "customer";
  canBuy: boolean;
  onBuy: (input: BuyOut) => Promise<unknown>;
}) {
  const [buyingFor, setBuyingFor] = React.useState<Usage | null>(null);
  if (data.subscriptions.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        {audience === "customer"
          ? "Your plan has no data cap: use as much as you like."
          : "No active subscription of this customer has a data cap."}
      </p>
    );
  return (
    <div className="space-y-5">
      {data.subscriptions.map((u) => (
        <div key={u.subscriptionId} className="space-y-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
            <span className="font-medium">{u.packageName}</span>
            <span className="text-muted-foreground">
              {day(u.periodStart)} – {day(u.periodEnd)}
            </span>
          </div>
          <UsageBar usage={u} />
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span>
              <span className="font-medium">{formatData(u.usedMb)}</span> of {formatData(u.allowanceMb)} used (
              {u.usedPct}%)<span className="text-muted-foreground"> · {allowanceParts(u)}</span>
            </span>
            {canBuy && u.status === "ACTIVE" ? (
              <Button size="sm" variant={u.usedPct >= 80 ? "default" : "outline"} onClick={() => setBuyingFor(u)}>
                Buy a data top-up
              </Button>
            ) : null}
          </div>
          {u.topUps.length > 0 ? (
            <ul className="text-xs text-muted-foreground">
              {u.topUps.map((t) => (
                <li key={t.id}>
                  {t.name}: {formatData(t.mb)} for {formatMoney(t.priceMinor, currency)},{" "}
                  {t.payment === "WALLET" ? "paid from the wallet" : "on the next invoice"}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      <BuyTopUpDialog
        usage={buyingFor}
        options={data.options}
        currency={currency}
        audience={audience}
        walletBalanceMinor={data.walletBalanceMinor}
        onBuy={onBuy}
        onClose={() => setBuyingFor(null)}
      />
    </div>
  );
}

function BuyTopUpDialog({
  usage,
  options,
  currency,
  audience,
  walletBalanceMinor,
  onBuy,
  onClose,
}: {
  usage: Usage | null;
  options: Option[];
  currency: string;
  audience: "staff" | "customer";
  walletBalanceMinor: number | null;
  onBuy: (input: BuyOut) => Promise<unknown>;
  onClose: () => void;
}) {
  // A new key each time the dialog opens: a double click or a retry is the same purchase.
  const form = useDialogForm<BuyIn, BuyOut>(
    usage,
    () => ({ subscriptionId: usage?.subscriptionId ?? "", optionId: "", requestKey: newRequestKey() }),
    { resolver: zodResolver(buyTopUpSchema) },
  );
  const [pending, setPending] = React.useState(false);
  const onSubmit = form.handleSubmit(async (values) => {
    setPending(true);
    try {
      await onBuy(values);
      onClose();
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setPending(false);
    }
  });
  const chosen = form.watch("optionId");
  // A prepaid package's top-up is paid from the wallet (the server decides; this only says so).
  const paysFromWallet = !!usage?.prepaid;
  const price = options.find((o) => o.id === chosen)?.priceMinor ?? 0;
  const short = paysFromWallet && walletBalanceMinor !== null && price > walletBalanceMinor;
  return (
    <Dialog open={!!usage} onOpenChange={(o) => (o || pending ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Buy a data top-up</DialogTitle>
          <DialogDescription>
            The data is added to {usage?.packageName} until{" "}
            {usage ? day(usage.periodEnd) : "the end of this billing period"}.{" "}
            {paysFromWallet
              ? audience === "customer"
                ? `It is paid from your wallet at once (balance ${formatMoney(walletBalanceMinor ?? 0, currency)}).`
                : `Paid from the customer's wallet at once (balance ${formatMoney(walletBalanceMinor ?? 0, currency)}).`
              : audience === "customer"
                ? "It is added to your next invoice."
                : "It is added to the customer's next invoice."}
          </DialogDescription>
        </DialogHeader>
        {options.length === 0 ? (
          <div className="flex items-center gap-3 text-sm text-muted-foreground">
            <Gauge aria-hidden className="size-5" />
            {audience === "customer"
              ? "No top-ups are on sale right now. Please contact us for more data."
              : "No top-ups are on sale: add one under Billing → Data top-ups."}
          </div>
        ) : (
          <form noValidate onSubmit={onSubmit} className="grid gap-3">
            <FormError message={formErrorOf(form)} title="The top-up was not bought" />
            <fieldset className="grid gap-2">
              <legend className="sr-only">Top-up</legend>
              {options.map((o) => (
                <label
                  key={o.id}
                  className={cn(
                    "flex cursor-pointer items-center justify-between gap-3 rounded-lg border p-3 text-sm",
                    chosen === o.id && "border-primary bg-primary/5",
                  )}
                >
                  <span className="flex items-center gap-2">
                    <input type="radio" value={o.id} className="accent-primary" {...form.register("optionId")} />
                    <span className="font-medium">{o.name}</span>
                    <span className="text-muted-foreground">{formatData(o.mb)}</span>
                  </span>
                  <span className="font-medium">{formatMoney(o.priceMinor, currency)}</span>
                </label>
              ))}
              {form.formState.errors.optionId ? <p className="text-sm text-destructive">Choose a top-up.</p> : null}
            </fieldset>
            {short ? (
              <p className="text-sm text-destructive">
                {audience === "customer"
                  ? `Your wallet has ${formatMoney(walletBalanceMinor ?? 0, currency)}: top it up first, or choose a smaller top-up.`
                  : `The wallet has ${formatMoney(walletBalanceMinor ?? 0, currency)}: top it up first, or choose a smaller top-up.`}
              </p>
            ) : null}
            <DialogFooter>
              <Button type="button" variant="outline" disabled={pending} onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending || short}>
                {pending ? "Buying…" : paysFromWallet ? "Pay from wallet" : "Buy"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
