import type {
  InvoiceLineKind,
  PriceTaxMode,
  RoundingMode,
  TaxCategory,
  CycleAlignment,
} from "../../db/generated/prisma/enums";
import { formatMoney } from "../../lib/money";
import { priceFor, type PriceablePackage } from "../packages/pricing";
import { divRound, ofBps, ROUNDING_LABELS, toMinor } from "./rounding";
import {
  cycleIndexOf,
  daysInclusive,
  formatDay,
  periodFrom,
  type BilledCycle,
  type BillingPeriodSpan,
} from "./periods";

/*
 * The billing engine: pure functions from packages, periods, usage and tax rates to invoice lines.
 * Nothing here reads or writes the database; run.ts gathers the inputs and stores the result.
 *
 * The rules, each one tested in engine.test.ts:
 *
 *  1. Money is integer minor units of the company's currency. Products and quotients are BigInt;
 *     a fraction of a minor unit is resolved once, by divRound, with the company's rounding mode
 *     (HALF_UP: halves away from zero; HALF_EVEN: halves to the even neighbour). Rounding is per
 *     line (and per tax on the line), never on the invoice total. Credits round as the mirror of
 *     the charge they reverse.
 *  2. Periods. MONTHLY, QUARTERLY and YEARLY packages are billed in advance, one period at a time.
 *     ANNIVERSARY: cycles start on the subscription's start date, anchored on it (31 Jan, 28 Feb,
 *     31 Mar…). CALENDAR: cycles start on the 1st of the month / quarter (Jan, Apr, Jul, Oct) /
 *     year; a start in mid-cycle is billed from the start date to the cycle's end. VALIDITY
 *     (hotspot, prepaid) packages are paid up front and never invoiced here.
 *  3. Proration is by day: price × days billed ÷ days in that cycle, so 14 days of February are
 *     14/28 of the month and 14 days of January 14/31. One rounding, on the line.
 *  4. Promotional price applies to the first `promoCycles` cycles (cycleIndexOf: a prorated first
 *     stub does not use one up). Otherwise the package price.
 *  5. Volume discount: the package's best tier whose minQuantity the subscription's quantity
 *     reaches (packages/pricing.ts) applies to the whole line: discount = gross × bps, rounded.
 *  6. Setup fee: once per subscription, on the invoice of its first billed period, quantity 1.
 *  7. Overage: usage of a period (UsageDaily download + upload) above the package's data cap is
 *     billed in arrears, on the invoice of the next period. Every started MiB counts; the charge
 *     is MiB over × price per GB ÷ 1024 (1 GB = 1,024 MB, as data caps are shown), rounded.
 *  8. Taxes come from the company's tax rates of the package's tax category, less those the
 *     customer is exempt from. A simple rate is charged on the line's amount; a compound rate on
 *     the amount plus the simple taxes, which is how Kenya charges VAT on internet services:
 *     excise duty 20 % on the price, VAT 16 % on price + excise (so VAT on 1,000 is 192, not 160).
 *     EXCLUSIVE: each simple tax = amount × rate, rounded; each compound tax = (amount + simple
 *     taxes) × rate, rounded; the line total adds them. INCLUSIVE: the price already contains
 *     them: net = amount ÷ ((1 + Σsimple) × (1 + Σcompound)), rounded once; each tax is its
 *     rate of its base, rounded, the last rate taking the remainder, so the customer pays
 *     exactly the price.
 *  9. Plan changes and terminations in mid-period are repaired, never edited into the issued
 *     invoice: a CREDIT line for the unused days of what was billed (the billed amount × unused
 *     days ÷ billed days) and, for a change, a PRORATION line for the new package over the same
 *     days (its price × days ÷ days in the cycle). The service-request apply path records them as
 *     pending charges (one per request, by a unique key) for the next invoice. A termination also
 *     bills the overage of its final, partial period then (rule 7 up to the last day of service).
 * 10. Suspensions under PAUSE: see pauseAdjustment.
 * 11. One-off charges (equipment, installation, data top-ups, plan-change repairs) wait as
 *     PendingCharge rows and go on the customer's next invoice, priced and taxed like any line.
 */

