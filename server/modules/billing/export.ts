import { unseal } from "../../lib/crypto";
import type { Scope } from "../scope";
import { invoiceNumber } from "./schema";

// A customer's billing records for their data export (privacy/collect.ts asks for them), so the
// shape of billing's data stays decided here. Each field is listed on purpose, like the other
// collectors. "customer" is what the customer sees on their own invoices: billing's internals
// (run ids, rates' ids, rounding mode, staff-written void reasons) and their tax id (a staff-only
// field of the profile, like in the rest of the customer's export) stay with staff.

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

/** Enough for years of monthly invoices; an export is one customer's data, not a table dump. */
const MAX_INVOICES = 10_000;

export async function billingRecordsForExport(scope: Scope, customerId: string, audience: "staff" | "customer") {
  const staff = audience === "staff";
  const rows = await scope.tx.invoice.findMany({
    where: { customerId },
    orderBy: [{ issueDate: "asc" }, { number: "asc" }],
    take: MAX_INVOICES,
    include: {
      lines: { orderBy: { position: "asc" }, include: { taxes: { orderBy: { name: "asc" } } } },
    },
  });
  const invoices = rows.map((i) => ({
    id: i.id,
    number: invoiceNumber(i.prefix, i.number),
    status: i.status,
    currency: i.currency,
    issueDate: day(i.issueDate),
    dueDate: day(i.dueDate),
    periodStart: day(i.periodStart),
    periodEnd: day(i.periodEnd),
    taxMode: i.taxMode,
    subtotalMinor: i.subtotalMinor,
    discountMinor: i.discountMinor,
    taxMinor: i.taxMinor,
    totalMinor: i.totalMinor,
    amountPaidMinor: i.amountPaidMinor,
    companyTaxNumber: i.companyTaxNumber,
    voidedAt: iso(i.voidedAt),
    writtenOffAt: iso(i.writtenOffAt),
    createdAt: iso(i.createdAt),
    ...(staff
      ? {
          // The tax id as issued: kept sealed on the invoice, opened only for staff.
          customerTaxNumber: i.customerTaxNumberSealed && unseal(i.customerTaxNumberSealed),
          roundingMode: i.roundingMode,
          voidReason: i.voidReason,
          writeOffReason: i.writeOffReason,
          writtenOffMinor: i.writtenOffMinor,
          billingRunId: i.billingRunId,
        }
      : {}),
    lines: i.lines.map((l) => ({
      position: l.position,
      kind: l.kind,
      description: l.description,
      subscriptionId: l.subscriptionId,
      periodStart: day(l.periodStart),
      periodEnd: day(l.periodEnd),
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      grossMinor: l.grossMinor,
      discountBps: l.discountBps,
      discountMinor: l.discountMinor,
      netMinor: l.netMinor,
      taxMinor: l.taxMinor,
      totalMinor: l.totalMinor,
      usedMb: l.usedMb,
      includedMb: l.includedMb,
      // How the amount was worked out, as on the invoice.
      rule: l.rule,
      ...(staff ? { packageId: l.packageId } : {}),
      taxes: l.taxes.map((t) => ({
        name: t.name,
        rateBps: t.rateBps,
        taxableMinor: t.taxableMinor,
        taxMinor: t.taxMinor,
        ...(staff ? { taxRateId: t.taxRateId } : {}),
      })),
    })),
  }));

  const exemptions = await scope.tx.taxExemption.findMany({
    where: { customerId },
    orderBy: { createdAt: "asc" },
    select: { id: true, certificateRef: true, createdAt: true, taxRate: { select: { name: true, rateBps: true } } },
  });
  const taxExemptions = exemptions.map((e) => ({
    id: e.id,
    tax: e.taxRate.name,
    rateBps: e.taxRate.rateBps,
    certificateRef: e.certificateRef,
    createdAt: iso(e.createdAt),
  }));

  return { invoices, taxExemptions };
}
