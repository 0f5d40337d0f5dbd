import { Prisma } from "../../db/generated/prisma/client";
import { currencyDigits } from "../../lib/money";
import { invoiceNumber } from "../billing/schema";
import { METHOD_LABELS, receiptNumber } from "../payments/schema";
import type { Scope } from "../scope";
import type { Period } from "./breakdown";
import { decimalText } from "./decimal";
import type { ExportTable } from "./export";
import {
  BATCH,
  localDdmmyyyy,
  quickBooksCustomer,
  SAGE_BANK_NOMINAL,
  SAGE_COLUMNS,
  sageAccountRef,
} from "./export-format";
import type { ExportFormat } from "./schema";

// Payments received and refunds paid out in a period, for the accounting export. A payment counts
// once it is posted to a customer's account, on the day it was received in the company's zone; a
// refund on the day it succeeded. QuickBooks gets them as bank lines to match against its invoices
// (date, description, amount: + in, − out); Sage gets receipts against each invoice they settled
// (SR), the rest on account (SA, the customer's credit), and refunds (SP).

export const QUICKBOOKS_PAYMENT_COLUMNS = ["Date", "Description", "Amount"] as const;

const at = Prisma.sql`COALESCE(p."receivedAt", p."postedAt")`;

async function timeZoneOf(scope: Scope) {
  const c = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { timeZone: true } });
  return c.timeZone;
}

const CUSTOMER = {
  select: { accountNumber: true, type: true, firstName: true, lastName: true, businessName: true },
} as const;

async function paymentBatch(scope: Scope, period: Period, timeZone: string, after: { at: Date; id: string } | null) {
  const ids = await scope.tx.$queryRaw<{ id: string; at: Date }[]>`
    SELECT p.id, ${at} AS at FROM "Payment" p
    WHERE p."companyId" = ${scope.companyId} AND p."postedAt" IS NOT NULL AND p."customerId" IS NOT NULL
      AND (${at} AT TIME ZONE ${timeZone})::date BETWEEN ${period.from}::date AND ${period.to}::date
      AND ${after ? Prisma.sql`(${at}, p.id) > (${after.at}, ${after.id})` : Prisma.sql`TRUE`}
    ORDER BY 2, 1 LIMIT ${BATCH}`;
  const rows = await scope.tx.payment.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: {
      id: true,
      receiptNumber: true,
      method: true,
      reference: true,
      providerRef: true,
      amountMinor: true,
      currency: true,
      receivedAt: true,
      postedAt: true,
      customer: CUSTOMER,
      allocations: {
        where: { refundId: null },
        orderBy: { createdAt: "asc" },
        select: { amountMinor: true, invoice: { select: { prefix: true, number: true } } },
      },
    },
  });
  const order = new Map(ids.map((r, i) => [r.id, i]));
  return { last: ids.at(-1) ?? null, rows: rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!) };
}

async function refundsIn(scope: Scope, period: Period, timeZone: string) {
  const ids = await scope.tx.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM "Refund" r
    WHERE r."companyId" = ${scope.companyId} AND r.status = 'SUCCEEDED'
      AND (r."createdAt" AT TIME ZONE ${timeZone})::date BETWEEN ${period.from}::date AND ${period.to}::date
    ORDER BY r."createdAt", r.id`;
  const rows = await scope.tx.refund.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: {
      id: true,
      amountMinor: true,
      reason: true,
      createdAt: true,
      payment: { select: { receiptNumber: true, currency: true, customer: CUSTOMER } },
    },
  });
  const order = new Map(ids.map((r, i) => [r.id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

export async function paymentRows(scope: Scope, period: Period, format: ExportFormat): Promise<ExportTable> {
  const timeZone = await timeZoneOf(scope);
  const rows: (string | number)[][] = [];
  for (let after: { at: Date; id: string } | null = null; ;) {
    const batch = await paymentBatch(scope, period, timeZone, after);
    for (const p of batch.rows) {
      const customer = p.customer!;
      const money = (minor: number) => decimalText(minor, currencyDigits(p.currency));
      const date = localDdmmyyyy(p.receivedAt ?? p.postedAt!, timeZone);
      const receipt = receiptNumber(p.receiptNumber) ?? p.id;
      const ref = p.reference ?? p.providerRef;
      const how = `${METHOD_LABELS[p.method]}${ref ? ` ${ref}` : ""}`;
      const invoices = p.allocations.map((a) => invoiceNumber(a.invoice.prefix, a.invoice.number));
      if (format === "QUICKBOOKS") {
        const towards = invoices.length ? ` for ${invoices.join(", ")}` : " on account";
        rows.push([
          date,
          `Receipt ${receipt} from ${quickBooksCustomer(customer)} by ${how}${towards}`,
          money(p.amountMinor),
        ]);
        continue;
      }
      const account = sageAccountRef(customer.accountNumber);
      const line = (type: string, reference: string, details: string, minor: number) => [
        type,
        account,
        SAGE_BANK_NOMINAL,
        0,
        date,
        reference,
        details.slice(0, 60),
        money(minor),
        "T9",
        money(0),
        1,
        receipt,
      ];
      p.allocations.forEach((a, i) => rows.push(line("SR", invoices[i]!, `Receipt ${receipt}, ${how}`, a.amountMinor)));
      const onAccount = p.amountMinor - p.allocations.reduce((s, a) => s + a.amountMinor, 0);
      if (onAccount > 0) rows.push(line("SA", receipt, `Payment on account ${receipt}, ${how}`, onAccount));
    }
    if (batch.rows.length < BATCH) break;
    after = batch.last;
  }
  for (const r of await refundsIn(scope, period, timeZone)) {
    const customer = r.payment.customer;
    if (!customer) continue;
    const money = (minor: number) => decimalText(minor, currencyDigits(r.payment.currency));
    const date = localDdmmyyyy(r.createdAt, timeZone);
    const receipt = receiptNumber(r.payment.receiptNumber) ?? r.id;
    if (format === "QUICKBOOKS")
      rows.push([date, `Refund of ${receipt} to ${quickBooksCustomer(customer)}: ${r.reason}`, money(-r.amountMinor)]);
    else
      rows.push([
        "SP",
        sageAccountRef(customer.accountNumber),
        SAGE_BANK_NOMINAL,
        0,
        date,
        receipt,
        `Refund: ${r.reason}`.slice(0, 60),
        money(r.amountMinor),
        "T9",
        money(0),
        1,
        receipt,
      ]);
  }
  return { columns: format === "QUICKBOOKS" ? QUICKBOOKS_PAYMENT_COLUMNS : SAGE_COLUMNS, rows };
}
