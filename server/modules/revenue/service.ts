import type { z } from "zod";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { agingSummary } from "./aging";
import { collection, revenueByArea, revenueByPackage, type Period } from "./breakdown";
import { accountingExport } from "./export";
import { companyBasics, packagePrices, subscriptionHistories } from "./load";
import { lastDayOf, mrrSeries } from "./mrr";
import { accountingExportSchema, addMonthsTo, MAX_MONTHS, monthRangeSchema, monthsBetween } from "./schema";
import { taxReport, taxReportCsv } from "./tax-report";

// Revenue analytics, the tax report and the accounting export: read-only over billing's,
// packages' and subscriptions' tables, in the company's time zone and currency. The definitions of
// each number are in mrr.ts, aging.ts, breakdown.ts and tax-report.ts.

export { agingInvoices } from "./aging";

/**
 * The months asked for (default: the twelve up to the current one), never past the current month
 * and never more than MAX_MONTHS (a "from" alone is cut to the last MAX_MONTHS).
 */
function resolveMonths(input: z.input<typeof monthRangeSchema>, today: string) {
  const r = monthRangeSchema.parse(input);
  const current = today.slice(0, 7);
  const to = r.to && r.to < current ? r.to : current;
  const earliest = addMonthsTo(to, 1 - MAX_MONTHS);
  const from = r.from && r.from <= to ? (r.from < earliest ? earliest : r.from) : addMonthsTo(to, -11);
  const months = Array.from({ length: monthsBetween(from, to) }, (_, i) => addMonthsTo(from, i));
  const period: Period = { from: `${from}-01`, to: lastDayOf(to) };
  return { from, to, months, period };
}

export async function overview(scope: Scope, input: z.input<typeof monthRangeSchema>, now = new Date()) {
  const basics = await companyBasics(scope, now);
  const { from, to, months, period } = resolveMonths(input, basics.today);
  const packages = await packagePrices(scope);
  const histories = await subscriptionHistories(scope, basics.timeZone, basics.today);
  const mrr = mrrSeries(histories, packages, months, basics.today, basics.billsSuspended);
  return {
    range: { from, to, period, timeZone: basics.timeZone, currency: basics.currency, today: basics.today },
    mrr,
    aging: await agingSummary(scope, basics.today),
    byPackage: await revenueByPackage(scope, period),
    byArea: await revenueByArea(scope, period),
    collection: await collection(scope, period),
    countsSuspended: basics.billsSuspended,
  };
}
export type RevenueOverview = Awaited<ReturnType<typeof overview>>;

export async function taxes(scope: Scope, input: z.input<typeof monthRangeSchema>, now = new Date()) {
  const basics = await companyBasics(scope, now);
  const { from, to, period } = resolveMonths(input, basics.today);
  return {
    range: { from, to, period, currency: basics.currency },
    rows: await taxReport(scope, period, basics.timeZone),
  };
}
export type TaxReport = Awaited<ReturnType<typeof taxes>>;

export async function taxesCsv(scope: Scope, input: z.input<typeof monthRangeSchema>, now = new Date()) {
  const report = await taxes(scope, input, now);
  return {
    filename: `tax-report-${report.range.from}-to-${report.range.to}.csv`,
    csv: taxReportCsv(report.rows, report.range.currency),
    rows: report.rows.length,
  };
}

/** The export, recorded in the audit log: customers' names and amounts leave the system in bulk. */
export async function exportForAccounting(scope: Scope, input: z.input<typeof accountingExportSchema>) {
  const f = accountingExportSchema.parse(input);
  const file = await accountingExport(scope, f);
  await audit.record(scope, {
    action: "revenue.accounting_export",
    entityType: "Company",
    entityId: scope.companyId,
    after: { document: f.document, format: f.format, from: f.period.from, to: f.period.to, rows: file.rows },
  });
  return file;
}
