import type { z } from "zod";
import type { StaffAvailability } from "../../db/generated/prisma/client";
import { inOrder } from "../../db/tenant";
import { Conflict, Forbidden, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { pageOf } from "../../lib/schema";
import * as audit from "../audit/service";
import { openTicketCounts } from "../routing/service";
import * as catalog from "../tickets/catalog";
import type { Scope } from "../scope";
import { onShiftAt } from "../shifts/service";
import { wallClock } from "../shifts/zone";
import {
  addCertificationSchema,
  addTrainingSchema,
  createSkillSchema,
  expiryState,
  listStaffSchema,
  removeStaffSkillSchema,
  renameSkillSchema,
  saveProfileSchema,
  setSkillCategoriesSchema,
  setStaffSkillSchema,
  updateCertificationSchema,
} from "./schema";

// Staff profiles (what routing and planning know about a person beyond their sign-in), the
// company's skill catalogue, certifications and training records. Every mutation is audited in
// the caller's transaction.

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const AVAILABILITY_ORDER: Record<StaffAvailability, number> = { AVAILABLE: 0, BUSY: 1, OFF_DUTY: 2, ON_LEAVE: 3 };

/** The company's time zone and its local date today: certificates expire on local dates. */
export async function companyClock(scope: Scope, now: Date = new Date()) {
  const { timeZone } = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true },
  });
  return { timeZone, today: wallClock(now, timeZone).date };
}

/**
 * An active staff account of this company. Another company's user is invisible here (RLS), so
 * it gets the same answer as a mistyped id.
 */
async function findStaffUser(scope: Scope, userId: string, field?: string, label = "staff member") {
  const user = await scope.tx.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, role: true, status: true },
  });
  if (!user) {
    if (field)
      throw new Invalid(`That ${label} is not on your company's staff.`, {
        [field]: `Choose a ${label} of your company.`,
      });
    throw new NotFound("Staff member");
  }
  if (user.role === "CUSTOMER") {
    if (field)
      throw new Invalid(`${user.name} is a customer, not a ${label}.`, {
        [field]: `Choose a ${label} of your company.`,
      });
    throw new Invalid(`${user.name} is a customer: only staff have staff profiles.`);
  }
  return user;
}

// ─── Team list ──────────────────────────────────────────────────────────────────────────────

/**
 * The team: every active staff account, with or without a profile, and what a manager looks at
 * first (availability, skills, load, shift). A company's staff is tens to a few hundred people,
 * so filtering and sorting happen here, after one query, rather than in SQL over computed load.
 */
