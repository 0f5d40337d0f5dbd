import { Prisma } from "../../db/generated/prisma/client";
import type { BillingRunTrigger } from "../../db/generated/prisma/enums";
import { withTenant, type Tx } from "../../db/tenant";
import { seal } from "../../lib/crypto";
import { Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { pageOf } from "../../lib/schema";
import * as audit from "../audit/service";
import * as counters from "../counters/service";
import { applyCreditToInvoice } from "./credit";
import { systemActor, type Actor, type Scope } from "../scope";
import { parseDate, toDateString, todayIn } from "../subscriptions/dates";
import { addDays } from "./periods";
import {
  customerBatch,
  invoiceTotals,
  planCustomers,
  type BillingContext,
  type PlannedInvoice,
  type PlannedPeriod,
} from "./plan";
import { invoiceNumber } from "./schema";
import * as settingsService from "./settings";
import * as taxes from "./taxes";

// The billing run: for one company and one date in its time zone, invoice everything due.
//
// Memory stays flat: customers are taken BATCH_SIZE at a time (a cursor on their id), planned,
// and invoiced one customer per transaction: one invoice per customer per run, grouping all of
// their due subscriptions and periods.
//
// Exactly once, in the database: each customer's transaction first claims its periods with
// INSERT … ON CONFLICT DO NOTHING on BillingPeriod's UNIQUE (subscriptionId, periodStart). A
// second run, or one at the same moment (it waits on the first one's uncommitted rows), claims
// nothing and bills nothing. Only after the claim does the transaction take the next invoice
// number from the company's "invoice" counter (UPDATE … RETURNING, which holds the counter's row
// lock until commit), so a customer that turns out to have nothing to bill takes no number and
// a failed transaction gives its number back: numbers stay gapless and unique.

export const BATCH_SIZE = 500;
const MAX_FAILURES_KEPT = 200;
const SCHEDULED_RUN = "billing.run";

export interface RunOptions {
  /** "YYYY-MM-DD" in the company's time zone; today there when left out. */
  date?: string;
  trigger: BillingRunTrigger;
  actor: Actor;
  batchSize?: number;
  now?: Date;
}

interface Failure {
  customerId: string;
  accountNumber: number;
  reason: string;
}

async function contextFor(tx: Tx, companyId: string, date: string | undefined, now: Date) {
  const scope: Scope = { tx, companyId, actor: systemActor };
  const [settings, rates, company] = [
    await settingsService.get(scope),
    await taxes.ratesByCategory(scope),
    await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } }),
  ];
  const day = date ?? todayIn(company.timeZone, now);
  const { currency, ...rest } = settings;
  const ctx: BillingContext = { date: parseDate(day), currency, settings: { ...rest }, rates };
  return ctx;
}

/** Each batch of customers with what is due for them; reads only. */
async function* plannedBatches(companyId: string, ctx: BillingContext, size: number) {
  let after: string | null = null;
  for (;;) {
    const planned: PlannedInvoice[] | null = await withTenant(companyId, async (tx) => {
      const ids = await customerBatch(tx, ctx.date, after, size);
      if (ids.length === 0) return null;
      after = ids[ids.length - 1]!;
      return planCustomers(tx, ctx, ids);
    });
    if (planned === null) return;
    yield planned;
  }
}

// ── preview ────────────────────────────────────────────────────────────────────────────────

const PREVIEW_INVOICES = 100;

export interface PreviewInvoice {
  customerId: string;
  accountNumber: number;
  customerName: string;
  periodStart: Date | null;
  periodEnd: Date | null;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  periods: Omit<PlannedPeriod, "lines">[];
  lines: PlannedPeriod["lines"];
}

/** What a run for `date` would invoice: nothing is written. The first 100 invoices in full. */
export async function preview(companyId: string, date?: string, now = new Date()) {
  const ctx = await withTenant(companyId, (tx) => contextFor(tx, companyId, date, now));
  let invoiceCount = 0;
  let periodCount = 0;
  let skippedCount = 0;
  let subtotal = 0n;
  let tax = 0n;
  let total = 0n;
  const invoices: PreviewInvoice[] = [];
  for await (const batch of plannedBatches(companyId, ctx, BATCH_SIZE)) {
    for (const inv of batch) {
      const billed = inv.periods.filter((p) => p.lines.length > 0);
      skippedCount += inv.periods.filter((p) => p.skippedReason).length;
      if (billed.length === 0) continue;
      const totals = invoiceTotals(billed);
      invoiceCount++;
      periodCount += billed.filter((p) => !p.skippedReason).length;
      subtotal += BigInt(totals.subtotalMinor);
      tax += BigInt(totals.taxMinor);
      total += BigInt(totals.totalMinor);
      if (invoices.length < PREVIEW_INVOICES)
        invoices.push({
          customerId: inv.customerId,
          accountNumber: inv.accountNumber,
          customerName: inv.customerName,
          ...span(billed),
          ...totals,
          periods: inv.periods.map(({ lines: _lines, ...p }) => p),
          lines: billed.flatMap((p) => p.lines),
        });
    }
  }
  return {
    date: toDateString(ctx.date),
    currency: ctx.currency,
    invoiceCount,
    periodCount,
    skippedCount,
    subtotalMinor: subtotal,
    taxMinor: tax,
    totalMinor: total,
    invoices,
    truncated: invoiceCount > invoices.length,
  };
}

