import { Prisma } from "../../db/generated/prisma/client";
import { toCsv } from "../../lib/csv";
import { currencyDigits } from "../../lib/money";
import type { Scope } from "../scope";
import type { Period } from "./breakdown";
import { decimalText } from "./decimal";

// The tax report for a tax return: per month and per tax rate (its name and rate as they were on
// the invoice), the taxable amount and the tax charged on issued invoices (not drafts, not voided:
// a voided invoice keeps its number but owes no tax), less what credit notes issued in the month
// gave back. Lines that carry no tax at all (zero-rated, exempt, exempted customers) are one
// "No tax" row per month with their net amount, so the report adds up to what was invoiced.
// Sales paid at once from prepaid wallets carry their tax on the wallet entry and count in the
// month they were sold; refunds of them give their share of the tax back in the month refunded.
//
// A credit note line reverses part of one invoice line. Its tax is split over that line's taxes
// in proportion to the tax each charged (largest remainder, so the parts add up to the credited
// tax exactly), and its net is the taxable amount credited for each of them.

export interface TaxReportRow {
  month: string;
  name: string;
  /** null for the "No tax" row. */
  rateBps: number | null;
  invoices: number;
  invoicedTaxableMinor: number;
  invoicedTaxMinor: number;
  /** Sales paid at once from prepaid wallets (renewals, vouchers, data top-ups). */
  walletSales: number;
  walletTaxableMinor: number;
  walletTaxMinor: number;
  /** Refunds of wallet sales (money back into the wallet), with the taxable amount and tax they gave back. */
  walletRefunds: number;
  walletRefundedTaxableMinor: number;
  walletRefundedTaxMinor: number;
  creditNotes: number;
  creditedTaxableMinor: number;
  creditedTaxMinor: number;
  /** Invoiced and sold from wallets, less credited: what the return declares. */
  taxableMinor: number;
  taxMinor: number;
}

const ISSUED = Prisma.sql`i.status NOT IN ('DRAFT', 'VOID')`;
const NO_TAX = "No tax";

type Key = string;
const keyOf = (month: string, name: string, rateBps: number | null): Key => JSON.stringify([month, name, rateBps]);

