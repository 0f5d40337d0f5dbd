import type { Prisma } from "../../db/generated/prisma/client";
import { Invalid } from "../../lib/errors";
import * as audit from "../audit/service";
import { openInvoices } from "../billing/credit";
import * as payments from "../payments/service";
import type { Scope } from "../scope";
import { chosenMatches, matchLines, type LineMatch } from "./matching";
import { statementHeadersSchema, statementPreviewSchema, type StatementPreviewInput } from "./schema";
import { headersOf, readStatement, type StatementLine } from "./statement";

// The bank-statement import: map the bank's columns, see a dry run (every line with what it
// matched, or why it cannot be imported), resolve what did not match, then confirm. Nothing is
// written until the confirmation, and the confirmation writes all the lines or none. A line whose
// reference is already a recorded bank transfer is "already recorded", so importing the same
// statement twice (or two overlapping ones) posts nothing twice.

export type LineState = "READY" | "ALREADY_RECORDED" | "NEEDS_CUSTOMER" | "ERROR" | "SKIPPED" | "IGNORED";

export interface PreviewLine extends StatementLine {
  state: LineState;
  match: LineMatch;
}

export interface StatementPreview {
  currency: string;
  lines: PreviewLine[];
  counts: Record<LineState, number>;
  /** Sum of the lines that would be posted. */
  readyMinor: number;
  /** True when every line is ready, recorded, skipped or ignored: confirm would post. */
  canConfirm: boolean;
}

export async function headers(scope: Scope, input: { csv: string }) {
  return headersOf(statementHeadersSchema.parse(input).csv);
}

async function currencyOf(scope: Scope) {
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { currency: true },
  });
  return company.currency;
}

/** The dry run: what confirm would do with these lines and resolutions. Writes nothing. */
export async function preview(scope: Scope, input: StatementPreviewInput): Promise<StatementPreview> {
  const { csv, mapping, resolutions } = statementPreviewSchema.parse(input);
  const currency = await currencyOf(scope);
  const lines = readStatement(csv, mapping, currency);
  const matches = await matchLines(scope, lines);
  const byLine = new Map(resolutions.map((r) => [r.line, r]));
  const chosen = await chosenMatches(
    scope,
    resolutions.flatMap((r) => (r.customerId && !r.ignore ? [r.customerId] : [])),
  );
  const missing = resolutions.find((r) => r.customerId && !r.ignore && !chosen.has(r.customerId));
  if (missing) throw new Invalid(`The customer chosen for line ${missing.line} does not exist.`);
  const invoiceOf = await chosenInvoices(scope, resolutions);

  const references = lines.filter((l) => l.reference).map((l) => l.reference);
  const recorded = new Set(
    references.length
      ? (
          await scope.tx.payment.findMany({
            where: { method: "BANK_TRANSFER", reference: { in: references }, status: { not: "FAILED" } },
            select: { reference: true },
          })
        ).map((p) => p.reference)
      : [],
  );

  const seen = new Set<string>();
  const out: PreviewLine[] = lines.map((line, i) => {
    const resolution = byLine.get(line.line);
    const match = resolution?.customerId
      ? { ...chosen.get(resolution.customerId)!, ...invoiceOf.get(resolution.line) }
      : matches[i];
    const errors = [...line.errors];
    if (!line.skipped && line.reference && seen.has(line.reference))
      errors.push(`The reference ${line.reference} appears on an earlier line of this file.`);
    if (line.reference) seen.add(line.reference);
    const state: LineState = line.skipped
      ? "SKIPPED"
      : resolution?.ignore
        ? "IGNORED"
        : errors.length
          ? "ERROR"
          : recorded.has(line.reference)
            ? "ALREADY_RECORDED"
            : match.customerId
              ? "READY"
              : "NEEDS_CUSTOMER";
    return { ...line, errors, state, match };
  });
  const counts = { READY: 0, ALREADY_RECORDED: 0, NEEDS_CUSTOMER: 0, ERROR: 0, SKIPPED: 0, IGNORED: 0 };
  for (const l of out) counts[l.state] += 1;
  return {
    currency,
    lines: out,
    counts,
    readyMinor: out.reduce((n, l) => n + (l.state === "READY" ? (l.amountMinor ?? 0) : 0), 0),
    canConfirm: counts.ERROR === 0 && counts.NEEDS_CUSTOMER === 0 && counts.READY > 0,
  };
}

