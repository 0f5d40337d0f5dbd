import { Prisma } from "../../db/generated/prisma/client";
import { coverageAreas, pickArea } from "../routing/service";
import type { Scope } from "../scope";
import { bps } from "./mrr";

// What was invoiced in a period, split by package and by area, and how much of it has been paid.
// "Invoiced" means issued invoices (not drafts, not voided) whose issue date falls in the period.
// - Revenue is the lines' amounts without tax (netMinor), so it is comparable across tax modes.
//   Lines of no package (setup fees, equipment, one-off charges) are "Other charges".
// - Area: the coverage area (the areas staff profiles cover, as ticket routing uses them) named in
//   the customer's service address; "No area" when none is named.
// - Collection rate: paid ÷ what those invoices came to owe: their totals with tax, less what credit
//   notes took off them; paid and credited as they stand today. Bad debt: what invoices written off
//   as uncollectible still owe (a payment recovered since is paid, not bad debt).

const ISSUED = Prisma.sql`i.status NOT IN ('DRAFT', 'VOID')`;

export interface Period {
  from: string;
  to: string;
}

export async function revenueByPackage(scope: Scope, period: Period) {
  const rows = await scope.tx.$queryRaw<{ packageId: string | null; name: string | null; net: bigint }[]>`
    SELECT l."packageId", p.name, SUM(l."netMinor")::bigint AS net
    FROM "InvoiceLine" l JOIN "Invoice" i ON i.id = l."invoiceId" LEFT JOIN "Package" p ON p.id = l."packageId"
    WHERE i."companyId" = ${scope.companyId} AND ${ISSUED}
      AND i."issueDate" BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY l."packageId", p.name`;
  return rows
    .map((r) => ({ packageId: r.packageId, name: r.name ?? "Other charges", revenueMinor: Number(r.net) }))
    .sort((a, b) => b.revenueMinor - a.revenueMinor || a.name.localeCompare(b.name));
}

export async function revenueByArea(scope: Scope, period: Period) {
  const rows = await scope.tx.$queryRaw<{ address: string | null; net: bigint }[]>`
    SELECT c."serviceAddress" AS address, SUM(l."netMinor")::bigint AS net
    FROM "InvoiceLine" l JOIN "Invoice" i ON i.id = l."invoiceId" JOIN "Customer" c ON c.id = i."customerId"
    WHERE i."companyId" = ${scope.companyId} AND ${ISSUED}
      AND i."issueDate" BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY c."serviceAddress"`;
  const areas = await coverageAreas(scope);
  const totals = new Map<string | null, number>();
  for (const r of rows) {
    const area = pickArea(areas, r.address);
    totals.set(area, (totals.get(area) ?? 0) + Number(r.net));
  }
  return [...totals]
    .map(([area, revenueMinor]) => ({ area: area ?? "No area", named: area !== null, revenueMinor }))
    .sort(
      (a, b) => Number(b.named) - Number(a.named) || b.revenueMinor - a.revenueMinor || a.area.localeCompare(b.area),
    );
}

export async function collection(scope: Scope, period: Period) {
  const [row] = await scope.tx.$queryRaw<
    {
      invoices: bigint;
      invoiced: bigint | null;
      credited: bigint | null;
      paid: bigint | null;
      writtenOff: bigint;
      badDebt: bigint | null;
    }[]
  >`
    SELECT COUNT(*)::bigint AS invoices, SUM(i."totalMinor")::bigint AS invoiced,
      SUM(i."creditedMinor")::bigint AS credited, SUM(i."amountPaidMinor")::bigint AS paid,
      COUNT(*) FILTER (WHERE i.status = 'UNCOLLECTIBLE')::bigint AS "writtenOff",
      SUM(i."totalMinor" - i."amountPaidMinor" - i."creditedMinor") FILTER (WHERE i.status = 'UNCOLLECTIBLE')::bigint AS "badDebt"
    FROM "Invoice" i
    WHERE i."companyId" = ${scope.companyId} AND ${ISSUED}
      AND i."issueDate" BETWEEN ${period.from}::date AND ${period.to}::date`;
  const invoicedMinor = Number(row?.invoiced ?? 0);
  const creditedMinor = Number(row?.credited ?? 0);
  const paidMinor = Number(row?.paid ?? 0);
  return {
    invoices: Number(row?.invoices ?? 0),
    invoicedMinor,
    creditedMinor,
    paidMinor,
    rateBps: bps(paidMinor, invoicedMinor - creditedMinor),
    /** Invoices of the period written off as uncollectible, and what they still owe (not recovered). */
    writtenOffInvoices: Number(row?.writtenOff ?? 0),
    badDebtMinor: Number(row?.badDebt ?? 0),
  };
}