export async function list(scope: Scope, input: z.input<typeof listStaffSchema>, now: Date = new Date()) {
  const f = listStaffSchema.parse(input);
  const { today } = await companyClock(scope, now);
  const users = await scope.tx.user.findMany({
    where: {
      status: "ACTIVE",
      role: { not: "CUSTOMER" },
      OR: f.search
        ? [
            { name: { contains: f.search, mode: "insensitive" } },
            { email: { contains: f.search, mode: "insensitive" } },
            { staffProfile: { title: { contains: f.search, mode: "insensitive" } } },
          ]
        : undefined,
    },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      staffProfile: {
        select: {
          title: true,
          availability: true,
          areas: true,
          maxOpenTickets: true,
          teamLead: { select: { id: true, name: true } },
        },
      },
      skills: {
        select: { level: true, skill: { select: { id: true, name: true } } },
        orderBy: [{ level: "desc" }, { skill: { name: "asc" } }],
      },
      certifications: { where: { expiresOn: { not: null } }, select: { expiresOn: true } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const ids = users.map((u) => u.id);
  const [open, shifts] = await inOrder([() => openTicketCounts(scope, ids), () => onShiftAt(scope, now)]);
  const shiftOf = new Map<string, { onCall: boolean; endsAt: Date }>();
  for (const s of shifts) {
    const prev = shiftOf.get(s.userId);
    shiftOf.set(s.userId, {
      onCall: (prev?.onCall ?? false) || s.onCall,
      endsAt: prev && prev.endsAt > s.endsAt ? prev.endsAt : s.endsAt,
    });
  }

  let rows = users.map((u) => {
    const p = u.staffProfile;
    const openTickets = open.get(u.id) ?? 0;
    const states = u.certifications.map((c) => expiryState(isoDay(c.expiresOn!), today));
    const shift = shiftOf.get(u.id);
    return {
      userId: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      hasProfile: !!p,
      title: p?.title ?? null,
      availability: p?.availability ?? null,
      areas: p?.areas ?? [],
      teamLead: p?.teamLead ?? null,
      skills: u.skills.map((s) => ({ skillId: s.skill.id, name: s.skill.name, level: s.level })),
      openTickets,
      maxOpenTickets: p?.maxOpenTickets ?? null,
      overloaded: !!p && openTickets >= p.maxOpenTickets,
      onShift: !!shift,
      onCall: !!shift?.onCall,
      shiftEndsAt: shift?.endsAt ?? null,
      certificatesExpiring: states.filter((s) => s === "expiring").length,
      certificatesExpired: states.filter((s) => s === "expired").length,
    };
  });

  // Every coverage area on the team (first spelling), for the area filter.
  const areas = [...new Map(rows.flatMap((r) => r.areas).map((a) => [a.toLowerCase(), a] as const)).values()].sort(
    (a, b) => a.localeCompare(b, "en"),
  );
  if (f.availability) rows = rows.filter((r) => r.availability === f.availability);
  if (f.skillId) rows = rows.filter((r) => r.skills.some((s) => s.skillId === f.skillId));
  if (f.area) rows = rows.filter((r) => r.areas.some((a) => a.toLowerCase() === f.area!.toLowerCase()));
  if (f.onShift) rows = rows.filter((r) => r.onShift);

  const dir = f.direction === "asc" ? 1 : -1;
  const load = (r: (typeof rows)[number]) => (r.maxOpenTickets ? r.openTickets / r.maxOpenTickets : -1);
  rows.sort((a, b) => {
    const primary =
      f.sort === "availability"
        ? (a.availability ? AVAILABILITY_ORDER[a.availability] : 9) -
          (b.availability ? AVAILABILITY_ORDER[b.availability] : 9)
        : f.sort === "load"
          ? load(a) - load(b) || a.openTickets - b.openTickets
          : a.name.localeCompare(b.name, "en");
    return primary * dir || a.name.localeCompare(b.name, "en") || a.userId.localeCompare(b.userId);
  });

  const total = rows.length;
  const summary = {
    staff: total,
    onShift: rows.filter((r) => r.onShift).length,
    onCall: rows.filter((r) => r.onCall).length,
    overloaded: rows.filter((r) => r.overloaded).length,
    withoutProfile: rows.filter((r) => !r.hasProfile).length,
  };
  const page = rows.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
  return {
    ...pageOf(total, f.page, f.pageSize),
    rows: page,
    summary,
    areas,
  };
}

// ─── One person ─────────────────────────────────────────────────────────────────────────────

/** Everything the profile page shows about one staff member. */
export async function get(scope: Scope, userId: string, now: Date = new Date()) {
  const { timeZone, today } = await companyClock(scope, now);
  const user = await scope.tx.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      status: true,
      staffProfile: {
        select: {
          title: true,
          phone: true,
          areas: true,
          availability: true,
          maxOpenTickets: true,
          teamLead: { select: { id: true, name: true } },
          updatedAt: true,
        },
      },
      teamMembers: { select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } },
      skills: {
        select: { level: true, skill: { select: { id: true, name: true } } },
        orderBy: [{ skill: { name: "asc" } }],
      },
      certifications: {
        select: {
          id: true,
          name: true,
          issuer: true,
          number: true,
          issuedOn: true,
          expiresOn: true,
          reminderSentAt: true,
        },
        orderBy: [{ expiresOn: { sort: "asc", nulls: "last" } }, { name: "asc" }],
      },
      trainingRecords: {
        select: { id: true, course: true, provider: true, completedOn: true, hours: true, notes: true },
        orderBy: [{ completedOn: "desc" }, { course: "asc" }],
      },
      shifts: {
        where: { endsAt: { gt: now } },
        select: { id: true, startsAt: true, endsAt: true, onCall: true, note: true },
        orderBy: { startsAt: "asc" },
        take: 10,
      },
    },
  });
  if (!user || user.role === "CUSTOMER") throw new NotFound("Staff member");
  const open = (await openTicketCounts(scope, [user.id])).get(user.id) ?? 0;
  const p = user.staffProfile;
  const current = user.shifts.find((s) => s.startsAt <= now);
  return {
    timeZone,
    today,
    user: { id: user.id, name: user.name, email: user.email, role: user.role, status: user.status },
    profile: p
      ? {
          title: p.title,
          phone: p.phone,
          areas: p.areas,
          availability: p.availability,
          maxOpenTickets: p.maxOpenTickets,
          teamLead: p.teamLead,
          updatedAt: p.updatedAt,
        }
      : null,
    teamMembers: user.teamMembers.map((m) => m.user),
    skills: user.skills.map((s) => ({ skillId: s.skill.id, name: s.skill.name, level: s.level })),
    certifications: user.certifications.map((c) => {
      const expiresOn = c.expiresOn ? isoDay(c.expiresOn) : null;
      return {
        id: c.id,
        name: c.name,
        issuer: c.issuer,
        number: c.number,
        issuedOn: c.issuedOn ? isoDay(c.issuedOn) : null,
        expiresOn,
        state: expiryState(expiresOn, today),
        reminderSentAt: c.reminderSentAt,
      };
    }),
    training: user.trainingRecords.map((t) => ({ ...t, completedOn: isoDay(t.completedOn) })),
    upcomingShifts: user.shifts,
    openTickets: open,
    overloaded: !!p && open >= p.maxOpenTickets,
    onShift: !!current,
    onCall: !!current?.onCall,
  };
}

