import { Prisma } from "../../db/generated/prisma/client";
import { currencyDigits } from "../../lib/money";
import { invoiceNumber } from "../billing/schema";
import type { Scope } from "../scope";
import type { Period } from "./breakdown";
import { decimalText } from "./decimal";
import type { ExportTable } from "./export";
import { QUICKBOOKS_ACCOUNTS, QUICKBOOKS_JOURNAL_COLUMNS } from "./export-credit-notes";
import { localDdmmyyyy, quickBooksCustomer, SAGE_COLUMNS, sageAccountRef } from "./export-format";
import type { ExportFormat } from "./schema";

// Bad debt for the accounting export: invoices written off as uncollectible in the period (on the
// day they were written off, in the company's zone), and what later payments recovered of them
// (on the day the payment was received). QuickBooks gets journal entries: a write-off debits bad
// debts and credits the customer's receivable by the balance written off; a recovery reverses that
// by what was received (the payment itself comes in the payments file, against the invoice). Sage
// gets a sales credit (SC) to its bad debt nominal for a write-off and a sales invoice (SI) to it
// for a recovery, outside the scope of tax (T9): the tax was charged when the invoice was issued.

export const QUICKBOOKS_BAD_DEBTS = "Bad debts";
export const SAGE_BAD_DEBT_NOMINAL = "8100";

const CUSTOMER = {
  select: { accountNumber: true, type: true, firstName: true, lastName: true, businessName: true },
} as const;

interface Movement {
  kind: "WRITE_OFF" | "RECOVERY";
  at: Date;
  amountMinor: number;
  currency: string;
  invoice: string;
  reason: string;
  customer: Parameters<typeof quickBooksCustomer>[0] & { accountNumber: number };
}

async function movements(scope: Scope, period: Period, timeZone: string): Promise<Movement[]> {
  const inPeriod = (column: Prisma.Sql) =>
    Prisma.sql`(${column} AT TIME ZONE ${timeZone})::date BETWEEN ${period.from}::date AND ${period.to}::date`;
  const writtenOff = await scope.tx.invoice.findMany({
    where: {
      id: {
        in: (
          await scope.tx.$queryRaw<{ id: string }[]>`
            SELECT i.id FROM "Invoice" i
            WHERE i."companyId" = ${scope.companyId} AND i."writtenOffAt" IS NOT NULL
              AND ${inPeriod(Prisma.sql`i."writtenOffAt"`)}`
        ).map((r) => r.id),
      },
    },
    select: {
      prefix: true,
      number: true,
      currency: true,
      writtenOffAt: true,
      writtenOffMinor: true,
      writeOffReason: true,
      customer: CUSTOMER,
    },
  });
  // What payments put on an invoice after it was written off (a refund of it takes it back).
  const recovered = await scope.tx.$queryRaw<{ invoiceId: string; at: Date; amount: bigint }[]>`
    SELECT a."invoiceId", COALESCE(p."receivedAt", p."postedAt") AS at, SUM(a."amountMinor")::bigint AS amount
    FROM "PaymentAllocation" a JOIN "Payment" p ON p.id = a."paymentId" JOIN "Invoice" i ON i.id = a."invoiceId"
    WHERE a."companyId" = ${scope.companyId} AND i."writtenOffAt" IS NOT NULL AND a."createdAt" > i."writtenOffAt"
      AND ${inPeriod(Prisma.sql`COALESCE(p."receivedAt", p."postedAt")`)}
    GROUP BY a."invoiceId", a."paymentId", 2
    HAVING SUM(a."amountMinor") <> 0`;
  const invoices = new Map(
    (
      await scope.tx.invoice.findMany({
        where: { id: { in: [...new Set(recovered.map((r) => r.invoiceId))] } },
        select: { id: true, prefix: true, number: true, currency: true, customer: CUSTOMER },
      })
    ).map((i) => [i.id, i]),
  );
  const out: Movement[] = writtenOff.map((i) => ({
    kind: "WRITE_OFF" as const,
    at: i.writtenOffAt!,
    amountMinor: i.writtenOffMinor ?? 0,
    currency: i.currency,
    invoice: invoiceNumber(i.prefix, i.number),
    reason: i.writeOffReason ?? "",
    customer: i.customer,
  }));
  for (const r of recovered) {
    const i = invoices.get(r.invoiceId)!;
    const invoice = invoiceNumber(i.prefix, i.number);
    out.push({
      kind: "RECOVERY",
      at: r.at,
      amountMinor: Number(r.amount),
      currency: i.currency,
      invoice,
      reason: `Payment received on written-off ${invoice}`,
      customer: i.customer,
    });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.invoice.localeCompare(b.invoice));
}

export async function writeOffRows(scope: Scope, period: Period, format: ExportFormat): Promise<ExportTable> {
  const { timeZone } = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true },
  });
  const rows: (string | number)[][] = [];
  for (const m of await movements(scope, period, timeZone)) {
    const money = (minor: number) => decimalText(minor, currencyDigits(m.currency));
    const date = localDdmmyyyy(m.at, timeZone);
    const what = m.kind === "WRITE_OFF" ? "Write-off" : "Recovery";
    // Negative: a refund took back more of a recovery than was received in the period.
    const amount = Math.abs(m.amountMinor);
    const forward = (m.kind === "WRITE_OFF") === m.amountMinor > 0;
    if (format === "QUICKBOOKS") {
      const journal = `${m.kind === "WRITE_OFF" ? "WO" : "RC"}-${m.invoice}`;
      const memo = `${what} of ${m.invoice}${m.reason ? `: ${m.reason}` : ""}`;
      const entry = (account: string, debit: boolean) => [
        journal,
        date,
        m.currency,
        memo,
        account,
        debit ? money(amount) : "",
        debit ? "" : money(amount),
        m.reason,
        quickBooksCustomer(m.customer),
      ];
      rows.push(entry(QUICKBOOKS_BAD_DEBTS, forward), entry(QUICKBOOKS_ACCOUNTS.receivable, !forward));
      continue;
    }
    rows.push([
      forward ? "SC" : "SI",
      sageAccountRef(m.customer.accountNumber),
      SAGE_BAD_DEBT_NOMINAL,
      0,
      date,
      m.invoice,
      `${what}: ${m.reason}`.slice(0, 60),
      money(amount),
      "T9",
      money(0),
      1,
      m.invoice,
    ]);
  }
  return { columns: format === "QUICKBOOKS" ? QUICKBOOKS_JOURNAL_COLUMNS : SAGE_COLUMNS, rows };
}
