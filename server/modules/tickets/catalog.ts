import type { z } from "zod";
import { inOrder } from "../../db/tenant";
import { Conflict, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import {
  cannedResponseSchema,
  categorySchema,
  GROUP_LABELS,
  updateCannedResponseSchema,
  updateCategorySchema,
} from "./schema";

// What the support desk sets up once and uses every day: ticket categories (what customers and
// routing choose from) and canned responses (answers inserted into the reply box). Archived ones
// stay on old tickets but are no longer offered.

// ── categories ───────────────────────────────────────────────────────────────────────────────

export async function listCategories(scope: Scope, { includeArchived = false } = {}) {
  const [rows, skills] = await inOrder([
    scope.tx.ticketCategory.findMany({
      where: includeArchived ? {} : { archivedAt: null },
      orderBy: [{ group: "asc" }, { name: "asc" }],
      include: { skill: { select: { id: true, name: true } }, _count: { select: { tickets: true } } },
    }),
    // Skills are the staff module's; routing matches a category's skill against technicians'.
    scope.tx.skill.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return {
    categories: rows.map((c) => ({
      id: c.id,
      group: c.group,
      groupLabel: GROUP_LABELS[c.group],
      name: c.name,
      fieldWork: c.fieldWork,
      skill: c.skill,
      archived: !!c.archivedAt,
      tickets: c._count.tickets,
    })),
    skills,
  };
}

const nameTaken = () =>
  new Conflict("A category with this name already exists in that group.", { name: "Already used in this group." });

async function assertSkill(scope: Scope, skillId: string | null) {
  if (!skillId) return;
  const skill = await scope.tx.skill.findUnique({ where: { id: skillId }, select: { id: true } });
  if (!skill) throw new Invalid("Choose one of your team's skills.", { skillId: "No such skill." });
}

export async function createCategory(scope: Scope, input: z.input<typeof categorySchema>) {
  const data = categorySchema.parse(input);
  await assertSkill(scope, data.skillId);
  return onUnique(async () => {
    const row = await scope.tx.ticketCategory.create({
      data: {
        id: newId(),
        companyId: scope.companyId,
        group: data.group,
        name: data.name,
        fieldWork: data.fieldWork,
        skillId: data.skillId,
      },
    });
    await audit.record(scope, {
      action: "ticket_category.create",
      entityType: "TicketCategory",
      entityId: row.id,
      after: data,
    });
    return row;
  }, nameTaken);
}

export async function updateCategory(scope: Scope, input: z.input<typeof updateCategorySchema>) {
  const { id, ...data } = updateCategorySchema.parse(input);
  const before = await scope.tx.ticketCategory.findUnique({ where: { id } });
  if (!before) throw new NotFound("Category");
  await assertSkill(scope, data.skillId);
  return onUnique(async () => {
    const row = await scope.tx.ticketCategory.update({ where: { id }, data });
    await audit.record(scope, {
      action: "ticket_category.update",
      entityType: "TicketCategory",
      entityId: id,
      before: { group: before.group, name: before.name, fieldWork: before.fieldWork, skillId: before.skillId },
      after: data,
    });
    return row;
  }, nameTaken);
}

/** Archived categories are no longer offered for new tickets; tickets keep theirs. */
export async function setCategoryArchived(scope: Scope, id: string, archived: boolean) {
  const before = await scope.tx.ticketCategory.findUnique({ where: { id } });
  if (!before) throw new NotFound("Category");
  if (archived && !before.archivedAt) {
    const left = await scope.tx.ticketCategory.count({ where: { archivedAt: null, id: { not: id } } });
    if (left === 0) throw new Invalid("Keep at least one category, so customers can open tickets.");
  }
  const row = await scope.tx.ticketCategory.update({
    where: { id },
    data: { archivedAt: archived ? (before.archivedAt ?? new Date()) : null },
  });
  await audit.record(scope, {
    action: archived ? "ticket_category.archive" : "ticket_category.restore",
    entityType: "TicketCategory",
    entityId: id,
  });
  return row;
}

/**
 * Makes `categoryIds` exactly the categories that need the skill (routing sends their tickets to
 * people who have it): they take it over from any other skill, the others lose it. For the staff
 * module, which owns skills and audits the change; returns the categories as they were.
 */
export async function setSkillOfCategories(scope: Scope, skillId: string, categoryIds: readonly string[]) {
  const wanted = [...new Set(categoryIds)];
  const found = await scope.tx.ticketCategory.findMany({
    where: { id: { in: wanted } },
    select: { id: true, name: true, skillId: true },
  });
  if (found.length !== wanted.length) throw new NotFound("Ticket category");
  const before = await scope.tx.ticketCategory.findMany({ where: { skillId }, select: { id: true, name: true } });
  await scope.tx.ticketCategory.updateMany({ where: { skillId, id: { notIn: wanted } }, data: { skillId: null } });
  await scope.tx.ticketCategory.updateMany({ where: { id: { in: wanted } }, data: { skillId } });
  return { before, found };
}

// ── canned responses ─────────────────────────────────────────────────────────────────────────

export async function listCanned(scope: Scope, { includeArchived = false } = {}) {
  const rows = await scope.tx.cannedResponse.findMany({
    where: includeArchived ? {} : { archivedAt: null },
    orderBy: [{ title: "asc" }],
    include: { category: { select: { id: true, name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    category: r.category,
    archived: !!r.archivedAt,
    updatedAt: r.updatedAt,
  }));
}

const titleTaken = () => new Conflict("A canned response with this title already exists.", { title: "Already used." });

async function assertCategoryId(scope: Scope, categoryId: string | null) {
  if (!categoryId) return;
  const found = await scope.tx.ticketCategory.findUnique({ where: { id: categoryId }, select: { id: true } });
  if (!found) throw new Invalid("Choose one of the ticket categories.", { categoryId: "No such category." });
}

export async function createCanned(scope: Scope, input: z.input<typeof cannedResponseSchema>) {
  const data = cannedResponseSchema.parse(input);
  await assertCategoryId(scope, data.categoryId);
  return onUnique(async () => {
    const row = await scope.tx.cannedResponse.create({
      data: { id: newId(), companyId: scope.companyId, ...data, createdById: scope.actor.id ?? null },
    });
    await audit.record(scope, {
      action: "canned_response.create",
      entityType: "CannedResponse",
      entityId: row.id,
      after: { title: row.title },
    });
    return row;
  }, titleTaken);
}

export async function updateCanned(scope: Scope, input: z.input<typeof updateCannedResponseSchema>) {
  const { id, ...data } = updateCannedResponseSchema.parse(input);
  const before = await scope.tx.cannedResponse.findUnique({ where: { id } });
  if (!before) throw new NotFound("Canned response");
  await assertCategoryId(scope, data.categoryId);
  return onUnique(async () => {
    const row = await scope.tx.cannedResponse.update({ where: { id }, data });
    await audit.record(scope, {
      action: "canned_response.update",
      entityType: "CannedResponse",
      entityId: id,
      before: { title: before.title, body: before.body, categoryId: before.categoryId },
      after: data,
    });
    return row;
  }, titleTaken);
}

export async function setCannedArchived(scope: Scope, id: string, archived: boolean) {
  const before = await scope.tx.cannedResponse.findUnique({ where: { id } });
  if (!before) throw new NotFound("Canned response");
  const row = await scope.tx.cannedResponse.update({
    where: { id },
    data: { archivedAt: archived ? (before.archivedAt ?? new Date()) : null },
  });
  await audit.record(scope, {
    action: archived ? "canned_response.archive" : "canned_response.restore",
    entityType: "CannedResponse",
    entityId: id,
  });
  return row;
}