export interface RateForTax {
  id: string;
  name: string;
  rateBps: number;
  /** Charged on the amount plus the simple rates' taxes (VAT on price + excise in Kenya). */
  compound?: boolean;
}

export interface TaxContext {
  taxMode: PriceTaxMode;
  rounding: RoundingMode;
  currency: string;
  /** The company's active rates by tax category. */
  ratesByCategory: Partial<Record<TaxCategory, RateForTax[]>>;
  /** Tax rate ids this customer is exempt from (with a certificate). */
  exemptRateIds: ReadonlySet<string>;
}

/** A charge before tax: what it is, for which period, and the rule that produced its amount. */
export interface ChargeDraft {
  kind: InvoiceLineKind;
  description: string;
  subscriptionId?: string | null;
  packageId?: string | null;
  periodStart?: Date | null;
  periodEnd?: Date | null;
  quantity: number;
  unitPriceMinor: number;
  /** Before discount; negative for credits. */
  grossMinor: number;
  discountBps: number;
  discountMinor: number;
  taxCategory: TaxCategory;
  usedMb?: number | null;
  includedMb?: number | null;
  rule: string;
}

export interface LineTax {
  taxRateId: string;
  name: string;
  rateBps: number;
  taxableMinor: number;
  taxMinor: number;
}

export interface PricedLine extends Omit<ChargeDraft, "taxCategory"> {
  /** Without tax. */
  netMinor: number;
  taxMinor: number;
  /** With tax: what the customer pays for this line. */
  totalMinor: number;
  taxes: LineTax[];
}

