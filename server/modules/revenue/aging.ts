import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import type { InvoiceStatus } from "../../db/generated/prisma/enums";
import { listPage } from "../../lib/schema";
import { invoiceNumber } from "../billing/schema";
import { customerDisplayName, formatAccountNumber } from "../customers/schema";
import type { Scope } from "../scope";
import { parseDate } from "../subscriptions/dates";
import { companyBasics } from "./load";
import { AGING_BUCKETS, AGING_DAYS, agingInvoicesSchema, type AgingBucket } from "./schema";

// Receivables aging: what customers still owe on issued invoices, by how long it is past due on
// today's date in the company's zone. An invoice is owed while OPEN or PARTIALLY_PAID; its balance
// is total − paid − credited (credit notes). Days past due = today − due date, so an invoice due today is "not yet due", due
// yesterday is 1–30, and the buckets end at 30, 60 and 90 days (91 is "over 90").

const OWED: InvoiceStatus[] = ["OPEN", "PARTIALLY_PAID"];
const DAY_MS = 86_400_000;

const shift = (today: string, days: number) => new Date(parseDate(today).getTime() - days * DAY_MS);

/** The invoices of one bucket on `today`: due dates between today − max and today − min days. */
function bucketWhere(bucket: AgingBucket, today: string): Prisma.InvoiceWhereInput {
  const { min, max } = AGING_DAYS[bucket];
  return {
    status: { in: OWED },
    dueDate: {
      ...(max === null ? {} : { gte: shift(today, max) }),
      ...(min === null ? {} : { lte: shift(today, min) }),
    },
  };
}

export interface AgingRow {
  bucket: AgingBucket;
  invoices: number;
  balanceMinor: number;
}

export async function agingSummary(scope: Scope, today: string): Promise<AgingRow[]> {
  const rows: AgingRow[] = [];
  for (const bucket of AGING_BUCKETS) {
    const sum = await scope.tx.invoice.aggregate({
      where: bucketWhere(bucket, today),
      _count: { _all: true },
      _sum: { totalMinor: true, amountPaidMinor: true, creditedMinor: true },
    });
    rows.push({
      bucket,
      invoices: sum._count._all,
      balanceMinor: (sum._sum.totalMinor ?? 0) - (sum._sum.amountPaidMinor ?? 0) - (sum._sum.creditedMinor ?? 0),
    });
  }
  return rows;
}

/** The invoices behind one bucket, longest overdue first. */
export async function agingInvoices(scope: Scope, input: z.input<typeof agingInvoicesSchema>, now = new Date()) {
  const f = agingInvoicesSchema.parse(input);
  const { today, currency } = await companyBasics(scope, now);
  const where = bucketWhere(f.bucket, today);
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.invoice.count({ where }),
    rows: (window) =>
      scope.tx.invoice.findMany({
        where,
        select: {
          id: true,
          prefix: true,
          number: true,
          status: true,
          currency: true,
          issueDate: true,
          dueDate: true,
          totalMinor: true,
          amountPaidMinor: true,
          creditedMinor: true,
          customer: {
            select: { id: true, accountNumber: true, type: true, firstName: true, lastName: true, businessName: true },
          },
        },
        orderBy: [{ dueDate: "asc" }, { number: "asc" }],
        ...window,
      }),
  });
  const todayMs = parseDate(today).getTime();
  return {
    ...paging,
    bucket: f.bucket,
    today,
    currency,
    rows: rows.map((i) => ({
      id: i.id,
      number: invoiceNumber(i.prefix, i.number),
      status: i.status,
      currency: i.currency,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
      daysPastDue: Math.max(0, Math.round((todayMs - i.dueDate.getTime()) / DAY_MS)),
      totalMinor: i.totalMinor,
      paidMinor: i.amountPaidMinor,
      creditedMinor: i.creditedMinor,
      balanceMinor: i.totalMinor - i.amountPaidMinor - i.creditedMinor,
      customer: {
        id: i.customer.id,
        name: customerDisplayName(i.customer),
        accountNumber: formatAccountNumber(i.customer.accountNumber),
      },
    })),
  };
}
