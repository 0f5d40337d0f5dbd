import type { BillingSettings, PendingCharge } from "../../db/generated/prisma/client";
import type { Tx } from "../../db/tenant";
import { queryRows } from "../../db/bulk";
import { parseDate, toDateString, todayIn } from "../subscriptions/dates";
import { openTaxId } from "../customers/identifiers";
import {
  overageCharge,
  pauseAdjustment,
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
import { addDays, periodFrom, suspendedDays, type BilledCycle, type StatusChange } from "./periods";
import type { SubscriptionStatus, TaxCategory } from "../../db/generated/prisma/enums";

// What is due for a batch of customers on a date: reads only, so the billing run and its preview
// share it. A subscription is due for every period that starts on or before the date and is not
// billed yet (the period after its last BillingPeriod, or its start date), at most
// MAX_CATCH_UP periods at once so a long-forgotten subscription cannot flood one invoice; a
// customer's waiting one-off charges go on the same invoice. A batch costs a fixed number of
// queries whatever its size (usage and status history are read for all of it at once).

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

/** A waiting one-off charge (PendingCharge), priced for this invoice. */
export interface PlannedCharge {
  id: string;
  line: PricedLine;
}

export interface PlannedInvoice {
  customerId: string;
  accountNumber: number;
  customerName: string;
  customerTaxNumber: string | null;
  periods: PlannedPeriod[];
  charges: PlannedCharge[];
}

export interface BillingContext {
  date: Date;
  /** The company's zone, for the days of status changes. */
  timeZone: string;
  currency: string;
  settings: BillingSettings;
  rates: Partial<Record<TaxCategory, RateForTax[]>>;
}

/**
 * Customers with a subscription that may be due or a charge waiting, after `after` in id order,
 * `size` at a time.
 */
export async function customerBatch(tx: Tx, date: Date, after: string | null, size: number): Promise<string[]> {
  // A walk along the customers' primary key that stops at `size` matches: each batch costs the
  // same however far the run has gone (a DISTINCT over the subscriptions would sort all of them
  // again for every batch). OFFSET 0 keeps each EXISTS a lookup by the customer's id: without it
  // the planner may answer the first one by hashing every subscription of the company, once per
  // batch (a run of 100,000 subscriptions read them all 160 times over).
  const rows = await queryRows<{ customerId: string }>(
    tx,
    `SELECT c.id AS "customerId" FROM "Customer" c
    WHERE c.id > $1 AND (
      EXISTS (SELECT 1 FROM "Subscription" s JOIN "Package" p ON p.id = s."packageId"
              WHERE s."customerId" = c.id AND s.status IN ('ACTIVE', 'SUSPENDED')
                AND s."startDate" <= $2::date AND p."billingCycle" <> 'VALIDITY'
                AND NOT p.prepaid OFFSET 0)
      OR EXISTS (SELECT 1 FROM "PendingCharge" pc
                 WHERE pc."customerId" = c.id AND pc."invoiceId" IS NULL AND pc."cancelledAt" IS NULL OFFSET 0))
    ORDER BY c.id LIMIT $3`,
    [after ?? "", toDateString(date), size],
  );
  return rows.map((r) => r.customerId);
}

interface BilledSoFar {
  subscriptionId: string;
  /** The last period of the unbroken run from the first: the next one is due after it. */
  periodStart: Date;
  periodEnd: Date;
  skippedReason: string | null;
}

/**
 * Where each subscription's billing stands. Periods are contiguous from the start date unless an
 * invoice was voided, which releases its periods (invoices.ts): then the first hole is due again,
 * and the periods after it, still claimed, are skipped by the claim in run.ts. (A hole before the
 * first remaining period is not seen: history may rightly start after the start date, for
 * subscribers brought over from another system; re-bill such a first period with a one-off charge.)
 */
async function billedSoFar(tx: Tx, ids: string[]): Promise<Map<string, BilledSoFar>> {
  // Per subscription, its periods in order along the unique (subscriptionId, periodStart) index,
  // and for each the look-up of the one after it by the same index (OFFSET 0 keeps that a look-up:
  // as a join, the planner hashed every period of the company, once per batch).
  // In SQL on the transaction's connection, dates as text: a row per subscription of the batch.
  const rows = await queryRows<{
    subscriptionId: string;
    periodStart: string;
    periodEnd: string;
    skippedReason: string | null;
  }>(
    tx,
    `SELECT s.sid AS "subscriptionId", b."periodStart"::text AS "periodStart", b."periodEnd"::text AS "periodEnd",
            b."skippedReason"
    FROM unnest($1::text[]) AS s(sid) CROSS JOIN LATERAL (
      SELECT b."periodStart", b."periodEnd", b."skippedReason" FROM "BillingPeriod" b
      WHERE b."subscriptionId" = s.sid AND NOT EXISTS (
        SELECT 1 FROM "BillingPeriod" n
        WHERE n."subscriptionId" = b."subscriptionId" AND n."periodStart" = b."periodEnd" + 1 OFFSET 0)
      ORDER BY b."periodStart" LIMIT 1) b`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.subscriptionId,
      {
        subscriptionId: r.subscriptionId,
        periodStart: parseDate(r.periodStart),
        periodEnd: parseDate(r.periodEnd),
        skippedReason: r.skippedReason,
      },
    ]),
  );
}

