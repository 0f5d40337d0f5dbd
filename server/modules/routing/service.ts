import type { TicketPriority } from "../../db/generated/prisma/enums";
import { inOrder } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import type { Scope } from "../scope";
import { onShiftAt } from "../shifts/service";

// Automatic routing: which technician a new ticket goes to, and why. The rules are meant to be
// read by a manager, so every decision carries its explanation (stored on the ticket).
//
// 1. Candidates are ACTIVE staff accounts (never CUSTOMER) that have a staff profile: giving
//    someone a profile is what puts them on the support and field team.
// 2. A candidate is excluded, with the first reason that applies, when they are
//      - on leave or off duty (StaffProfile.availability),
//      - lacking the category's required skill (TicketCategory.skillId),
//      - holding only expired certificates for that skill (a certificate counts for a skill
//        when its name contains the skill's name, e.g. "Fibre splicing — FOA CFOT"; having no
//        certificate at all is fine, a lapsed one is not),
//      - not on shift now, when anybody on the team is on shift now. When nobody is, the roster
//        says nothing about this moment (no shifts planned, or a gap), so shifts are ignored and
//        the summary says so,
//      - at or over their maxOpenTickets open tickets (open = not RESOLVED and not CLOSED).
// 3. The rest are scored, each part shown as a reason:
//      skill level × 10 (1–5, when the category needs a skill)
//      coverage area is the ticket's area: +40 for field-work categories (someone has to drive
//        there), +10 otherwise
//      workload: up to +20, in proportion to the free room under maxOpenTickets
//      certified for the skill: +5
//      on call now, for CRITICAL tickets: +25 (critical work goes to whoever is on call)
//      marked busy: −10
// 4. Highest score wins; ties go to fewest open tickets, then name (A→Z), then user id, so the
//    same situation always gives the same answer.
// When nobody qualifies the ticket stays unassigned (in the queue) and the summary says why.

export const SCORE = {
  perSkillLevel: 10,
  areaFieldWork: 40,
  areaOther: 10,
  workloadMax: 20,
  certified: 5,
  onCallCritical: 25,
  busy: -10,
} as const;

export interface RouteInput {
  categoryId: string;
  area: string | null;
  priority: TicketPriority;
}

export interface RoutingCandidate {
  userId: string;
  name: string;
  score: number;
  reasons: string[];
  /** Why this person could not take the ticket; absent for eligible people. */
  excluded?: string;
}

export interface RoutingDecision {
  assigneeId: string | null;
  explanation: { summary: string; candidates: RoutingCandidate[] };
}

/** Statuses of a ticket that still needs work: everything but RESOLVED and CLOSED. */
export const OPEN_STATUSES = ["NEW", "ASSIGNED", "IN_PROGRESS", "WAITING_ON_CUSTOMER", "REOPENED"] as const;

/** Open tickets per assignee (people with none are absent). */
export async function openTicketCounts(scope: Scope, userIds?: string[]): Promise<Map<string, number>> {
  const rows = await scope.tx.ticket.groupBy({
    by: ["assigneeId"],
    where: { assigneeId: userIds ? { in: userIds } : { not: null }, status: { in: [...OPEN_STATUSES] } },
    _count: { _all: true },
  });
  return new Map(rows.filter((r) => r.assigneeId).map((r) => [r.assigneeId!, r._count._all]));
}

type ExclusionKind = "leave" | "offDuty" | "skill" | "certificate" | "shift" | "load";

