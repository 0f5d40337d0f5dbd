import type { BillingCycle, SubscriptionStatus } from "../../db/generated/prisma/enums";

// Monthly recurring revenue and its movements, from the subscriptions' history. Pure: load.ts
// reads the history, this file does the arithmetic (so the rules are tested without a database).
//
// Definitions (also shown on the page, components/console/revenue/how-computed.tsx):
// - A subscription's monthly amount is its package's list price × quantity, normalised to a month
//   (quarterly ÷ 3, yearly ÷ 12, rounded half-up to a minor unit); prepaid VALIDITY packages are not
//   recurring and count 0. Promotions and one-off charges are not MRR. The package's price today is
//   used for the whole history (a price edit is not a movement).
// - Its package on a day: the one a package change (subscriptions' audit trail, by effective date)
//   put it on, else the one it started with. The audit trail is the only record of which package a
//   subscription left; a company that prunes it (Settings → Data retention, never under a year)
//   loses that before the oldest entry kept, and those months read the oldest package on record.
// - It counts on a day when its status that day is ACTIVE, or SUSPENDED while the company bills
//   suspended subscriptions (billing setting "suspendedBilling" = BILL). Its status on a day is the
//   last status change recorded by the end of that day in the company's time zone, except that the
//   first activation counts from the start date, backdated or ahead, since billing starts there.
// - MRR of a month is the sum over subscriptions that count on the month's last day (today for the
//   current month). A customer's MRR is the sum of their subscriptions'.
// - Movements compare each customer's MRR at the end of the month with the end of the month before:
//   new (0 → more, never counted before), reactivation (0 → more, counted some time before),
//   expansion (up), contraction (down, still above 0), churn (down to 0). So
//   start + new + reactivation + expansion − contraction − churn = end. A customer who comes and
//   goes within one month moves nothing.
// - ARPU: MRR ÷ paying customers (MRR above 0) at the end of the month, rounded half-up.
// - Logo churn: customers churned ÷ paying customers at the start of the month.
// - Revenue churn (gross): (churn + contraction) ÷ MRR at the start of the month; net revenue churn
//   subtracts expansion (negative when the customers at the start grow by themselves); reactivated
//   customers were not in the starting base, so they are left out of it.
// Rates are basis points (1234 = 12.34 %), null when the base is 0.

export interface PackagePrice {
  priceMinor: number;
  billingCycle: BillingCycle;
}

export interface SubscriptionHistory {
  customerId: string;
  quantity: number;
  /** "YYYY-MM-DD" */
  startDate: string;
  packageId: string;
  /** Status changes in the order they happened, each on its day in the company's zone. */
  statuses: { date: string; status: SubscriptionStatus }[];
  /** Package changes by effective date (then the order they were made). */
  packageChanges: { date: string; from: string | null; to: string }[];
}

export interface MrrMonth {
  month: string;
  /** The day the month's MRR was read on: its last day, or today for the current month. */
  asOf: string;
  mrrMinor: number;
  payingCustomers: number;
  arpuMinor: number;
  newMinor: number;
  reactivationMinor: number;
  expansionMinor: number;
  contractionMinor: number;
  churnMinor: number;
  newCustomers: number;
  reactivatedCustomers: number;
  churnedCustomers: number;
  logoChurnBps: number | null;
  revenueChurnBps: number | null;
  netRevenueChurnBps: number | null;
}

const CYCLE_MONTHS: Record<BillingCycle, number | null> = { MONTHLY: 1, QUARTERLY: 3, YEARLY: 12, VALIDITY: null };

/** a ÷ b rounded half-up, in BigInt (price × quantity may pass 2^53). */
function divHalfUp(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (b * 2n);
}

/** The package's price × quantity per month, in minor units; 0 for prepaid (VALIDITY) packages. */
export function monthlyMinor(pkg: PackagePrice | undefined, quantity: number): number {
  const months = pkg ? CYCLE_MONTHS[pkg.billingCycle] : null;
  if (!pkg || !months) return 0;
  return Number(divHalfUp(BigInt(pkg.priceMinor) * BigInt(quantity), BigInt(months)));
}

/** A ratio in basis points, rounded half-up (away from zero); null when the base is 0. */
export function bps(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  const sign = part < 0 ? -1n : 1n;
  return Number(sign * divHalfUp(BigInt(Math.abs(part)) * 10_000n, BigInt(whole)));
}

/** The subscription's status on `day`, or null before it was first activated. */
export function statusOn(h: SubscriptionHistory, day: string): SubscriptionStatus | null {
  const first = h.statuses.findIndex((s) => s.status === "ACTIVE");
  if (first < 0) return null;
  let status: SubscriptionStatus | null = null;
  for (let i = first; i < h.statuses.length; i++) {
    const s = h.statuses[i]!;
    const date = i === first ? h.startDate : s.date;
    if (date > day) break;
    status = s.status;
  }
  return status;
}

