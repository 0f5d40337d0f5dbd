import type { CreditEntryKind } from "../../db/generated/prisma/enums";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { queryRows, type Pipeline } from "../../db/bulk";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { invoiceNumber } from "./schema";

// What an invoice received and the customer's credit balance. Billing owns Invoice, so every
// change of what an invoice was paid goes through settleInvoice(); the payments module calls it
// for each allocation and reversal.
//
// The credit balance is a ledger (CreditEntry, append-only): overpayments and credit notes add,
// credit applied to an invoice and refunds take. The balance is the sum of the rows. Every write
// first locks the customer's row (lockCustomer), so two writers for the same customer take turns
// and the balance can never be spent twice or go below zero.

/** Serialises money movements of one customer until the transaction ends. */
export async function lockCustomer(scope: Scope, customerId: string): Promise<void> {
  const rows = await scope.tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Customer" WHERE id = ${customerId} FOR UPDATE`;
  if (rows.length === 0) throw new NotFound("Customer");
}

/** The customer's credit: the sum of their ledger. */
export async function creditBalance(scope: Scope, customerId: string): Promise<number> {
  const sum = await scope.tx.creditEntry.aggregate({ where: { customerId }, _sum: { amountMinor: true } });
  return sum._sum.amountMinor ?? 0;
}

/** Of these customers, the ones with credit to spend (a billing batch asks once for all of them). */
export async function customersWithCredit(
  scope: Scope,
  customerIds: string[],
  pipeline?: Pipeline,
): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  // In SQL (a billing batch asks for 500 customers at once: no ORM bookkeeping per parameter),
  // on the caller's pipeline when it has one.
  const sql = `SELECT "customerId" FROM "CreditEntry" WHERE "customerId" = ANY($1::text[])
    GROUP BY "customerId" HAVING sum("amountMinor") > 0`;
  const rows = await (pipeline
    ? pipeline.query<{ customerId: string }>(sql, [customerIds])
    : queryRows<{ customerId: string }>(scope.tx, sql, [customerIds]));
  return new Set(rows.map((r) => r.customerId));
}

export interface CreditEntryInput {
  customerId: string;
  kind: CreditEntryKind;
  /** Signed: + adds to the credit (OVERPAYMENT, CREDIT_NOTE), − takes from it (APPLIED, REFUND). */
  amountMinor: number;
  paymentId?: string | null;
  invoiceId?: string | null;
  creditNoteId?: string | null;
  refundId?: string | null;
  note?: string | null;
}

const SIGN: Record<CreditEntryKind, 1 | -1> = { OVERPAYMENT: 1, CREDIT_NOTE: 1, APPLIED: -1, REFUND: -1 };

/**
 * Appends one entry to the customer's credit ledger. The caller holds lockCustomer(); a debit
 * above the balance is refused, so the balance never goes negative.
 */
export async function addCreditEntry(scope: Scope, input: CreditEntryInput) {
  if (
    !Number.isSafeInteger(input.amountMinor) ||
    input.amountMinor === 0 ||
    Math.sign(input.amountMinor) !== SIGN[input.kind]
  )
    throw new Invalid(`A ${input.kind.toLowerCase()} credit entry cannot be ${input.amountMinor}.`);
  if (input.amountMinor < 0) {
    const balance = await creditBalance(scope, input.customerId);
    if (balance + input.amountMinor < 0)
      throw new Conflict(`The customer's credit is ${balance}; ${-input.amountMinor} cannot be taken from it.`);
  }
  const entry = await scope.tx.creditEntry.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      customerId: input.customerId,
      kind: input.kind,
      amountMinor: input.amountMinor,
      paymentId: input.paymentId ?? null,
      invoiceId: input.invoiceId ?? null,
      creditNoteId: input.creditNoteId ?? null,
      refundId: input.refundId ?? null,
      note: input.note ?? null,
    },
  });
  await audit.record(scope, {
    action: "billing.credit_entry",
    entityType: "Customer",
    entityId: input.customerId,
    after: { entryId: entry.id, kind: entry.kind, amountMinor: entry.amountMinor, paymentId: entry.paymentId },
  });
  return entry;
}