export async function taxReport(scope: Scope, period: Period, timeZone: string): Promise<TaxReportRow[]> {
  const rows = new Map<Key, TaxReportRow & { noteIds: Set<string> }>();
  const row = (month: string, name: string, rateBps: number | null) => {
    const key = keyOf(month, name, rateBps);
    let r = rows.get(key);
    if (!r)
      rows.set(
        key,
        (r = {
          month,
          name,
          rateBps,
          invoices: 0,
          invoicedTaxableMinor: 0,
          invoicedTaxMinor: 0,
          walletSales: 0,
          walletTaxableMinor: 0,
          walletTaxMinor: 0,
          walletRefunds: 0,
          walletRefundedTaxableMinor: 0,
          walletRefundedTaxMinor: 0,
          creditNotes: 0,
          creditedTaxableMinor: 0,
          creditedTaxMinor: 0,
          taxableMinor: 0,
          taxMinor: 0,
          noteIds: new Set(),
        }),
      );
    return r;
  };

  const taxed = await scope.tx.$queryRaw<
    { month: string; name: string; rateBps: number; invoices: bigint; taxable: bigint; tax: bigint }[]
  >`
    SELECT to_char(i."issueDate", 'YYYY-MM') AS month, t.name, t."rateBps",
      COUNT(DISTINCT i.id)::bigint AS invoices, SUM(t."taxableMinor")::bigint AS taxable, SUM(t."taxMinor")::bigint AS tax
    FROM "InvoiceLineTax" t JOIN "Invoice" i ON i.id = t."invoiceId"
    WHERE i."companyId" = ${scope.companyId} AND ${ISSUED}
      AND i."issueDate" BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY 1, 2, 3`;
  for (const t of taxed) {
    const r = row(t.month, t.name, t.rateBps);
    r.invoices = Number(t.invoices);
    r.invoicedTaxableMinor = Number(t.taxable);
    r.invoicedTaxMinor = Number(t.tax);
  }
  const untaxed = await scope.tx.$queryRaw<{ month: string; invoices: bigint; net: bigint }[]>`
    SELECT to_char(i."issueDate", 'YYYY-MM') AS month, COUNT(DISTINCT i.id)::bigint AS invoices,
      SUM(l."netMinor")::bigint AS net
    FROM "InvoiceLine" l JOIN "Invoice" i ON i.id = l."invoiceId"
    WHERE i."companyId" = ${scope.companyId} AND ${ISSUED}
      AND i."issueDate" BETWEEN ${period.from}::date AND ${period.to}::date
      AND NOT EXISTS (SELECT 1 FROM "InvoiceLineTax" t WHERE t."lineId" = l.id)
    GROUP BY 1`;
  for (const u of untaxed) {
    const r = row(u.month, NO_TAX, null);
    r.invoices = Number(u.invoices);
    r.invoicedTaxableMinor = Number(u.net);
  }

  // Sales from prepaid wallets, taxed when sold (WalletEntry.taxes), in the month of the sale in
  // the company's zone. A sale with no tax at all counts its net in the "No tax" row. A refund of a
  // sale (money back into the wallet, amountMinor > 0) carries the tax it gave back, negative, and
  // counts in the month of the refund.
  const walletTaxed = await scope.tx.$queryRaw<
    { month: string; name: string; rateBps: number; refund: boolean; sales: bigint; taxable: bigint; tax: bigint }[]
  >`
    SELECT to_char(w."createdAt" AT TIME ZONE ${timeZone}, 'YYYY-MM') AS month, t->>'name' AS name,
      (t->>'rateBps')::int AS "rateBps", w."amountMinor" > 0 AS refund, COUNT(DISTINCT w.id)::bigint AS sales,
      SUM((t->>'taxableMinor')::bigint)::bigint AS taxable, SUM((t->>'taxMinor')::bigint)::bigint AS tax
    FROM "WalletEntry" w CROSS JOIN LATERAL jsonb_array_elements(w.taxes) t
    WHERE w."companyId" = ${scope.companyId} AND w.taxes IS NOT NULL
      AND (w."createdAt" AT TIME ZONE ${timeZone})::date BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY 1, 2, 3, 4`;
  for (const t of walletTaxed) {
    const r = row(t.month, t.name, t.rateBps);
    if (t.refund) {
      r.walletRefunds = Number(t.sales);
      r.walletRefundedTaxableMinor = -Number(t.taxable);
      r.walletRefundedTaxMinor = -Number(t.tax);
    } else {
      r.walletSales = Number(t.sales);
      r.walletTaxableMinor = Number(t.taxable);
      r.walletTaxMinor = Number(t.tax);
    }
  }
  const walletUntaxed = await scope.tx.$queryRaw<{ month: string; refund: boolean; sales: bigint; net: bigint }[]>`
    SELECT to_char(w."createdAt" AT TIME ZONE ${timeZone}, 'YYYY-MM') AS month, w."amountMinor" > 0 AS refund,
      COUNT(*)::bigint AS sales, SUM(w."netMinor")::bigint AS net
    FROM "WalletEntry" w
    WHERE w."companyId" = ${scope.companyId} AND w.taxes IS NOT NULL AND jsonb_array_length(w.taxes) = 0
      AND (w."createdAt" AT TIME ZONE ${timeZone})::date BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY 1, 2`;
  for (const u of walletUntaxed) {
    const r = row(u.month, NO_TAX, null);
    if (u.refund) {
      r.walletRefunds = Number(u.sales);
      r.walletRefundedTaxableMinor = -Number(u.net);
    } else {
      r.walletSales = Number(u.sales);
      r.walletTaxableMinor = Number(u.net);
    }
  }

  // Credit note lines with the taxes of the invoice line each reverses (none: a "No tax" line).
  const credited = await scope.tx.$queryRaw<
    {
      noteId: string;
      lineId: string;
      month: string;
      net: number;
      tax: number;
      name: string | null;
      rateBps: number | null;
      lineTax: number | null;
    }[]
  >`
    SELECT c.id AS "noteId", cl.id AS "lineId", to_char(c."issuedAt" AT TIME ZONE ${timeZone}, 'YYYY-MM') AS month,
      cl."netMinor" AS net, cl."taxMinor" AS tax, t.name, t."rateBps", t."taxMinor" AS "lineTax"
    FROM "CreditNoteLine" cl JOIN "CreditNote" c ON c.id = cl."creditNoteId"
      LEFT JOIN "InvoiceLineTax" t ON t."lineId" = cl."invoiceLineId"
    WHERE c."companyId" = ${scope.companyId}
      AND (c."issuedAt" AT TIME ZONE ${timeZone})::date BETWEEN ${period.from}::date AND ${period.to}::date
    ORDER BY cl.id, t."rateBps" DESC, t.name`;
  const byLine = new Map<string, typeof credited>();
  for (const c of credited) byLine.set(c.lineId, [...(byLine.get(c.lineId) ?? []), c]);
  for (const parts of byLine.values()) {
    const first = parts[0]!;
    if (first.name === null) {
      const r = row(first.month, NO_TAX, null);
      r.creditedTaxableMinor += first.net;
      r.noteIds.add(first.noteId);
      continue;
    }
    const shares = splitByWeight(
      first.tax,
      parts.map((p) => p.lineTax ?? 0),
    );
    parts.forEach((p, i) => {
      const r = row(p.month, p.name!, p.rateBps);
      r.creditedTaxableMinor += p.net;
      r.creditedTaxMinor += shares[i]!;
      r.noteIds.add(p.noteId);
    });
  }

  return [...rows.values()]
    .map(({ noteIds, ...r }) => ({
      ...r,
      creditNotes: noteIds.size,
      taxableMinor:
        r.invoicedTaxableMinor + r.walletTaxableMinor - r.walletRefundedTaxableMinor - r.creditedTaxableMinor,
      taxMinor: r.invoicedTaxMinor + r.walletTaxMinor - r.walletRefundedTaxMinor - r.creditedTaxMinor,
    }))
    .sort(
      (a, b) =>
        a.month.localeCompare(b.month) ||
        Number(a.rateBps === null) - Number(b.rateBps === null) ||
        (b.rateBps ?? 0) - (a.rateBps ?? 0) ||
        a.name.localeCompare(b.name),
    );
}

