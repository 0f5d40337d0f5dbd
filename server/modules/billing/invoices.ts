import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import type { InvoiceStatus } from "../../db/generated/prisma/enums";
import { emit } from "../../jobs/emit";
import { balanceReduced } from "../../jobs/events";
import { unseal } from "../../lib/crypto";
import { Conflict, NotFound } from "../../lib/errors";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import { openTaxId } from "../customers/identifiers";
import type { Scope } from "../scope";
import { parseDate, todayIn } from "../subscriptions/dates";
import { balanceOf } from "./credit";
import { invoiceNumber, listInvoicesSchema, voidInvoiceSchema } from "./schema";

// Issued invoices: read, listed and voided. Their amounts and lines never change (the database
// refuses it, see the billing_core migration); corrections are credit notes.

const UNPAID: InvoiceStatus[] = ["OPEN", "PARTIALLY_PAID"];

const CUSTOMER = {
  select: { id: true, accountNumber: true, firstName: true, lastName: true, businessName: true },
} as const;

type CustomerRef = {
  id: string;
  accountNumber: number;
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
};
const nameOf = (c: CustomerRef) =>
  c.businessName || [c.firstName, c.lastName].filter(Boolean).join(" ") || `#${c.accountNumber}`;

async function companyToday(scope: Scope): Promise<Date> {
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true },
  });
  return parseDate(todayIn(company.timeZone));
}

/** Overdue is derived: still owed after the due date (in the company's zone), never stored. */
const isOverdue = (i: { status: InvoiceStatus; dueDate: Date }, today: Date) =>
  UNPAID.includes(i.status) && i.dueDate < today;

/** `issuedOnly`: leave drafts out (what a customer may see). */
export async function list(
  scope: Scope,
  input: z.input<typeof listInvoicesSchema>,
  opts: { issuedOnly?: boolean } = {},
) {
  const f = listInvoicesSchema.parse(input);
  const today = await companyToday(scope);
  const where: Prisma.InvoiceWhereInput = {
    customerId: f.customerId,
    ...(opts.issuedOnly ? { NOT: { status: "DRAFT" } } : {}),
    billingRunId: f.billingRunId,
    issueDate: {
      gte: f.periodFrom ? parseDate(f.periodFrom) : undefined,
      lte: f.periodTo ? parseDate(f.periodTo) : undefined,
    },
    ...(f.status === "OVERDUE"
      ? { status: { in: UNPAID }, dueDate: { lt: today } }
      : f.status
        ? { status: f.status }
        : {}),
  };
  if (f.search) {
    const digits = /(\d+)\s*$/.exec(f.search)?.[1];
    const number = digits && digits.length <= 9 ? Number(digits) : undefined;
    const text = f.search.toLowerCase();
    where.OR = [
      ...(number !== undefined ? [{ number }, { customer: { accountNumber: number } }] : []),
      { customer: { searchText: { contains: text } } },
    ];
  }
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.invoice.count({ where }),
    rows: (window) =>
      scope.tx.invoice.findMany({
        where,
        include: { customer: CUSTOMER },
        orderBy: [{ [f.sort]: f.direction }, { id: f.direction }],
        ...window,
      }),
  });
  return {
    ...paging,
    rows: rows.map((i) => ({
      id: i.id,
      number: invoiceNumber(i.prefix, i.number),
      status: i.status,
      overdue: isOverdue(i, today),
      customer: { id: i.customer.id, accountNumber: i.customer.accountNumber, name: nameOf(i.customer) },
      currency: i.currency,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
      periodStart: i.periodStart,
      periodEnd: i.periodEnd,
      totalMinor: i.totalMinor,
      amountPaidMinor: i.amountPaidMinor,
      creditedMinor: i.creditedMinor,
      balanceMinor: balanceOf(i),
    })),
  };
}

