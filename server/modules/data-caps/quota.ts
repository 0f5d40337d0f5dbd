import type { Scope } from "../scope";
import { alignmentOf, allowancesOn, MIB } from "./allowance";
import { CAPPED_SELECT, cappedOf, companyToday } from "./subscriptions";

// What a hard-capped subscriber (a cap without fair-use speeds or an overage price) may still
// use this period, for RADIUS: the session quota is what is left of cap + top-ups + rollover, so
// a top-up lifts the limit at the next login, and a subscriber with nothing left is refused with
// a message saying how to get more.

export interface SessionQuota {
  remainingBytes: bigint;
}

/** Null when nothing limits the subscription per period (no cap, or usage above it is billed). */
export async function sessionQuota(scope: Scope, subscriptionId: string, now: Date = new Date()) {
  const row = await scope.tx.subscription.findUnique({
    where: { id: subscriptionId },
    select: { ...CAPPED_SELECT, package: { select: { ...CAPPED_SELECT.package.select, overagePerGbMinor: true } } },
  });
  const capped = row ? cappedOf(row) : null;
  if (!row || !capped || row.package.overagePerGbMinor != null) return null;
  const today = await companyToday(scope.tx, scope.companyId, now);
  const [a] = await allowancesOn(scope.tx, scope.companyId, [capped], today, await alignmentOf(scope.tx));
  const left = BigInt(a!.allowanceMb) * MIB - a!.usedBytes;
  return { remainingBytes: left > 0n ? left : 0n } satisfies SessionQuota;
}
