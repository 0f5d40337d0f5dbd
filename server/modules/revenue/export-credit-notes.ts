import { currencyDigits } from "../../lib/money";
import { invoiceNumber } from "../billing/schema";
import type { Scope } from "../scope";
import type { Period } from "./breakdown";
import { decimalText } from "./decimal";
import type { ExportTable } from "./export";
import {
  BATCH,
  localDdmmyyyy,
  quickBooksCustomer,
  SAGE_COLUMNS,
  SAGE_SALES_NOMINAL,
  sageAccountRef,
} from "./export-format";
import type { ExportFormat } from "./schema";

// Credit notes issued in a period (on their day in the company's zone), for the accounting export.
// QuickBooks Online imports no credit memos from a file, but it imports journal entries: each credit
// note is one journal that takes its net off sales and its tax off tax payable, against the
// customer's receivable. Sage imports them as sales credits (SC), one row per credited line.

export const QUICKBOOKS_JOURNAL_COLUMNS = [
  "JournalNo",
  "JournalDate",
  "Currency",
  "Memo",
  "AccountName",
  "Debits",
  "Credits",
  "Description",
  "Name",
] as const;

/** The accounts a credit note moves in QuickBooks; named as in its default chart of accounts (see the docs). */
export const QUICKBOOKS_ACCOUNTS = {
  sales: "Sales",
  tax: "Tax payable",
  receivable: "Accounts Receivable (A/R)",
} as const;

export async function creditNoteRows(scope: Scope, period: Period, format: ExportFormat): Promise<ExportTable> {
  const { timeZone } = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true },
  });
  const rows: (string | number)[][] = [];
  for (let after = 0; ;) {
    const ids = await scope.tx.$queryRaw<{ number: number }[]>`
      SELECT c.number FROM "CreditNote" c
      WHERE c."companyId" = ${scope.companyId} AND c.number > ${after}
        AND (c."issuedAt" AT TIME ZONE ${timeZone})::date BETWEEN ${period.from}::date AND ${period.to}::date
      ORDER BY c.number LIMIT ${BATCH}`;
    const notes = await scope.tx.creditNote.findMany({
      where: { number: { in: ids.map((r) => r.number) } },
      orderBy: { number: "asc" },
      select: {
        number: true,
        prefix: true,
        reason: true,
        currency: true,
        subtotalMinor: true,
        taxMinor: true,
        totalMinor: true,
        issuedAt: true,
        customer: { select: { accountNumber: true, type: true, firstName: true, lastName: true, businessName: true } },
        invoice: { select: { prefix: true, number: true } },
        lines: { orderBy: { id: "asc" }, select: { description: true, netMinor: true, taxMinor: true } },
      },
    });
    for (const n of notes) {
      const money = (minor: number) => decimalText(minor, currencyDigits(n.currency));
      const number = invoiceNumber(n.prefix, n.number);
      const invoice = invoiceNumber(n.invoice.prefix, n.invoice.number);
      const date = localDdmmyyyy(n.issuedAt, timeZone);
      if (format === "QUICKBOOKS") {
        const memo = `Credit note ${number} on ${invoice}: ${n.reason}`;
        const name = quickBooksCustomer(n.customer);
        const entry = (account: string, debit: number, credit: number) => [
          number,
          date,
          n.currency,
          memo,
          account,
          debit ? money(debit) : "",
          credit ? money(credit) : "",
          n.reason,
          name,
        ];
        rows.push(entry(QUICKBOOKS_ACCOUNTS.sales, n.subtotalMinor, 0));
        if (n.taxMinor) rows.push(entry(QUICKBOOKS_ACCOUNTS.tax, n.taxMinor, 0));
        rows.push(entry(QUICKBOOKS_ACCOUNTS.receivable, 0, n.totalMinor));
        continue;
      }
      for (const l of n.lines)
        rows.push([
          "SC",
          sageAccountRef(n.customer.accountNumber),
          SAGE_SALES_NOMINAL,
          0,
          date,
          number,
          l.description.slice(0, 60),
          money(l.netMinor),
          l.taxMinor > 0 ? "T1" : "T0",
          money(l.taxMinor),
          1,
          invoice,
        ]);
    }
    if (ids.length < BATCH) break;
    after = ids.at(-1)!.number;
  }
  return { columns: format === "QUICKBOOKS" ? QUICKBOOKS_JOURNAL_COLUMNS : SAGE_COLUMNS, rows };
}
