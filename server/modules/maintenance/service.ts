import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import { withTenant } from "../../db/tenant";
import { Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import { wallParts } from "../../lib/zone";
import * as audit from "../audit/service";
import { systemActor, type Scope } from "../scope";
import * as workOrders from "../work-orders/service";
import { dueSchema, historySchema, listPlansSchema, pausePlanSchema, planSchema, updatePlanSchema } from "./schema";

// Preventive maintenance. A plan repeats every `intervalDays` for one unit or for every network
// device of a type. Each target's next due date follows from its last occurrence: the first is
// `startsOn` (for a device added to the type later, the plan's next cycle date); after a completed job, the completion day + interval (a job done late pushes the
// next one back, as a technician's visit restarts the clock); after a cancelled job, the missed
// due date + interval. While a job is open nothing new is due. `leadDays` before the due date
// the job opens one work order (kind MAINTENANCE) through the work-orders module.
//
// Idempotent by the database: the occurrence (plan, target, due date) is inserted with ON
// CONFLICT DO NOTHING before its work order is created, in one transaction. A second run finds
// the row; a concurrent run waits on the unique index until the first commits and then inserts
// nothing — so an occurrence opens exactly one work order however often the job runs.

const DAY = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, n: number) => isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY));
const dateOnly = (v: string) => new Date(`${v}T00:00:00Z`);

