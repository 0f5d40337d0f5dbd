import type { Scope } from "../scope";
import { toDateString } from "../subscriptions/dates";
import * as invoices from "./invoices";
import { logoImage } from "./logo";
import * as settingsService from "./settings";

// What an invoice's PDF and e-mail show, gathered once: the invoice as issued (invoices.get), who
// sends it (name, address, tax number, how to pay) and the usage of each subscription it bills.
// The rendering (pdf.tsx) only lays this out.

/** The ISP as it appears at the top of its documents, and how customers pay it. */
export interface Issuer {
  name: string;
  address: string | null;
  taxNumber: string | null;
  mpesaPaybill: string | null;
  mpesaTill: string | null;
  bankDetails: string | null;
  /** The company's logo (billing settings), for the PDF's header; null when none is set. */
  logo: { data: Buffer; format: "png" | "jpg" } | null;
}

export interface UsageRow {
  subscriptionId: string;
  description: string;
  periodStart: string;
  periodEnd: string;
  downloadBytes: bigint;
  uploadBytes: bigint;
  /** Days with any traffic recorded. */
  activeDays: number;
}

export type InvoiceDocument = Awaited<ReturnType<typeof invoiceDocument>>;

export async function issuer(scope: Scope): Promise<Issuer> {
  const [settings, company] = [
    await settingsService.get(scope),
    await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { name: true } }),
  ];
  return {
    name: company.name,
    address: settings.invoiceAddress,
    taxNumber: settings.taxRegistrationNumber,
    mpesaPaybill: settings.mpesaPaybill,
    mpesaTill: settings.mpesaTill,
    bankDetails: settings.bankDetails,
    logo: await logoImage(scope),
  };
}

export async function invoiceDocument(scope: Scope, invoiceId: string) {
  const invoice = await invoices.get(scope, invoiceId);
  const from = await issuer(scope);
  // The invoice keeps the company's tax number as issued; a later change does not rewrite it.
  return { invoice, issuer: { ...from, taxNumber: invoice.companyTaxNumber }, usage: await usageOf(scope, invoice) };
}

type Line = Awaited<ReturnType<typeof invoices.get>>["lines"][number];

/**
 * Usage of each subscription on the invoice: over its overage line's period when it has one (the
 * usage behind that charge), otherwise over the periods its lines cover.
 */
async function usageOf(scope: Scope, invoice: { lines: Line[] }): Promise<UsageRow[]> {
  const windows = new Map<string, { start: Date; end: Date; overage: boolean }>();
  for (const line of invoice.lines) {
    if (!line.subscriptionId || !line.periodStart || !line.periodEnd) continue;
    const current = windows.get(line.subscriptionId);
    const overage = line.kind === "OVERAGE";
    if (!current || (overage && !current.overage)) {
      windows.set(line.subscriptionId, { start: line.periodStart, end: line.periodEnd, overage });
    } else if (!current.overage && !overage) {
      if (line.periodStart < current.start) current.start = line.periodStart;
      if (line.periodEnd > current.end) current.end = line.periodEnd;
    }
  }
  const rows: UsageRow[] = [];
  for (const [subscriptionId, w] of windows) {
    const subscription = await scope.tx.subscription.findUnique({
      where: { id: subscriptionId },
      select: { package: { select: { name: true } } },
    });
    const days = await scope.tx.usageDaily.findMany({
      where: { subscriptionId, day: { gte: w.start, lte: w.end } },
      select: { downloadBytes: true, uploadBytes: true },
    });
    rows.push({
      subscriptionId,
      description: subscription?.package.name ?? "Subscription",
      periodStart: toDateString(w.start),
      periodEnd: toDateString(w.end),
      downloadBytes: days.reduce((sum, d) => sum + d.downloadBytes, 0n),
      uploadBytes: days.reduce((sum, d) => sum + d.uploadBytes, 0n),
      activeDays: days.filter((d) => d.downloadBytes + d.uploadBytes > 0n).length,
    });
  }
  return rows;
}
