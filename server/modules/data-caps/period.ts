import type { CycleAlignment } from "../../db/generated/prisma/enums";
import { addDays, periodFrom, type BilledCycle } from "../billing/periods";

// The billing period a data allowance belongs to: the same periods billing invoices (billing's
// own period rules, imported, never copied), so the cap that notices and top-ups count against is
// the one overage is billed on.

export interface CapPeriod {
  start: Date;
  /** Inclusive last day. */
  end: Date;
}

export interface CycleOf {
  startDate: Date;
  cycle: BilledCycle;
  alignment: CycleAlignment;
}

/** The period containing `day`; the first one starts on the subscription's start date. */
export function periodContaining(day: Date, sub: CycleOf): CapPeriod {
  const span = periodFrom(day, sub);
  return { start: span.cycleStart < sub.startDate ? sub.startDate : span.cycleStart, end: span.cycleEnd };
}

/** The period before `period`, or null when `period` is the subscription's first. */
export function previousPeriod(period: CapPeriod, sub: CycleOf): CapPeriod | null {
  if (period.start <= sub.startDate) return null;
  return periodContaining(addDays(period.start, -1), sub);
}
