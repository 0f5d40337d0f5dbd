import { toCsv } from "../../lib/csv";
import { currencyDigits } from "../../lib/money";
import { invoiceNumber, LINE_KIND_LABELS } from "../billing/schema";
import type { Scope } from "../scope";
import type { Period } from "./breakdown";
import { decimalText } from "./decimal";
import { BATCH, ddmmyyyy, quickBooksCustomer, SAGE_COLUMNS, SAGE_SALES_NOMINAL, sageAccountRef } from "./export-format";
import { creditNoteRows } from "./export-credit-notes";
import { paymentRows } from "./export-payments";
import { writeOffRows } from "./export-write-offs";
import { type ExportDocument, type ExportFormat } from "./schema";

// The accounting export: a period's issued invoices as a CSV that QuickBooks Online or Sage
// imports, one row per invoice line. Every column, and how to import the file, is described in
// docs/ACCOUNTING-EXPORT.md; change both together. Amounts are decimal text in the company's
// currency without tax (the tax beside it), dates are dd/mm/yyyy. Drafts and voided invoices are
// left out: a draft is not a sale, and a voided one was never owed.

export const QUICKBOOKS_INVOICE_COLUMNS = [
  "InvoiceNo",
  "Customer",
  "InvoiceDate",
  "DueDate",
  "Terms",
  "Memo",
  "Item(Product/Service)",
  "ItemDescription",
  "ItemQuantity",
  "ItemRate",
  "ItemAmount",
  "ItemTaxCode",
  "ItemTaxAmount",
  "Currency",
  "Service Date",
] as const;

export const SAGE_INVOICE_COLUMNS = SAGE_COLUMNS;

type InvoiceForExport = Awaited<ReturnType<typeof invoiceBatch>>[number];

async function invoiceBatch(scope: Scope, period: Period, after: number) {
  return scope.tx.invoice.findMany({
    where: {
      status: { notIn: ["DRAFT", "VOID"] },
      issueDate: { gte: new Date(`${period.from}T00:00:00Z`), lte: new Date(`${period.to}T00:00:00Z`) },
      number: { gt: after },
    },
    orderBy: { number: "asc" },
    take: BATCH,
    select: {
      number: true,
      prefix: true,
      currency: true,
      issueDate: true,
      dueDate: true,
      periodStart: true,
      periodEnd: true,
      customer: { select: { accountNumber: true, type: true, firstName: true, lastName: true, businessName: true } },
      lines: {
        orderBy: { position: "asc" },
        select: {
          kind: true,
          description: true,
          quantity: true,
          unitPriceMinor: true,
          netMinor: true,
          taxMinor: true,
          periodStart: true,
          packageId: true,
          taxes: { orderBy: { name: "asc" }, select: { name: true, rateBps: true, taxMinor: true } },
        },
      },
    },
  });
}

function quickBooksRows(i: InvoiceForExport, terms: number, packageNames: ReadonlyMap<string, string>) {
  const digits = currencyDigits(i.currency);
  const money = (minor: number) => decimalText(minor, digits);
  return i.lines.map((l) => {
    // QuickBooks checks quantity × rate against the amount: a prorated or discounted line goes as
    // one unit at its amount, so the amount is what the invoice says.
    const exact = l.quantity > 0 && l.quantity * l.unitPriceMinor === l.netMinor;
    return [
      invoiceNumber(i.prefix, i.number),
      quickBooksCustomer(i.customer),
      ddmmyyyy(i.issueDate),
      ddmmyyyy(i.dueDate),
      `Net ${terms}`,
      i.periodStart && i.periodEnd ? `Service ${ddmmyyyy(i.periodStart)} to ${ddmmyyyy(i.periodEnd)}` : "",
      (l.packageId && packageNames.get(l.packageId)) || LINE_KIND_LABELS[l.kind],
      l.description,
      exact ? l.quantity : 1,
      money(exact ? l.unitPriceMinor : l.netMinor),
      money(l.netMinor),
      l.taxes.length ? l.taxes.map((t) => t.name).join(" + ") : "No tax",
      money(l.taxMinor),
      i.currency,
      l.periodStart ? ddmmyyyy(l.periodStart) : "",
    ];
  });
}

function sageRows(i: InvoiceForExport) {
  const digits = currencyDigits(i.currency);
  return i.lines.map((l) => [
    "SI",
    sageAccountRef(i.customer.accountNumber),
    SAGE_SALES_NOMINAL,
    0,
    ddmmyyyy(i.issueDate),
    invoiceNumber(i.prefix, i.number),
    l.description.slice(0, 60),
    decimalText(l.netMinor, digits),
    // Sage's codes: T1 standard-rated, T0 zero-rated (a line with no tax charged).
    l.taxMinor > 0 ? "T1" : "T0",
    decimalText(l.taxMinor, digits),
    1,
    i.customer.accountNumber,
  ]);
}

export interface ExportFile {
  filename: string;
  csv: string;
  rows: number;
}

/** The columns and rows of one document type in one layout. */
export interface ExportTable {
  columns: readonly string[];
  rows: (string | number)[][];
}

async function invoiceRows(scope: Scope, period: Period, format: ExportFormat): Promise<ExportTable> {
  const settings = await scope.tx.billingSettings.findUnique({
    where: { companyId: scope.companyId },
    select: { paymentTermsDays: true },
  });
  const terms = settings?.paymentTermsDays ?? 14;
  const packageNames = new Map(
    (await scope.tx.package.findMany({ select: { id: true, name: true } })).map((p) => [p.id, p.name]),
  );
  const rows: (string | number)[][] = [];
  for (let after = 0; ;) {
    const batch = await invoiceBatch(scope, period, after);
    for (const i of batch)
      rows.push(...(format === "QUICKBOOKS" ? quickBooksRows(i, terms, packageNames) : sageRows(i)));
    if (batch.length < BATCH) break;
    after = batch.at(-1)!.number!;
  }
  return { columns: format === "QUICKBOOKS" ? QUICKBOOKS_INVOICE_COLUMNS : SAGE_INVOICE_COLUMNS, rows };
}

const BUILDERS: Record<ExportDocument, (scope: Scope, period: Period, format: ExportFormat) => Promise<ExportTable>> = {
  INVOICES: invoiceRows,
  PAYMENTS: paymentRows,
  CREDIT_NOTES: creditNoteRows,
  WRITE_OFFS: writeOffRows,
};

export async function accountingExport(
  scope: Scope,
  input: { period: Period; format: ExportFormat; document: ExportDocument },
): Promise<ExportFile> {
  const { period, format, document } = input;
  const { columns, rows } = await BUILDERS[document](scope, period, format);
  const slug = format === "QUICKBOOKS" ? "quickbooks" : "sage";
  return {
    filename: `${document.toLowerCase().replace("_", "-")}-${slug}-${period.from}-to-${period.to}.csv`,
    csv: toCsv(columns, rows),
    rows: rows.length,
  };
}
