import type { Prisma } from "../../db/generated/prisma/client";
import { log } from "../../lib/log";
import { metrics, timed } from "../../lib/metrics";
import type { BillingRunTrigger } from "../../db/generated/prisma/enums";
import { withTenant, type Tx } from "../../db/tenant";
import { emit, emitMany } from "../../jobs/emit";
import { afterCommit } from "../../lib/after-commit";
import { billingRunRequested, invoiceIssued } from "../../jobs/events";
import { seal } from "../../lib/crypto";
import { Invalid, NotFound } from "../../lib/errors";
import { newId, newOrderedIds } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as counters from "../counters/service";
import { applyCreditToInvoice, customersWithCredit } from "./credit";
import { systemActor, type Actor, type Scope } from "../scope";
import { parseDate, toDateString, todayIn } from "../subscriptions/dates";
import { dateColumn, pipeline, queryRows, repeated, same } from "../../db/bulk";
import type { InvoiceTotals, LineTax, PricedLine } from "./engine";
import { addDays } from "./periods";
import {
  customerBatch,
  invoiceTotals,
  planCustomers,
  type BillingContext,
  type PlannedCharge,
  type PlannedInvoice,
  type PlannedPeriod,
} from "./plan";
import { invoiceNumber } from "./schema";
import * as settingsService from "./settings";
import * as taxes from "./taxes";

// The billing run: for one company and one date in its time zone, invoice everything due.
//
// Memory stays flat: customers are taken BATCH_SIZE at a time (a cursor on their id), planned,
// and invoiced one batch per transaction (one customer per transaction when a batch fails, to
// isolate the failing one): one invoice per customer per run, grouping all of their due
// subscriptions, periods and waiting one-off charges.
//
// Exactly once, in the database: each customer's transaction first claims its periods with
// INSERT … ON CONFLICT DO NOTHING on BillingPeriod's UNIQUE (subscriptionId, periodStart). A
// second run, or one at the same moment (it waits on the first one's uncommitted rows), claims
// nothing and bills nothing. Only after the claim does the transaction take the next invoice
// number from the company's "invoice" counter (UPDATE … RETURNING, which holds the counter's row
// lock until commit), so a customer that turns out to have nothing to bill takes no number and
// a failed transaction gives its number back: numbers stay gapless and unique.
//
// Overlapped, so that Node and PostgreSQL work at the same time on a run's two cores: the next
// batch is planned (its reads on a connection of its own, its pricing in Node) while this one
// writes; two batches write at once, the later one claiming its periods while the earlier one
// writes its invoices, and taking its numbers only after the earlier one has taken its own (the
// counter's lock then holds it until that one commits); inside a batch the inserts go out without
// waiting for each other (Node builds the lines while PostgreSQL writes the invoices); and the
// batch's events are sent while the next batches go on.

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
  const ctx: BillingContext = {
    date: parseDate(day),
    timeZone: company.timeZone,
    currency,
    settings: { ...rest },
    rates,
  };
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

/**
 * Yields what `source` yields, asking it for the next item as soon as it hands one out: the run
 * plans the following batch (its reads, on a connection of its own, and the pricing in Node)
 * while this batch's transaction writes. Batches are disjoint sets of customers, and a period
 * planned early is still claimed by its unique key, so this changes only when the reading happens.
 */
