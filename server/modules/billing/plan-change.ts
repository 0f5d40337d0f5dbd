import { toDateString } from "../subscriptions/dates";
import type { Scope } from "../scope";
import { recordRepairs } from "./charges";
import { overageCharge, planChangeCharges, type BillablePackage, type ChargeDraft } from "./engine";
import { addDays, type BilledCycle } from "./periods";
import * as settingsService from "./settings";

// Rule 9 of engine.ts wired to the service-request apply path: when an upgrade, downgrade or
// termination takes effect in the middle of a period already invoiced, the unused part is
// credited and (for a change) the new package charged for the same days, as pending charges on
// the customer's next invoice. Once per request: the charges carry the request's key, unique per
// company. A period not invoiced yet needs no repair: the run bills it with the package of the day.

const PACKAGE = {
  select: {
    id: true,
    name: true,
    billingCycle: true,
    priceMinor: true,
    setupFeeMinor: true,
    promoPriceMinor: true,
    promoCycles: true,
    volumeDiscounts: true,
    taxCategory: true,
    dataCapMb: true,
    overagePerGbMinor: true,
  },
} as const;

/**
 * Call before the subscription changes (it reads the package that was billed). `newPackageId`
 * null is a termination: the credit, and the data used above the cap in the final, partial
 * period (which no later run would bill). Returns how many charges were recorded (0 when the
 * request was already repaired, or nothing was billed for the effective date).
 */
export async function repairPlanChange(
  scope: Scope,
  input: { subscriptionId: string; effectiveDate: string; newPackageId: string | null; sourceKey: string },
): Promise<number> {
  const sub = await scope.tx.subscription.findUnique({
    where: { id: input.subscriptionId },
    select: { id: true, customerId: true, quantity: true, startDate: true, package: PACKAGE },
  });
  if (!sub || sub.package.billingCycle === "VALIDITY") return 0;
  const effective = new Date(`${input.effectiveDate}T00:00:00Z`);
  const period = await scope.tx.billingPeriod.findFirst({
    where: { subscriptionId: sub.id, periodStart: { lte: effective }, periodEnd: { gte: effective } },
  });
  if (!period?.invoiceId) return 0;
  const billedLines = await scope.tx.invoiceLine.findMany({
    where: {
      invoiceId: period.invoiceId,
      subscriptionId: sub.id,
      kind: { in: ["RECURRING", "PRORATION"] },
      periodStart: period.periodStart,
    },
    select: { grossMinor: true, discountMinor: true },
  });
  const billedAmount = billedLines.reduce((sum, l) => sum + l.grossMinor - l.discountMinor, 0);
  const newPkg = input.newPackageId
    ? await scope.tx.package.findUnique({ where: { id: input.newPackageId }, ...PACKAGE })
    : null;
  const settings = await settingsService.get(scope);
  const oldPkg = sub.package as BillablePackage & { billingCycle: BilledCycle };
  const drafts: ChargeDraft[] = [];
  if (billedAmount > 0)
    drafts.push(
      ...planChangeCharges({
        subscriptionId: sub.id,
        billed: { start: period.periodStart, end: period.periodEnd, amountMinor: billedAmount, pkg: oldPkg },
        effectiveDate: effective,
        newPkg:
          newPkg && newPkg.billingCycle !== "VALIDITY"
            ? (newPkg as BillablePackage & { billingCycle: BilledCycle })
            : null,
        quantity: sub.quantity,
        startDate: sub.startDate,
        alignment: settings.cycleAlignment,
        rounding: settings.roundingMode,
        currency: settings.currency,
      }),
    );
  if (!input.newPackageId && effective > period.periodStart) {
    const lastDay = addDays(effective, -1);
    const used = await scope.tx.$queryRaw<{ bytes: bigint | null }[]>`
      SELECT sum("downloadBytes" + "uploadBytes")::bigint AS bytes FROM "UsageDaily"
      WHERE "subscriptionId" = ${sub.id}
        AND day BETWEEN ${toDateString(period.periodStart)}::date AND ${toDateString(lastDay)}::date`;
    const overage = overageCharge({
      pkg: oldPkg,
      subscriptionId: sub.id,
      periodStart: period.periodStart,
      periodEnd: lastDay,
      usedBytes: BigInt(used[0]?.bytes ?? 0n),
      rounding: settings.roundingMode,
      currency: settings.currency,
    });
    if (overage) drafts.push(overage);
  }
  return recordRepairs(
    scope,
    sub.customerId,
    input.newPackageId ? "PLAN_CHANGE" : "FINAL_USAGE",
    input.sourceKey,
    drafts,
  );
}