export interface InvoiceTotals {
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export interface BillablePackage extends PriceablePackage {
  id: string;
  name: string;
  billingCycle: BilledCycle | "VALIDITY";
  setupFeeMinor: number;
  taxCategory: TaxCategory;
  dataCapMb?: number | null;
  overagePerGbMinor?: number | null;
}

const money = (minor: number | bigint, currency: string) => formatMoney(Number(minor), currency);
const pct = (bps: number) => `${(bps / 100).toString()} %`;

/** Rule 2–5: the recurring charge of one subscription for one period. */
export function recurringCharge(input: {
  pkg: BillablePackage & { billingCycle: BilledCycle };
  subscriptionId: string;
  quantity: number;
  period: BillingPeriodSpan;
  startDate: Date;
  alignment: CycleAlignment;
  rounding: RoundingMode;
  currency: string;
}): ChargeDraft {
  const { pkg, period, rounding, currency } = input;
  const cycleIndex = cycleIndexOf(period, {
    startDate: input.startDate,
    cycle: pkg.billingCycle,
    alignment: input.alignment,
  });
  const quote = priceFor(pkg, { cycleIndex, quantity: input.quantity });
  const fullGross = BigInt(quote.unitPriceMinor) * BigInt(quote.quantity);
  const gross = period.prorated
    ? divRound(fullGross * BigInt(period.days), BigInt(period.cycleDays), rounding)
    : fullGross;
  const discount = ofBps(gross, quote.discountBps, rounding);

  const parts = [
    `${quote.promotional ? `Promotional price (cycle ${cycleIndex + 1} of ${pkg.promoCycles})` : `${pkg.billingCycle.toLowerCase()} price`} ${money(quote.unitPriceMinor, currency)} × ${quote.quantity}`,
  ];
  if (period.prorated)
    parts.push(
      `prorated ${period.days}/${period.cycleDays} days (${formatDay(period.start)}–${formatDay(period.end)} of the cycle ${formatDay(period.cycleStart)}–${formatDay(period.cycleEnd)}) = ${money(gross, currency)}, ${ROUNDING_LABELS[rounding]}`,
    );
  if (quote.discountBps > 0)
    parts.push(
      `less ${pct(quote.discountBps)} volume discount = ${money(discount, currency)}, ${ROUNDING_LABELS[rounding]}`,
    );

  return {
    kind: period.prorated ? "PRORATION" : "RECURRING",
    description: `${pkg.name}, ${formatDay(period.start)}–${formatDay(period.end)}`,
    subscriptionId: input.subscriptionId,
    packageId: pkg.id,
    periodStart: period.start,
    periodEnd: period.end,
    quantity: quote.quantity,
    unitPriceMinor: quote.unitPriceMinor,
    grossMinor: toMinor(gross),
    discountBps: quote.discountBps,
    discountMinor: toMinor(discount),
    taxCategory: pkg.taxCategory,
    rule: parts.join("; "),
  };
}

/** Rule 6. Null when the package has no setup fee. */
export function setupFeeCharge(pkg: BillablePackage, subscriptionId: string, currency: string): ChargeDraft | null {
  if (!pkg.setupFeeMinor) return null;
  return {
    kind: "SETUP_FEE",
    description: `Setup fee, ${pkg.name}`,
    subscriptionId,
    packageId: pkg.id,
    quantity: 1,
    unitPriceMinor: pkg.setupFeeMinor,
    grossMinor: pkg.setupFeeMinor,
    discountBps: 0,
    discountMinor: 0,
    taxCategory: pkg.taxCategory,
    rule: `One-off setup fee of ${pkg.name} (${money(pkg.setupFeeMinor, currency)}), charged on the subscription's first invoice`,
  };
}

const MIB = 1_048_576n;

/** Rule 7. Null when there is no cap, no overage price, or usage stayed within the cap. */
export function overageCharge(input: {
  pkg: BillablePackage;
  subscriptionId: string;
  periodStart: Date;
  periodEnd: Date;
  usedBytes: bigint;
  /** MB added to the cap for this period: data top-ups and rollover (server/modules/data-caps). */
  addedMb?: number;
  rounding: RoundingMode;
  currency: string;
}): ChargeDraft | null {
  const { pkg, rounding, currency } = input;
  if (!pkg.dataCapMb || pkg.overagePerGbMinor == null) return null;
  const addedMb = input.addedMb ?? 0;
  const includedMb = pkg.dataCapMb + addedMb;
  const capBytes = BigInt(includedMb) * MIB;
  if (input.usedBytes <= capBytes) return null;
  const overMb = (input.usedBytes - capBytes + MIB - 1n) / MIB;
  const usedMb = (input.usedBytes + MIB - 1n) / MIB;
  const gross = divRound(overMb * BigInt(pkg.overagePerGbMinor), 1024n, rounding);
  return {
    kind: "OVERAGE",
    description: `Data above the ${includedMb} MB ${addedMb ? "allowance" : "cap"}, ${formatDay(input.periodStart)}–${formatDay(input.periodEnd)}`,
    subscriptionId: input.subscriptionId,
    packageId: pkg.id,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    quantity: Number(overMb),
    unitPriceMinor: pkg.overagePerGbMinor,
    grossMinor: toMinor(gross),
    discountBps: 0,
    discountMinor: 0,
    taxCategory: pkg.taxCategory,
    usedMb: Number(usedMb),
    includedMb,
    rule: `Used ${usedMb} MB against ${addedMb ? `a ${includedMb} MB allowance (${pkg.dataCapMb} MB cap + ${addedMb} MB top-ups and rollover)` : `a ${pkg.dataCapMb} MB cap`}: ${overMb} MB over × ${money(pkg.overagePerGbMinor, currency)} per GB (1,024 MB) = ${money(gross, currency)}, ${ROUNDING_LABELS[rounding]}`,
  };
}

/** Rule 9: the repair of a billed period when the package changes (newPkg) or service ends (null). */
export function planChangeCharges(input: {
  subscriptionId: string;
  /** The period already billed, and what was billed for it (gross − discount, before tax). */
  billed: { start: Date; end: Date; amountMinor: number; pkg: BillablePackage };
  /** First day on the new package, or first day without service. */
  effectiveDate: Date;
  newPkg: (BillablePackage & { billingCycle: BilledCycle }) | null;
  quantity: number;
  startDate: Date;
  alignment: CycleAlignment;
  rounding: RoundingMode;
  currency: string;
}): ChargeDraft[] {
  const { billed, effectiveDate, rounding, currency } = input;
  // A change after the billed period leaves nothing to repair; one before it credits all of it.
  if (effectiveDate > billed.end) return [];
  const from = effectiveDate < billed.start ? billed.start : effectiveDate;
  const billedDays = daysInclusive(billed.start, billed.end);
  const unusedDays = daysInclusive(from, billed.end);
  const credit = divRound(BigInt(billed.amountMinor) * BigInt(unusedDays), BigInt(billedDays), rounding);
  const lines: ChargeDraft[] = [
    {
      kind: "CREDIT",
      description: `Credit for unused ${billed.pkg.name}, ${formatDay(from)}–${formatDay(billed.end)}`,
      subscriptionId: input.subscriptionId,
      packageId: billed.pkg.id,
      periodStart: from,
      periodEnd: billed.end,
      quantity: 1,
      unitPriceMinor: -toMinor(credit),
      grossMinor: -toMinor(credit),
      discountBps: 0,
      discountMinor: 0,
      taxCategory: billed.pkg.taxCategory,
      rule: `${money(billed.amountMinor, currency)} billed for ${formatDay(billed.start)}–${formatDay(billed.end)} × ${unusedDays}/${billedDays} unused days = ${money(credit, currency)} credited, ${ROUNDING_LABELS[rounding]}`,
    },
  ];
  if (input.newPkg) {
    const period = periodFrom(from, {
      startDate: input.startDate,
      cycle: input.newPkg.billingCycle,
      alignment: input.alignment,
    });
    // The new package runs to the end of what was already billed; the next run bills on from there.
    const span: BillingPeriodSpan = {
      ...period,
      end: billed.end,
      days: unusedDays,
      prorated: unusedDays < period.cycleDays,
    };
    const charge = recurringCharge({
      pkg: input.newPkg,
      subscriptionId: input.subscriptionId,
      quantity: input.quantity,
      period: span,
      startDate: input.startDate,
      alignment: input.alignment,
      rounding,
      currency,
    });
    lines.push({
      ...charge,
      kind: "PRORATION",
      description: `${input.newPkg.name} from ${formatDay(from)}–${formatDay(billed.end)}`,
    });
  }
  return lines;
}

/**
 * Rule 10, for companies that pause billing while a subscription is suspended: the period before
 * the one being billed is repaired by the days it was really suspended. A period that was billed
 * (active when billed in advance) is credited for its suspended days; one that was skipped
 * (suspended when billed) is charged for its active days. Both pro rata of what a full charge of
 * that period is (`charge`, priced with today's package), one rounding. Null when nothing changed.
 */
export function pauseAdjustment(input: {
  charge: ChargeDraft;
  periodDays: number;
  suspendedDays: number;
  wasSkipped: boolean;
  rounding: RoundingMode;
  currency: string;
}): ChargeDraft | null {
  const { charge, periodDays, rounding, currency } = input;
  const days = input.wasSkipped ? periodDays - input.suspendedDays : input.suspendedDays;
  if (days <= 0) return null;
  const amount = BigInt(charge.grossMinor - charge.discountMinor);
  const prorated = divRound(amount * BigInt(days), BigInt(periodDays), rounding);
  const span = `${formatDay(charge.periodStart!)}–${formatDay(charge.periodEnd!)}`;
  const signed = input.wasSkipped ? prorated : -prorated;
  return {
    ...charge,
    kind: input.wasSkipped ? "PRORATION" : "CREDIT",
    description: input.wasSkipped
      ? `${charge.description.split(",")[0]}, ${days} active days of ${span} (billing was paused)`
      : `Credit for ${days} suspended days, ${span}`,
    quantity: 1,
    unitPriceMinor: toMinor(signed),
    grossMinor: toMinor(signed),
    discountBps: 0,
    discountMinor: 0,
    rule: `${money(amount, currency)} for ${span} × ${days}/${periodDays} ${input.wasSkipped ? "active" : "suspended"} days = ${money(prorated, currency)} ${input.wasSkipped ? "charged" : "credited"} (the company pauses billing while suspended), ${ROUNDING_LABELS[rounding]}`,
  };
}

/** Rule 8: taxes on one charge. */
export function priceLine(charge: ChargeDraft, ctx: TaxContext): PricedLine {
  const { taxCategory, ...rest } = charge;
  const amount = BigInt(charge.grossMinor - charge.discountMinor);
  const rates = (ctx.ratesByCategory[taxCategory] ?? []).filter((r) => !ctx.exemptRateIds.has(r.id));
  const simple = rates.filter((r) => !r.compound);
  const compound = rates.filter((r) => r.compound);
  const taxes: LineTax[] = [];
  const add = (r: RateForTax, taxable: bigint, t: bigint) =>
    taxes.push({
      taxRateId: r.id,
      name: r.name,
      rateBps: r.rateBps,
      taxableMinor: toMinor(taxable),
      taxMinor: toMinor(t),
    });
  let net: bigint;
  let simpleTax = 0n;
  let compoundTax = 0n;
  if (ctx.taxMode === "EXCLUSIVE") {
    net = amount;
    for (const r of simple) {
      const t = ofBps(net, r.rateBps, ctx.rounding);
      simpleTax += t;
      add(r, net, t);
    }
    const base = net + simpleTax;
    for (const r of compound) {
      const t = ofBps(base, r.rateBps, ctx.rounding);
      compoundTax += t;
      add(r, base, t);
    }
  } else {
    // price = net × (1 + Σsimple) × (1 + Σcompound); one rounding for net, then each tax rounded
    // and the last one takes what is left, so net + taxes is exactly the price.
    const simpleBps = BigInt(simple.reduce((sum, r) => sum + r.rateBps, 0));
    const compoundBps = BigInt(compound.reduce((sum, r) => sum + r.rateBps, 0));
    net = divRound(amount * 100_000_000n, (10_000n + simpleBps) * (10_000n + compoundBps), ctx.rounding);
    const included = amount - net;
    const last = rates.length - 1;
    simple.forEach((r, i) => {
      const t = i === last ? included - simpleTax : ofBps(net, r.rateBps, ctx.rounding);
      simpleTax += t;
      add(r, net, t);
    });
    const base = net + simpleTax;
    compound.forEach((r, i) => {
      const t = simple.length + i === last ? included - simpleTax - compoundTax : ofBps(base, r.rateBps, ctx.rounding);
      compoundTax += t;
      add(r, base, t);
    });
  }
  const tax = simpleTax + compoundTax;
  const exempt = (ctx.ratesByCategory[taxCategory] ?? []).filter((r) => ctx.exemptRateIds.has(r.id));
  const taxRule = taxes.length
    ? `${taxes.map((t) => `${t.name} ${pct(t.rateBps)} of ${money(t.taxableMinor, ctx.currency)} = ${money(t.taxMinor, ctx.currency)}`).join(", ")} (${ctx.taxMode === "INCLUSIVE" ? "included in the price" : "added to the price"}, ${ROUNDING_LABELS[ctx.rounding]})`
    : `No tax (${taxCategory.toLowerCase().replace("_", "-")})`;
  const exemptRule = exempt.length ? `; exempt from ${exempt.map((r) => r.name).join(", ")}` : "";
  return {
    ...rest,
    netMinor: toMinor(net),
    taxMinor: toMinor(tax),
    totalMinor: toMinor(net + tax),
    taxes,
    rule: `${charge.rule}. ${taxRule}${exemptRule}`,
  };
}

export function totalsOf(lines: readonly PricedLine[]): InvoiceTotals {
  // A loop, not a reduce to a new object per line: a billing run totals every invoice it issues.
  const t: InvoiceTotals = { subtotalMinor: 0, discountMinor: 0, taxMinor: 0, totalMinor: 0 };
  for (const l of lines) {
    t.subtotalMinor += l.netMinor;
    t.discountMinor += l.discountMinor;
    t.taxMinor += l.taxMinor;
    t.totalMinor += l.totalMinor;
  }
  return t;
}