/** The customer's ledger, newest first, with the balance. */
export async function creditLedger(scope: Scope, customerId: string, take = 50) {
  const [balance, entries] = [
    await creditBalance(scope, customerId),
    await scope.tx.creditEntry.findMany({
      where: { customerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      include: { invoice: { select: { id: true, prefix: true, number: true } } },
    }),
  ];
  return {
    balanceMinor: balance,
    entries: entries.map(({ invoice, ...e }) => ({
      ...e,
      invoice: invoice && { id: invoice.id, number: invoiceNumber(invoice.prefix, invoice.number) },
    })),
  };
}

// ── what an invoice received ────────────────────────────────────────────────────────────────

type Settled = { id: string; status: string; amountPaidMinor: number; creditedMinor: number; totalMinor: number };

/**
 * Adds `amountMinor` (negative: a reversal) to what the invoice was paid, and moves its status:
 * nothing settled → OPEN, some → PARTIALLY_PAID, all → PAID. A written-off invoice takes money too
 * (a recovery of bad debt): it stays UNCOLLECTIBLE until paid in full, and goes back to it if a
 * refund takes a recovery back. Refused on DRAFT and VOID invoices, above the balance, and below
 * zero; nothing changes then.
 */
export async function settleInvoice(scope: Scope, invoiceId: string, amountMinor: number): Promise<Settled> {
  if (!Number.isSafeInteger(amountMinor) || amountMinor === 0)
    throw new Invalid("The amount must be a whole, non-zero number of minor units.");
  const rows = await scope.tx.$queryRaw<Settled[]>`
    UPDATE "Invoice" SET
      "amountPaidMinor" = "amountPaidMinor" + ${amountMinor},
      status = (CASE
        WHEN "amountPaidMinor" + ${amountMinor} + "creditedMinor" >= "totalMinor" THEN 'PAID'
        WHEN "writtenOffAt" IS NOT NULL THEN 'UNCOLLECTIBLE'
        WHEN "amountPaidMinor" + ${amountMinor} + "creditedMinor" > 0 THEN 'PARTIALLY_PAID'
        ELSE 'OPEN' END)::"InvoiceStatus",
      "updatedAt" = now()
    WHERE id = ${invoiceId} AND status IN ('OPEN', 'PARTIALLY_PAID', 'PAID', 'UNCOLLECTIBLE')
      AND "amountPaidMinor" + ${amountMinor} >= 0
      AND "amountPaidMinor" + ${amountMinor} + "creditedMinor" <= "totalMinor"
    RETURNING id, status::text AS status, "amountPaidMinor", "creditedMinor", "totalMinor"`;
  if (rows.length === 1) return rows[0]!;
  throw await refusal(scope, invoiceId, amountMinor);
}

/** Takes `amountMinor` off the invoice's balance by credit note (creditedMinor), moving its status likewise. */
export async function creditInvoice(scope: Scope, invoiceId: string, amountMinor: number): Promise<Settled> {
  const rows = await scope.tx.$queryRaw<Settled[]>`
    UPDATE "Invoice" SET
      "creditedMinor" = "creditedMinor" + ${amountMinor},
      status = (CASE
        WHEN "amountPaidMinor" + "creditedMinor" + ${amountMinor} >= "totalMinor" THEN 'PAID'
        ELSE 'PARTIALLY_PAID' END)::"InvoiceStatus",
      "updatedAt" = now()
    WHERE id = ${invoiceId} AND status IN ('OPEN', 'PARTIALLY_PAID', 'PAID') AND ${amountMinor} > 0
      AND "amountPaidMinor" + "creditedMinor" + ${amountMinor} <= "totalMinor"
    RETURNING id, status::text AS status, "amountPaidMinor", "creditedMinor", "totalMinor"`;
  if (rows.length === 1) return rows[0]!;
  throw await refusal(scope, invoiceId, amountMinor);
}

async function refusal(scope: Scope, invoiceId: string, amountMinor: number) {
  const invoice = await scope.tx.invoice.findUnique({ where: { id: invoiceId } });
  if (!invoice) return new NotFound("Invoice");
  const number = invoiceNumber(invoice.prefix, invoice.number);
  if (invoice.status === "DRAFT") return new Conflict(`${number} is a draft: it takes payments once issued.`);
  if (invoice.status === "VOID") return new Conflict(`${number} is void: it takes no payments.`);
  if (invoice.status === "UNCOLLECTIBLE") return new Conflict(`${number} was written off as uncollectible.`);
  const balance = invoice.totalMinor - invoice.amountPaidMinor - invoice.creditedMinor;
  if (amountMinor > 0) return new Conflict(`${number} has ${balance} left to pay; ${amountMinor} is more than that.`);
  return new Conflict(`${number} received ${invoice.amountPaidMinor}; ${-amountMinor} cannot be taken back from it.`);
}

/** The invoice's balance: total − paid − credited (0 for a void invoice). */
export const balanceOf = (i: { status: string; totalMinor: number; amountPaidMinor: number; creditedMinor: number }) =>
  i.status === "VOID" || i.status === "DRAFT" ? 0 : i.totalMinor - i.amountPaidMinor - i.creditedMinor;

/** The customer's invoices that still owe money, oldest due first (the order payments fill them). */
/**
 * The customer's invoices with a balance, oldest due first; `writtenOff`: the ones written off as
 * uncollectible instead (what a later payment recovers).
 */
export async function openInvoices(scope: Scope, customerId: string, opts: { writtenOff?: boolean } = {}) {
  const rows = await scope.tx.invoice.findMany({
    where: { customerId, status: { in: opts.writtenOff ? ["UNCOLLECTIBLE"] : ["OPEN", "PARTIALLY_PAID"] } },
    orderBy: [{ dueDate: "asc" }, { number: "asc" }],
    select: {
      id: true,
      prefix: true,
      number: true,
      status: true,
      currency: true,
      dueDate: true,
      totalMinor: true,
      amountPaidMinor: true,
      creditedMinor: true,
    },
  });
  return rows
    .map((i) => ({ ...i, displayNumber: invoiceNumber(i.prefix, i.number), balanceMinor: balanceOf(i) }))
    .filter((i) => i.balanceMinor > 0);
}

/**
 * Applies the customer's credit to one invoice's balance (called when an invoice is issued, and
 * after an overpayment or credit note). Returns what was applied.
 */
export async function applyCreditToInvoice(scope: Scope, invoiceId: string): Promise<number> {
  const invoice = await scope.tx.invoice.findUnique({ where: { id: invoiceId } });
  if (!invoice) throw new NotFound("Invoice");
  await lockCustomer(scope, invoice.customerId);
  const fresh = await scope.tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  if (fresh.status !== "OPEN" && fresh.status !== "PARTIALLY_PAID") return 0;
  const amount = Math.min(await creditBalance(scope, fresh.customerId), balanceOf(fresh));
  if (amount <= 0) return 0;
  await addCreditEntry(scope, {
    customerId: fresh.customerId,
    kind: "APPLIED",
    amountMinor: -amount,
    invoiceId,
    note: `Applied to ${invoiceNumber(fresh.prefix, fresh.number)}`,
  });
  await settleInvoice(scope, invoiceId, amount);
  return amount;
}
