import type { TicketPriority } from "../../db/generated/prisma/enums";
import { inOrder } from "../../db/tenant";
import { Conflict, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import type { DayHours } from "./clock";
import { DEFAULT_TARGETS } from "./defaults";
import { STOPPED_STATUSES } from "./view";
import {
  addHolidaySchema,
  PRIORITY_VALUES,
  saveCalendarSchema,
  saveRuleSchema,
  saveTargetsSchema,
  type AddHolidayInput,
  type SaveCalendarInput,
  type SaveRuleInput,
  type SaveTargetsInput,
} from "./schema";

// Settings → Support: SLA targets per priority, business calendars with holidays, escalation
// rules. Changes apply to tickets created (or re-clocked: paused, resumed, re-prioritised,
// reopened) afterwards; due times already stored on tickets are not moved. Every change is audited.

const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

export async function getSettings(scope: Scope) {
  const [company, targets, calendars, rules, openByCalendar] = await inOrder([
    scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { timeZone: true } }),
    scope.tx.slaTarget.findMany(),
    scope.tx.businessCalendar.findMany({
      orderBy: [{ isDefault: "desc" }, { name: "asc" }],
      include: { holidays: { orderBy: { date: "asc" } } },
    }),
    // Response rules first (enum order), then by threshold.
    scope.tx.escalationRule.findMany({ orderBy: [{ clock: "asc" }, { thresholdPct: "asc" }, { name: "asc" }] }),
    scope.tx.ticket.groupBy({
      by: ["calendarId"],
      where: { status: { notIn: [...STOPPED_STATUSES] }, calendarId: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const open = new Map(openByCalendar.map((g) => [g.calendarId, g._count._all]));
  return {
    companyTimeZone: company.timeZone,
    // All four priorities, in order; a missing row shows the built-in default it would use.
    targets: PRIORITY_VALUES.map((priority) => {
      const row = targets.find((t) => t.priority === priority);
      return row
        ? { priority, responseMin: row.responseMin, resolutionMin: row.resolutionMin, businessHours: row.businessHours }
        : { priority, ...DEFAULT_TARGETS[priority] };
    }),
    calendars: calendars.map((c) => ({
      id: c.id,
      name: c.name,
      timeZone: c.timeZone,
      hours: c.hours as Record<string, DayHours>,
      isDefault: c.isDefault,
      openTickets: open.get(c.id) ?? 0,
      holidays: c.holidays.map((h) => ({ id: h.id, date: dateOnly(h.date), name: h.name })),
    })),
    rules: rules.map((r) => ({
      id: r.id,
      name: r.name,
      clock: r.clock,
      thresholdPct: r.thresholdPct,
      priorities: r.priorities,
      notify: r.notify,
      raisePriority: r.raisePriority,
      reassignToLead: r.reassignToLead,
      active: r.active,
    })),
  };
}
export type SupportSettings = Awaited<ReturnType<typeof getSettings>>;

// ─── Targets ────────────────────────────────────────────────────────────────────────────────

export async function saveTargets(scope: Scope, input: SaveTargetsInput) {
  const { targets } = saveTargetsSchema.parse(input);
  const before = await scope.tx.slaTarget.findMany({ orderBy: { priority: "asc" } });
  for (const t of targets) {
    const data = { responseMin: t.responseMin, resolutionMin: t.resolutionMin, businessHours: t.businessHours };
    await scope.tx.slaTarget.upsert({
      where: { companyId_priority: { companyId: scope.companyId, priority: t.priority as TicketPriority } },
      create: { companyId: scope.companyId, priority: t.priority, ...data },
      update: data,
    });
  }
  const after = await scope.tx.slaTarget.findMany({ orderBy: { priority: "asc" } });
  await audit.record(scope, {
    action: "sla.targets_update",
    entityType: "SlaTarget",
    entityId: scope.companyId,
    before,
    after,
  });
  return (await getSettings(scope)).targets;
}

// ─── Calendars ──────────────────────────────────────────────────────────────────────────────

async function findCalendar(scope: Scope, id: string) {
  const row = await scope.tx.businessCalendar.findUnique({ where: { id } });
  if (!row) throw new NotFound("Calendar");
  return row;
}

const nameTaken = () =>
  new Conflict("Another calendar already has this name.", { name: "Already used by another calendar." });

/** Creates (without id) or updates a calendar. The company's first calendar becomes its default. */
export async function saveCalendar(scope: Scope, input: SaveCalendarInput) {
  const data = saveCalendarSchema.parse(input);
  const hours = Object.fromEntries(
    Object.entries(data.hours).map(([d, p]) => [d, [...(p ?? [])].sort((a, b) => a[0] - b[0])]),
  );
  return onUnique(async () => {
    if (data.id) {
      const before = await findCalendar(scope, data.id);
      const row = await scope.tx.businessCalendar.update({
        where: { id: data.id },
        data: { name: data.name, timeZone: data.timeZone, hours },
      });
      await audit.record(scope, {
        action: "sla.calendar_update",
        entityType: "BusinessCalendar",
        entityId: row.id,
        before,
        after: row,
      });
      return row;
    }
    const isDefault = (await scope.tx.businessCalendar.count({ where: { isDefault: true } })) === 0;
    const row = await scope.tx.businessCalendar.create({
      data: { id: newId(), companyId: scope.companyId, name: data.name, timeZone: data.timeZone, hours, isDefault },
    });
    await audit.record(scope, {
      action: "sla.calendar_create",
      entityType: "BusinessCalendar",
      entityId: row.id,
      after: row,
    });
    return row;
  }, nameTaken);
}

/** Business-hours targets run on the default calendar: exactly one is the default. */
export async function setDefaultCalendar(scope: Scope, id: string) {
  const row = await findCalendar(scope, id);
  if (row.isDefault) return row;
  const previous = await scope.tx.businessCalendar.findFirst({
    where: { isDefault: true },
    select: { id: true, name: true },
  });
  await scope.tx.businessCalendar.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
  const after = await scope.tx.businessCalendar.update({ where: { id }, data: { isDefault: true } });
  await audit.record(scope, {
    action: "sla.calendar_default",
    entityType: "BusinessCalendar",
    entityId: id,
    before: { default: previous },
    after: { default: { id, name: row.name } },
  });
  return after;
}

export async function deleteCalendar(scope: Scope, id: string) {
  const row = await findCalendar(scope, id);
  if (row.isDefault)
    throw new Conflict(
      "This is the default calendar: make another calendar the default first (business-hours targets run on it).",
    );
  const open = await scope.tx.ticket.count({ where: { calendarId: id, status: { notIn: [...STOPPED_STATUSES] } } });
  if (open > 0)
    throw new Conflict(
      `${open === 1 ? "An open ticket runs" : `${open} open tickets run`} on this calendar: it can be deleted once they are resolved.`,
    );
  await scope.tx.businessCalendar.delete({ where: { id } });
  await audit.record(scope, {
    action: "sla.calendar_delete",
    entityType: "BusinessCalendar",
    entityId: id,
    before: row,
  });
  return { id };
}

export async function addHoliday(scope: Scope, input: AddHolidayInput) {
  const data = addHolidaySchema.parse(input);
  await findCalendar(scope, data.calendarId);
  const date = new Date(`${data.date}T00:00:00Z`);
  const existing = await scope.tx.holiday.findUnique({
    where: { calendarId_date: { calendarId: data.calendarId, date } },
    select: { name: true },
  });
  if (existing)
    throw new Conflict(`${data.date} is already a holiday (${existing.name}).`, {
      date: `Already a holiday: ${existing.name}.`,
    });
  return onUnique(
    async () => {
      const row = await scope.tx.holiday.create({
        data: { id: newId(), companyId: scope.companyId, calendarId: data.calendarId, date, name: data.name },
      });
      await audit.record(scope, {
        action: "sla.holiday_add",
        entityType: "Holiday",
        entityId: row.id,
        after: { calendarId: row.calendarId, date: data.date, name: row.name },
      });
      return { id: row.id, date: data.date, name: row.name };
    },
    () => new Conflict(`${data.date} is already a holiday.`, { date: "Already a holiday." }),
  );
}

export async function removeHoliday(scope: Scope, id: string) {
  const row = await scope.tx.holiday.findUnique({ where: { id } });
  if (!row) throw new NotFound("Holiday");
  await scope.tx.holiday.delete({ where: { id } });
  await audit.record(scope, {
    action: "sla.holiday_remove",
    entityType: "Holiday",
    entityId: id,
    before: { calendarId: row.calendarId, date: dateOnly(row.date), name: row.name },
  });
  return { id };
}

// ─── Escalation rules ───────────────────────────────────────────────────────────────────────

export async function saveRule(scope: Scope, input: SaveRuleInput) {
  const data = saveRuleSchema.parse(input);
  const fields = {
    name: data.name,
    clock: data.clock,
    thresholdPct: data.thresholdPct,
    priorities: [...new Set(data.priorities)],
    notify: data.notify,
    raisePriority: data.raisePriority,
    reassignToLead: data.reassignToLead,
    active: data.active,
  };
  if (data.id) {
    const before = await scope.tx.escalationRule.findUnique({ where: { id: data.id } });
    if (!before) throw new NotFound("Escalation rule");
    // A changed threshold or clock is a different rule for tickets it already fired on: they keep
    // their record (and do not fire again this cycle); that is stated in the settings page.
    const row = await scope.tx.escalationRule.update({ where: { id: data.id }, data: fields });
    await audit.record(scope, {
      action: "sla.rule_update",
      entityType: "EscalationRule",
      entityId: row.id,
      before,
      after: row,
    });
    return row;
  }
  const count = await scope.tx.escalationRule.count();
  if (count >= 50) throw new Invalid("A company can have at most 50 escalation rules.");
  const row = await scope.tx.escalationRule.create({ data: { id: newId(), companyId: scope.companyId, ...fields } });
  await audit.record(scope, { action: "sla.rule_create", entityType: "EscalationRule", entityId: row.id, after: row });
  return row;
}

export async function deleteRule(scope: Scope, id: string) {
  const before = await scope.tx.escalationRule.findUnique({ where: { id } });
  if (!before) throw new NotFound("Escalation rule");
  // Its firing records go with it (cascade); the tickets' "escalated" events stay in their history.
  await scope.tx.escalationRule.delete({ where: { id } });
  await audit.record(scope, { action: "sla.rule_delete", entityType: "EscalationRule", entityId: id, before });
  return { id };
}