/** The signed-in person's own profile. */
export async function me(scope: Scope, userId: string, now: Date = new Date()) {
  const user = await scope.tx.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!user || user.role === "CUSTOMER") throw new Forbidden("Only staff have a staff profile.");
  return get(scope, userId, now);
}

/** Active staff of this company, for pickers: team lead, the person of a shift. */
export async function options(scope: Scope) {
  return scope.tx.user.findMany({
    where: { status: "ACTIVE", role: { not: "CUSTOMER" } },
    select: { id: true, name: true, role: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/**
 * Creates or updates a staff profile. The team lead must be another active staff member of the
 * same company, and the chain of leads may not loop back (escalation walks it upwards).
 */
export async function saveProfile(scope: Scope, input: z.input<typeof saveProfileSchema>) {
  const data = saveProfileSchema.parse(input);
  const user = await findStaffUser(scope, data.userId);
  if (data.teamLeadId) {
    if (data.teamLeadId === data.userId)
      throw new Invalid("A person cannot be their own team lead.", {
        teamLeadId: "Choose someone else, or no team lead.",
      });
    const lead = await findStaffUser(scope, data.teamLeadId, "teamLeadId", "team lead");
    if (lead.status !== "ACTIVE")
      throw new Invalid(`${lead.name}'s account is disabled, so they cannot lead a team.`, {
        teamLeadId: "Choose an active staff member.",
      });
    let cursor: string | null = lead.id;
    for (let hops = 0; cursor && hops < 100; hops++) {
      const up: { teamLeadId: string | null } | null = await scope.tx.staffProfile.findUnique({
        where: { userId: cursor },
        select: { teamLeadId: true },
      });
      cursor = up?.teamLeadId ?? null;
      if (cursor === data.userId)
        throw new Invalid(
          `${lead.name} reports to ${user.name} already, so ${user.name} cannot report to ${lead.name}.`,
          { teamLeadId: "This would make the reporting line loop." },
        );
    }
  }
  const before = await scope.tx.staffProfile.findUnique({ where: { userId: data.userId } });
  const fields = {
    title: data.title,
    phone: data.phone,
    areas: data.areas,
    availability: data.availability,
    maxOpenTickets: data.maxOpenTickets,
    teamLeadId: data.teamLeadId,
  };
  const after = await scope.tx.staffProfile.upsert({
    where: { userId: data.userId },
    create: { userId: data.userId, companyId: scope.companyId, ...fields },
    update: fields,
  });
  const pick = (p: typeof after | null) =>
    p
      ? {
          title: p.title,
          phone: p.phone,
          areas: p.areas,
          availability: p.availability,
          maxOpenTickets: p.maxOpenTickets,
          teamLeadId: p.teamLeadId,
        }
      : null;
  await audit.record(scope, {
    action: before ? "staff.profile_update" : "staff.profile_create",
    entityType: "StaffProfile",
    entityId: data.userId,
    before: pick(before),
    after: pick(after),
  });
  return pick(after)!;
}

// ─── Skill catalogue ────────────────────────────────────────────────────────────────────────

/** The company's skills, with who has them and which ticket categories need them. */
export async function listSkills(scope: Scope) {
  const skills = await scope.tx.skill.findMany({
    select: {
      id: true,
      name: true,
      _count: { select: { staff: true } },
      categories: { select: { id: true, name: true }, orderBy: { name: "asc" } },
    },
    orderBy: { name: "asc" },
  });
  return skills.map((s) => ({ id: s.id, name: s.name, people: s._count.staff, categories: s.categories }));
}

/** Ticket categories, for linking skills to them (routing matches a category's skill). */
export async function categoryOptions(scope: Scope) {
  return scope.tx.ticketCategory.findMany({
    where: { archivedAt: null },
    select: { id: true, name: true, group: true, fieldWork: true, skillId: true },
    orderBy: [{ group: "asc" }, { name: "asc" }],
  });
}

const skillTaken = (name: string) =>
  new Conflict(`There is already a skill called "${name}".`, { name: `"${name}" is already in the catalogue.` });

export async function createSkill(scope: Scope, input: z.input<typeof createSkillSchema>) {
  const { name } = createSkillSchema.parse(input);
  const existing = await scope.tx.skill.findFirst({
    where: { name: { equals: name, mode: "insensitive" } },
    select: { name: true },
  });
  if (existing) throw skillTaken(existing.name);
  return onUnique(
    async () => {
      const skill = await scope.tx.skill.create({
        data: { id: newId(), companyId: scope.companyId, name },
        select: { id: true, name: true },
      });
      await audit.record(scope, { action: "skill.create", entityType: "Skill", entityId: skill.id, after: skill });
      return skill;
    },
    () => skillTaken(name),
  );
}

export async function renameSkill(scope: Scope, input: z.input<typeof renameSkillSchema>) {
  const { id, name } = renameSkillSchema.parse(input);
  const before = await scope.tx.skill.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!before) throw new NotFound("Skill");
  const clash = await scope.tx.skill.findFirst({
    where: { id: { not: id }, name: { equals: name, mode: "insensitive" } },
    select: { name: true },
  });
  if (clash) throw skillTaken(clash.name);
  return onUnique(
    async () => {
      const after = await scope.tx.skill.update({ where: { id }, data: { name }, select: { id: true, name: true } });
      await audit.record(scope, {
        action: "skill.rename",
        entityType: "Skill",
        entityId: id,
        before: { name: before.name },
        after: { name: after.name },
      });
      return after;
    },
    () => skillTaken(name),
  );
}

/** Deletes a skill: people lose it and categories that needed it no longer need any skill. */
export async function deleteSkill(scope: Scope, id: string) {
  const skill = await scope.tx.skill.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      staff: { select: { userId: true, level: true } },
      categories: { select: { id: true, name: true } },
    },
  });
  if (!skill) throw new NotFound("Skill");
  await scope.tx.skill.delete({ where: { id } });
  await audit.record(scope, {
    action: "skill.delete",
    entityType: "Skill",
    entityId: id,
    before: { name: skill.name, people: skill.staff, categories: skill.categories },
  });
  return { id, people: skill.staff.length, categories: skill.categories.length };
}