/**
 * The invoices people chose for lines they assigned: each must be an unpaid invoice of the
 * customer chosen for that line, or the dry run is refused with the line's number.
 */
async function chosenInvoices(
  scope: Scope,
  resolutions: { line: number; customerId?: string; invoiceId?: string; ignore?: boolean }[],
) {
  const out = new Map<number, { invoiceId: string; invoiceNumber: string }>();
  const open = new Map<string, Awaited<ReturnType<typeof openInvoices>>>();
  for (const r of resolutions) {
    if (!r.invoiceId || r.ignore) continue;
    if (!r.customerId) throw new Invalid(`Line ${r.line}: choose the customer before the invoice.`);
    if (!open.has(r.customerId)) open.set(r.customerId, await openInvoices(scope, r.customerId));
    const invoice = open.get(r.customerId)!.find((i) => i.id === r.invoiceId);
    if (!invoice)
      throw new Invalid(`Line ${r.line}: the invoice chosen is not one of this customer's unpaid invoices.`);
    out.set(r.line, { invoiceId: invoice.id, invoiceNumber: invoice.displayNumber });
  }
  return out;
}

/**
 * Posts every READY line as a bank-transfer payment, in one transaction, or nothing. The
 * company's statement imports run one at a time (an advisory lock), so two confirmations of the
 * same file post each line once: the second finds the references recorded.
 */
export async function confirm(scope: Scope, input: StatementPreviewInput) {
  await scope.tx
    .$executeRaw`SELECT pg_advisory_xact_lock(hashtext('bank-statement-import'), hashtext(${scope.companyId}))`;
  const dryRun = await preview(scope, input);
  if (!dryRun.canConfirm) {
    const blocking = dryRun.lines.filter((l) => l.state === "ERROR" || l.state === "NEEDS_CUSTOMER");
    throw new Invalid(
      blocking.length
        ? `Nothing was imported: ${blocking.length} line${blocking.length === 1 ? "" : "s"} (first: line ${blocking[0].line}) need${blocking.length === 1 ? "s" : ""} a correction, a customer or to be ignored.`
        : "Nothing was imported: no line is ready to post (every line is already recorded, skipped or ignored).",
    );
  }
  const posted: { line: number; paymentId: string }[] = [];
  for (const line of dryRun.lines) {
    if (line.state !== "READY") continue;
    const customerId = line.match.customerId!;
    const payment = await payments.record(scope, {
      customerId,
      method: "BANK_TRANSFER",
      amountMinor: line.amountMinor!,
      reference: line.reference,
      receivedOn: line.date!,
      note: `Bank statement, line ${line.line}${line.description ? `: ${line.description}` : ""}`.slice(0, 300),
      allocations: line.match.invoiceId
        ? await invoiceFirst(scope, customerId, line.match.invoiceId, line.amountMinor!)
        : undefined,
    });
    posted.push({ line: line.line, paymentId: payment.id });
  }
  await audit.record(scope, {
    action: "payments.bank_statement_import",
    entityType: "Company",
    entityId: scope.companyId,
    after: { posted: posted.length, totalMinor: dryRun.readyMinor, counts: dryRun.counts } as Prisma.InputJsonValue,
  });
  return { posted: posted.length, totalMinor: dryRun.readyMinor, currency: dryRun.currency, counts: dryRun.counts };
}

/**
 * The named invoice first, then the customer's other unpaid invoices oldest due first, filled up to
 * the amount received; what is left over becomes credit.
 */
async function invoiceFirst(scope: Scope, customerId: string, invoiceId: string, amountMinor: number) {
  const open = await openInvoices(scope, customerId);
  const named = open.find((i) => i.id === invoiceId);
  if (!named) return undefined; // already paid: the usual order
  let left = amountMinor;
  const allocations: { invoiceId: string; amountMinor: number }[] = [];
  for (const invoice of [named, ...open.filter((i) => i.id !== invoiceId)]) {
    if (left === 0) break;
    const amount = Math.min(left, invoice.balanceMinor);
    allocations.push({ invoiceId: invoice.id, amountMinor: amount });
    left -= amount;
  }
  return allocations;
}
