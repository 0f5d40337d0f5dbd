import { inOrder } from "../../db/tenant";
import type { z } from "zod";
import type { Lead, LeadActivityKind, LeadStage, Prisma } from "../../db/generated/prisma/client";
import { DomainError, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as customers from "../customers/service";
import type { Scope } from "../scope";
import {
  addActivitySchema,
  allowedNextStages,
  changeStageSchema,
  createLeadSchema,
  listLeadsSchema,
  STAGE_LABELS,
  updateLeadSchema,
} from "./schema";

// The sales pipeline: leads move through stages, collect activities, and are won only by
// becoming a customer. Every mutation is audited; stage changes are also in the lead's feed.

type LeadData = Omit<z.output<typeof updateLeadSchema>, "id">;
const CLOSED: LeadStage[] = ["WON", "LOST"];

/** A lead as every entry point returns it: coordinates as numbers (Decimal does not travel). */
export function present<T extends Lead>(
  l: T,
): Omit<T, "latitude" | "longitude"> & { latitude: number | null; longitude: number | null } {
  return {
    ...l,
    latitude: l.latitude === null ? null : Number(l.latitude),
    longitude: l.longitude === null ? null : Number(l.longitude),
  };
}

/** Package and owner must be this company's: checked in scope, answered as a field error. */
async function assertReferences(scope: Scope, d: LeadData) {
  const fields: Record<string, string> = {};
  if (d.interestedPackageId) {
    const pkg = await scope.tx.package.findFirst({ where: { id: d.interestedPackageId }, select: { id: true } });
    if (!pkg) fields.interestedPackageId = "No such package.";
  }
  if (d.ownerId) {
    const owner = await scope.tx.user.findFirst({
      where: { id: d.ownerId, role: { not: "CUSTOMER" }, status: "ACTIVE" },
      select: { id: true },
    });
    if (!owner) fields.ownerId = "Choose an active staff member of your company.";
  }
  if (Object.keys(fields).length)
    throw new DomainError("NOT_FOUND", fields.interestedPackageId ? "Package not found." : "Owner not found.", fields);
}

function columns(d: LeadData) {
  return {
    name: d.name,
    businessName: d.businessName,
    email: d.email,
    phone: d.phone,
    address: d.address,
    coverageArea: d.coverageArea,
    latitude: d.latitude,
    longitude: d.longitude,
    source: d.source,
    interestedPackageId: d.interestedPackageId,
    ownerId: d.ownerId,
    followUpAt: d.followUpAt,
  };
}

async function logActivity(scope: Scope, leadId: string, kind: LeadActivityKind, body: string) {
  return scope.tx.leadActivity.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      leadId,
      authorId: scope.actor.type === "USER" || scope.actor.type === "API" ? (scope.actor.id ?? null) : null,
      kind,
      body,
    },
  });
}

export async function create(scope: Scope, input: z.input<typeof createLeadSchema>) {
  const data = createLeadSchema.parse(input);
  await assertReferences(scope, data);
  const lead = await scope.tx.lead.create({ data: { id: newId(), companyId: scope.companyId, ...columns(data) } });
  await audit.record(scope, { action: "lead.create", entityType: "Lead", entityId: lead.id, after: present(lead) });
  return present(lead);
}

async function find(scope: Scope, id: string) {
  const lead = await scope.tx.lead.findUnique({ where: { id } });
  if (!lead) throw new NotFound("Lead");
  return lead;
}

