import type { BillingCycle } from "../../db/generated/prisma/enums";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import * as prepaid from "../wallet/prepaid";
import * as wallet from "../wallet/service";
import { addToTimeline } from "./notify";
import { outageLabel } from "./schema";
import { getSettings } from "./settings";

// What affected customers get back when an outage is resolved, by the company's policy:
//  • PREPAID_DAYS: the days lost (whole days, rounded up) added to each prepaid line's current term
//    (wallet.extendTerm), so its next renewal comes later; a postpaid line gets nothing this way.
//  • CREDIT: the days lost at the line's daily price (package price × quantity ÷ days in its
//    cycle) credited to the customer's wallet, which pays their next renewal or invoice.
// Outages shorter than the policy's minimum give nothing. Customers shown as up (online) get
// nothing. Decided once per line: compensatedAt is set, so resolving twice cannot pay twice. An
// outage folded under an upstream device's (open.ts) compensates nobody: its parent does.

const DAY_MS = 86_400_000;
const CYCLE_DAYS: Record<BillingCycle, number> = { MONTHLY: 30, QUARTERLY: 91, YEARLY: 365, VALIDITY: 30 };

/** Whole days lost, rounded up: a 5-hour outage is one day. */
export const daysLost = (startedAt: Date, resolvedAt: Date) =>
  Math.max(1, Math.ceil((resolvedAt.getTime() - startedAt.getTime()) / DAY_MS));

/** The credit for `days` of a line: its price per day, in minor units, rounded to the nearest. */
export function creditFor(
  pkg: { priceMinor: number; billingCycle: BillingCycle; validityMinutes: number | null },
  quantity: number,
  days: number,
): number {
  const cycleDays =
    pkg.billingCycle === "VALIDITY" && pkg.validityMinutes
      ? Math.max(1, pkg.validityMinutes / 1440)
      : CYCLE_DAYS[pkg.billingCycle];
  return Math.round((pkg.priceMinor * quantity * days) / cycleDays);
}

export async function compensate(scope: Scope, outageId: string) {
  const outage = await scope.tx.outage.findUniqueOrThrow({ where: { id: outageId } });
  // A folded outage's customers are its parent's too: the parent compensates them, once.
  if (!outage.resolvedAt || outage.parentId) return { compensated: 0 };
  const policy = await getSettings(scope);
  const minutes = (outage.resolvedAt.getTime() - outage.startedAt.getTime()) / 60_000;
  if (policy.compensationMode === "NONE" || minutes < policy.compensationMinMinutes) return { compensated: 0 };
  const days = daysLost(outage.startedAt, outage.resolvedAt);
  const label = outageLabel(outage.number);
  const lines = await scope.tx.outageCustomer.findMany({
    where: { outageId, online: false, compensatedAt: null },
    select: {
      subscriptionId: true,
      customerId: true,
      subscription: {
        select: {
          quantity: true,
          package: { select: { prepaid: true, priceMinor: true, billingCycle: true, validityMinutes: true } },
        },
      },
    },
    orderBy: { subscriptionId: "asc" },
  });
  let compensated = 0;
  let totalMinor = 0;
  for (const line of lines) {
    let given: { compensationDays?: number; compensationMinor?: number } = {};
    if (policy.compensationMode === "PREPAID_DAYS") {
      const extended = line.subscription.package.prepaid
        ? await prepaid.extendTerm(scope, {
            subscriptionId: line.subscriptionId,
            days,
            reason: `Outage ${label}`,
          })
        : null;
      if (extended) given = { compensationDays: days };
    } else {
      const amountMinor = creditFor(line.subscription.package, line.subscription.quantity, days);
      if (amountMinor > 0) {
        await wallet.credit(scope, {
          customerId: line.customerId,
          amountMinor,
          kind: "ADJUSTMENT",
          reference: `Outage ${label}: ${days} day${days === 1 ? "" : "s"} of service`,
        });
        given = { compensationMinor: amountMinor };
        totalMinor += amountMinor;
      }
    }
    await scope.tx.outageCustomer.update({
      where: { outageId_subscriptionId: { outageId, subscriptionId: line.subscriptionId } },
      data: { ...given, compensatedAt: new Date() },
    });
    if (given.compensationDays || given.compensationMinor) compensated++;
  }
  if (compensated > 0) {
    const what =
      policy.compensationMode === "PREPAID_DAYS"
        ? `${days} day${days === 1 ? "" : "s"} added to ${compensated} prepaid line${compensated === 1 ? "" : "s"}`
        : `${compensated} line${compensated === 1 ? "" : "s"} credited for ${days} day${days === 1 ? "" : "s"}`;
    await addToTimeline(scope, outageId, {
      kind: "COMPENSATED",
      message: `Compensation: ${what}.`,
      tellCustomers: false,
    });
    await audit.record(scope, {
      action: "outage.compensate",
      entityType: "Outage",
      entityId: outageId,
      after: { mode: policy.compensationMode, days, lines: compensated, totalMinor },
    });
  }
  return { compensated };
}