export async function get(scope: Scope, id: string) {
  const invoice = await scope.tx.invoice.findUnique({
    where: { id },
    include: {
      customer: {
        select: { ...CUSTOMER.select, taxIdSealed: true, billingAddress: true, serviceAddress: true, email: true },
      },
      lines: { orderBy: { position: "asc" }, include: { taxes: { orderBy: { name: "asc" } } } },
      billingRun: { select: { id: true, runDate: true } },
    },
  });
  if (!invoice) throw new NotFound("Invoice");
  const today = await companyToday(scope);
  // The tax summary: one row per tax (name and rate as issued), over all lines.
  const summary = new Map<string, { name: string; rateBps: number; taxableMinor: number; taxMinor: number }>();
  for (const line of invoice.lines)
    for (const t of line.taxes) {
      const key = `${t.name}|${t.rateBps}`;
      const row = summary.get(key) ?? { name: t.name, rateBps: t.rateBps, taxableMinor: 0, taxMinor: 0 };
      row.taxableMinor += t.taxableMinor;
      row.taxMinor += t.taxMinor;
      summary.set(key, row);
    }
  const {
    customer: { taxIdSealed, ...customer },
    customerTaxNumberSealed,
    ...rest
  } = invoice;
  return {
    ...rest,
    customerTaxNumber: customerTaxNumberSealed && unseal(customerTaxNumberSealed),
    displayNumber: invoiceNumber(invoice.prefix, invoice.number),
    overdue: isOverdue(invoice, today),
    balanceMinor: balanceOf(invoice),
    customer: { ...customer, taxId: openTaxId({ taxIdSealed }), name: nameOf(customer) },
    taxSummary: [...summary.values()],
  };
}

/**
 * Voids an unpaid invoice. It keeps its number (no gap). What it billed is released, as a mature
 * billing system does ("void and re-bill"): its subscription periods are unclaimed and its one-off
 * charges wait again, so the next run bills them afresh with today's package, prices, taxes and
 * customer details; the invoice was void because something on it was wrong. Still exactly once:
 * the released period is claimed again by the same unique (subscriptionId, periodStart), once. A
 * service the customer should not pay at all is corrected with a credit note, not a void.
 */
export async function voidInvoice(scope: Scope, input: z.input<typeof voidInvoiceSchema>) {
  const { id, reason } = voidInvoiceSchema.parse(input);
  const before = await scope.tx.invoice.findUnique({ where: { id } });
  if (!before) throw new NotFound("Invoice");
  if (before.status === "VOID") throw new Conflict("This invoice is already void.");
  if (before.status !== "OPEN" && before.status !== "DRAFT")
    throw new Conflict("Only an unpaid invoice can be voided; a paid one is corrected with a credit note.");
  const claimed = await scope.tx.invoice.updateMany({
    where: { id, status: before.status },
    data: { status: "VOID", voidedAt: new Date(), voidReason: reason },
  });
  if (claimed.count === 0) throw new Conflict("The invoice changed meanwhile; reload it and try again.");
  const periods = await scope.tx.billingPeriod.findMany({
    where: { invoiceId: id },
    select: { subscriptionId: true, periodStart: true, periodEnd: true },
  });
  await scope.tx.billingPeriod.deleteMany({ where: { invoiceId: id } });
  const charges = await scope.tx.pendingCharge.updateMany({ where: { invoiceId: id }, data: { invoiceId: null } });
  await audit.record(scope, {
    action: "billing.invoice_void",
    entityType: "Invoice",
    entityId: id,
    before: { status: before.status },
    after: {
      status: "VOID",
      reason,
      number: invoiceNumber(before.prefix, before.number),
      releasedPeriods: periods,
      releasedCharges: charges.count,
    },
  });
  if (before.status === "OPEN") await balanceWentDown(scope, before.customerId, "INVOICE_VOIDED", id);
  return get(scope, id);
}

/**
 * Tells dunning the customer owes less (a voided invoice, a credit note), so a customer it
 * suspended is restored now rather than at its next run, the way a posted payment does.
 */
export async function balanceWentDown(
  scope: Scope,
  customerId: string,
  cause: "INVOICE_VOIDED" | "CREDIT_NOTE" | "INVOICE_WRITTEN_OFF",
  documentId: string,
) {
  await emit(
    balanceReduced,
    { companyId: scope.companyId, customerId, cause, documentId },
    { id: `balance-reduced-${documentId}` },
  );
}
