import { z } from "zod";
import { defineRoute, type ApiViewer } from "../../api/rest/route";
import { idParams, pageSchema, queryOf } from "../../lib/schema";
import * as customerView from "./customer-view";
import { pdfResponse } from "./download";
import * as invoices from "./invoices";
import { INVOICE_STATUSES, LINE_KIND_LABELS, listInvoicesSchema } from "./schema";

// REST endpoints of invoices. Staff tokens (billing:read) see the company's invoices; a
// customer's token (portal:access) sees only that customer's own issued invoices: another
// customer's invoice is 404, as if it did not exist. Rules live in invoices.ts and customer-view.ts.

const isCustomer = (viewer: ApiViewer) => viewer.role === "CUSTOMER";
const params = idParams("The invoice's id.");
const date = z.iso.date();
const money = (what: string) => z.number().int().describe(`${what}, in minor units of the currency.`);

const invoiceRow = z.object({
  id: z.string(),
  number: z.string().describe('The invoice number as printed, e.g. "INV-00042" ("Draft" before issue).'),
  status: z.enum(INVOICE_STATUSES),
  overdue: z.boolean().describe("Open or partly paid after the due date."),
  customer: z.object({ id: z.string(), accountNumber: z.number().int(), name: z.string() }),
  currency: z.string(),
  issueDate: date,
  dueDate: date,
  periodStart: date.nullable(),
  periodEnd: date.nullable(),
  totalMinor: money("Total with tax"),
  amountPaidMinor: money("Paid so far"),
});

const LINE_KINDS = Object.keys(LINE_KIND_LABELS) as [
  keyof typeof LINE_KIND_LABELS,
  ...(keyof typeof LINE_KIND_LABELS)[],
];

const invoiceDetail = invoiceRow.extend({
  subtotalMinor: money("Sum of the lines before tax, after discounts"),
  discountMinor: money("Discounts included"),
  taxMinor: money("Tax"),
  balanceMinor: money("Still owed (0 for a void invoice)"),
  taxMode: z.enum(["EXCLUSIVE", "INCLUSIVE"]),
  roundingMode: z.enum(["HALF_UP", "HALF_EVEN"]),
  companyTaxNumber: z.string().nullable(),
  customerTaxNumber: z.string().nullable(),
  voidReason: z.string().nullable(),
  writtenOffMinor: z
    .number()
    .int()
    .nullish()
    .describe("Written off as uncollectible: the balance it owed then (bad debt); a later payment still settles it."),
  lines: z.array(
    z.object({
      position: z.number().int(),
      kind: z.enum(LINE_KINDS),
      description: z.string(),
      periodStart: date.nullable(),
      periodEnd: date.nullable(),
      quantity: z.number().int().describe("Units; megabytes for an OVERAGE line."),
      unitPriceMinor: money("Price per unit (per GB for overage)"),
      discountMinor: money("Discount"),
      netMinor: money("Amount without tax"),
      taxMinor: money("Tax on the line"),
      totalMinor: money("Amount with tax"),
      usedMb: z.number().int().nullable().describe("OVERAGE lines: the data used in the period."),
      includedMb: z.number().int().nullable().describe("OVERAGE lines: the data the package includes."),
      rule: z.string().describe("How the amount was worked out."),
    }),
  ),
  taxSummary: z.array(
    z.object({
      name: z.string(),
      rateBps: z.number().int(),
      taxableMinor: z.number().int(),
      taxMinor: z.number().int(),
    }),
  ),
});

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function wireRow(r: Awaited<ReturnType<typeof invoices.list>>["rows"][number]) {
  return {
    ...r,
    issueDate: day(r.issueDate)!,
    dueDate: day(r.dueDate)!,
    periodStart: day(r.periodStart),
    periodEnd: day(r.periodEnd),
  };
}

function wireDetail(i: Awaited<ReturnType<typeof invoices.get>>) {
  return {
    ...i,
    ...wireRow({ ...i, number: i.displayNumber, customer: i.customer }),
    lines: i.lines.map((l) => ({ ...l, periodStart: day(l.periodStart), periodEnd: day(l.periodEnd) })),
  };
}

export const list = defineRoute({
  method: "GET",
  path: "/api/invoices",
  summary: "List invoices",
  description:
    "Staff: the company's invoices a page at a time, filtered by status (OVERDUE: open or partly paid past the due date), customer and issue dates. A customer's token: only that customer's own issued invoices (the customer filter is ignored).",
  tags: ["Invoices"],
  auth: "bearer",
  permission: ["billing:read", "portal:access"],
  query: queryOf(listInvoicesSchema),
  response: pageSchema(invoiceRow),
  handler: async ({ scope, viewer, query }) => {
    const page = isCustomer(viewer)
      ? await customerView.listInvoices(scope, viewer.userId, query)
      : await invoices.list(scope, query);
    return { ...page, rows: page.rows.map(wireRow) };
  },
});

export const get = defineRoute({
  method: "GET",
  path: "/api/invoices/{id}",
  summary: "Get an invoice",
  description:
    "One invoice with its lines (each with the rule behind its amount), tax summary, totals and balance. A customer's token reaches only its own invoices.",
  tags: ["Invoices"],
  auth: "bearer",
  permission: ["billing:read", "portal:access"],
  params,
  response: invoiceDetail,
  handler: async ({ scope, viewer, params }) =>
    wireDetail(
      isCustomer(viewer)
        ? await customerView.getInvoice(scope, viewer.userId, params.id)
        : await invoices.get(scope, params.id),
    ),
});

export const pdf = defineRoute({
  method: "GET",
  path: "/api/invoices/{id}/pdf",
  summary: "Download an invoice as PDF",
  description:
    "The invoice as the customer receives it: lines with their rules, tax summary, totals, payment instructions and the usage summary. A customer's token reaches only its own invoices.",
  tags: ["Invoices"],
  auth: "bearer",
  permission: ["billing:read", "portal:access"],
  params,
  produces: "application/pdf",
  handler: async ({ scope, viewer, params }) =>
    pdfResponse(
      isCustomer(viewer)
        ? await customerView.invoicePdf(scope, viewer.userId, params.id)
        : await customerView.invoicePdfOf(scope, params.id),
    ),
});