/** Usage of many (subscription, period) pairs in one query: bytes by index in `spans`. */
async function usageOf(tx: Tx, spans: { subscriptionId: string; start: Date; end: Date }[]): Promise<bigint[]> {
  const used = spans.map(() => 0n);
  if (spans.length === 0) return used;
  // Each span's days by UsageDaily's primary key (subscriptionId, day); OFFSET 0 keeps it a
  // look-up per span: as a join, the planner hashed every usage row of the company once per batch.
  // (On the transaction's connection: bigint comes back as its decimal text.)
  const rows = await queryRows<{ i: string; bytes: string | null }>(
    tx,
    `SELECT r.i, u.bytes::text AS bytes
    FROM unnest($1::text[], $2::date[], $3::date[]) WITH ORDINALITY AS r(sid, first, last, i)
    CROSS JOIN LATERAL (
      SELECT sum(u."downloadBytes" + u."uploadBytes")::bigint AS bytes FROM "UsageDaily" u
      WHERE u."subscriptionId" = r.sid AND u.day BETWEEN r.first AND r.last OFFSET 0) u`,
    [
      spans.map((s) => s.subscriptionId),
      spans.map((s) => toDateString(s.start)),
      spans.map((s) => toDateString(s.end)),
    ],
  );
  for (const r of rows) used[Number(r.i) - 1] = BigInt(r.bytes ?? 0);
  return used;
}

/**
 * MB added to each period's allowance on top of the package's cap, by index in `spans`: data
 * top-ups bought for it and unused data rolled over into it. Read straight from the data-caps
 * module's tables (DataTopUp, DataRollover) with SQL, so billing does not import data-caps
 * (which uses billing's periods).
 */
async function dataAddedOf(tx: Tx, spans: { subscriptionId: string; start: Date; end: Date }[]): Promise<number[]> {
  const added = spans.map(() => 0);
  if (spans.length === 0) return added;
  const rows = await queryRows<{ i: string; mb: number }>(
    tx,
    `SELECT r.i, (COALESCE((SELECT sum(t.mb) FROM "DataTopUp" t
        WHERE t."subscriptionId" = r.sid AND t."periodStart" BETWEEN r.first AND r.last), 0)
      + COALESCE((SELECT sum(o.mb) FROM "DataRollover" o
        WHERE o."subscriptionId" = r.sid AND o."periodStart" BETWEEN r.first AND r.last), 0))::int AS mb
    FROM unnest($1::text[], $2::date[], $3::date[]) WITH ORDINALITY AS r(sid, first, last, i)`,
    [
      spans.map((s) => s.subscriptionId),
      spans.map((s) => toDateString(s.start)),
      spans.map((s) => toDateString(s.end)),
    ],
  );
  for (const r of rows) added[Number(r.i) - 1] = r.mb;
  return added;
}