export async function get(scope: Scope, id: string) {
  const lead = await scope.tx.lead.findUnique({
    where: { id },
    include: {
      owner: { select: { id: true, name: true } },
      interestedPackage: { select: { id: true, name: true } },
      customer: { select: { id: true, accountNumber: true } },
      activities: { orderBy: { createdAt: "desc" } },
    },
  });
  if (!lead) throw new NotFound("Lead");
  const authorIds = [...new Set(lead.activities.map((a) => a.authorId).filter((x): x is string => !!x))];
  const authors = new Map(
    (await scope.tx.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  return {
    ...present(lead),
    activities: lead.activities.map((a) => ({
      ...a,
      authorName: a.authorId ? (authors.get(a.authorId) ?? null) : null,
    })),
  };
}

export async function update(scope: Scope, input: z.input<typeof updateLeadSchema>) {
  const { id, ...data } = updateLeadSchema.parse(input);
  const before = await find(scope, id);
  await assertReferences(scope, data);
  const after = await scope.tx.lead.update({ where: { id }, data: columns(data) });
  await audit.record(scope, {
    action: "lead.update",
    entityType: "Lead",
    entityId: id,
    before: present(before),
    after: present(after),
  });
  return present(after);
}

export async function changeStage(scope: Scope, input: z.input<typeof changeStageSchema>) {
  const data = changeStageSchema.parse(input);
  const before = await find(scope, data.id);
  if (data.stage === "WON")
    throw new Invalid("A lead is won by converting it into a customer.", { stage: "Use “Convert to customer”." });
  if (before.stage === data.stage) return present(before);
  if (!allowedNextStages(before.stage).includes(data.stage)) {
    throw new Invalid(
      `A ${STAGE_LABELS[before.stage].toLowerCase()} lead cannot move to ${STAGE_LABELS[data.stage].toLowerCase()}.`,
      { stage: "Not allowed from the current stage." },
    );
  }
  const lostReason = data.stage === "LOST" ? data.lostReason! : null;
  const after = await scope.tx.lead.update({ where: { id: data.id }, data: { stage: data.stage, lostReason } });
  const text = `${STAGE_LABELS[before.stage]} → ${STAGE_LABELS[data.stage]}${lostReason ? `: ${lostReason}` : ""}`;
  await logActivity(scope, data.id, "STAGE_CHANGE", text);
  await audit.record(scope, {
    action: "lead.stage_change",
    entityType: "Lead",
    entityId: data.id,
    before: { stage: before.stage },
    after: { stage: after.stage, lostReason },
  });
  return present(after);
}

export async function addActivity(scope: Scope, input: z.input<typeof addActivitySchema>) {
  const data = addActivitySchema.parse(input);
  await find(scope, data.leadId);
  const activity = await logActivity(scope, data.leadId, data.kind, data.body);
  await audit.record(scope, {
    action: "lead.activity",
    entityType: "Lead",
    entityId: data.leadId,
    after: { kind: activity.kind, body: activity.body },
  });
  return activity;
}

/** Splits "Jane Wanjiru Kamau" into first "Jane Wanjiru" and last "Kamau". */
function splitName(name: string) {
  const parts = name.trim().split(/\s+/);
  return parts.length === 1
    ? { firstName: parts[0], lastName: null }
    : { firstName: parts.slice(0, -1).join(" "), lastName: parts.at(-1)! };
}

/** Creates the customer (a prospect) from the lead and marks the lead won, in one transaction. */
export async function convert(scope: Scope, leadId: string) {
  const lead = await find(scope, leadId);
  if (lead.stage === "WON" || lead.customerId)
    throw new Invalid("This lead has already been converted into a customer.");
  if (lead.stage === "LOST")
    throw new Invalid("This lead was lost. Reopen it before converting it into a customer.", {
      stage: "Reopen the lead first.",
    });
  const customer = await customers.create(scope, {
    type: lead.businessName ? "BUSINESS" : "INDIVIDUAL",
    businessName: lead.businessName,
    ...splitName(lead.name),
    email: lead.email,
    phone: lead.phone,
    serviceAddress: lead.address,
    serviceLatitude: lead.latitude === null ? null : Number(lead.latitude),
    serviceLongitude: lead.longitude === null ? null : Number(lead.longitude),
    contactChannel: lead.email ? "EMAIL" : "PHONE",
    status: "PROSPECT",
    notes: lead.coverageArea ? `Coverage area: ${lead.coverageArea}` : null,
  });
  const now = new Date();
  const after = await scope.tx.lead.update({
    where: { id: leadId },
    data: { stage: "WON", customerId: customer.id, convertedAt: now, followUpAt: null },
  });
  await logActivity(
    scope,
    leadId,
    "STAGE_CHANGE",
    `${STAGE_LABELS[lead.stage]} → Won: converted into customer ${customer.accountNo}`,
  );
  await audit.record(scope, {
    action: "lead.convert",
    entityType: "Lead",
    entityId: leadId,
    before: { stage: lead.stage },
    after: { stage: "WON", customerId: customer.id },
  });
  return { lead: present(after), customer };
}

// ── lists and figures ───────────────────────────────────────────────────────────────────────

export async function list(scope: Scope, input: z.input<typeof listLeadsSchema>) {
  const f = listLeadsSchema.parse(input);
  const term = f.search;
  const where: Prisma.LeadWhereInput = {
    stage: f.due ? { notIn: CLOSED } : f.stage,
    source: f.source,
    ownerId: f.ownerId === "none" ? null : f.ownerId || undefined,
    followUpAt: f.due ? { lte: new Date() } : undefined,
    OR: term
      ? (["name", "businessName", "email", "phone", "address", "coverageArea"] as const).map((k) => ({
          [k]: { contains: term, mode: "insensitive" },
        }))
      : undefined,
  };
  const orderBy: Prisma.LeadOrderByWithRelationInput[] = [
    f.sort === "followUpAt" ? { followUpAt: { sort: f.direction, nulls: "last" } } : { [f.sort]: f.direction },
    { createdAt: "desc" },
  ];
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.lead.count({ where }),
    rows: (window) =>
      scope.tx.lead.findMany({
        where,
        orderBy,
        include: {
          owner: { select: { id: true, name: true } },
          interestedPackage: { select: { id: true, name: true } },
        },
        ...window,
      }),
  });
  const byStage = await scope.tx.lead.groupBy({ by: ["stage"], _count: { _all: true }, orderBy: { stage: "asc" } });
  const stageCounts = Object.fromEntries(byStage.map((s) => [s.stage, s._count._all])) as Partial<
    Record<LeadStage, number>
  >;
  return {
    ...paging,
    rows: rows.map(present),
    stageCounts,
  };
}

