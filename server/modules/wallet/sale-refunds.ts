import type { z } from "zod";
import { Invalid, NotFound } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import * as audit from "../audit/service";
import type { LineTax } from "../billing/engine";
import { divRound } from "../billing/rounding";
import * as billingSettings from "../billing/settings";
import { splitByWeight } from "../revenue/tax-report";
import type { Scope } from "../scope";
import { refundSaleSchema } from "./schema";
import * as wallet from "./service";

// Money back into the wallet for a taxed sale from it (a renewal, a voucher, a data top-up): the
// refund gives back its share of the sale's tax too, so the tax report declares only what was kept.
// The tax given back is the sale's tax × refund ÷ sale total, rounded once by the company's rounding
// rule; the refund that brings the sale's refunds to its whole total gives back exactly the tax
// left, so several partial refunds never give back a cent more or less than was charged. It is
// split over the sale's taxes in proportion to each (largest remainder), as are the taxable
// amounts. Never more than the sale cost, less what was refunded of it before (under the wallet's
// lock, so two refunds at once cannot both take the last of it).

const SALE_KINDS = ["RENEWAL", "VOUCHER_PURCHASE", "DATA_TOP_UP"] as const;

/**
 * What is left to refund of each sale among `entries` (a statement page): the sale's cost less
 * its refunds so far. Other entries (top-ups, refunds, adjustments) are not refundable: null.
 */
export async function refundableOf(
  scope: Scope,
  entries: { id: string; kind: string; amountMinor: number }[],
): Promise<Map<string, number | null>> {
  const sales = entries.filter((e) => (SALE_KINDS as readonly string[]).includes(e.kind) && e.amountMinor < 0);
  const refunds = sales.length
    ? await scope.tx.walletEntry.groupBy({
        by: ["refundOfId"],
        where: { refundOfId: { in: sales.map((e) => e.id) } },
        _sum: { amountMinor: true },
      })
    : [];
  const refunded = new Map(refunds.map((r) => [r.refundOfId!, r._sum.amountMinor ?? 0]));
  return new Map(
    entries.map((e) => [e.id, sales.includes(e) ? Math.max(0, -e.amountMinor - (refunded.get(e.id) ?? 0)) : null]),
  );
}

export async function refundSale(scope: Scope, input: z.input<typeof refundSaleSchema>) {
  const { entryId, amountMinor, reason } = refundSaleSchema.parse(input);
  const found = await scope.tx.walletEntry.findUnique({ where: { id: entryId } });
  if (!found || !(SALE_KINDS as readonly string[]).includes(found.kind) || found.amountMinor >= 0)
    throw new NotFound("Wallet sale");
  await wallet.lockWallet(scope, found.customerId);
  const total = -found.amountMinor;
  const before = await scope.tx.walletEntry.findMany({
    where: { refundOfId: entryId },
    select: { amountMinor: true, taxMinor: true, netMinor: true, taxes: true },
  });
  const refunded = before.reduce((s, r) => s + r.amountMinor, 0);
  const left = total - refunded;
  const settings = await billingSettings.get(scope);
  const money = (n: number) => formatMoney(n, settings.currency);
  if (amountMinor > left)
    throw new Invalid(
      left === 0
        ? "This sale has already been refunded in full."
        : `At most ${money(left)} of this sale can be refunded (it cost ${money(total)}, ${money(refunded)} refunded before).`,
      { amountMinor: `At most ${money(left)}.` },
    );

  const saleTaxes = ((found.taxes ?? []) as unknown as LineTax[]).filter(Boolean);
  const saleTax = found.taxMinor ?? 0;
  const whole = amountMinor === left;
  const taxBack = whole
    ? saleTax + before.reduce((s, r) => s + (r.taxMinor ?? 0), 0)
    : Number(divRound(BigInt(saleTax) * BigInt(amountMinor), BigInt(total), settings.roundingMode));
  const shares = splitByWeight(
    taxBack,
    saleTaxes.map((t) => t.taxMinor),
  );
  const taxes: LineTax[] = saleTaxes.map((t, i) => {
    const backBefore = before.reduce(
      (s, r) => s - (((r.taxes ?? []) as unknown as LineTax[]).find((x) => x.taxRateId === t.taxRateId)?.taxableMinor ?? 0), // prettier-ignore
      0,
    );
    const taxable = whole
      ? t.taxableMinor - backBefore
      : Number(divRound(BigInt(t.taxableMinor) * BigInt(amountMinor), BigInt(total), settings.roundingMode));
    return { ...t, taxableMinor: -taxable, taxMinor: -shares[i]! };
  });
  const sale = { netMinor: -(amountMinor - taxBack), taxMinor: -taxBack, totalMinor: -amountMinor, taxes };
  const { entry } = await wallet.credit(
    scope,
    {
      customerId: found.customerId,
      amountMinor,
      kind: "REFUND",
      reference: `Refund: ${found.reference}`.slice(0, 200),
      description: reason,
    },
    // A sale recorded without tax details is refunded without any.
    { sale: found.taxes === null ? undefined : sale, refundOfId: entryId },
  );
  await audit.record(scope, {
    action: "wallet.refund_sale",
    entityType: "WalletEntry",
    entityId: entry.id,
    after: { customerId: found.customerId, saleEntryId: entryId, amountMinor, taxBackMinor: taxBack, reason },
  });
  return entry;
}
