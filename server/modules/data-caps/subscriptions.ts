import type { Prisma } from "../../db/generated/prisma/client";
import type { Tx } from "../../db/tenant";
import type { BilledCycle } from "../billing/periods";
import { parseDate, todayIn } from "../subscriptions/dates";
import type { CappedSubscription } from "./allowance";

// Reading subscriptions with a data cap: only packages billed per cycle (monthly, quarterly,
// yearly) have a period to count against; a hotspot's VALIDITY package counts on its voucher.

export const CAPPED_SELECT = {
  id: true,
  status: true,
  startDate: true,
  customerId: true,
  package: {
    select: { name: true, dataCapMb: true, dataRollover: true, billingCycle: true, taxCategory: true, prepaid: true },
  },
} satisfies Prisma.SubscriptionSelect;

type Row = Prisma.SubscriptionGetPayload<{ select: typeof CAPPED_SELECT }>;

export const CAPPED_WHERE = {
  package: { dataCapMb: { not: null }, billingCycle: { not: "VALIDITY" } },
} satisfies Prisma.SubscriptionWhereInput;

export function cappedOf(row: Row): CappedSubscription | null {
  const { dataCapMb, billingCycle, dataRollover } = row.package;
  if (!dataCapMb || billingCycle === "VALIDITY") return null;
  return { id: row.id, startDate: row.startDate, cycle: billingCycle as BilledCycle, dataCapMb, dataRollover };
}

/** Today in the company's time zone, as a calendar date. */
export async function companyToday(tx: Tx, companyId: string, now: Date = new Date()): Promise<Date> {
  const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } });
  return parseDate(todayIn(company.timeZone, now));
}
