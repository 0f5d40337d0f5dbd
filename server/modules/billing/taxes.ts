import type { z } from "zod";
import type { TaxCategory } from "../../db/generated/prisma/enums";
import { inOrder } from "../../db/tenant";
import { Conflict, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { priceLine, type LineTax, type RateForTax } from "./engine";
import { archiveTaxRateSchema, exemptionSchema, taxRateSchema, updateTaxRateSchema } from "./schema";
import * as settingsService from "./settings";

// Named tax rates per company, by the packages' tax category, and customers' exemptions from them.
// A rate that was used keeps its name and basis points on every invoice line (InvoiceLineTax),
// so editing or archiving it changes only invoices issued afterwards.

const nameTaken = () =>
  new Conflict("A tax rate with this name exists.", { name: "A tax rate with this name exists." });

export async function list(scope: Scope) {
  return scope.tx.taxRate.findMany({ orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }] });
}

async function load(scope: Scope, id: string) {
  const rate = await scope.tx.taxRate.findUnique({ where: { id } });
  if (!rate) throw new NotFound("Tax rate");
  return rate;
}

export async function create(scope: Scope, input: z.input<typeof taxRateSchema>) {
  const data = taxRateSchema.parse(input);
  const rate = await onUnique(
    scope.tx.taxRate.create({ data: { ...data, id: newId(), companyId: scope.companyId } }),
    nameTaken,
  );
  await audit.record(scope, {
    action: "billing.tax_rate_create",
    entityType: "TaxRate",
    entityId: rate.id,
    after: rate,
  });
  return rate;
}

export async function update(scope: Scope, input: z.input<typeof updateTaxRateSchema>) {
  const { id, data } = updateTaxRateSchema.parse(input);
  const before = await load(scope, id);
  const after = await onUnique(scope.tx.taxRate.update({ where: { id }, data }), nameTaken);
  await audit.record(scope, { action: "billing.tax_rate_update", entityType: "TaxRate", entityId: id, before, after });
  return after;
}

export async function archive(scope: Scope, input: z.input<typeof archiveTaxRateSchema>) {
  const { id, archived } = archiveTaxRateSchema.parse(input);
  const before = await load(scope, id);
  const after = await scope.tx.taxRate.update({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
  await audit.record(scope, {
    action: archived ? "billing.tax_rate_archive" : "billing.tax_rate_restore",
    entityType: "TaxRate",
    entityId: id,
    before: { archivedAt: before.archivedAt },
    after: { archivedAt: after.archivedAt },
  });
  return after;
}

/** Active rates by category, for the engine. */
export async function ratesByCategory(scope: Scope): Promise<Partial<Record<TaxCategory, RateForTax[]>>> {
  const rates = await scope.tx.taxRate.findMany({
    where: { archivedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const byCategory: Partial<Record<TaxCategory, RateForTax[]>> = {};
  for (const r of rates)
    (byCategory[r.taxCategory] ??= []).push({ id: r.id, name: r.name, rateBps: r.rateBps, compound: r.compound });
  return byCategory;
}

// ── exemptions ──────────────────────────────────────────────────────────────────────────────

export async function exemptions(scope: Scope, customerId: string) {
  const customer = await scope.tx.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw new NotFound("Customer");
  return scope.tx.taxExemption.findMany({
    where: { customerId },
    include: { taxRate: { select: { id: true, name: true, rateBps: true, taxCategory: true } } },
    orderBy: { createdAt: "asc" },
  });
}

export async function addExemption(scope: Scope, input: z.input<typeof exemptionSchema>) {
  const data = exemptionSchema.parse(input);
  const [customer, rate] = await inOrder([
    scope.tx.customer.findUnique({ where: { id: data.customerId }, select: { id: true } }),
    scope.tx.taxRate.findUnique({ where: { id: data.taxRateId }, select: { id: true } }),
  ]);
  if (!customer) throw new NotFound("Customer");
  if (!rate) throw new NotFound("Tax rate");
  const exemption = await onUnique(
    scope.tx.taxExemption.create({ data: { ...data, id: newId(), companyId: scope.companyId } }),
    () => new Conflict("The customer is already exempt from this tax."),
  );
  await audit.record(scope, {
    action: "billing.tax_exemption_add",
    entityType: "TaxExemption",
    entityId: exemption.id,
    after: exemption,
  });
  return exemption;
}

export async function removeExemption(scope: Scope, id: string) {
  const before = await scope.tx.taxExemption.findUnique({ where: { id } });
  if (!before) throw new NotFound("Tax exemption");
  await scope.tx.taxExemption.delete({ where: { id } });
  await audit.record(scope, {
    action: "billing.tax_exemption_remove",
    entityType: "TaxExemption",
    entityId: id,
    before,
  });
  return { id };
}

/** Tax rate ids each of these customers is exempt from. */
export async function exemptRateIds(scope: Scope, customerIds: string[]): Promise<Map<string, Set<string>>> {
  const rows = await scope.tx.taxExemption.findMany({
    where: { customerId: { in: customerIds } },
    select: { customerId: true, taxRateId: true },
  });
  const map = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = map.get(r.customerId) ?? new Set<string>();
    set.add(r.taxRateId);
    map.set(r.customerId, set);
  }
  return map;
}

// ── a sale outside an invoice ───────────────────────────────────────────────────────────────

export interface TaxedSale {
  /** Without tax. */
  netMinor: number;
  taxMinor: number;
  /** What the customer pays: the price plus tax (EXCLUSIVE) or the price itself (INCLUSIVE). */
  totalMinor: number;
  taxes: LineTax[];
}

/**
 * A sale paid at once from the prepaid wallet (a renewal, a voucher, a data top-up), taxed as an
 * invoice line would be: the company's price mode and rounding, the active rates of the tax
 * category, less the customer's exemptions (engine rule 8, the same code).
 */
export async function taxSale(
  scope: Scope,
  sale: { customerId: string; priceMinor: number; taxCategory: TaxCategory; description: string },
): Promise<TaxedSale> {
  const settings = await settingsService.get(scope);
  const exempt = await exemptRateIds(scope, [sale.customerId]);
  const line = priceLine(
    {
      kind: "ONE_OFF",
      description: sale.description,
      quantity: 1,
      unitPriceMinor: sale.priceMinor,
      grossMinor: sale.priceMinor,
      discountBps: 0,
      discountMinor: 0,
      taxCategory: sale.taxCategory,
      rule: sale.description,
    },
    {
      taxMode: settings.taxMode,
      rounding: settings.roundingMode,
      currency: settings.currency,
      ratesByCategory: await ratesByCategory(scope),
      exemptRateIds: exempt.get(sale.customerId) ?? new Set(),
    },
  );
  return { netMinor: line.netMinor, taxMinor: line.taxMinor, totalMinor: line.totalMinor, taxes: line.taxes };
}