function span(periods: PlannedPeriod[]) {
  const dated = periods.flatMap((p) => p.lines.flatMap((l) => [l.periodStart, l.periodEnd])).filter(Boolean) as Date[];
  const starts = periods.map((p) => p.start.getTime());
  const ends = periods.map((p) => p.end.getTime());
  const all = [...starts, ...ends, ...dated.map((d) => d.getTime())];
  return all.length
    ? { periodStart: new Date(Math.min(...all)), periodEnd: new Date(Math.max(...all)) }
    : { periodStart: null, periodEnd: null };
}

// ── run ────────────────────────────────────────────────────────────────────────────────────

export interface RunResult {
  id: string;
  date: string;
  invoicesCreated: number;
  periodsBilled: number;
  periodsSkipped: number;
  totalMinor: bigint;
  failureCount: number;
}

export async function run(companyId: string, options: RunOptions): Promise<RunResult> {
  const now = options.now ?? new Date();
  const ctx = await withTenant(companyId, (tx) => contextFor(tx, companyId, options.date, now));
  const runId = newId();
  await withTenant(companyId, async (tx) => {
    await tx.billingRun.create({
      data: {
        id: runId,
        companyId,
        runDate: ctx.date,
        trigger: options.trigger,
        startedById: options.actor.type === "USER" ? (options.actor.id ?? null) : null,
      },
    });
    await audit.record(
      { tx, companyId, actor: options.actor },
      {
        action: "billing.run_start",
        entityType: "BillingRun",
        entityId: runId,
        after: { date: toDateString(ctx.date), trigger: options.trigger },
      },
    );
  });

  const result: RunResult = {
    id: runId,
    date: toDateString(ctx.date),
    invoicesCreated: 0,
    periodsBilled: 0,
    periodsSkipped: 0,
    totalMinor: 0n,
    failureCount: 0,
  };
  const failures: Failure[] = [];
  try {
    for await (const batch of plannedBatches(companyId, ctx, options.batchSize ?? BATCH_SIZE)) {
      for (const planned of batch) {
        try {
          const done = await invoiceCustomer(companyId, ctx, runId, planned, options.actor);
          if (done.invoiceTotal !== null) {
            result.invoicesCreated++;
            result.totalMinor += BigInt(done.invoiceTotal);
          }
          result.periodsBilled += done.billed;
          result.periodsSkipped += done.skipped;
        } catch (err) {
          // One customer's failure (a rate too large for a line, a bug) must not stop everyone
          // else's invoices; it is listed on the run with its reason and retried by the next run.
          result.failureCount++;
          if (failures.length < MAX_FAILURES_KEPT)
            failures.push({
              customerId: planned.customerId,
              accountNumber: planned.accountNumber,
              reason: err instanceof Error ? err.message.slice(0, 300) : String(err),
            });
        }
      }
    }
  } finally {
    await withTenant(companyId, async (tx) => {
      await tx.billingRun.update({
        where: { id: runId },
        data: {
          status: "COMPLETED",
          invoicesCreated: result.invoicesCreated,
          periodsBilled: result.periodsBilled,
          periodsSkipped: result.periodsSkipped,
          totalMinor: result.totalMinor,
          failureCount: result.failureCount,
          failures: failures as unknown as Prisma.InputJsonValue,
          finishedAt: new Date(),
        },
      });
      await audit.record(
        { tx, companyId, actor: options.actor },
        {
          action: "billing.run_finish",
          entityType: "BillingRun",
          entityId: runId,
          after: { ...result, totalMinor: result.totalMinor.toString() },
        },
      );
    });
  }
  return result;
}