async function companyClock(scope: Scope) {
  const c = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { timeZone: true } });
  const p = wallParts(new Date(), c.timeZone);
  return { timeZone: c.timeZone, today: `${p.year}-${p.month}-${p.day}` };
}
const localDate = (at: Date, timeZone: string) => {
  const p = wallParts(at, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
};

interface Target {
  key: string;
  assetId: string | null;
  deviceId: string | null;
  name: string;
  address: string;
  /** A device of the type: the day it was added (the company's date), when its first due date is counted from. */
  joinedOn: string | null;
}

type PlanRow = Prisma.MaintenancePlanGetPayload<{
  include: {
    asset: { select: { id: true; serial: true; item: { select: { name: true } } } };
    deviceType: { select: { id: true; model: true; manufacturer: { select: { name: true } } } };
  };
}>;

/** What a plan covers: its unit, or every device of its type (in service or not, but not retired). */
async function targetsOf(
  scope: Scope,
  plan: { assetId: string | null; deviceTypeId: string | null },
  timeZone: string,
): Promise<Target[]> {
  if (plan.assetId) {
    const a = await scope.tx.asset.findUnique({
      where: { id: plan.assetId },
      select: {
        id: true,
        serial: true,
        status: true,
        deviceId: true,
        item: { select: { name: true } },
        location: { select: { name: true } },
        device: { select: { site: { select: { name: true, address: true } } } },
        subscription: { select: { customer: { select: { serviceAddress: true } } } },
      },
    });
    if (!a || a.status === "RETIRED") return [];
    const site = a.device?.site;
    return [
      {
        key: a.id,
        assetId: a.id,
        deviceId: a.deviceId,
        name: `${a.item.name} ${a.serial}`,
        // Where the unit is: its site, the customer's premises it is deployed at, or its store.
        address: site?.address ?? a.subscription?.customer.serviceAddress ?? site?.name ?? a.location.name,
        joinedOn: null,
      },
    ];
  }
  const devices = await scope.tx.device.findMany({
    where: { deviceTypeId: plan.deviceTypeId!, status: { not: "DECOMMISSIONED" } },
    select: { id: true, name: true, createdAt: true, site: { select: { name: true, address: true } } },
    orderBy: { name: "asc" },
  });
  return devices.map((d) => ({
    key: d.id,
    assetId: null,
    deviceId: d.id,
    name: d.name,
    address: d.site?.address ?? d.site?.name ?? d.name,
    joinedOn: localDate(d.createdAt, timeZone),
  }));
}

type Last = {
  dueOn: Date;
  workOrder: { status: string; completedAt: Date | null } | null;
} | null;

/**
 * A target's first due date: the plan's start, or for a device added to the type after that, the
 * first date of the plan's cycle (start + a multiple of the interval) on or after the day it was
 * added. A new OLT joins the round of its type; it is not due on a date from before it existed.
 */
export function firstDue(plan: { startsOn: string; intervalDays: number }, joinedOn: string | null) {
  if (!joinedOn || joinedOn <= plan.startsOn) return plan.startsOn;
  const days = Math.round((Date.parse(`${joinedOn}T00:00:00Z`) - Date.parse(`${plan.startsOn}T00:00:00Z`)) / DAY);
  return addDays(plan.startsOn, Math.ceil(days / plan.intervalDays) * plan.intervalDays);
}

/** A target's next due date from its last occurrence, or null while that occurrence's job is open. */
export function nextDue(
  plan: { startsOn: string; intervalDays: number },
  last: Last,
  timeZone: string,
  joinedOn: string | null = null,
) {
  if (!last) return firstDue(plan, joinedOn);
  const wo = last.workOrder;
  if (wo && wo.status === "COMPLETED" && wo.completedAt)
    return addDays(localDate(wo.completedAt, timeZone), plan.intervalDays);
  if (wo && wo.status !== "CANCELLED") return null;
  return addDays(isoDate(last.dueOn), plan.intervalDays);
}

async function lastOccurrences(scope: Scope, planId: string) {
  const rows = await scope.tx.maintenanceOccurrence.findMany({
    where: { planId },
    orderBy: { dueOn: "desc" },
    distinct: ["targetKey"],
    select: { targetKey: true, dueOn: true, workOrder: { select: { status: true, completedAt: true } } },
  });
  return new Map(rows.map((r) => [r.targetKey, r]));
}

const PLAN_INCLUDE = {
  asset: { select: { id: true, serial: true, item: { select: { name: true } } } },
  deviceType: { select: { id: true, model: true, manufacturer: { select: { name: true } } } },
} as const;

function present(p: PlanRow) {
  return {
    id: p.id,
    title: p.title,
    instructions: p.instructions,
    asset: p.asset ? { id: p.asset.id, serial: p.asset.serial, item: p.asset.item.name } : null,
    deviceType: p.deviceType
      ? { id: p.deviceType.id, name: `${p.deviceType.manufacturer.name} ${p.deviceType.model}` }
      : null,
    intervalDays: p.intervalDays,
    leadDays: p.leadDays,
    startsOn: isoDate(p.startsOn),
    paused: p.pausedAt !== null,
    /** The rule in words, as the plan's page says it. */
    rule: `Every ${p.intervalDays} days, the work order opened ${p.leadDays} days ahead of the due date`,
  };
}

/** Plans, a page at a time, each with its targets' next due dates. */
export async function list(scope: Scope, input: z.input<typeof listPlansSchema>) {
  const f = listPlansSchema.parse(input);
  const { timeZone } = await companyClock(scope);
  const where: Prisma.MaintenancePlanWhereInput = {
    ...(f.search ? { title: { contains: f.search, mode: "insensitive" } } : {}),
    ...(f.assetId ? { assetId: f.assetId } : {}),
  };
  const page = await listPage(f, {
    count: () => scope.tx.maintenancePlan.count({ where }),
    rows: (window) =>
      scope.tx.maintenancePlan.findMany({
        where,
        include: PLAN_INCLUDE,
        orderBy: [{ title: "asc" }, { id: "asc" }],
        ...window,
      }),
  });
  const rows = [];
  for (const p of page.rows) {
    const dues = (await targetDues(scope, p, timeZone)).map((d) => d.due);
    const upcoming = dues.filter((d): d is string => d !== null).sort();
    rows.push({
      ...present(p),
      targets: dues.length,
      openJobs: dues.filter((d) => d === null).length,
      nextDueOn: upcoming[0] ?? null,
      workOrders: await workOrdersOpened(scope, p.id),
    });
  }
  return { ...page, rows };
}

/** The last work orders a plan opened (newest due date first), and how many it opened in all. */
async function workOrdersOpened(scope: Scope, planId: string, take = 5) {
  const where = { planId, workOrderId: { not: null } };
  const total = await scope.tx.maintenanceOccurrence.count({ where });
  const rows = await scope.tx.maintenanceOccurrence.findMany({
    where,
    orderBy: [{ dueOn: "desc" }, { id: "asc" }],
    take,
    select: { dueOn: true, workOrder: { select: { id: true, number: true, status: true } } },
  });
  return {
    total,
    recent: rows.flatMap((o) => (o.workOrder ? [{ ...o.workOrder, dueOn: isoDate(o.dueOn) }] : [])),
  };
}

/** Each target of a plan with its next due date (null while its job is open). */
async function targetDues(
  scope: Scope,
  p: { id: string; assetId: string | null; deviceTypeId: string | null; startsOn: Date; intervalDays: number },
  timeZone: string,
) {
  const targets = await targetsOf(scope, p, timeZone);
  const last = await lastOccurrences(scope, p.id);
  const plan = { startsOn: isoDate(p.startsOn), intervalDays: p.intervalDays };
  return targets.map((target) => ({
    target,
    due: nextDue(plan, last.get(target.key) ?? null, timeZone, target.joinedOn),
  }));
}

/**
 * What falls due within the next `withinDays` (and what is overdue) and has no work order yet,
 * soonest first: the store keeper's and planner's look ahead. Paused plans are left out.
 */
export async function due(scope: Scope, input: z.input<typeof dueSchema>) {
  const { withinDays } = dueSchema.parse(input);
  const { today, timeZone } = await companyClock(scope);
  const until = addDays(today, withinDays);
  const plans = await scope.tx.maintenancePlan.findMany({
    where: { pausedAt: null },
    include: PLAN_INCLUDE,
    orderBy: [{ title: "asc" }, { id: "asc" }],
  });
  const rows = [];
  for (const p of plans) {
    for (const { target, due: dueOn } of await targetDues(scope, p, timeZone)) {
      if (!dueOn || dueOn > until) continue;
      rows.push({
        plan: { id: p.id, title: p.title },
        target: { assetId: target.assetId, deviceId: target.deviceId, name: target.name },
        dueOn,
        /** The day the job opens its work order (lead days ahead of the due date). */
        opensOn: addDays(dueOn, -p.leadDays),
        overdue: dueOn < today,
      });
    }
  }
  rows.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.target.name.localeCompare(b.target.name));
  return { asOf: today, until, rows };
}

