import { NotFound } from "../../lib/errors";
import type { Scope } from "../scope";
import * as wallet from "../wallet/service";
import { alignmentOf, allowancesOn, type Allowance } from "./allowance";
import { forSale } from "./catalogue";
import { CAPPED_SELECT, CAPPED_WHERE, cappedOf, companyToday } from "./subscriptions";

// What staff and the customer see: usage this period against the allowance, the top-ups bought
// for it and what can be bought.

export interface DataUsage {
  subscriptionId: string;
  packageName: string;
  status: string;
  periodStart: Date;
  periodEnd: Date;
  capMb: number;
  topUpMb: number;
  rolloverMb: number;
  allowanceMb: number;
  usedMb: number;
  /** Whole per cent of the allowance used (may pass 100). */
  usedPct: number;
  /** On a prepaid package: top-ups are paid from the wallet, not invoiced. */
  prepaid: boolean;
  topUps: { id: string; name: string; mb: number; priceMinor: number; payment: string; createdAt: Date }[];
}

function present(
  a: Allowance,
  sub: { packageName: string; status: string; prepaid: boolean },
  topUps: DataUsage["topUps"],
): DataUsage {
  return {
    subscriptionId: a.subscriptionId,
    packageName: sub.packageName,
    status: sub.status,
    periodStart: a.period.start,
    periodEnd: a.period.end,
    capMb: a.capMb,
    topUpMb: a.topUpMb,
    rolloverMb: a.rolloverMb,
    allowanceMb: a.allowanceMb,
    usedMb: a.usedMb,
    usedPct: a.allowanceMb > 0 ? Math.floor((a.usedMb * 100) / a.allowanceMb) : 0,
    prepaid: sub.prepaid,
    topUps,
  };
}

/** Each capped, live subscription of a customer with its usage this period, and the top-ups on sale. */
export async function forCustomer(scope: Scope, customerId: string, now: Date = new Date()) {
  if (!(await scope.tx.customer.findUnique({ where: { id: customerId }, select: { id: true } })))
    throw new NotFound("Customer");
  const rows = await scope.tx.subscription.findMany({
    where: { customerId, status: { in: ["ACTIVE", "SUSPENDED"] }, ...CAPPED_WHERE },
    select: CAPPED_SELECT,
    orderBy: { id: "asc" },
  });
  const capped = rows.flatMap((r) => cappedOf(r) ?? []);
  const today = await companyToday(scope.tx, scope.companyId, now);
  const allowances = await allowancesOn(scope.tx, scope.companyId, capped, today, await alignmentOf(scope.tx));
  const topUps = await scope.tx.dataTopUp.findMany({
    where: { subscriptionId: { in: capped.map((c) => c.id) } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      subscriptionId: true,
      name: true,
      mb: true,
      priceMinor: true,
      payment: true,
      periodStart: true,
      createdAt: true,
    },
  });
  const bySub = new Map(rows.map((r) => [r.id, r]));
  return {
    subscriptions: allowances.map((a) => {
      const sub = bySub.get(a.subscriptionId)!;
      return present(
        a,
        { packageName: sub.package.name, status: sub.status, prepaid: sub.package.prepaid },
        topUps
          .filter(
            (t) =>
              t.subscriptionId === a.subscriptionId && t.periodStart >= a.period.start && t.periodStart <= a.period.end,
          )
          .map(({ subscriptionId: _s, periodStart: _p, ...t }) => t),
      );
    }),
    options: await forSale(scope),
    /** What a prepaid top-up can be paid from; null when no subscription here is prepaid. */
    walletBalanceMinor: rows.some((r) => r.package.prepaid) ? await wallet.balance(scope, customerId) : null,
  };
}
