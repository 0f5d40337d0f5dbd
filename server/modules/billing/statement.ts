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
// Invoices are debits (a voided one owes nothing and is left out; a draft is not issued yet).
// Payments and credit notes are the credits; they join the entries when the payments module
// records them with their dates.

const OWED: InvoiceStatus[] = ["OPEN", "PARTIALLY_PAID", "PAID", "UNCOLLECTIBLE"];

export interface StatementEntry {
  date: string;
  kind: "INVOICE";
  reference: string;
  description: string;
  debitMinor: number;
  creditMinor: number;
  balanceMinor: number;
}

export type Statement = Awaited<ReturnType<typeof statement>>;

/** The range a statement covers when none is asked for: the year up to today. */
export async function defaultRange(scope: Scope): Promise<{ from: string; to: string }> {
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true },
  });
  const to = todayIn(company.timeZone);
  return { from: toDateString(addDays(parseDate(to), -364)), to };
}

export async function statement(scope: Scope, input: z.input<typeof statementSchema>) {
  const { customerId, ...asked } = statementSchema.parse(input);
  const range = asked.from && asked.to ? { from: asked.from, to: asked.to } : await defaultRange(scope);
  const from = parseDate(asked.from ?? range.from);
  const to = parseDate(asked.to ?? range.to);
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
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { currency: true },
  });
  const before = await scope.tx.invoice.aggregate({
    where: { customerId, status: { in: OWED }, issueDate: { lt: from } },
    _sum: { totalMinor: true },
  });
  const invoices = await scope.tx.invoice.findMany({
    where: { customerId, status: { in: OWED }, issueDate: { gte: from, lte: to } },
    orderBy: [{ issueDate: "asc" }, { number: "asc" }],
    select: { issueDate: true, prefix: true, number: true, totalMinor: true, dueDate: true },
  });
  const openingMinor = before._sum.totalMinor ?? 0;
  let balance = openingMinor;
  const entries: StatementEntry[] = invoices.map((i) => {
    balance += i.totalMinor;
    return {
      date: toDateString(i.issueDate),
      kind: "INVOICE",
      reference: invoiceNumber(i.prefix, i.number),
      description: `Invoice, due ${toDateString(i.dueDate)}`,
      debitMinor: i.totalMinor,
      creditMinor: 0,
      balanceMinor: balance,
    };
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
    from: toDateString(from),
    to: toDateString(to),
    openingMinor,
    entries,
    debitsMinor: entries.reduce((sum, e) => sum + e.debitMinor, 0),
    creditsMinor: entries.reduce((sum, e) => sum + e.creditMinor, 0),
    closingMinor: balance,
  };
}