async function* oneAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  for (;;) {
    // Awaited just below or on the next turn; until then a failure must not count as unhandled.
    next.catch(() => undefined);
    const { value, done } = await next;
    if (done) return;
    next = source.next();
    yield value;
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
      if (billed.length === 0 && inv.charges.length === 0) continue;
      const totals = invoiceTotals(billed, inv.charges);
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
          ...span(billed, inv.charges),
          ...totals,
          periods: inv.periods.map(({ lines: _lines, ...p }) => p),
          lines: [...billed.flatMap((p) => p.lines), ...inv.charges.map((c) => c.line)],
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

/** First and last day the periods and lines cover (a run computes it for every invoice: no arrays). */
function span(periods: PlannedPeriod[], charges: PlannedCharge[] = []) {
  let first = Infinity;
  let last = -Infinity;
  const see = (day: Date | null | undefined) => {
    if (!day) return;
    const t = day.getTime();
    if (t < first) first = t;
    if (t > last) last = t;
  };
  for (const p of periods) {
    see(p.start);
    see(p.end);
    for (const l of p.lines) {
      see(l.periodStart);
      see(l.periodEnd);
    }
  }
  for (const c of charges) {
    see(c.line.periodStart);
    see(c.line.periodEnd);
  }
  return first <= last
    ? { periodStart: new Date(first), periodEnd: new Date(last) }
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

/** Runs billing now, in this process: the daily schedule (an Inngest step) and tests. */
export async function run(companyId: string, options: RunOptions): Promise<RunResult> {
  const now = options.now ?? new Date();
  const ctx = await withTenant(companyId, (tx) => contextFor(tx, companyId, options.date, now));
  const runId = newId();
  await withTenant(companyId, (tx) =>
    startRun({ tx, companyId, actor: options.actor }, runId, ctx.date, options.trigger, "RUNNING"),
  );
  return execute(companyId, runId, ctx, options.actor, options.batchSize);
}

async function startRun(
  scope: Scope,
  runId: string,
  date: Date,
  trigger: BillingRunTrigger,
  status: "QUEUED" | "RUNNING",
) {
  const { tx, companyId, actor } = scope;
  await tx.billingRun.create({
    data: {
      id: runId,
      companyId,
      runDate: date,
      trigger,
      status,
      startedById: actor.type === "USER" ? (actor.id ?? null) : null,
    },
  });
  await audit.record(scope, {
    action: status === "QUEUED" ? "billing.run_request" : "billing.run_start",
    entityType: "BillingRun",
    entityId: runId,
    after: { date: toDateString(date), trigger },
  });
}

/**
 * Staff "Run now": records the run as QUEUED and hands it to the background (the
 * billingRunRequested event), so a run of any size is not bound to one request's transaction and
 * time limit. The console shows the run QUEUED, then RUNNING, then its result.
 */
export async function requestRun(scope: Scope, date: string | undefined, now = new Date()): Promise<{ id: string }> {
  const ctx = await contextFor(scope.tx, scope.companyId, date, now);
  const runId = newId();
  await startRun(scope, runId, ctx.date, "MANUAL", "QUEUED");
  await emit(billingRunRequested, { companyId: scope.companyId, runId }, { id: `billing-run-${runId}` });
  return { id: runId };
}

/**
 * The background half of requestRun: runs a queued run once. Null when it is already taken
 * (another delivery of the event, or a retry after it finished); NotFound while the request's
 * transaction has not committed yet. A retry of a run that died part-way goes on where it
 * stopped: every period and charge it billed is already claimed.
 */
export async function executeRequested(companyId: string, runId: string, now = new Date()): Promise<RunResult | null> {
  const found = await withTenant(companyId, async (tx) => {
    const row = await tx.billingRun.findUnique({ where: { id: runId } });
    if (!row) throw new NotFound("Billing run");
    if (row.finishedAt) return null;
    await tx.billingRun.update({ where: { id: runId }, data: { status: "RUNNING" } });
    return row;
  });
  if (!found) return null;
  const actor: Actor = found.startedById
    ? { type: "USER", id: found.startedById, label: "billing run now" }
    : { ...systemActor, label: "billing run now" };
  const ctx = await withTenant(companyId, (tx) => contextFor(tx, companyId, toDateString(found.runDate), now));
  return execute(companyId, runId, ctx, actor);
}

/** A run, timed into lastmile_billing_run_duration_seconds and counted into its invoices (docs/OPERATIONS.md "Metrics"). */
async function execute(...args: Parameters<typeof executeRun>): Promise<RunResult> {
  const result = await timed(metrics.billingRunDuration, () => executeRun(...args));
  metrics.billingInvoices.inc(result.invoicesCreated);
  return result;
}

async function executeRun(
  companyId: string,
  runId: string,
  ctx: BillingContext,
  actor: Actor,
  batchSize = BATCH_SIZE,
): Promise<RunResult> {
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
  let crashed = true;
  // The batch being written, and the events being sent (neither ever rejects): both are over
  // before the run is recorded as finished, even when planning a later batch failed.
  let writing: Promise<void> | null = null;
  let announcing: Promise<void> = Promise.resolve();
  try {
    const count = (done: { invoiceTotal: number | null; billed: number; skipped: number }) => {
      if (done.invoiceTotal !== null) {
        result.invoicesCreated++;
        result.totalMinor += BigInt(done.invoiceTotal);
      }
      result.periodsBilled += done.billed;
      result.periodsSkipped += done.skipped;
    };
    // Sending a batch's invoiceIssued events (after its commit) overlaps the next batches; one
    // send at a time.
    const announce: Announce = (send) => {
      announcing = announcing
        .then(send)
        .catch((err: unknown) => log.error({ err, runId }, "announcing a billing batch's invoices failed"));
    };
    const write = async (batch: PlannedInvoice[], turn: NumberTurn) => {
      try {
        const done = await withTenant(companyId, (tx) =>
          issueInvoices({ tx, companyId, actor }, ctx, runId, batch, { turn, announce }),
        );
        for (const i of done.issued) count({ invoiceTotal: i.totalMinor, billed: i.billed, skipped: 0 });
        result.periodsSkipped += done.skipped;
        return;
      } catch {
        // Something in the batch failed and rolled all of it back: bill its customers one by one,
        // so that only the failing one is left out.
      } finally {
        // Even when the transaction failed before its turn came (the next batch must not wait).
        turn.taken();
      }
      for (const planned of batch) {
        try {
          count(await invoiceCustomer(companyId, ctx, runId, planned, actor));
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
    };
    // Two batches write at once, on two connections: while one writes its invoices, the next one
    // claims its periods (the two PostgreSQL backends use both cores, and Node builds one batch's
    // rows while the database writes the other's). Each batch takes its invoice numbers after the
    // one before it has taken its own (NumberTurn), and the counter's row lock makes it wait until
    // that one commits or rolls back: numbers stay gapless, unique and in customer order (but for
    // the customers of a failed batch, billed one by one after it).
    let previousTurn: Promise<void> = Promise.resolve();
    for await (const batch of oneAhead(plannedBatches(companyId, ctx, batchSize))) {
      let taken!: () => void;
      const turn: NumberTurn = { after: previousTurn, taken: () => taken() };
      previousTurn = new Promise<void>((resolve) => (taken = resolve));
      const next = write(batch, turn);
      if (writing) await writing;
      writing = next;
    }
    crashed = false;
  } finally {
    await writing;
    await announcing;
    await withTenant(companyId, async (tx) => {
      await tx.billingRun.update({
        where: { id: runId },
        data: {
          status: crashed ? "FAILED" : "COMPLETED",
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
        { tx, companyId, actor },
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

/**
 * A batch's turn to take invoice numbers in a run whose batches overlap: `after` settles once the
 * batch before it has taken its numbers (or has none to take, or failed); `taken` says the same
 * of this one (called as soon as that is so, and again, harmlessly, when the batch is over).
 */
interface NumberTurn {
  after: Promise<void>;
  taken: () => void;
}
/** Starts sending a committed batch's events without holding up the next batch. */
type Announce = (send: () => Promise<void>) => void;

interface Issued {
  customerId: string;
  invoiceId: string;
  totalMinor: number;
  billed: number;
}

type InvoiceRow = InvoiceTotals & {
  id: string;
  customerId: string;
  number: number;
  periodStart: Date | null;
  periodEnd: Date | null;
  customerTaxNumberSealed: string | null;
};
// A row to insert refers to the priced line or tax as it is (no copy of it per row).
interface LineRow {
  line: PricedLine;
  id: string;
  invoiceId: string;
  position: number;
}
interface LineTaxRow {
  tax: LineTax;
  /** Its index among the batch's taxes, for its id. */
  n: number;
  invoiceId: string;
  lineId: string;
}

/**
 * Claims the due periods and waiting charges of a batch of customers, then issues one invoice per
 * customer for what was claimed, in one transaction and a fixed number of statements whatever the
 * batch's size (multi-row inserts: a run of 100,000 subscriptions is round trips, not arithmetic).
 * Periods are claimed by their unique key (INSERT … ON CONFLICT DO NOTHING: a run at the same
 * moment waits on our uncommitted rows, then claims nothing); charges by a row lock that re-checks
 * invoiceId once any other run's transaction ends (FOR UPDATE). Numbers are taken for the
 * invoices actually issued, in one step, after the claims: gapless, and given back on rollback.
 * In a run whose batches overlap (`overlap`), numbers are taken in the batches' order and the
 * events are sent through the run's `announce`.
 */
async function issueInvoices(
  scope: Scope,
  ctx: BillingContext,
  runId: string | null,
  batch: PlannedInvoice[],
  overlap?: { turn: NumberTurn; announce: Announce },
): Promise<{ issued: Issued[]; skipped: number }> {
  const { tx, companyId } = scope;
  // Each customer's invoice id is chosen before the claim, and a period with something to charge
  // is claimed already pointing at it: no second pass over the periods once the invoices exist.
  // A claimed period with lines always gets its invoice below; the foreign key is checked at
  // commit, when the invoices are there (it is DEFERRABLE for this statement's sake).
  const invoiceIds = new Map(
    zip(
      batch.map((p) => p.customerId),
      newOrderedIds(batch.length),
    ),
  );
  const periods: PlannedPeriod[] = [];
  const periodInvoice: (string | null)[] = [];
  for (const p of batch) {
    const invoiceId = invoiceIds.get(p.customerId)!;
    for (const period of p.periods) {
      periods.push(period);
      periodInvoice.push(period.lines.length ? invoiceId : null);
    }
  }
  // The planned periods that were claimed, themselves (a customer is in a batch once, and each of
  // its periods once).
  const claimed = new Set<PlannedPeriod>();
  // The keys of periods and lines to their invoice are checked at commit, when it is there: both
  // are written before it (DEFERRABLE for these statements' sake).
  await tx.$executeRaw`SET CONSTRAINTS "BillingPeriod_invoiceId_fkey", "InvoiceLine_invoiceId_companyId_fkey" DEFERRED`;
  if (periods.length) {
    // The rows as one JSON parameter (see db/bulk.ts); what was claimed comes back as the ids we
    // chose for it, the smallest answer there is.
    const periodIds = newOrderedIds(periods.length);
    const rows = JSON.stringify(
      periods.map((p, i) => [
        periodIds[i],
        p.subscriptionId,
        toDateString(p.start),
        toDateString(p.end),
        p.skippedReason,
        periodInvoice[i],
      ]),
    );
    const claimedRows = await queryRows<{ id: string }>(
      tx,
      `INSERT INTO "BillingPeriod" (id, "companyId", "subscriptionId", "periodStart", "periodEnd", "billingRunId", "skippedReason", "invoiceId")
       SELECT r->>0, $2::text, r->>1, (r->>2)::date, (r->>3)::date, $3::text, r->>4, r->>5
       FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT ("subscriptionId", "periodStart") DO NOTHING
       RETURNING id`,
      [rows, companyId, runId],
    );
    const byId = new Map(periodIds.map((id, i) => [id, periods[i]!]));
    for (const r of claimedRows) claimed.add(byId.get(r.id)!);
  }
  const chargeIds = batch.flatMap((p) => p.charges.map((c) => c.id));
  const freeCharges = new Set<string>();
  if (chargeIds.length) {
    const free = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "PendingCharge"
      WHERE id = ANY(${chargeIds}::text[]) AND "invoiceId" IS NULL AND "cancelledAt" IS NULL
      FOR UPDATE`;
    for (const r of free) freeCharges.add(r.id);
  }

  let skipped = 0;
  const toIssue: { planned: PlannedInvoice; billed: PlannedPeriod[]; charges: PlannedCharge[] }[] = [];
  for (const planned of batch) {
    const ours = planned.periods.filter((p) => claimed.has(p));
    skipped += ours.filter((p) => p.skippedReason).length;
    const billed = ours.filter((p) => p.lines.length > 0);
    const charges = planned.charges.filter((c) => freeCharges.has(c.id));
    if (billed.length || charges.length) toIssue.push({ planned, billed, charges });
  }
  if (toIssue.length === 0) {
    overlap?.turn.taken();
    return { issued: [], skipped };
  }

  // From here the batch's statements go out without waiting for each other (db/bulk.ts Pipeline):
  // PostgreSQL runs each while Node builds the next one's rows. Lines and their taxes need no
  // invoice number, so they go first, before the batch's turn to take numbers comes: in a run
  // they are written while the batch before holds the counter. Their key to the invoice is
  // checked at commit (deferred above), when the invoices are there.
  const pipe = await pipeline(tx);
  const lines: LineRow[] = [];
  const lineTaxes: LineTaxRow[] = [];
  const chargeInvoice: { id: string; invoiceId: string }[] = [];
  const issued: Issued[] = [];
  const totals: InvoiceTotals[] = [];
  const lineCount = toIssue.reduce(
    (n, i) => n + i.billed.reduce((m, p) => m + p.lines.length, 0) + i.charges.length,
    0,
  );
  const ids = newOrderedIds(lineCount);
  let nextId = 0;
  for (const { planned, billed, charges } of toIssue) {
    const invoiceId = invoiceIds.get(planned.customerId)!;
    const invoiceTotal = invoiceTotals(billed, charges);
    totals.push(invoiceTotal);
    [...billed.flatMap((p) => p.lines), ...charges.map((c) => c.line)].forEach((line, i) => {
      const lineId = ids[nextId++]!;
      lines.push({ line, id: lineId, invoiceId, position: i + 1 });
      for (const tax of line.taxes) lineTaxes.push({ tax, n: lineTaxes.length, invoiceId, lineId });
    });
    for (const c of charges) chargeInvoice.push({ id: c.id, invoiceId });
    issued.push({
      customerId: planned.customerId,
      invoiceId,
      totalMinor: invoiceTotal.totalMinor,
      billed: billed.filter((p) => !p.skippedReason).length,
    });
  }
  pipe.insert<LineRow>(
    "InvoiceLine",
    [
      ["id", "text", (r) => r.id],
      ["companyId", "text", same(companyId)],
      ["invoiceId", "text", (r) => r.invoiceId],
      ["position", "int", (r) => r.position],
      ["kind", '"InvoiceLineKind"', repeated((r) => r.line.kind)],
      ["description", "text", repeated((r) => r.line.description)],
      ["subscriptionId", "text", (r) => r.line.subscriptionId],
      ["packageId", "text", repeated((r) => r.line.packageId)],
      dateColumn("periodStart", (r) => r.line.periodStart),
      dateColumn("periodEnd", (r) => r.line.periodEnd),
      ["quantity", "int", (r) => r.line.quantity],
      ["unitPriceMinor", "int", (r) => r.line.unitPriceMinor],
      ["grossMinor", "int", (r) => r.line.grossMinor],
      ["discountBps", "int", (r) => r.line.discountBps],
      ["discountMinor", "int", (r) => r.line.discountMinor],
      ["netMinor", "int", (r) => r.line.netMinor],
      ["taxMinor", "int", (r) => r.line.taxMinor],
      ["totalMinor", "int", (r) => r.line.totalMinor],
      ["usedMb", "int", (r) => r.line.usedMb],
      ["includedMb", "int", (r) => r.line.includedMb],
      ["rule", "text", repeated((r) => r.line.rule)],
    ],
    lines,
  );
  const taxIds = newOrderedIds(lineTaxes.length);
  pipe.insert<LineTaxRow>(
    "InvoiceLineTax",
    [
      ["id", "text", (r) => taxIds[r.n]],
      ["companyId", "text", same(companyId)],
      ["invoiceId", "text", (r) => r.invoiceId],
      ["lineId", "text", (r) => r.lineId],
      ["taxRateId", "text", repeated((r) => r.tax.taxRateId)],
      ["name", "text", repeated((r) => r.tax.name)],
      ["rateBps", "int", (r) => r.tax.rateBps],
      ["taxableMinor", "int", (r) => r.tax.taxableMinor],
      ["taxMinor", "int", (r) => r.tax.taxMinor],
    ],
    lineTaxes,
  );
  // The customer's credit (overpayments, credit notes) pays their new invoice first; the
  // customers who have any are found for the whole batch in one query (it reads nothing this
  // batch writes).
  const withCredit = customersWithCredit(
    scope,
    issued.map((i) => i.customerId),
    pipe,
  );
  // Awaited after pipe.done(), which reports a failure first.
  withCredit.catch(() => undefined);

  // The numbers: in a run, after the batch before has taken its own. The counter's row lock is
  // held from here to the commit.
  await overlap?.turn.after;
  const first = await counters.reserve(scope, "invoice", toIssue.length, pipe);
  overlap?.turn.taken();
  const invoices: InvoiceRow[] = [];
  const entries: audit.AuditInput[] = [];
  toIssue.forEach(({ planned, billed, charges }, n) => {
    const invoiceId = invoiceIds.get(planned.customerId)!;
    const number = first + n;
    invoices.push({
      id: invoiceId,
      customerId: planned.customerId,
      number,
      ...span(billed, charges),
      ...totals[n]!,
      customerTaxNumberSealed: planned.customerTaxNumber && seal(planned.customerTaxNumber),
    });
    entries.push({
      action: "billing.invoice_issue",
      entityType: "Invoice",
      entityId: invoiceId,
      after: {
        number: invoiceNumber(ctx.settings.invoicePrefix, number),
        customerId: planned.customerId,
        ...totals[n]!,
        billingRunId: runId,
      },
    });
  });
  const s = ctx.settings;
  const dueDate = addDays(ctx.date, s.paymentTermsDays);
  pipe.insert<InvoiceRow>(
    "Invoice",
    [
      ["id", "text", (r) => r.id],
      ["companyId", "text", same(companyId)],
      ["customerId", "text", (r) => r.customerId],
      ["number", "int", (r) => r.number],
      ["prefix", "text", same(s.invoicePrefix)],
      ["status", '"InvoiceStatus"', same("OPEN")],
      ["currency", "text", same(ctx.currency)],
      ["issueDate", "date", same(toDateString(ctx.date))],
      ["dueDate", "date", same(toDateString(dueDate))],
      dateColumn("periodStart", (r) => r.periodStart),
      dateColumn("periodEnd", (r) => r.periodEnd),
      ["taxMode", '"PriceTaxMode"', same(s.taxMode)],
      ["roundingMode", '"RoundingMode"', same(s.roundingMode)],
      ["subtotalMinor", "int", (r) => r.subtotalMinor],
      ["discountMinor", "int", (r) => r.discountMinor],
      ["taxMinor", "int", (r) => r.taxMinor],
      ["totalMinor", "int", (r) => r.totalMinor],
      ["companyTaxNumber", "text", same(s.taxRegistrationNumber)],
      ["customerTaxNumberSealed", "text", (r) => r.customerTaxNumberSealed],
      ["billingRunId", "text", same(runId)],
      ["updatedAt", "timestamptz", same(new Date().toISOString())],
    ],
    invoices,
  );
  if (chargeInvoice.length)
    void pipe.query(
      `UPDATE "PendingCharge" t SET "invoiceId" = r.invoice
       FROM unnest($1::text[], $2::text[]) AS r(id, invoice)
       WHERE t.id = r.id`,
      [chargeInvoice.map((p) => p.id), chargeInvoice.map((p) => p.invoiceId)],
    );
  await audit.recordMany(scope, entries, pipe);
  await pipe.done();
  const credited = await withCredit;
  for (const i of issued) if (credited.has(i.customerId)) await applyCreditToInvoice(scope, i.invoiceId);
  // Announced once the invoices are committed (delivery finds them at once, a rolled-back batch
  // announces nothing, and the counter's lock is not held over a request to Inngest), as one
  // request for the batch rather than one per invoice. Each keeps its own event and id, so each
  // invoice is still delivered once (InvoiceDelivery's claim, Inngest's idempotency key).
  // In a run, the send goes on while the next batches write (`announce`).
  const send = () =>
    emitMany(
      invoiceIssued,
      issued.map((i) => ({ data: { companyId, invoiceId: i.invoiceId }, id: `invoice-issued-${i.invoiceId}` })),
    );
  afterCommit(tx, async () => (overlap ? overlap.announce(send) : send()));
  return { issued, skipped };
}

/** One customer alone, in its own transaction: "Invoice now", and a failed batch retried one by one. */
async function invoiceCustomer(
  companyId: string,
  ctx: BillingContext,
  runId: string | null,
  planned: PlannedInvoice,
  actor: Actor,
) {
  const { issued, skipped } = await withTenant(companyId, (tx) =>
    issueInvoices({ tx, companyId, actor }, ctx, runId, [planned]),
  );
  return {
    invoiceId: issued[0]?.invoiceId ?? null,
    invoiceTotal: issued[0]?.totalMinor ?? null,
    billed: issued[0]?.billed ?? 0,
    skipped,
  };
}

/**
 * Invoices one customer now (staff "Invoice now" after adding a charge): everything due for them
 * on today's date and their waiting charges, outside any billing run. Null when nothing is due.
 */
export async function invoiceCustomerNow(scope: Scope, customerId: string, now = new Date()): Promise<string | null> {
  const customer = await scope.tx.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw new NotFound("Customer");
  const ctx = await contextFor(scope.tx, scope.companyId, undefined, now);
  const [planned] = await planCustomers(scope.tx, ctx, [customerId]);
  if (!planned) return null;
  const done = await invoiceCustomer(scope.companyId, ctx, null, planned, scope.actor);
  return done.invoiceId;
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
  return listPage(input, {
    count: () => scope.tx.billingRun.count(),
    rows: (window) =>
      scope.tx.billingRun.findMany({
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        omit: { failures: true },
        ...window,
      }),
  });
}

export async function getRun(scope: Scope, id: string) {
  const found = await scope.tx.billingRun.findUnique({ where: { id } });
  if (!found) throw new NotFound("Billing run");
  return { ...found, failures: (Array.isArray(found.failures) ? found.failures : []) as unknown as Failure[] };
}

/**
 * Refuses dates a person cannot mean: more than a year back, or for a run, a day after today in
 * the company's zone (an invoice dated next month would be e-mailed now). A preview may look up
 * to a year ahead, to see what a coming run will invoice.
 */
export async function checkRunDate(
  scope: Scope,
  date: string | undefined,
  purpose: "preview" | "run",
): Promise<string | undefined> {
  if (!date) return date;
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true },
  });
  const days = (parseDate(date).getTime() - parseDate(todayIn(company.timeZone)).getTime()) / 86_400_000;
  if (purpose === "run" && days > 0) {
    const message = "Billing runs for today or an earlier day. Preview a later date to see what it will invoice.";
    throw new Invalid(message, { date: message });
  }
  if (Math.abs(days) > 366)
    throw new Invalid("Choose a date within a year of today.", { date: "Choose a date within a year of today." });
  return date;
}

function zip<A, B>(a: readonly A[], b: readonly B[]): [A, B][] {
  return a.map((x, i) => [x, b[i]!]);
}
