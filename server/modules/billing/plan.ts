import type { BillingSettings } from "../../db/generated/prisma/client";
import type { Tx } from "../../db/tenant";
import { toDateString } from "../subscriptions/dates";
import { openTaxId } from "../customers/identifiers";
import {
  overageCharge,
  priceLine,
  recurringCharge,
  setupFeeCharge,
  totalsOf,
  type BillablePackage,
  type ChargeDraft,
  type InvoiceTotals,
  type PricedLine,
  type RateForTax,
} from "./engine";
import { addDays, periodFrom, type BilledCycle } from "./periods";
import type { TaxCategory } from "../../db/generated/prisma/enums";

// What is due for a batch of customers on a date: reads only, so the billing run and its preview
// share it. A subscription is due for every period that starts on or before the date and is not
// billed yet (the period after its last BillingPeriod, or its start date), at most
// MAX_CATCH_UP periods at once so a long-forgotten subscription cannot flood one invoice.

export const MAX_CATCH_UP = 24;
export const BILLED_STATUSES = ["ACTIVE", "SUSPENDED"] as const;

export interface PlannedPeriod {
  subscriptionId: string;
  start: Date;
  end: Date;
  /** Set when the period is claimed without a charge (paused while suspended). */
  skippedReason: string | null;
  lines: PricedLine[];
}

export interface PlannedInvoice {
  customerId: string;
  accountNumber: number;
  customerName: string;
  customerTaxNumber: string | null;
  periods: PlannedPeriod[];
}

export interface BillingContext {
  date: Date;
  currency: string;
  settings: BillingSettings;
  rates: Partial<Record<TaxCategory, RateForTax[]>>;
}

/** Customers with a subscription that may be due, after `after` in id order, `size` at a time. */
export async function customerBatch(tx: Tx, date: Date, after: string | null, size: number): Promise<string[]> {
  // Raw SQL: Prisma's `distinct` with `take` deduplicates in memory after fetching.
  const rows = await tx.$queryRaw<{ customerId: string }[]>`
    SELECT DISTINCT s."customerId" FROM "Subscription" s JOIN "Package" p ON p.id = s."packageId"
    WHERE s.status IN ('ACTIVE', 'SUSPENDED') AND s."startDate" <= ${toDateString(date)}::date
      AND p."billingCycle" <> 'VALIDITY' AND s."customerId" > ${after ?? ""}
    ORDER BY s."customerId" LIMIT ${size}`;
  return rows.map((r) => r.customerId);
}

interface LastPeriod {
  subscriptionId: string;
  periodStart: Date;
  periodEnd: Date;
}

