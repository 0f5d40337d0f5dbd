import type { InvoiceStatus } from "../../db/generated/prisma/enums";
import { invoiceNumber } from "../billing/schema";
import type { Scope } from "../scope";
import { parseDate, todayIn } from "../subscriptions/dates";

// What a customer owes, read from billing's invoices (dunning never writes them). An invoice is
// unpaid while OPEN or PARTIALLY_PAID; its balance is total − paid − credited (credit notes); it is overdue once its due
// date (a date in the company's zone) has passed.

export const UNPAID: InvoiceStatus[] = ["OPEN", "PARTIALLY_PAID"];
export const DAY_MS = 86_400_000;

export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

export interface UnpaidInvoice {
  id: string;
  number: string;
  dueDate: Date;
  currency: string;
  balanceMinor: number;
}

export async function companyToday(scope: Scope): Promise<Date> {
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true },
  });
  return parseDate(todayIn(company.timeZone));
}

/** The customer's unpaid invoices with something left to pay, oldest due first. */
export async function unpaidInvoices(scope: Scope, customerId: string): Promise<UnpaidInvoice[]> {
  const rows = await scope.tx.invoice.findMany({
    where: { customerId, status: { in: UNPAID } },
    select: {
      id: true,
      prefix: true,
      number: true,
      dueDate: true,
      currency: true,
      totalMinor: true,
      amountPaidMinor: true,
      creditedMinor: true,
    },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
  });
  return rows
    .map((r) => ({
      id: r.id,
      number: invoiceNumber(r.prefix, r.number),
      dueDate: r.dueDate,
      currency: r.currency,
      balanceMinor: r.totalMinor - r.amountPaidMinor - r.creditedMinor,
    }))
    .filter((r) => r.balanceMinor > 0);
}

export const overdue = (invoices: UnpaidInvoice[], today: Date) => invoices.filter((i) => i.dueDate < today);

/** Past grace: still owed more than `graceDays` after the due date, so service is suspended. */
export const pastGrace = (invoices: UnpaidInvoice[], today: Date, graceDays: number) =>
  invoices.filter((i) => addDays(i.dueDate, graceDays) < today);

export const sumMinor = (invoices: { balanceMinor: number }[]) => invoices.reduce((s, i) => s + i.balanceMinor, 0);

/** What is left to pay now on the given invoices (a voided or paid one counts nothing). */
export async function balanceOf(scope: Scope, invoiceIds: string[]): Promise<number> {
  if (invoiceIds.length === 0) return 0;
  const rows = await scope.tx.invoice.findMany({
    where: { id: { in: invoiceIds }, status: { in: UNPAID } },
    select: { totalMinor: true, amountPaidMinor: true, creditedMinor: true },
  });
  return rows.reduce((s, r) => s + Math.max(0, r.totalMinor - r.amountPaidMinor - r.creditedMinor), 0);
}