/** Which ticket categories need this skill (routing sends their tickets to people who have it). */
export async function setSkillCategories(scope: Scope, input: z.input<typeof setSkillCategoriesSchema>) {
  const data = setSkillCategoriesSchema.parse(input);
  const skill = await scope.tx.skill.findUnique({ where: { id: data.skillId }, select: { id: true, name: true } });
  if (!skill) throw new NotFound("Skill");
  const { before, found } = await catalog.setSkillOfCategories(scope, skill.id, data.categoryIds);
  // A category needs one skill at most: taking it over from another skill is said in the audit.
  const movedFrom = found
    .filter((c) => c.skillId && c.skillId !== skill.id)
    .map((c) => ({ id: c.id, name: c.name, fromSkillId: c.skillId }));
  await audit.record(scope, {
    action: "skill.categories",
    entityType: "Skill",
    entityId: skill.id,
    before: { categories: before.map((c) => c.name) },
    after: { categories: found.map((c) => c.name).sort(), movedFrom: movedFrom.length ? movedFrom : undefined },
  });
  return listSkills(scope).then((all) => all.find((s) => s.id === skill.id)!);
}

// ─── A person's skills ──────────────────────────────────────────────────────────────────────

export async function setStaffSkill(scope: Scope, input: z.input<typeof setStaffSkillSchema>) {
  const data = setStaffSkillSchema.parse(input);
  await findStaffUser(scope, data.userId);
  const skill = await scope.tx.skill.findUnique({ where: { id: data.skillId }, select: { id: true, name: true } });
  if (!skill)
    throw new Invalid("That skill is not in your catalogue.", { skillId: "Choose a skill from the catalogue." });
  const before = await scope.tx.staffSkill.findUnique({
    where: { userId_skillId: { userId: data.userId, skillId: data.skillId } },
    select: { level: true },
  });
  await scope.tx.staffSkill.upsert({
    where: { userId_skillId: { userId: data.userId, skillId: data.skillId } },
    create: { companyId: scope.companyId, userId: data.userId, skillId: data.skillId, level: data.level },
    update: { level: data.level },
  });
  await audit.record(scope, {
    action: "staff.skill_set",
    entityType: "StaffProfile",
    entityId: data.userId,
    before: before ? { skill: skill.name, level: before.level } : null,
    after: { skill: skill.name, level: data.level },
  });
  return { skillId: skill.id, name: skill.name, level: data.level };
}