async function checkTarget(scope: Scope, data: z.output<typeof planSchema>) {
  if (data.assetId) {
    const a = await scope.tx.asset.findUnique({ where: { id: data.assetId }, select: { status: true } });
    if (!a) throw new NotFound("Unit");
    if (a.status === "RETIRED")
      throw new Invalid("That unit is retired; it needs no maintenance.", { assetId: "Retired." });
  }
  if (data.deviceTypeId) {
    const t = await scope.tx.deviceType.findUnique({ where: { id: data.deviceTypeId }, select: { id: true } });
    if (!t) throw new NotFound("Device type");
  }
}

const values = (data: z.output<typeof planSchema>) => ({
  title: data.title,
  instructions: data.instructions,
  assetId: data.assetId,
  deviceTypeId: data.deviceTypeId,
  intervalDays: data.intervalDays,
  leadDays: data.leadDays,
  startsOn: dateOnly(data.startsOn),
});

export async function create(scope: Scope, input: z.input<typeof planSchema>) {
  const data = planSchema.parse(input);
  await checkTarget(scope, data);
  const row = await scope.tx.maintenancePlan.create({
    data: { id: newId(), companyId: scope.companyId, ...values(data) },
    include: PLAN_INCLUDE,
  });
  await audit.record(scope, {
    action: "maintenance.plan_create",
    entityType: "MaintenancePlan",
    entityId: row.id,
    after: { ...data },
  });
  return present(row);
}

export async function update(scope: Scope, input: z.input<typeof updatePlanSchema>) {
  const { id, data } = updatePlanSchema.parse(input);
  const before = await scope.tx.maintenancePlan.findUnique({ where: { id } });
  if (!before) throw new NotFound("Maintenance plan");
  await checkTarget(scope, data);
  const row = await scope.tx.maintenancePlan.update({ where: { id }, data: values(data), include: PLAN_INCLUDE });
  await audit.record(scope, {
    action: "maintenance.plan_update",
    entityType: "MaintenancePlan",
    entityId: id,
    before: { title: before.title, intervalDays: before.intervalDays, leadDays: before.leadDays },
    after: { ...data },
  });
  return present(row);
}

