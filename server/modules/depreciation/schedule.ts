// The depreciation arithmetic, pure (the browser shows the same numbers). Amounts are integer
// minor units of the company's currency; no float ever holds money. Products stay below 2^53
// (a cost of at most 10^11 minor units times a life of at most 600 months), so Number is exact.
//
// Conventions, said once:
// - A unit depreciates from the month it was bought (purchase date, else the day it was received):
//   that whole month is its first month, and each month's charge is posted at the month's end.
// - "Months elapsed" on a date are the months that ended before it: bought 15 March, on 4 December
//   nine months (March to November) are charged.
// - Salvage value = cost × salvage% rounded down to a minor unit. Each schedule sums exactly to
//   cost − salvage, so the book value at the end of the life is the salvage value to the cent.
// - Straight-line: the accumulated depreciation after month k is ⌊(cost − salvage) · k / life⌋;
//   the month's charge is the difference from month k − 1. The odd minor units fall evenly
//   through the life instead of piling up in the last month.
// - Declining balance (double-declining, 200%): each month charges the larger of
//   ⌊book value × 2 / life⌋ and the straight-line charge on what is left,
//   ⌊(book value − salvage) / months left⌋, never taking the book value below salvage. The switch
//   to straight-line is what brings the book value to salvage exactly in the last month.

import { METHOD_LABELS, type Method } from "./schema";

export { METHOD_LABELS, METHODS, type Method } from "./schema";

export interface Rule {
  method: Method;
  usefulLifeMonths: number;
  salvageBp: number;
}

/** The salvage value of a unit costing `costMinor` under a rule: rounded down to a minor unit. */
export const salvageOf = (costMinor: number, salvageBp: number) => Math.floor((costMinor * salvageBp) / 10_000);

/** Each month's charge, month 1 first; sums to cost − salvage exactly. */
export function monthlyCharges(costMinor: number, rule: Rule): number[] {
  const life = rule.usefulLifeMonths;
  const salvage = salvageOf(costMinor, rule.salvageBp);
  const depreciable = costMinor - salvage;
  const charges: number[] = [];
  if (rule.method === "STRAIGHT_LINE") {
    let before = 0;
    for (let k = 1; k <= life; k++) {
      const accumulated = Math.floor((depreciable * k) / life);
      charges.push(accumulated - before);
      before = accumulated;
    }
    return charges;
  }
  let book = costMinor;
  for (let k = 1; k <= life; k++) {
    const left = life - k + 1;
    const declining = Math.floor((book * 2) / life);
    const straight = Math.floor((book - salvage) / left);
    const charge = Math.min(book - salvage, Math.max(declining, straight));
    charges.push(charge);
    book -= charge;
  }
  return charges;
}

/** "2026-03" → a month number (year × 12 + month − 1), for arithmetic on months. */
export const monthIndex = (isoDateOrMonth: string) => {
  const [y, m] = isoDateOrMonth.split("-").map(Number);
  return y! * 12 + (m! - 1);
};

/** A month number back to "2026-03". */
export const monthText = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;

/** The last day of a month, "2026-03-31": the day its charge is posted. */
export function monthEnd(index: number) {
  const d = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0));
  return d.toISOString().slice(0, 10);
}

/** Months charged by `asOf` (a date) for a unit whose first month is `startMonth`: clamped to the life. */
export function monthsElapsed(startMonth: number, asOf: string, life: number) {
  return Math.max(0, Math.min(life, monthIndex(asOf) - startMonth));
}

export interface ScheduleRow {
  month: string;
  postedOn: string;
  chargeMinor: number;
  accumulatedMinor: number;
  bookValueMinor: number;
  /** The month has ended by the as-of date (and is before a disposal). */
  posted: boolean;
}

/** The whole schedule of one unit, each month with its running totals. */
export function scheduleOf(costMinor: number, startMonth: number, rule: Rule, elapsed: number): ScheduleRow[] {
  let accumulated = 0;
  return monthlyCharges(costMinor, rule).map((charge, i) => {
    accumulated += charge;
    return {
      month: monthText(startMonth + i),
      postedOn: monthEnd(startMonth + i),
      chargeMinor: charge,
      accumulatedMinor: accumulated,
      bookValueMinor: costMinor - accumulated,
      posted: i < elapsed,
    };
  });
}

/** Accumulated depreciation after `months` months. */
export function accumulatedAfter(costMinor: number, rule: Rule, months: number) {
  return monthlyCharges(costMinor, rule)
    .slice(0, months)
    .reduce((a, b) => a + b, 0);
}

const percent = (bp: number) => `${(bp / 100).toLocaleString("en", { maximumFractionDigits: 2 })}%`;

/** The rule in words, as pages and the disposal record say it. */
export function ruleText(rule: Rule, elapsed?: number) {
  const words = `${METHOD_LABELS[rule.method]} over ${rule.usefulLifeMonths} months, salvage ${percent(rule.salvageBp)} of cost`;
  return elapsed === undefined ? words : `${words}, ${elapsed} of ${rule.usefulLifeMonths} months elapsed`;
}