export async function removeStaffSkill(scope: Scope, input: z.input<typeof removeStaffSkillSchema>) {
  const data = removeStaffSkillSchema.parse(input);
  const row = await scope.tx.staffSkill.findUnique({
    where: { userId_skillId: { userId: data.userId, skillId: data.skillId } },
    select: { level: true, skill: { select: { name: true } } },
  });
  if (!row) throw new NotFound("Skill of this person");
  await scope.tx.staffSkill.delete({ where: { userId_skillId: { userId: data.userId, skillId: data.skillId } } });
  await audit.record(scope, {
    action: "staff.skill_remove",
    entityType: "StaffProfile",
    entityId: data.userId,
    before: { skill: row.skill.name, level: row.level },
  });
}

// ─── Certifications ─────────────────────────────────────────────────────────────────────────

const asDate = (v: string | null) => (v ? new Date(`${v}T00:00:00Z`) : null);
const certView = (c: {
  id: string;
  userId: string;
  name: string;
  issuer: string | null;
  number: string | null;
  issuedOn: Date | null;
  expiresOn: Date | null;
}) => ({
  id: c.id,
  userId: c.userId,
  name: c.name,
  issuer: c.issuer,
  number: c.number,
  issuedOn: c.issuedOn ? isoDay(c.issuedOn) : null,
  expiresOn: c.expiresOn ? isoDay(c.expiresOn) : null,
});