/** Pauses a plan (no new work orders; open ones stay) or resumes it. */
export async function setPaused(scope: Scope, input: z.input<typeof pausePlanSchema>) {
  const { id, paused } = pausePlanSchema.parse(input);
  const before = await scope.tx.maintenancePlan.findUnique({ where: { id } });
  if (!before) throw new NotFound("Maintenance plan");
  if ((before.pausedAt !== null) === paused) return { id, paused };
  await scope.tx.maintenancePlan.update({ where: { id }, data: { pausedAt: paused ? new Date() : null } });
  await audit.record(scope, {
    action: paused ? "maintenance.plan_pause" : "maintenance.plan_resume",
    entityType: "MaintenancePlan",
    entityId: id,
  });
  return { id, paused };
}

/** A unit's maintenance history: the work orders its plans (and its device type's) opened, newest first. */
export async function history(scope: Scope, input: z.input<typeof historySchema>) {
  const { assetId } = historySchema.parse(input);
  const a = await scope.tx.asset.findUnique({ where: { id: assetId }, select: { id: true, deviceId: true } });
  if (!a) throw new NotFound("Unit");
  const rows = await scope.tx.maintenanceOccurrence.findMany({
    where: { OR: [{ assetId: a.id }, ...(a.deviceId ? [{ deviceId: a.deviceId }] : [])] },
    include: {
      plan: { select: { id: true, title: true } },
      workOrder: {
        select: { id: true, number: true, status: true, completedAt: true, completionNotes: true, cancelReason: true },
      },
    },
    orderBy: { dueOn: "desc" },
    take: 200,
  });
  return rows.map((o) => ({
    id: o.id,
    plan: o.plan,
    dueOn: isoDate(o.dueOn),
    workOrder: o.workOrder,
  }));
}

export interface DueOutcome {
  opened: { planId: string; targetKey: string; dueOn: string; workOrderId: string }[];
}

/**
 * Opens the work orders due by `today` (the company's today when left out) for every active plan
 * of one company. Safe to run any number of times, also at once (see the header).
 */
export async function openDue(companyId: string, today?: string): Promise<DueOutcome> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { ...systemActor, label: "maintenance" } };
    const clock = await companyClock(scope);
    const on = today ?? clock.today;
    const plans = await tx.maintenancePlan.findMany({ where: { pausedAt: null }, orderBy: { id: "asc" } });
    const outcome: DueOutcome = { opened: [] };
    for (const p of plans) {
      for (const { target: t, due } of await targetDues(scope, p, clock.timeZone)) {
        if (!due || addDays(due, -p.leadDays) > on) continue;
        const occurrenceId = newId();
        const inserted = await tx.$executeRaw`
          INSERT INTO "MaintenanceOccurrence" ("id", "companyId", "planId", "assetId", "deviceId", "targetKey", "dueOn")
          VALUES (${occurrenceId}, ${companyId}, ${p.id}, ${t.assetId}, ${t.assetId ? null : t.deviceId}, ${t.key}, ${dateOnly(due)})
          ON CONFLICT ("planId", "targetKey", "dueOn") DO NOTHING`;
        if (inserted === 0) continue;
        const job = await workOrders.create(scope, {
          kind: "MAINTENANCE",
          title: `${p.title}: ${t.name}`.slice(0, 200),
          instructions: [p.instructions, `Preventive maintenance due ${due} (every ${p.intervalDays} days).`]
            .filter(Boolean)
            .join("\n\n"),
          deviceId: t.deviceId,
          address: t.address,
          windowStart: `${due}T09:00`,
          windowEnd: `${due}T17:00`,
        });
        await tx.maintenanceOccurrence.update({ where: { id: occurrenceId }, data: { workOrderId: job.id } });
        await audit.record(scope, {
          action: "maintenance.work_order_open",
          entityType: "MaintenancePlan",
          entityId: p.id,
          after: { target: t.name, dueOn: due, workOrder: job.numberLabel },
        });
        outcome.opened.push({ planId: p.id, targetKey: t.key, dueOn: due, workOrderId: job.id });
      }
    }
    return outcome;
  });
}