/** `total` split in proportion to `weights` (largest remainder; equal parts when all weights are 0). */
export function splitByWeight(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  const whole = sum > 0 ? sum : weights.length;
  const exact = w.map((x) => (BigInt(total) * BigInt(x)) / BigInt(whole));
  const parts = exact.map(Number);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = w
    .map((x, i) => ({ i, rest: (BigInt(total) * BigInt(x)) % BigInt(whole) }))
    .sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}

export const TAX_REPORT_COLUMNS = [
  "Month",
  "Tax",
  "Rate %",
  "Invoices",
  "Invoiced taxable amount",
  "Invoiced tax",
  "Wallet sales",
  "Wallet taxable amount",
  "Wallet tax",
  "Wallet refunds",
  "Wallet refunded taxable amount",
  "Wallet refunded tax",
  "Credit notes",
  "Credited taxable amount",
  "Credited tax",
  "Taxable amount",
  "Tax",
  "Currency",
] as const;

export function taxReportCsv(rows: readonly TaxReportRow[], currency: string): string {
  const digits = currencyDigits(currency);
  const money = (minor: number) => decimalText(minor, digits);
  return toCsv(
    TAX_REPORT_COLUMNS,
    rows.map((r) => [
      r.month,
      r.name,
      r.rateBps === null ? "" : decimalText(r.rateBps, 2),
      r.invoices,
      money(r.invoicedTaxableMinor),
      money(r.invoicedTaxMinor),
      r.walletSales,
      money(r.walletTaxableMinor),
      money(r.walletTaxMinor),
      r.walletRefunds,
      money(r.walletRefundedTaxableMinor),
      money(r.walletRefundedTaxMinor),
      r.creditNotes,
      money(r.creditedTaxableMinor),
      money(r.creditedTaxMinor),
      money(r.taxableMinor),
      money(r.taxMinor),
      currency,
    ]),
  );
}
