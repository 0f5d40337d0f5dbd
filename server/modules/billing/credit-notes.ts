import type { z } from "zod";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { formatMoney } from "../../lib/money";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as counters from "../counters/service";
import type { Scope } from "../scope";
import { addCreditEntry, balanceOf, creditInvoice, lockCustomer } from "./credit";
import { balanceWentDown } from "./invoices";
import { divRound } from "./rounding";
import {
  creditNoteNumber,
  creditNoteSchema,
  invoiceNumber,
  listCreditNotesSchema,
  type CreditNoteInput,
} from "./schema";
import * as settingsService from "./settings";

// Credit notes: the only way to correct an issued invoice (its lines never change). Staff credit
// an amount (tax included) on each line; the tax is reversed in the line's own proportion
// (tax × amount ÷ line total, rounded with the invoice's rounding mode), and crediting what is
// left of a line reverses exactly the tax that is left, so a line credited in full, in one note
// or several, gives back its tax to the cent. A line can never be credited above what is left of
// it, nor the invoice above its total. The note first reduces the invoice's balance; what the
// customer already paid beyond the new total goes to their credit balance.

type LineCredit = {
  invoiceLineId: string;
  description: string;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
};

/** `now`: when it is issued (the tax report counts it in that month); a seeded history passes its day. */
export async function issueCreditNote(scope: Scope, input: CreditNoteInput, now: Date = new Date()) {
  const data = creditNoteSchema.parse(input);
  const found = await scope.tx.invoice.findUnique({ where: { id: data.invoiceId }, select: { customerId: true } });
  if (!found) throw new NotFound("Invoice");
  await lockCustomer(scope, found.customerId);
  const invoice = await scope.tx.invoice.findUniqueOrThrow({
    where: { id: data.invoiceId },
    include: { lines: { orderBy: { position: "asc" }, include: { credits: true } } },
  });
  const number = invoiceNumber(invoice.prefix, invoice.number);
  const money = (n: number) => formatMoney(n, invoice.currency);
  if (invoice.status === "DRAFT") throw new Conflict("A draft invoice is changed, not credited.");
  if (invoice.status === "VOID") throw new Conflict(`${number} is void: there is nothing to credit.`);

  const lines = new Map(invoice.lines.map((l) => [l.id, l]));
  const credited: LineCredit[] = [];
  for (const want of data.lines) {
    if (want.amountMinor === 0) continue;
    const line = lines.get(want.invoiceLineId);
    if (!line) throw new Invalid("A line is not on this invoice.", { lines: "Choose lines of this invoice." });
    const before = line.credits.reduce((n, c) => ({ total: n.total + c.totalMinor, tax: n.tax + c.taxMinor }), {
      total: 0,
      tax: 0,
    });
    const left = line.totalMinor - before.total;
    if (line.totalMinor <= 0)
      throw new Invalid(`Line ${line.position} (${line.description}) is a discount or credit: it cannot be credited.`);
    if (want.amountMinor > left)
      throw new Invalid(`Line ${line.position} (${line.description}) has ${money(left)} left to credit.`, {
        lines: `Line ${line.position}: at most ${money(left)}.`,
      });
    const taxLeft = line.taxMinor - before.tax;
    const tax =
      want.amountMinor === left
        ? taxLeft
        : Math.min(
            taxLeft,
            Number(
              divRound(BigInt(want.amountMinor) * BigInt(line.taxMinor), BigInt(line.totalMinor), invoice.roundingMode),
            ),
          );
    credited.push({
      invoiceLineId: line.id,
      description: line.description,
      netMinor: want.amountMinor - tax,
      taxMinor: tax,
      totalMinor: want.amountMinor,
    });
  }
  const totals = credited.reduce(
    (t, l) => ({
      subtotalMinor: t.subtotalMinor + l.netMinor,
      taxMinor: t.taxMinor + l.taxMinor,
      totalMinor: t.totalMinor + l.totalMinor,
    }),
    { subtotalMinor: 0, taxMinor: 0, totalMinor: 0 },
  );
  const notesBefore = await scope.tx.creditNote.aggregate({
    where: { invoiceId: invoice.id },
    _sum: { totalMinor: true },
  });
  const invoiceLeft = invoice.totalMinor - (notesBefore._sum.totalMinor ?? 0);
  if (totals.totalMinor > invoiceLeft)
    throw new Invalid(`${number} has ${money(invoiceLeft)} left to credit; this note is ${money(totals.totalMinor)}.`, {
      lines: `At most ${money(invoiceLeft)} in all.`,
    });

  const applied = Math.min(totals.totalMinor, Math.max(0, balanceOf(invoice)));
  const settings = await settingsService.get(scope);
  const id = newId();
  const noteNumber = await counters.next(scope, "credit-note");
  await scope.tx.creditNote.create({
    data: {
      id,
      companyId: scope.companyId,
      customerId: invoice.customerId,
      invoiceId: invoice.id,
      number: noteNumber,
      prefix: settings.creditNotePrefix,
      reason: data.reason,
      currency: invoice.currency,
      ...totals,
      appliedMinor: applied,
      issuedAt: now,
      createdById: scope.actor.type === "USER" ? (scope.actor.id ?? null) : null,
      lines: { create: credited.map((l) => ({ ...l, id: newId(), companyId: scope.companyId })) },
    },
  });
  if (applied > 0) await creditInvoice(scope, invoice.id, applied);
  if (totals.totalMinor > applied)
    await addCreditEntry(scope, {
      customerId: invoice.customerId,
      kind: "CREDIT_NOTE",
      amountMinor: totals.totalMinor - applied,
      creditNoteId: id,
      invoiceId: invoice.id,
      note: `${creditNoteNumber(settings.creditNotePrefix, noteNumber)} on ${number}, beyond what was owed`,
    });
  await audit.record(scope, {
    action: "billing.credit_note_issue",
    entityType: "Invoice",
    entityId: invoice.id,
    after: {
      creditNoteId: id,
      number: creditNoteNumber(settings.creditNotePrefix, noteNumber),
      reason: data.reason,
      ...totals,
      applied,
      lines: credited,
    },
  });
  if (applied > 0) await balanceWentDown(scope, invoice.customerId, "CREDIT_NOTE", id);
  return getCreditNote(scope, id);
}