/** Open leads whose follow-up time has come, soonest first. */
export async function followUpsDue(scope: Scope, now = new Date()) {
  const rows = await scope.tx.lead.findMany({
    where: { stage: { notIn: CLOSED }, followUpAt: { lte: now } },
    orderBy: { followUpAt: "asc" },
    take: 100,
    include: { owner: { select: { id: true, name: true, email: true } } },
  });
  return rows.map(present);
}

const bps = (won: number, total: number) => (total === 0 ? 0 : Math.floor((won * 10_000) / total));

/** Won / all leads, by source and by owner: counts and basis points. */
export async function conversionRates(scope: Scope) {
  const [bySource, byOwner] = await inOrder([
    scope.tx.lead.groupBy({ by: ["source", "stage"], _count: { _all: true }, orderBy: { source: "asc" } }),
    scope.tx.lead.groupBy({ by: ["ownerId", "stage"], _count: { _all: true }, orderBy: { ownerId: "asc" } }),
  ]);
  const fold = <K extends string | null>(rows: { key: K; stage: LeadStage; count: number }[]) => {
    const m = new Map<K, { total: number; won: number }>();
    for (const r of rows) {
      const t = m.get(r.key) ?? { total: 0, won: 0 };
      t.total += r.count;
      if (r.stage === "WON") t.won += r.count;
      m.set(r.key, t);
    }
    return [...m.entries()].map(([key, t]) => ({ key, ...t, rateBps: bps(t.won, t.total) }));
  };
  const owners = fold(byOwner.map((r) => ({ key: r.ownerId, stage: r.stage, count: r._count._all })));
  const ownerIds = owners.map((o) => o.key).filter((x): x is string => !!x);
  const names = new Map(
    (await scope.tx.user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const sources = fold(bySource.map((r) => ({ key: r.source, stage: r.stage, count: r._count._all })));
  return {
    bySource: sources.map(({ key, ...t }) => ({ source: key, ...t })).sort((a, b) => b.total - a.total),
    byOwner: owners
      .map(({ key, ...t }) => ({
        ownerId: key,
        ownerName: key ? (names.get(key) ?? "Former staff member") : "Unassigned",
        ...t,
      }))
      .sort((a, b) => b.total - a.total),
  };
}

/** Staff who can own leads, for the owner picker. */
export async function owners(scope: Scope) {
  return scope.tx.user.findMany({
    where: { role: { not: "CUSTOMER" }, status: "ACTIVE" },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** Packages a lead can be interested in (not archived), for the picker. */
export async function packageOptions(scope: Scope) {
  return scope.tx.package.findMany({
    where: { archivedAt: null },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