export async function planCustomers(tx: Tx, ctx: BillingContext, customerIds: string[]): Promise<PlannedInvoice[]> {
  if (customerIds.length === 0) return [];
  const { settings, date } = ctx;
  const subscriptions = await tx.subscription.findMany({
    where: {
      customerId: { in: customerIds },
      status: { in: [...BILLED_STATUSES] },
      startDate: { lte: date },
      package: { billingCycle: { not: "VALIDITY" } },
    },
    select: {
      id: true,
      customerId: true,
      status: true,
      quantity: true,
      startDate: true,
      package: {
        select: {
          id: true,
          name: true,
          billingCycle: true,
          priceMinor: true,
          setupFeeMinor: true,
          promoPriceMinor: true,
          promoCycles: true,
          volumeDiscounts: true,
          taxCategory: true,
          dataCapMb: true,
          overagePerGbMinor: true,
        },
      },
    },
    orderBy: [{ customerId: "asc" }, { id: "asc" }],
  });
  if (subscriptions.length === 0) return [];
  const ids = subscriptions.map((s) => s.id);
  const last = await tx.$queryRaw<LastPeriod[]>`
    SELECT DISTINCT ON ("subscriptionId") "subscriptionId", "periodStart", "periodEnd"
    FROM "BillingPeriod" WHERE "subscriptionId" = ANY(${ids}::text[])
    ORDER BY "subscriptionId", "periodStart" DESC`;
  const lastBy = new Map(last.map((l) => [l.subscriptionId, l]));
  const customers = await tx.customer.findMany({
    where: { id: { in: customerIds } },
    select: { id: true, accountNumber: true, firstName: true, lastName: true, businessName: true, taxIdSealed: true },
  });
  const exemptions = await tx.taxExemption.findMany({
    where: { customerId: { in: customerIds } },
    select: { customerId: true, taxRateId: true },
  });

  const invoices = new Map<string, PlannedInvoice>();
  for (const c of customers)
    invoices.set(c.id, {
      customerId: c.id,
      accountNumber: c.accountNumber,
      customerName: c.businessName || [c.firstName, c.lastName].filter(Boolean).join(" ") || `#${c.accountNumber}`,
      customerTaxNumber: openTaxId(c),
      periods: [],
    });

  for (const sub of subscriptions) {
    const pkg = sub.package as BillablePackage & { billingCycle: BilledCycle };
    const taxContext = {
      taxMode: settings.taxMode,
      rounding: settings.roundingMode,
      currency: ctx.currency,
      ratesByCategory: ctx.rates,
      exemptRateIds: new Set(exemptions.filter((e) => e.customerId === sub.customerId).map((e) => e.taxRateId)),
    };
    const cycle = { startDate: sub.startDate, cycle: pkg.billingCycle, alignment: settings.cycleAlignment };
    const previous = lastBy.get(sub.id);
    let prior: { start: Date; end: Date } | null = previous
      ? { start: previous.periodStart, end: previous.periodEnd }
      : null;
    let from = prior ? addDays(prior.end, 1) : sub.startDate;
    const invoice = invoices.get(sub.customerId)!;
    for (let n = 0; from <= date && n < MAX_CATCH_UP; n++) {
      const period = periodFrom(from, cycle);
      const planned: PlannedPeriod = {
        subscriptionId: sub.id,
        start: period.start,
        end: period.end,
        skippedReason: null,
        lines: [],
      };
      const charges: ChargeDraft[] = [];
      if (prior && pkg.dataCapMb && pkg.overagePerGbMinor != null) {
        const used = await usageBytes(tx, sub.id, prior.start, prior.end);
        const overage = overageCharge({
          pkg,
          subscriptionId: sub.id,
          periodStart: prior.start,
          periodEnd: prior.end,
          usedBytes: used,
          addedMb: await dataAddedMb(tx, sub.id, prior.start, prior.end),
          rounding: settings.roundingMode,
          currency: ctx.currency,
        });
        if (overage) charges.push(overage);
      }
      if (sub.status === "SUSPENDED" && settings.suspendedBilling === "PAUSE") {
        planned.skippedReason = "Suspended; the company pauses billing while a subscription is suspended.";
      } else {
        charges.push(
          recurringCharge({
            pkg,
            subscriptionId: sub.id,
            quantity: sub.quantity,
            period,
            startDate: sub.startDate,
            alignment: settings.cycleAlignment,
            rounding: settings.roundingMode,
            currency: ctx.currency,
          }),
        );
        if (!previous && n === 0) {
          const fee = setupFeeCharge(pkg, sub.id, ctx.currency);
          if (fee) charges.push(fee);
        }
      }
      planned.lines = charges.map((c) => priceLine(c, taxContext));
      invoice.periods.push(planned);
      prior = { start: period.start, end: period.end };
      from = addDays(period.end, 1);
    }
  }
  return [...invoices.values()].filter((i) => i.periods.length > 0);
}

async function usageBytes(tx: Tx, subscriptionId: string, start: Date, end: Date): Promise<bigint> {
  const rows = await tx.$queryRaw<{ bytes: bigint | null }[]>`
    SELECT sum("downloadBytes" + "uploadBytes")::bigint AS bytes FROM "UsageDaily"
    WHERE "subscriptionId" = ${subscriptionId} AND day BETWEEN ${toDateString(start)}::date AND ${toDateString(end)}::date`;
  return BigInt(rows[0]?.bytes ?? 0n);
}

/**
 * Data added to the period's allowance on top of the package's cap: top-ups bought for it and
 * unused data rolled over into it. Read straight from the data-caps module's tables (DataTopUp,
 * DataRollover) with SQL, so billing does not import data-caps (which uses billing's periods).
 */
async function dataAddedMb(tx: Tx, subscriptionId: string, start: Date, end: Date): Promise<number> {
  const rows = await tx.$queryRaw<{ mb: number }[]>`
    SELECT (COALESCE((SELECT sum(mb) FROM "DataTopUp" WHERE "subscriptionId" = ${subscriptionId}
        AND "periodStart" BETWEEN ${toDateString(start)}::date AND ${toDateString(end)}::date), 0)
      + COALESCE((SELECT sum(mb) FROM "DataRollover" WHERE "subscriptionId" = ${subscriptionId}
        AND "periodStart" BETWEEN ${toDateString(start)}::date AND ${toDateString(end)}::date), 0))::int AS mb`;
  return rows[0]?.mb ?? 0;
}

export function invoiceTotals(periods: PlannedPeriod[]): InvoiceTotals {
  return totalsOf(periods.flatMap((p) => p.lines));
}