/** How the unassigned summary counts people per reason: "2 lack Fibre splicing". */
const EXCLUSION_PHRASE: Record<ExclusionKind, (n: number, skill: string) => string> = {
  leave: (n) => `${n} ${n === 1 ? "is" : "are"} on leave`,
  offDuty: (n) => `${n} ${n === 1 ? "is" : "are"} off duty`,
  skill: (n, skill) => `${n} ${n === 1 ? "lacks" : "lack"} ${skill}`,
  certificate: (n, skill) => `${n} ${n === 1 ? "has" : "have"} an expired ${skill} certificate`,
  shift: (n) => `${n} ${n === 1 ? "is" : "are"} not on shift`,
  load: (n) => `${n} ${n === 1 ? "is" : "are"} at their open-ticket limit`,
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Decides who gets a ticket at `now`. Reads only; the caller stores the assignee and explanation. */
export async function route(scope: Scope, input: RouteInput, now: Date): Promise<RoutingDecision> {
  const category = await scope.tx.ticketCategory.findUnique({
    where: { id: input.categoryId },
    select: { name: true, fieldWork: true, skill: { select: { id: true, name: true } } },
  });
  if (!category) throw new NotFound("Ticket category");
  const skill = category.skill;
  const area = input.area?.trim() || null;

  const staff = await scope.tx.user.findMany({
    where: { status: "ACTIVE", role: { not: "CUSTOMER" }, staffProfile: { isNot: null } },
    select: {
      id: true,
      name: true,
      staffProfile: { select: { availability: true, areas: true, maxOpenTickets: true } },
      skills: skill ? { where: { skillId: skill.id }, select: { level: true } } : false,
      certifications: skill
        ? { where: { name: { contains: skill.name, mode: "insensitive" } }, select: { name: true, expiresOn: true } }
        : false,
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  if (staff.length === 0) {
    return {
      assigneeId: null,
      explanation: {
        summary: "Left unassigned: nobody has a staff profile yet, so there is no team to route to.",
        candidates: [],
      },
    };
  }

  const ids = staff.map((s) => s.id);
  const [open, shifts] = await inOrder([() => openTicketCounts(scope, ids), () => onShiftAt(scope, now)]);
  const onShift = new Map<string, { onCall: boolean }>();
  for (const s of shifts)
    if (ids.includes(s.userId)) onShift.set(s.userId, { onCall: (onShift.get(s.userId)?.onCall ?? false) || s.onCall });
  // Shifts only rule when the roster covers this moment for someone on the team.
  const shiftsInForce = onShift.size > 0;
  const today = isoDay(now);

  const evaluated = staff.map((person) => {
    const profile = person.staffProfile!;
    const openCount = open.get(person.id) ?? 0;
    const max = profile.maxOpenTickets;
    const level = skill ? (person.skills as { level: number }[])[0]?.level : undefined;
    const certs = skill ? (person.certifications as { name: string; expiresOn: Date | null }[]) : [];
    const validCert = certs.find((c) => !c.expiresOn || isoDay(c.expiresOn) >= today);
    const shift = onShift.get(person.id);
    const coversArea = !!area && profile.areas.some((a) => a.toLowerCase() === area.toLowerCase());
    const facts = {
      openCount,
      max,
      level,
      validCert,
      onShift: !!shift,
      onCall: !!shift?.onCall,
      coversArea,
      busy: profile.availability === "BUSY",
    };

    let exclusion: { kind: ExclusionKind; text: string } | null = null;
    if (profile.availability === "ON_LEAVE") exclusion = { kind: "leave", text: "on leave" };
    else if (profile.availability === "OFF_DUTY") exclusion = { kind: "offDuty", text: "off duty" };
    else if (skill && level === undefined) exclusion = { kind: "skill", text: `lacks ${skill.name}` };
    else if (skill && certs.length > 0 && !validCert) {
      const last = certs
        .map((c) => isoDay(c.expiresOn!))
        .sort()
        .at(-1)!;
      exclusion = { kind: "certificate", text: `${skill.name} certificate expired on ${last}` };
    } else if (shiftsInForce && !shift) exclusion = { kind: "shift", text: "not on shift now" };
    else if (openCount >= max) exclusion = { kind: "load", text: `at open-ticket limit (${openCount} of ${max})` };

    if (exclusion) {
      return {
        candidate: {
          userId: person.id,
          name: person.name,
          score: 0,
          reasons: [],
          excluded: exclusion.text,
        } as RoutingCandidate,
        kind: exclusion.kind,
        facts,
      };
    }

    const reasons: string[] = [];
    let score = 0;
    if (skill && level !== undefined) {
      score += level * SCORE.perSkillLevel;
      reasons.push(`${skill.name} level ${level} (+${level * SCORE.perSkillLevel})`);
    }
    if (validCert) {
      score += SCORE.certified;
      reasons.push(`certified: ${validCert.name} (+${SCORE.certified})`);
    }
    if (area) {
      if (coversArea) {
        const points = category.fieldWork ? SCORE.areaFieldWork : SCORE.areaOther;
        score += points;
        reasons.push(`covers ${area} (+${points}${category.fieldWork ? ", field work" : ""})`);
      } else reasons.push(`does not cover ${area}`);
    }
    const room = Math.round((SCORE.workloadMax * Math.max(0, max - openCount)) / Math.max(1, max));
    score += room;
    reasons.push(`${openCount} of ${max} open tickets (+${room})`);
    if (input.priority === "CRITICAL" && facts.onCall) {
      score += SCORE.onCallCritical;
      reasons.push(`on call for a critical ticket (+${SCORE.onCallCritical})`);
    } else if (facts.onShift) reasons.push(facts.onCall ? "on shift (on call)" : "on shift");
    if (facts.busy) {
      score += SCORE.busy;
      reasons.push(`marked busy (${SCORE.busy})`);
    }
    return {
      candidate: { userId: person.id, name: person.name, score, reasons } as RoutingCandidate,
      kind: null,
      facts,
    };
  });

  const eligible = evaluated.filter((e) => !e.kind);
  eligible.sort(
    (a, b) =>
      b.candidate.score - a.candidate.score ||
      a.facts.openCount - b.facts.openCount ||
      a.candidate.name.localeCompare(b.candidate.name, "en") ||
      a.candidate.userId.localeCompare(b.candidate.userId),
  );
  const excluded = evaluated.filter((e) => e.kind);
  const candidates = [...eligible, ...excluded].map((e) => e.candidate);
  const shiftNote = shiftsInForce ? "" : "; nobody is on shift now, so shifts were not considered";

  if (eligible.length === 0) {
    const counts = new Map<ExclusionKind, number>();
    for (const e of excluded) counts.set(e.kind!, (counts.get(e.kind!) ?? 0) + 1);
    const order: ExclusionKind[] = ["skill", "certificate", "leave", "offDuty", "shift", "load"];
    const why = order.filter((k) => counts.has(k)).map((k) => EXCLUSION_PHRASE[k](counts.get(k)!, skill?.name ?? ""));
    const summary = `Left unassigned: none of the ${plural(staff.length, "staff member")} can take it (${why.join(", ")})${shiftNote}.`;
    return { assigneeId: null, explanation: { summary, candidates } };
  }

  const best = eligible[0];
  const f = best.facts;
  const parts = [
    skill ? `has ${skill.name} (level ${f.level})` : null,
    area && f.coversArea ? `covers ${area}` : null,
    input.priority === "CRITICAL" && f.onCall ? "on call" : f.onShift ? "on shift" : null,
    `${f.openCount} of ${f.max} open tickets`,
  ].filter(Boolean);
  const runnerUp = eligible[1];
  const tieNote =
    runnerUp && runnerUp.candidate.score === best.candidate.score
      ? ` (tied on score with ${runnerUp.candidate.name}; ${f.openCount < runnerUp.facts.openCount ? "fewer open tickets" : "first by name"})`
      : "";
  const summary = `Assigned to ${best.candidate.name}: ${parts.join(", ")}${tieNote}${shiftNote}.`;
  return { assigneeId: best.candidate.userId, explanation: { summary, candidates } };
}

/**
 * The coverage area an address is in: one of the areas the company's staff cover, named in the
 * address as a whole word or phrase, case-insensitive. The longest match wins ("Nairobi West"
 * over "Nairobi"), then the one named first, then A→Z. Returns the area as staff profiles spell it.
 */
export async function areaFor(scope: Scope, address: string | null): Promise<string | null> {
  if (!address?.trim()) return null;
  return pickArea(await coverageAreas(scope), address);
}

/** areaFor with the areas already read (for many addresses at once, as revenue per area does). */
export function pickArea(areas: readonly string[], address: string | null): string | null {
  if (!address?.trim()) return null;
  let best: { area: string; at: number } | null = null;
  for (const area of areas) {
    const at = findWord(address, area);
    if (at < 0) continue;
    if (
      !best ||
      area.length > best.area.length ||
      (area.length === best.area.length && (at < best.at || (at === best.at && area.localeCompare(best.area) < 0)))
    )
      best = { area, at };
  }
  return best?.area ?? null;
}

/** Every coverage area named in the company's staff profiles, each once (first spelling A→Z). */
export async function coverageAreas(scope: Scope): Promise<string[]> {
  const rows = await scope.tx.$queryRaw<{ area: string }[]>`
    SELECT DISTINCT ON (lower(a)) a AS area FROM "StaffProfile", unnest(areas) AS a
    WHERE btrim(a) <> '' ORDER BY lower(a), a`;
  return rows.map((r) => r.area);
}

/** Position of `phrase` in `text` as whole words (not "Karen" inside "Karengata"), or -1. */
function findWord(text: string, phrase: string): number {
  const escaped = phrase
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\s+/g, "\\s+");
  const match = new RegExp(`(^|[^\\p{L}\\p{N}])(${escaped})(?=$|[^\\p{L}\\p{N}])`, "iu").exec(text);
  return match ? match.index + match[1].length : -1;
}