/** The package the subscription was on on `day`. */
export function packageOn(h: SubscriptionHistory, day: string): string {
  let pkg: string | null = null;
  for (const c of h.packageChanges) {
    if (c.date > day) break;
    pkg = c.to;
  }
  return pkg ?? h.packageChanges[0]?.from ?? h.packageId;
}

export function amountOn(
  h: SubscriptionHistory,
  day: string,
  packages: ReadonlyMap<string, PackagePrice>,
  countSuspended: boolean,
): number {
  const status = statusOn(h, day);
  if (status !== "ACTIVE" && !(status === "SUSPENDED" && countSuspended)) return 0;
  return monthlyMinor(packages.get(packageOn(h, day)), h.quantity);
}

/** The first day the subscription counted towards MRR, or null if it never did. */
function firstCountedDay(
  h: SubscriptionHistory,
  packages: ReadonlyMap<string, PackagePrice>,
  countSuspended: boolean,
): string | null {
  const days = new Set<string>([h.startDate, ...h.statuses.map((s) => s.date), ...h.packageChanges.map((c) => c.date)]);
  for (const day of [...days].sort()) if (amountOn(h, day, packages, countSuspended) > 0) return day;
  return null;
}

/** The last day of a "YYYY-MM" month. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

/**
 * MRR and its movements for `months` (consecutive "YYYY-MM", oldest first), read at each month's
 * end and compared with the end of the month before; days after `today` are read as today.
 */
export function mrrSeries(
  histories: readonly SubscriptionHistory[],
  packages: ReadonlyMap<string, PackagePrice>,
  months: readonly string[],
  today: string,
  countSuspended: boolean,
): MrrMonth[] {
  if (months.length === 0) return [];
  const before = previousMonth(months[0]!);
  const snapshotDays = [before, ...months].map((m) => (lastDayOf(m) < today ? lastDayOf(m) : today));

  // Each customer's MRR on every snapshot day, and the first day they ever counted.
  const perCustomer = new Map<string, { mrr: number[]; firstDay: string | null }>();
  for (const h of histories) {
    let c = perCustomer.get(h.customerId);
    if (!c) perCustomer.set(h.customerId, (c = { mrr: snapshotDays.map(() => 0), firstDay: null }));
    snapshotDays.forEach((day, i) => (c.mrr[i]! += amountOn(h, day, packages, countSuspended)));
    const first = firstCountedDay(h, packages, countSuspended);
    if (first && (!c.firstDay || first < c.firstDay)) c.firstDay = first;
  }

  return months.map((month, index) => {
    const i = index + 1;
    const row: MrrMonth = {
      month,
      asOf: snapshotDays[i]!,
      mrrMinor: 0,
      payingCustomers: 0,
      arpuMinor: 0,
      newMinor: 0,
      reactivationMinor: 0,
      expansionMinor: 0,
      contractionMinor: 0,
      churnMinor: 0,
      newCustomers: 0,
      reactivatedCustomers: 0,
      churnedCustomers: 0,
      logoChurnBps: null,
      revenueChurnBps: null,
      netRevenueChurnBps: null,
    };
    let startMrr = 0;
    let startCustomers = 0;
    for (const c of perCustomer.values()) {
      const prev = c.mrr[i - 1]!;
      const cur = c.mrr[i]!;
      startMrr += prev;
      if (prev > 0) startCustomers++;
      row.mrrMinor += cur;
      if (cur > 0) row.payingCustomers++;
      if (prev === 0 && cur > 0) {
        if (c.firstDay! >= `${month}-01`) {
          row.newMinor += cur;
          row.newCustomers++;
        } else {
          row.reactivationMinor += cur;
          row.reactivatedCustomers++;
        }
      } else if (prev > 0 && cur === 0) {
        row.churnMinor += prev;
        row.churnedCustomers++;
      } else if (cur > prev) row.expansionMinor += cur - prev;
      else if (cur < prev) row.contractionMinor += prev - cur;
    }
    if (row.payingCustomers > 0) row.arpuMinor = Number(divHalfUp(BigInt(row.mrrMinor), BigInt(row.payingCustomers)));
    row.logoChurnBps = bps(row.churnedCustomers, startCustomers);
    row.revenueChurnBps = bps(row.churnMinor + row.contractionMinor, startMrr);
    row.netRevenueChurnBps = bps(row.churnMinor + row.contractionMinor - row.expansionMinor, startMrr);
    return row;
  });
}

function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 1 ? `${y! - 1}-12` : `${y}-${String(m! - 1).padStart(2, "0")}`;
}
