import type { BillingCycle } from "../../db/generated/prisma/enums";
import { addMonths } from "../subscriptions/dates";

// A prepaid term's dates. Terms are calendar dates (UTC midnight, as @db.Date stores them) with
// an inclusive last day, like billing periods. A monthly package's term runs to the day before
// the same date next month (31 Jan → 27/28 Feb, anchored on the term's own start); a validity
// package's term lasts its validity rounded up to whole days, at least one.

const DAY_MS = 86_400_000;
const CYCLE_MONTHS: Record<Exclude<BillingCycle, "VALIDITY">, number> = { MONTHLY: 1, QUARTERLY: 3, YEARLY: 12 };

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function termEndOf(start: Date, pkg: { billingCycle: BillingCycle; validityMinutes: number | null }): Date {
  if (pkg.billingCycle === "VALIDITY") {
    const days = Math.max(1, Math.ceil((pkg.validityMinutes ?? 1_440) / 1_440));
    return addDays(start, days - 1);
  }
  return addDays(addMonths(start, CYCLE_MONTHS[pkg.billingCycle]), -1);
}

/**
 * The next term's first day: the day after the last paid term, but never in the past. A customer
 * who was suspended (or whose job was late) starts a full term on the day service resumes,
 * rather than paying for days already gone.
 */
export function nextTermStart(lastEnd: Date | null, startDate: Date, today: Date): Date {
  const due = lastEnd ? addDays(lastEnd, 1) : startDate;
  return due > today ? due : today;
}

/** What one term costs: the package price times the quantity, refused above a 32-bit amount. */
export function termPrice(priceMinor: number, quantity: number): number {
  const total = BigInt(priceMinor) * BigInt(quantity);
  if (total > 2_147_483_647n) throw new Error("A prepaid term's price is too large for one wallet entry");
  return Number(total);
}