export async function addCertification(scope: Scope, input: z.input<typeof addCertificationSchema>) {
  const data = addCertificationSchema.parse(input);
  await findStaffUser(scope, data.userId);
  const row = await scope.tx.certification.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      userId: data.userId,
      name: data.name,
      issuer: data.issuer,
      number: data.number,
      issuedOn: asDate(data.issuedOn),
      expiresOn: asDate(data.expiresOn),
    },
  });
  const view = certView(row);
  await audit.record(scope, {
    action: "staff.certification_add",
    entityType: "Certification",
    entityId: row.id,
    after: view,
  });
  return view;
}

export async function updateCertification(scope: Scope, input: z.input<typeof updateCertificationSchema>) {
  const data = updateCertificationSchema.parse(input);
  const before = await scope.tx.certification.findUnique({ where: { id: data.id } });
  if (!before) throw new NotFound("Certificate");
  const expiresOn = asDate(data.expiresOn);
  const renewed = (before.expiresOn?.getTime() ?? null) !== (expiresOn?.getTime() ?? null);
  const row = await scope.tx.certification.update({
    where: { id: data.id },
    // A new expiry date is a new certificate as far as reminders go: they start over.
    data: {
      name: data.name,
      issuer: data.issuer,
      number: data.number,
      issuedOn: asDate(data.issuedOn),
      expiresOn,
      ...(renewed ? { reminderSentAt: null } : {}),
    },
  });
  const view = certView(row);
  await audit.record(scope, {
    action: "staff.certification_update",
    entityType: "Certification",
    entityId: row.id,
    before: certView(before),
    after: view,
  });
  return view;
}

export async function deleteCertification(scope: Scope, id: string) {
  const before = await scope.tx.certification.findUnique({ where: { id } });
  if (!before) throw new NotFound("Certificate");
  await scope.tx.certification.delete({ where: { id } });
  await audit.record(scope, {
    action: "staff.certification_delete",
    entityType: "Certification",
    entityId: id,
    before: certView(before),
  });
}

// ─── Training ───────────────────────────────────────────────────────────────────────────────

export async function addTraining(scope: Scope, input: z.input<typeof addTrainingSchema>) {
  const data = addTrainingSchema.parse(input);
  await findStaffUser(scope, data.userId);
  const row = await scope.tx.trainingRecord.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      userId: data.userId,
      course: data.course,
      provider: data.provider,
      completedOn: new Date(`${data.completedOn}T00:00:00Z`),
      hours: data.hours,
      notes: data.notes,
    },
    select: { id: true, userId: true, course: true, provider: true, completedOn: true, hours: true, notes: true },
  });
  const view = { ...row, completedOn: isoDay(row.completedOn) };
  await audit.record(scope, {
    action: "staff.training_add",
    entityType: "TrainingRecord",
    entityId: row.id,
    after: view,
  });
  return view;
}

export async function deleteTraining(scope: Scope, id: string) {
  const before = await scope.tx.trainingRecord.findUnique({ where: { id } });
  if (!before) throw new NotFound("Training record");
  await scope.tx.trainingRecord.delete({ where: { id } });
  await audit.record(scope, {
    action: "staff.training_delete",
    entityType: "TrainingRecord",
    entityId: id,
    before: { course: before.course, userId: before.userId, completedOn: isoDay(before.completedOn) },
  });
}
