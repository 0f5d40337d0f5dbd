import { Prisma } from "../../db/generated/prisma/client";
import { toCsv } from "../../lib/csv";
import { currencyDigits } from "../../lib/money";
import type { Scope } from "../scope";
import type { Period } from "./breakdown";
import { decimalText } from "./decimal";

// The tax report for a tax return: per month of issue and per tax rate (its name and rate as they
// were on the invoice), the taxable amount and the tax charged, on issued invoices (not drafts, not
// voided: a voided invoice keeps its number but owes no tax). Lines that carry no tax at all
// (zero-rated, exempt, exempted customers) are one "No tax" row per month with their net amount, so
// the report adds up to what was invoiced.

export interface TaxReportRow {
  month: string;
  name: string;
  /** null for the "No tax" row. */
  rateBps: number | null;
  invoices: number;
  taxableMinor: number;
  taxMinor: number;
}

const ISSUED = Prisma.sql`i.status NOT IN ('DRAFT', 'VOID')`;

export async function taxReport(scope: Scope, period: Period): Promise<TaxReportRow[]> {
  const taxed = await scope.tx.$queryRaw<
    { month: string; name: string; rateBps: number; invoices: bigint; taxable: bigint; tax: bigint }[]
  >`
    SELECT to_char(i."issueDate", 'YYYY-MM') AS month, t.name, t."rateBps",
      COUNT(DISTINCT i.id)::bigint AS invoices, SUM(t."taxableMinor")::bigint AS taxable, SUM(t."taxMinor")::bigint AS tax
    FROM "InvoiceLineTax" t JOIN "Invoice" i ON i.id = t."invoiceId"
    WHERE i."companyId" = ${scope.companyId} AND ${ISSUED}
      AND i."issueDate" BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY 1, 2, 3`;
  const untaxed = await scope.tx.$queryRaw<{ month: string; invoices: bigint; net: bigint }[]>`
    SELECT to_char(i."issueDate", 'YYYY-MM') AS month, COUNT(DISTINCT i.id)::bigint AS invoices,
      SUM(l."netMinor")::bigint AS net
    FROM "InvoiceLine" l JOIN "Invoice" i ON i.id = l."invoiceId"
    WHERE i."companyId" = ${scope.companyId} AND ${ISSUED}
      AND i."issueDate" BETWEEN ${period.from}::date AND ${period.to}::date
      AND NOT EXISTS (SELECT 1 FROM "InvoiceLineTax" t WHERE t."lineId" = l.id)
    GROUP BY 1`;
  const rows: TaxReportRow[] = [
    ...taxed.map((r) => ({
      month: r.month,
      name: r.name,
      rateBps: r.rateBps,
      invoices: Number(r.invoices),
      taxableMinor: Number(r.taxable),
      taxMinor: Number(r.tax),
    })),
    ...untaxed.map((r) => ({
      month: r.month,
      name: "No tax",
      rateBps: null,
      invoices: Number(r.invoices),
      taxableMinor: Number(r.net),
      taxMinor: 0,
    })),
  ];
  return rows.sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      Number(a.rateBps === null) - Number(b.rateBps === null) ||
      (b.rateBps ?? 0) - (a.rateBps ?? 0) ||
      a.name.localeCompare(b.name),
  );
}

export const TAX_REPORT_COLUMNS = ["Month", "Tax", "Rate %", "Invoices", "Taxable amount", "Tax", "Currency"] as const;

export function taxReportCsv(rows: readonly TaxReportRow[], currency: string): string {
  const digits = currencyDigits(currency);
  return toCsv(
    TAX_REPORT_COLUMNS,
    rows.map((r) => [
      r.month,
      r.name,
      r.rateBps === null ? "" : decimalText(r.rateBps, 2),
      r.invoices,
      decimalText(r.taxableMinor, digits),
      decimalText(r.taxMinor, digits),
      currency,
    ]),
  );
}
