import type { z } from "zod";
import type { InvoiceStatus } from "../../db/generated/prisma/enums";
import { NotFound } from "../../lib/errors";
import { customerDisplayName } from "../customers/schema";
import type { Scope } from "../scope";
import { parseDate, toDateString, todayIn } from "../subscriptions/dates";
import { issuer } from "./document";
import { addDays } from "./periods";
import { invoiceNumber, statementSchema } from "./schema";

// A customer's statement of account for a date range (dates in the company's zone): what they
// owed when it opens, each document in it with the running balance, and what they owe at its end.
// Charges: invoices (a voided one owes nothing and is left out; a draft is not issued yet) and
// refunds (money given back). Credits: posted payments towards invoices (wallet top-ups are the
// wallet's own ledger) and credit notes. Read here, written by their owners (payments, credit.ts).

const OWED: InvoiceStatus[] = ["OPEN", "PARTIALLY_PAID", "PAID", "UNCOLLECTIBLE"];

export type StatementEntryKind = "INVOICE" | "PAYMENT" | "CREDIT_NOTE" | "REFUND";

export interface StatementEntry {
  date: string;
  kind: StatementEntryKind;
  reference: string;
  description: string;
  debitMinor: number;
  creditMinor: number;
  balanceMinor: number;
}

type Movement = Omit<StatementEntry, "balanceMinor"> & { order: number };

export type Statement = Awaited<ReturnType<typeof statement>>;

async function zoneOf(scope: Scope) {
  return scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true, currency: true },
  });
}

/** The range a statement covers when none is asked for: the year up to today. */
export async function defaultRange(scope: Scope): Promise<{ from: string; to: string }> {
  const to = todayIn((await zoneOf(scope)).timeZone);
  return { from: toDateString(addDays(parseDate(to), -364)), to };
}

// Receipts print as payments/schema.ts's receiptNumber() does; billing cannot import payments
// (payments imports billing), so the format is repeated here.
const receipt = (n: number) => `RCT-${String(n).padStart(5, "0")}`;

const METHOD: Record<string, string> = {
  CARD: "Card payment",
  MPESA: "M-Pesa payment",
  BANK_TRANSFER: "Bank transfer",
  CASH: "Cash payment",
  CHEQUE: "Cheque payment",
};

/** Every movement of the customer's account, oldest first, each dated in the company's zone. */
async function movements(scope: Scope, customerId: string, timeZone: string): Promise<Movement[]> {
  const day = (at: Date) => todayIn(timeZone, at);
  const [invoices, payments, creditNotes, refunds] = [
    await scope.tx.invoice.findMany({
      where: { customerId, status: { in: OWED } },
      select: { issueDate: true, prefix: true, number: true, totalMinor: true, dueDate: true },
    }),
    await scope.tx.payment.findMany({
      where: { customerId, purpose: "INVOICES", postedAt: { not: null } },
      select: {
        receivedAt: true,
        postedAt: true,
        amountMinor: true,
        method: true,
        receiptNumber: true,
        reference: true,
      },
    }),
    await scope.tx.creditNote.findMany({
      where: { customerId },
      select: { issuedAt: true, prefix: true, number: true, totalMinor: true, reason: true },
    }),
    await scope.tx.refund.findMany({
      where: { status: "SUCCEEDED", payment: { customerId, purpose: "INVOICES" } },
      select: { createdAt: true, amountMinor: true, reason: true, payment: { select: { receiptNumber: true } } },
    }),
  ];
  const all: Movement[] = [
    ...invoices.map((i) => ({
      date: toDateString(i.issueDate),
      order: 0,
      kind: "INVOICE" as const,
      reference: invoiceNumber(i.prefix, i.number),
      description: `Invoice, due ${toDateString(i.dueDate)}`,
      debitMinor: i.totalMinor,
      creditMinor: 0,
    })),
    ...creditNotes.map((c) => ({
      date: day(c.issuedAt),
      order: 1,
      kind: "CREDIT_NOTE" as const,
      reference: invoiceNumber(c.prefix, c.number),
      description: `Credit note: ${c.reason}`,
      debitMinor: 0,
      creditMinor: c.totalMinor,
    })),
    ...payments.map((p) => ({
      // The day the money came in (a cheque recorded later keeps the day it was received).
      date: day(p.receivedAt ?? p.postedAt!),
      order: 2,
      kind: "PAYMENT" as const,
      reference: p.receiptNumber !== null ? receipt(p.receiptNumber) : (p.reference ?? "Payment"),
      description: [METHOD[p.method] ?? "Payment", p.reference].filter(Boolean).join(", "),
      debitMinor: 0,
      creditMinor: p.amountMinor,
    })),
    ...refunds.map((r) => ({
      date: day(r.createdAt),
      order: 3,
      kind: "REFUND" as const,
      reference: r.payment.receiptNumber !== null ? `Refund ${receipt(r.payment.receiptNumber)}` : "Refund",
      description: `Refund: ${r.reason}`,
      debitMinor: r.amountMinor,
      creditMinor: 0,
    })),
  ];
  return all.sort((a, b) => (a.date === b.date ? a.order - b.order : a.date < b.date ? -1 : 1));
}

export async function statement(scope: Scope, input: z.input<typeof statementSchema>) {
  const { customerId, ...asked } = statementSchema.parse(input);
  const company = await zoneOf(scope);
  const fallback = asked.from && asked.to ? null : await defaultRange(scope);
  const from = asked.from ?? fallback!.from;
  const to = asked.to ?? fallback!.to;
  const customer = await scope.tx.customer.findUnique({
    where: { id: customerId },
    select: {
      id: true,
      accountNumber: true,
      type: true,
      firstName: true,
      lastName: true,
      businessName: true,
      billingAddress: true,
      serviceAddress: true,
    },
  });
  if (!customer) throw new NotFound("Customer");
  const all = await movements(scope, customerId, company.timeZone);
  const openingMinor = all.filter((m) => m.date < from).reduce((sum, m) => sum + m.debitMinor - m.creditMinor, 0);
  let balance = openingMinor;
  const entries: StatementEntry[] = all
    .filter((m) => m.date >= from && m.date <= to)
    .map(({ order: _order, ...m }) => {
      balance += m.debitMinor - m.creditMinor;
      return { ...m, balanceMinor: balance };
    });
  return {
    issuer: await issuer(scope),
    customer: {
      id: customer.id,
      accountNumber: customer.accountNumber,
      name: customerDisplayName(customer),
      address: customer.billingAddress ?? customer.serviceAddress,
    },
    currency: company.currency,
    from,
    to,
    openingMinor,
    entries,
    debitsMinor: entries.reduce((sum, e) => sum + e.debitMinor, 0),
    creditsMinor: entries.reduce((sum, e) => sum + e.creditMinor, 0),
    closingMinor: balance,
  };
}
