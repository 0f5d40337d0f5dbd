import type { z } from "zod";
import type { InvoiceStatus } from "../../db/generated/prisma/enums";
import { NotFound } from "../../lib/errors";
import { ownCustomerId } from "../customers/own";
import type { Scope } from "../scope";
import { balanceOf } from "./credit";
import { invoiceDocument } from "./document";
import * as invoices from "./invoices";
import { invoiceFileName } from "./print";
import { listInvoicesSchema, type statementSchema } from "./schema";
import { statement } from "./statement";

// Billing as a customer sees it (the portal and a customer's REST token). Every function starts
// from the signed-in user and finds *their* customer record; an invoice of anyone else is "not
// found", exactly like one that does not exist.

const UNPAID: InvoiceStatus[] = ["OPEN", "PARTIALLY_PAID"];

async function ownInvoice(scope: Scope, userId: string, invoiceId: string) {
  const customerId = await ownCustomerId(scope, userId);
  const found = await scope.tx.invoice.findFirst({
    where: { id: invoiceId, customerId, status: { not: "DRAFT" } },
    select: { id: true },
  });
  if (!found) throw new NotFound("Invoice");
  return found.id;
}

/** The customer's invoices (never drafts), with the list's filters but always only their own. */
export async function listInvoices(scope: Scope, userId: string, input: z.input<typeof listInvoicesSchema>) {
  const customerId = await ownCustomerId(scope, userId);
  const { billingRunId: _run, search: _search, ...rest } = listInvoicesSchema.parse(input);
  return invoices.list(scope, { ...rest, customerId }, { issuedOnly: true });
}

export async function getInvoice(scope: Scope, userId: string, invoiceId: string) {
  return invoices.get(scope, await ownInvoice(scope, userId, invoiceId));
}

export async function invoicePdf(scope: Scope, userId: string, invoiceId: string) {
  return invoicePdfOf(scope, await ownInvoice(scope, userId, invoiceId));
}

/** Any invoice of the company (staff; the caller checked billing:read). */
export async function invoicePdfOf(scope: Scope, invoiceId: string) {
  const doc = await invoiceDocument(scope, invoiceId);
  // Loaded on demand: the PDF renderer is large, and only downloads need it.
  const { renderInvoicePdf } = await import("./pdf");
  return { filename: invoiceFileName(doc.invoice.displayNumber), pdf: await renderInvoicePdf(doc) };
}

export async function statementPdfOf(scope: Scope, input: z.input<typeof statementSchema>) {
  const s = await statement(scope, input);
  const { renderStatementPdf, statementFileName } = await import("./statement-pdf");
  return { filename: statementFileName(s), pdf: await renderStatementPdf(s) };
}

export async function ownStatementPdf(scope: Scope, userId: string, range: { from?: string; to?: string }) {
  return statementPdfOf(scope, { ...range, customerId: await ownCustomerId(scope, userId) });
}

/** The portal's billing card: what is owed now, and the latest invoices. */
export async function billingSummary(scope: Scope, userId: string) {
  const customerId = await ownCustomerId(scope, userId);
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { currency: true },
  });
  const unpaid = await scope.tx.invoice.findMany({
    where: { customerId, status: { in: UNPAID } },
    select: { status: true, totalMinor: true, amountPaidMinor: true, creditedMinor: true },
  });
  const latest = await invoices.list(scope, { customerId, sort: "issueDate", pageSize: 10 }, { issuedOnly: true });
  const overdue = await invoices.list(scope, { customerId, status: "OVERDUE", pageSize: 1 });
  return {
    currency: company.currency,
    openBalanceMinor: unpaid.reduce((sum, i) => sum + balanceOf(i), 0),
    unpaidCount: unpaid.length,
    overdueCount: overdue.total,
    invoices: latest,
  };
}