export async function getCreditNote(scope: Scope, id: string) {
  const note = await scope.tx.creditNote.findUnique({
    where: { id },
    include: {
      lines: { include: { invoiceLine: { select: { position: true } } } },
      invoice: { select: { prefix: true, number: true } },
    },
  });
  if (!note) throw new NotFound("Credit note");
  const { invoice, lines, ...rest } = note;
  return {
    ...rest,
    displayNumber: creditNoteNumber(note.prefix, note.number),
    invoiceNumber: invoiceNumber(invoice.prefix, invoice.number),
    lines: lines
      .sort((a, b) => a.invoiceLine.position - b.invoiceLine.position)
      .map(({ invoiceLine, ...l }) => ({ ...l, position: invoiceLine.position })),
  };
}

export async function listCreditNotes(scope: Scope, input: z.input<typeof listCreditNotesSchema>) {
  const f = listCreditNotesSchema.parse(input);
  const where = { invoiceId: f.invoiceId, customerId: f.customerId };
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.creditNote.count({ where }),
    rows: (window) =>
      scope.tx.creditNote.findMany({
        where,
        orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
        include: { invoice: { select: { prefix: true, number: true } } },
        ...window,
      }),
  });
  return {
    ...paging,
    rows: rows.map(({ invoice, ...n }) => ({
      ...n,
      displayNumber: creditNoteNumber(n.prefix, n.number),
      invoiceNumber: invoiceNumber(invoice.prefix, invoice.number),
    })),
  };
}

/** What each line of the invoice can still be credited (the credit note dialog's starting point). */
export async function creditableLines(scope: Scope, invoiceId: string) {
  const lines = await scope.tx.invoiceLine.findMany({
    where: { invoiceId },
    orderBy: { position: "asc" },
    include: { credits: { select: { totalMinor: true } } },
  });
  return lines.map((l) => ({
    id: l.id,
    position: l.position,
    description: l.description,
    totalMinor: l.totalMinor,
    taxMinor: l.taxMinor,
    leftMinor: l.totalMinor <= 0 ? 0 : l.totalMinor - l.credits.reduce((n, c) => n + c.totalMinor, 0),
  }));
}
