import type { SlaClock, TicketPriority } from "../../db/generated/prisma/enums";
import { newId } from "../../lib/ids";
import type { Scope } from "../scope";

// What a new company starts with (companies.register calls applyDefaults), so tickets have SLA
// clocks from the first day: a desk calendar, targets per priority and the usual escalation
// rules. Every part is created only when missing, so the seed can call it on an existing company.

const H = (h: number, m = 0) => h * 60 + m;

export const DEFAULT_TARGETS: Record<
  TicketPriority,
  { responseMin: number; resolutionMin: number; businessHours: boolean }
> = {
  CRITICAL: { responseMin: 15, resolutionMin: H(4), businessHours: false },
  HIGH: { responseMin: H(1), resolutionMin: H(8), businessHours: true },
  MEDIUM: { responseMin: H(4), resolutionMin: H(24), businessHours: true },
  LOW: { responseMin: H(8), resolutionMin: H(72), businessHours: true },
};

/** Mon–Fri 08:00–17:00 and Sat 09:00–13:00 (weekday 0 = Sunday). */
export const DEFAULT_HOURS: Record<string, [number, number][]> = {
  "0": [],
  "1": [[H(8), H(17)]],
  "2": [[H(8), H(17)]],
  "3": [[H(8), H(17)]],
  "4": [[H(8), H(17)]],
  "5": [[H(8), H(17)]],
  "6": [[H(9), H(13)]],
};

export const DEFAULT_CALENDAR_NAME = "Support desk";

export const DEFAULT_RULES: {
  name: string;
  clock: SlaClock;
  thresholdPct: number;
  notify: boolean;
  raisePriority: boolean;
  reassignToLead: boolean;
}[] = [
  {
    name: "Response near breach (75%)",
    clock: "RESPONSE",
    thresholdPct: 75,
    notify: true,
    raisePriority: false,
    reassignToLead: false,
  },
  {
    name: "Response breached (100%)",
    clock: "RESPONSE",
    thresholdPct: 100,
    notify: true,
    raisePriority: true,
    reassignToLead: true,
  },
  {
    name: "Resolution near breach (75%)",
    clock: "RESOLUTION",
    thresholdPct: 75,
    notify: true,
    raisePriority: false,
    reassignToLead: false,
  },
  {
    name: "Resolution breached (100%)",
    clock: "RESOLUTION",
    thresholdPct: 100,
    notify: true,
    raisePriority: true,
    reassignToLead: true,
  },
];

/** Creates whatever of the defaults the company lacks; returns what it created. */
export async function applyDefaults(scope: Scope, timeZone: string) {
  const { tx, companyId } = scope;
  const created = { calendar: false, targets: 0, rules: 0 };
  if ((await tx.businessCalendar.count()) === 0) {
    await tx.businessCalendar.create({
      data: { id: newId(), companyId, name: DEFAULT_CALENDAR_NAME, timeZone, hours: DEFAULT_HOURS, isDefault: true },
    });
    created.calendar = true;
  }
  const existing = new Set((await tx.slaTarget.findMany({ select: { priority: true } })).map((t) => t.priority));
  const missing = (Object.keys(DEFAULT_TARGETS) as TicketPriority[]).filter((p) => !existing.has(p));
  if (missing.length > 0) {
    await tx.slaTarget.createMany({
      data: missing.map((priority) => ({ companyId, priority, ...DEFAULT_TARGETS[priority] })),
    });
    created.targets = missing.length;
  }
  if ((await tx.escalationRule.count()) === 0) {
    await tx.escalationRule.createMany({
      data: DEFAULT_RULES.map((r) => ({ id: newId(), companyId, ...r, priorities: [], active: true })),
    });
    created.rules = DEFAULT_RULES.length;
  }
  return created;
}