/** Status changes of the subscriptions since `since`, by subscription, on their day in `timeZone`. */
async function statusChanges(tx: Tx, ids: string[], since: Date, timeZone: string) {
  const rows = await tx.subscriptionEvent.findMany({
    where: { subscriptionId: { in: ids }, createdAt: { gte: addDays(since, -1) } },
    select: { subscriptionId: true, fromStatus: true, toStatus: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const by = new Map<string, StatusChange[]>();
  for (const r of rows) {
    const list = by.get(r.subscriptionId) ?? [];
    list.push({ day: parseDate(todayIn(timeZone, r.createdAt)), fromStatus: r.fromStatus, toStatus: r.toStatus });
    by.set(r.subscriptionId, list);
  }
  return by;
}

/** A waiting one-off charge as a draft line. */
export function pendingChargeDraft(c: PendingChargeRow): ChargeDraft {
  return {
    kind: c.lineKind,
    description: c.description,
    subscriptionId: c.subscriptionId,
    packageId: null,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    quantity: c.quantity,
    unitPriceMinor: c.unitPriceMinor,
    grossMinor: c.grossMinor,
    discountBps: 0,
    discountMinor: 0,
    taxCategory: c.taxCategory,
    usedMb: c.usedMb,
    includedMb: c.includedMb,
    rule: c.rule,
  };
}

type PendingChargeRow = Pick<
  PendingCharge,
  | "id"
  | "customerId"
  | "subscriptionId"
  | "lineKind"
  | "description"
  | "quantity"
  | "unitPriceMinor"
  | "grossMinor"
  | "taxCategory"
  | "periodStart"
  | "periodEnd"
  | "usedMb"
  | "includedMb"
  | "rule"
>;

/**
 * The customers' waiting one-off charges (not invoiced, not cancelled). In SQL like the rest of
 * planning (an ORM query with one parameter per customer of the batch cost more in Node than in
 * the database); dates come back as text.
 */
async function waitingCharges(tx: Tx, customerIds: string[]): Promise<PendingChargeRow[]> {
  const rows = await queryRows<
    Omit<PendingChargeRow, "periodStart" | "periodEnd"> & { periodStart: string | null; periodEnd: string | null }
  >(
    tx,
    `SELECT id, "customerId", "subscriptionId", "lineKind", description, quantity, "unitPriceMinor", "grossMinor",
            "taxCategory", "periodStart"::text AS "periodStart", "periodEnd"::text AS "periodEnd", "usedMb",
            "includedMb", rule
     FROM "PendingCharge"
     WHERE "customerId" = ANY($1::text[]) AND "invoiceId" IS NULL AND "cancelledAt" IS NULL
     -- A repair's lines in the order the engine made them (credit, then the new package).
     ORDER BY "createdAt", "sourceKey", id`,
    [customerIds],
  );
  return rows.map((r) => ({
    ...r,
    periodStart: r.periodStart === null ? null : parseDate(r.periodStart),
    periodEnd: r.periodEnd === null ? null : parseDate(r.periodEnd),
  }));
}

type DuePackage = BillablePackage & { billingCycle: BilledCycle };
interface DueSubscription {
  id: string;
  customerId: string;
  status: SubscriptionStatus;
  quantity: number;
  startDate: Date;
  package: DuePackage;
}

/**
 * The customers' subscriptions that bill by invoice (not prepaid, not VALIDITY) and have started,
 * with their package, by customer and id. In SQL on the transaction's connection: a lookup of each
 * customer by the (companyId, customerId) index, kept one by OFFSET 0 (as a join, or as an ORM
 * query with one parameter per customer, the planner may scan every subscription of the company
 * once per batch), and one object per package rather than one per row.
 */
async function dueSubscriptions(tx: Tx, customerIds: string[], date: Date): Promise<DueSubscription[]> {
  const rows = await queryRows<{
    id: string;
    customerId: string;
    status: SubscriptionStatus;
    quantity: number;
    startDate: string;
    packageId: string;
    name: string;
    billingCycle: BilledCycle;
    priceMinor: number;
    setupFeeMinor: number;
    promoPriceMinor: number | null;
    promoCycles: number | null;
    volumeDiscounts: unknown;
    taxCategory: TaxCategory;
    dataCapMb: number | null;
    overagePerGbMinor: number | null;
  }>(
    tx,
    `SELECT s.id, s."customerId", s.status, s.quantity, s."startDate"::text AS "startDate", s."packageId",
            p.name, p."billingCycle", p."priceMinor", p."setupFeeMinor", p."promoPriceMinor", p."promoCycles",
            p."volumeDiscounts", p."taxCategory", p."dataCapMb", p."overagePerGbMinor"
     FROM unnest($1::text[]) AS c(id) CROSS JOIN LATERAL (
       SELECT s.* FROM "Subscription" s
       WHERE s."customerId" = c.id AND s.status::text = ANY($2::text[]) AND s."startDate" <= $3::date OFFSET 0) s
     JOIN "Package" p ON p.id = s."packageId"
     WHERE p."billingCycle" <> 'VALIDITY' AND NOT p.prepaid
     ORDER BY s."customerId", s.id`,
    [customerIds, BILLED_STATUSES, toDateString(date)],
  );
  const packages = new Map<string, DuePackage>();
  return rows.map((r) => {
    let pkg = packages.get(r.packageId);
    if (!pkg) {
      pkg = {
        id: r.packageId,
        name: r.name,
        billingCycle: r.billingCycle,
        priceMinor: r.priceMinor,
        setupFeeMinor: r.setupFeeMinor,
        promoPriceMinor: r.promoPriceMinor,
        promoCycles: r.promoCycles,
        volumeDiscounts: r.volumeDiscounts,
        taxCategory: r.taxCategory,
        dataCapMb: r.dataCapMb,
        overagePerGbMinor: r.overagePerGbMinor,
      };
      packages.set(r.packageId, pkg);
    }
    return {
      id: r.id,
      customerId: r.customerId,
      status: r.status,
      quantity: r.quantity,
      startDate: parseDate(r.startDate),
      package: pkg,
    };
  });
}

export async function planCustomers(tx: Tx, ctx: BillingContext, customerIds: string[]): Promise<PlannedInvoice[]> {
  if (customerIds.length === 0) return [];
  const { settings, date } = ctx;
  const subscriptions = await dueSubscriptions(tx, customerIds, date);
  const ids = subscriptions.map((s) => s.id);
  const lastBy = ids.length ? await billedSoFar(tx, ids) : new Map<string, BilledSoFar>();
  // The batch's customers by their primary key (what is printed on the invoice), by account
  // number: the order the batch's invoices are numbered in (the run walks the batches by id).
  const customers = await queryRows<{
    id: string;
    accountNumber: number;
    firstName: string | null;
    lastName: string | null;
    businessName: string | null;
    taxIdSealed: string | null;
  }>(
    tx,
    `SELECT id, "accountNumber", "firstName", "lastName", "businessName", "taxIdSealed"
     FROM "Customer" WHERE id = ANY($1::text[]) ORDER BY "accountNumber"`,
    [customerIds],
  );
  const exemptions = await queryRows<{ customerId: string; taxRateId: string }>(
    tx,
    `SELECT "customerId", "taxRateId" FROM "TaxExemption" WHERE "customerId" = ANY($1::text[])`,
    [customerIds],
  );
  const charges = await waitingCharges(tx, customerIds);
  const paused = settings.suspendedBilling === "PAUSE";

  const invoices = new Map<string, PlannedInvoice>();
  const exemptBy = new Map<string, Set<string>>();
  for (const e of exemptions) exemptBy.set(e.customerId, (exemptBy.get(e.customerId) ?? new Set()).add(e.taxRateId));
  const taxContextOf = (customerId: string) => ({
    taxMode: settings.taxMode,
    rounding: settings.roundingMode,
    currency: ctx.currency,
    ratesByCategory: ctx.rates,
    exemptRateIds: exemptBy.get(customerId) ?? NO_EXEMPTIONS,
  });
  for (const c of customers)
    invoices.set(c.id, {
      customerId: c.id,
      accountNumber: c.accountNumber,
      customerName: c.businessName || [c.firstName, c.lastName].filter(Boolean).join(" ") || `#${c.accountNumber}`,
      customerTaxNumber: openTaxId(c),
      periods: [],
      charges: [],
    });
  for (const c of charges) {
    const line = priceLine(pendingChargeDraft(c), taxContextOf(c.customerId));
    invoices.get(c.customerId)?.charges.push({ id: c.id, line });
  }

  // First pass: the periods due and which earlier period each one's overage (or pause repair)
  // is about, so that usage and status history are read once for the whole batch.
  interface Step {
    sub: (typeof subscriptions)[number];
    pkg: BillablePackage & { billingCycle: BilledCycle };
    period: ReturnType<typeof periodFrom>;
    prior: { start: Date; end: Date; skipped: boolean } | null;
    first: boolean;
    usageIndex: number;
  }
  const steps: Step[] = [];
  const usageSpans: { subscriptionId: string; start: Date; end: Date }[] = [];
  let earliestPrior: Date | null = null;
  for (const sub of subscriptions) {
    const pkg = sub.package as BillablePackage & { billingCycle: BilledCycle };
    const cycle = { startDate: sub.startDate, cycle: pkg.billingCycle, alignment: settings.cycleAlignment };
    const billed = lastBy.get(sub.id);
    let prior = billed
      ? { start: billed.periodStart, end: billed.periodEnd, skipped: billed.skippedReason !== null }
      : null;
    let from = prior ? addDays(prior.end, 1) : sub.startDate;
    for (let n = 0; from <= date && n < MAX_CATCH_UP; n++) {
      const period = periodFrom(from, cycle);
      let usageIndex = -1;
      if (prior && pkg.dataCapMb && pkg.overagePerGbMinor != null) {
        usageIndex = usageSpans.length;
        usageSpans.push({ subscriptionId: sub.id, start: prior.start, end: prior.end });
      }
      if (prior && paused && (!earliestPrior || prior.start < earliestPrior)) earliestPrior = prior.start;
      steps.push({ sub, pkg, period, prior, first: !prior && n === 0, usageIndex });
      const skipped = sub.status === "SUSPENDED" && paused;
      prior = { start: period.start, end: period.end, skipped };
      from = addDays(period.end, 1);
    }
  }
  const used = await usageOf(tx, usageSpans);
  const added = await dataAddedOf(tx, usageSpans);
  const changes =
    paused && earliestPrior
      ? await statusChanges(tx, [...new Set(steps.map((s) => s.sub.id))], earliestPrior, ctx.timeZone)
      : new Map<string, StatusChange[]>();

  const recurringKinds = new Map<string, PricedLine>();
  for (const { sub, pkg, period, prior, first, usageIndex } of steps) {
    const taxContext = taxContextOf(sub.customerId);
    const planned: PlannedPeriod = {
      subscriptionId: sub.id,
      start: period.start,
      end: period.end,
      skippedReason: null,
      lines: [],
    };
    const recurring = (span: ReturnType<typeof periodFrom>) =>
      recurringCharge({
        pkg,
        subscriptionId: sub.id,
        quantity: sub.quantity,
        period: span,
        startDate: sub.startDate,
        alignment: settings.cycleAlignment,
        rounding: settings.roundingMode,
        currency: ctx.currency,
      });
    const lines: PricedLine[] = [];
    if (usageIndex >= 0 && prior) {
      const overage = overageCharge({
        pkg,
        subscriptionId: sub.id,
        periodStart: prior.start,
        periodEnd: prior.end,
        usedBytes: used[usageIndex]!,
        addedMb: added[usageIndex]!,
        rounding: settings.roundingMode,
        currency: ctx.currency,
      });
      if (overage) lines.push(priceLine(overage, taxContext));
    }
    if (prior && paused) {
      const priorSpan = periodFrom(prior.start, {
        startDate: sub.startDate,
        cycle: pkg.billingCycle,
        alignment: settings.cycleAlignment,
      });
      const adjustment = pauseAdjustment({
        charge: recurring(priorSpan),
        periodDays: priorSpan.days,
        suspendedDays: suspendedDays(changes.get(sub.id) ?? [], prior.start, prior.end, sub.status),
        wasSkipped: prior.skipped,
        rounding: settings.roundingMode,
        currency: ctx.currency,
      });
      if (adjustment) lines.push(priceLine(adjustment, taxContext));
    }
    if (sub.status === "SUSPENDED" && paused) {
      planned.skippedReason = "Suspended; the company pauses billing while a subscription is suspended.";
    } else {
      // The recurring line of a subscription is the same as every other's with the same package,
      // quantity, start date and period (a batch has a few dozen kinds among hundreds of
      // subscriptions), unless the customer is exempt from a tax: priced once per kind and
      // batch, then copied with the subscription's id (its taxes are shared, never changed).
      const kind =
        taxContext.exemptRateIds === NO_EXEMPTIONS
          ? `${pkg.id}|${sub.quantity}|${sub.startDate.getTime()}|${period.start.getTime()}|${period.end.getTime()}`
          : null;
      const same = kind === null ? undefined : recurringKinds.get(kind);
      if (same) lines.push({ ...same, subscriptionId: sub.id });
      else {
        const line = priceLine(recurring(period), taxContext);
        if (kind !== null) recurringKinds.set(kind, line);
        lines.push(line);
      }
      if (first) {
        const fee = setupFeeCharge(pkg, sub.id, ctx.currency);
        if (fee) lines.push(priceLine(fee, taxContext));
      }
    }
    planned.lines = lines;
    invoices.get(sub.customerId)!.periods.push(planned);
  }
  return [...invoices.values()].filter((i) => i.periods.length > 0 || i.charges.length > 0);
}

const NO_EXEMPTIONS: ReadonlySet<string> = new Set();

/** Totals of what a planned invoice bills: its charged periods' lines and its waiting charges. */
export function invoiceTotals(periods: PlannedPeriod[], charges: PlannedCharge[] = []): InvoiceTotals {
  return totalsOf([...periods.flatMap((p) => p.lines), ...charges.map((c) => c.line)]);
}