/** Claims the customer's due periods, then issues one invoice for what was claimed. */
async function invoiceCustomer(
  companyId: string,
  ctx: BillingContext,
  runId: string,
  planned: PlannedInvoice,
  actor: Actor,
): Promise<{ invoiceTotal: number | null; billed: number; skipped: number }> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor };
    const rows = planned.periods.map(
      (p) =>
        Prisma.sql`(${newId()}, ${companyId}, ${p.subscriptionId}, ${toDateString(p.start)}::date, ${toDateString(p.end)}::date, ${runId}, ${p.skippedReason})`,
    );
    const claimedRows = await tx.$queryRaw<{ id: string; subscriptionId: string; periodStart: Date }[]>`
      INSERT INTO "BillingPeriod" (id, "companyId", "subscriptionId", "periodStart", "periodEnd", "billingRunId", "skippedReason")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("subscriptionId", "periodStart") DO NOTHING
      RETURNING id, "subscriptionId", "periodStart"`;
    const key = (subscriptionId: string, start: Date) => `${subscriptionId}|${toDateString(start)}`;
    const claimedIds = new Map(claimedRows.map((r) => [key(r.subscriptionId, r.periodStart), r.id]));
    const claimed = planned.periods.filter((p) => claimedIds.has(key(p.subscriptionId, p.start)));
    const billed = claimed.filter((p) => p.lines.length > 0);
    const skipped = claimed.filter((p) => p.skippedReason).length;
    if (billed.length === 0) return { invoiceTotal: null, billed: 0, skipped };

    const lines = billed.flatMap((p) => p.lines);
    const totals = invoiceTotals(billed);
    const number = await counters.next(scope, "invoice");
    const invoiceId = newId();
    const { periodStart, periodEnd } = span(billed);
    await tx.invoice.create({
      data: {
        id: invoiceId,
        companyId,
        customerId: planned.customerId,
        number,
        prefix: ctx.settings.invoicePrefix,
        status: "OPEN",
        currency: ctx.currency,
        issueDate: ctx.date,
        dueDate: addDays(ctx.date, ctx.settings.paymentTermsDays),
        periodStart,
        periodEnd,
        taxMode: ctx.settings.taxMode,
        roundingMode: ctx.settings.roundingMode,
        ...totals,
        companyTaxNumber: ctx.settings.taxRegistrationNumber,
        customerTaxNumberSealed: planned.customerTaxNumber && seal(planned.customerTaxNumber),
        billingRunId: runId,
      },
    });
    const lineIds = lines.map(() => newId());
    await tx.invoiceLine.createMany({
      data: lines.map(({ taxes: _taxes, ...l }, i) => ({
        ...l,
        id: lineIds[i]!,
        companyId,
        invoiceId,
        position: i + 1,
      })),
    });
    const lineTaxes = lines.flatMap((l, i) =>
      l.taxes.map((t) => ({ ...t, id: newId(), companyId, invoiceId, lineId: lineIds[i]! })),
    );
    if (lineTaxes.length) await tx.invoiceLineTax.createMany({ data: lineTaxes });
    await tx.billingPeriod.updateMany({
      where: { id: { in: billed.map((p) => claimedIds.get(key(p.subscriptionId, p.start))!) } },
      data: { invoiceId },
    });
    await audit.record(scope, {
      action: "billing.invoice_issue",
      entityType: "Invoice",
      entityId: invoiceId,
      after: {
        number: invoiceNumber(ctx.settings.invoicePrefix, number),
        customerId: planned.customerId,
        ...totals,
        billingRunId: runId,
      },
    });
    // The customer's credit (overpayments, credit notes) pays the new invoice first.
    await applyCreditToInvoice(scope, invoiceId);
    return { invoiceTotal: totals.totalMinor, billed: billed.filter((p) => !p.skippedReason).length, skipped };
  });
}

/**
 * The daily scheduled run: bills today (in the company's zone) unless a scheduled run already
 * finished for today. The cron fires hourly so that each company is billed soon after its own
 * midnight; the check keeps it to one run a day, and the claims keep even a second one harmless.
 */
export async function runScheduled(companyId: string, now: Date = new Date()): Promise<RunResult | null> {
  const today = await withTenant(companyId, async (tx) => {
    const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } });
    const day = todayIn(company.timeZone, now);
    const done = await tx.billingRun.count({
      where: { trigger: "SCHEDULE", runDate: parseDate(day), status: "COMPLETED" },
    });
    return done > 0 ? null : day;
  });
  if (!today) return null;
  return run(companyId, { date: today, trigger: "SCHEDULE", actor: { ...systemActor, label: SCHEDULED_RUN }, now });
}

// ── runs in the console ────────────────────────────────────────────────────────────────────

export async function listRuns(scope: Scope, input: { page: number; pageSize: number }) {
  const [total, rows] = [
    await scope.tx.billingRun.count(),
    await scope.tx.billingRun.findMany({
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      omit: { failures: true },
    }),
  ];
  return { ...pageOf(total, input.page, input.pageSize), rows };
}

export async function getRun(scope: Scope, id: string) {
  const found = await scope.tx.billingRun.findUnique({ where: { id } });
  if (!found) throw new NotFound("Billing run");
  return { ...found, failures: (Array.isArray(found.failures) ? found.failures : []) as unknown as Failure[] };
}

/** Refuses dates a person cannot mean: more than a year away from today. */
export function checkRunDate(date: string | undefined, today: string): void {
  if (!date) return;
  const days = Math.abs(parseDate(date).getTime() - parseDate(today).getTime()) / 86_400_000;
  if (days > 366)
    throw new Invalid("Choose a date within a year of today.", { date: "Choose a date within a year of today." });
}
