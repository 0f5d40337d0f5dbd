// Demo data for support and field operations, shared by the engineers of that issue: each part
// is its own function, called from prisma/seed.ts for the demo company only.
import { withTenant } from "../server/db/tenant";
import type { Scope } from "../server/modules/scope";
import * as shifts from "../server/modules/shifts/service";
import { addDays, mondayOf, wallClock } from "../server/modules/shifts/zone";
import * as staff from "../server/modules/staff/service";
import { newId } from "../server/lib/ids";
import * as slaDefaults from "../server/modules/sla/defaults";
import { permissionsOf } from "../server/auth/permissions";
import * as catalog from "../server/modules/tickets/catalog";
import { ensureDefaultCategories } from "../server/modules/tickets/defaults";
import { settleInline } from "../server/jobs/emit";
import * as portal from "../server/modules/tickets/portal";
import * as tickets from "../server/modules/tickets/service";

// ─── Staff: profiles, skills, certificates, training, shifts ────────────────────────────────

const SKILLS = ["Fibre splicing", "Wireless CPE", "PPPoE troubleshooting", "Billing"] as const;
type SkillName = (typeof SKILLS)[number];

/** Which ticket category needs which skill (categories come from tickets/defaults.ts; absent ones are skipped). */
const CATEGORY_SKILLS: Record<SkillName, string[]> = {
  "Fibre splicing": ["Relocation"],
  "Wireless CPE": ["Equipment"],
  "PPPoE troubleshooting": ["Connectivity", "Speed"],
  Billing: ["Billing inquiry"],
};

interface Member {
  email: string;
  title: string;
  phone: string;
  areas: string[];
  maxOpenTickets: number;
  lead?: string;
  skills: Partial<Record<SkillName, number>>;
  /** [name, issuer, days from today to expiry] */
  certificates: [string, string, number][];
  training: { course: string; provider: string; completedOn: string; hours: number }[];
  /** Local [start, end] per weekday (1 = Monday … 6 = Saturday), and whether on call. */
  shifts: { days: number[]; start: string; end: string; onCall?: boolean; nextWeekToo?: boolean }[];
}

const TEAM: Member[] = [
  {
    email: "care@acme.example",
    title: "Customer care lead",
    phone: "+254 722 100 200",
    areas: ["Kilimani", "Westlands", "Kasarani"],
    maxOpenTickets: 15,
    skills: { Billing: 4, "PPPoE troubleshooting": 2 },
    certificates: [["ITIL 4 Foundation", "PeopleCert", 540]],
    training: [{ course: "Handling escalations", provider: "Acme Academy", completedOn: "2026-01-20", hours: 6 }],
    shifts: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00", nextWeekToo: true }],
  },
  {
    email: "noc@acme.example",
    title: "NOC engineer",
    phone: "+254 733 300 400",
    areas: ["Westlands"],
    maxOpenTickets: 8,
    lead: "care@acme.example",
    skills: { "PPPoE troubleshooting": 5, "Fibre splicing": 3, "Wireless CPE": 2 },
    certificates: [
      ["MikroTik MTCRE", "MikroTik", 400],
      ["Ubiquiti UBWA", "Ubiquiti", -12],
    ],
    training: [{ course: "BGP for access networks", provider: "AfNOG", completedOn: "2025-11-05", hours: 24 }],
    shifts: [
      { days: [1, 2, 3, 4, 5], start: "10:00", end: "19:00", onCall: true, nextWeekToo: true },
      { days: [6], start: "09:00", end: "13:00", onCall: true },
    ],
  },
  {
    email: "support@acme.example",
    title: "Support engineer",
    phone: "+254 711 500 600",
    areas: ["Kilimani", "Kasarani"],
    maxOpenTickets: 10,
    lead: "care@acme.example",
    skills: { "PPPoE troubleshooting": 4, "Wireless CPE": 3, Billing: 2 },
    certificates: [["MikroTik MTCNA", "MikroTik", 320]],
    training: [
      { course: "PPPoE and RADIUS fundamentals", provider: "Acme Academy", completedOn: "2026-02-12", hours: 8 },
    ],
    shifts: [{ days: [1, 2, 3, 4, 5], start: "08:00", end: "17:00", nextWeekToo: true }],
  },
  {
    email: "field@acme.example",
    title: "Field technician",
    phone: "+254 700 700 800",
    areas: ["Kilimani", "Westlands"],
    maxOpenTickets: 6,
    lead: "noc@acme.example",
    skills: { "Fibre splicing": 4, "Wireless CPE": 4 },
    certificates: [
      ["Fibre splicing – FOA CFOT", "Fiber Optic Association", 20],
      ["Working at heights", "NITA", 300],
    ],
    training: [
      { course: "OTDR testing", provider: "Fujikura Academy", completedOn: "2026-02-10", hours: 16 },
      { course: "Outdoor CPE alignment", provider: "Ubiquiti", completedOn: "2025-09-18", hours: 8 },
    ],
    shifts: [
      { days: [1, 2, 3, 4, 5], start: "08:00", end: "17:00", nextWeekToo: true },
      { days: [6], start: "09:00", end: "13:00" },
    ],
  },
];

/**
 * Staff profiles for the demo company's support and field team, through the same services the
 * console uses. Does nothing when the company already has staff profiles.
 */
export async function seedStaff(companyId: string, now: Date = new Date()): Promise<void> {
  await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
    if ((await tx.staffProfile.count()) > 0) return;
    const users = new Map(
      (
        await tx.user.findMany({
          where: { email: { in: TEAM.map((m) => m.email) } },
          select: { id: true, email: true },
        })
      ).map((u) => [u.email, u.id]),
    );
    const skillIds = {} as Record<SkillName, string>;
    for (const name of SKILLS)
      skillIds[name] =
        (await tx.skill.findFirst({ where: { name }, select: { id: true } }))?.id ??
        (await staff.createSkill(scope, { name })).id;

    const categories = await tx.ticketCategory.findMany({ select: { id: true, name: true } });
    for (const name of SKILLS) {
      const ids = categories.filter((c) => CATEGORY_SKILLS[name].includes(c.name)).map((c) => c.id);
      if (ids.length > 0) await staff.setSkillCategories(scope, { skillId: skillIds[name], categoryIds: ids });
    }

    const { timeZone, today } = await staff.companyClock(scope, now);
    const monday = mondayOf(wallClock(now, timeZone).date);
    // Leads first, so each member's lead has a profile when theirs is saved.
    for (const m of TEAM) {
      const userId = users.get(m.email);
      if (!userId) continue;
      await staff.saveProfile(scope, {
        userId,
        title: m.title,
        phone: m.phone,
        areas: m.areas,
        maxOpenTickets: m.maxOpenTickets,
        teamLeadId: m.lead ? (users.get(m.lead) ?? null) : null,
      });
      for (const [skill, level] of Object.entries(m.skills) as [SkillName, number][])
        await staff.setStaffSkill(scope, { userId, skillId: skillIds[skill], level });
      for (const [name, issuer, days] of m.certificates)
        await staff.addCertification(scope, {
          userId,
          name,
          issuer,
          issuedOn: addDays(today, days - 730),
          expiresOn: addDays(today, days),
        });
      for (const t of m.training) await staff.addTraining(scope, { userId, ...t });
      for (const plan of m.shifts) {
        for (const week of plan.nextWeekToo ? [0, 7] : [0]) {
          for (const day of plan.days) {
            const date = addDays(monday, week + day - 1);
            await shifts.create(scope, {
              userId,
              start: `${date}T${plan.start}`,
              end: `${date}T${plan.end}`,
              onCall: plan.onCall ?? false,
            });
          }
        }
      }
    }
  });
}

// ─── SLA: targets, the desk calendar with holidays, escalation rules ────────────────────────

/** Kenyan public holidays of 2026 and 2027 on the demo desk's calendar. */
const KE_HOLIDAYS: [string, string][] = [
  ["2026-01-01", "New Year's Day"],
  ["2026-04-03", "Good Friday"],
  ["2026-04-06", "Easter Monday"],
  ["2026-05-01", "Labour Day"],
  ["2026-06-01", "Madaraka Day"],
  ["2026-10-10", "Mazingira Day"],
  ["2026-10-20", "Mashujaa Day"],
  ["2026-12-12", "Jamhuri Day"],
  ["2026-12-25", "Christmas Day"],
  ["2026-12-26", "Boxing Day"],
  ["2027-01-01", "New Year's Day"],
];

/**
 * The SLA defaults a registered company gets (created again only where missing), and the demo
 * desk's public holidays. Safe to run on a company that has them.
 */
export async function seedSla(companyId: string): Promise<void> {
  await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
    const { timeZone } = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } });
    await slaDefaults.applyDefaults(scope, timeZone);
    const calendar = await tx.businessCalendar.findFirst({ where: { isDefault: true }, select: { id: true } });
    if (!calendar) return;
    await tx.holiday.createMany({
      data: KE_HOLIDAYS.map(([date, name]) => ({
        id: newId(),
        companyId,
        calendarId: calendar.id,
        date: new Date(`${date}T00:00:00Z`),
        name,
      })),
      skipDuplicates: true,
    });
  });
}

// ─── Tickets: a working queue in different states, with replies, notes and a rating ─────────

/**
 * Shifts a ticket's story `hours` into the past (created, replies, history, clocks), so the
 * demo queue reads like a real one: some tickets from this morning, some from last week.
 */
async function backdate(tx: Scope["tx"], ticketId: string, hours: number) {
  const by = `${hours} hours`;
  await tx.$executeRaw`UPDATE "Ticket" SET "createdAt" = "createdAt" - ${by}::interval, "updatedAt" = "updatedAt" - ${by}::interval,
    "responseDueAt" = "responseDueAt" - ${by}::interval, "resolutionDueAt" = "resolutionDueAt" - ${by}::interval,
    "firstRespondedAt" = "firstRespondedAt" - ${by}::interval, "resolvedAt" = "resolvedAt" - ${by}::interval,
    "closedAt" = "closedAt" - ${by}::interval, "slaPausedAt" = "slaPausedAt" - ${by}::interval, "csatAt" = "csatAt" - ${by}::interval
    WHERE id = ${ticketId}`;
  await tx.$executeRaw`UPDATE "TicketComment" SET "createdAt" = "createdAt" - ${by}::interval WHERE "ticketId" = ${ticketId}`;
  await tx.$executeRaw`UPDATE "TicketEvent" SET "createdAt" = "createdAt" - ${by}::interval WHERE "ticketId" = ${ticketId}`;
  await tx.$executeRaw`UPDATE "CsatRequest" SET "createdAt" = "createdAt" - ${by}::interval, "expiresAt" = "expiresAt" - ${by}::interval WHERE "ticketId" = ${ticketId}`;
}

const CANNED: { title: string; body: string }[] = [
  {
    title: "Restart the router and ONT",
    body: "Hello {customer},\n\nPlease switch off your router and the fibre box (ONT), wait 30 seconds, switch on the ONT first and the router a minute later. Then tell us whether the problem is still there.\n\nRegards,\n{agent}\n{company}",
  },
  {
    title: "Payment received",
    body: "Hello {customer},\n\nWe have received your payment and your account is up to date. Thank you!\n\n{agent}, {company}",
  },
  {
    title: "Technician on the way",
    body: "Hello {customer},\n\nA technician is on the way to you about ticket {ticket} and will call you when they are close.\n\n{agent}, {company}",
  },
  {
    title: "Outage in your area",
    body: "Hello {customer},\n\nThere is an outage in your area; our NOC is working on it. We will update this ticket as soon as service is restored.\n\n{agent}, {company}",
  },
];

/**
 * A handful of tickets for the demo company through the same services the console and portal
 * use, each told by the person who did it: an open one where the customer answered, a critical
 * outage being worked, a duplicate merged into it, a billing question resolved and rated, a
 * resolved one waiting for the customer's rating, and a complaint close to its SLA. Does nothing
 * when the company has tickets already.
 */
export async function seedTickets(companyId: string): Promise<void> {
  await withTenant(companyId, async (tx) => {
    if ((await tx.ticket.count()) > 0) return;
    const system: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
    await ensureDefaultCategories(system);

    const users = new Map(
      (await tx.user.findMany({ select: { id: true, email: true, role: true } })).map((u) => [u.email, u]),
    );
    const as = (email: string) => {
      const u = users.get(email);
      if (!u) throw new Error(`seedTickets: no demo user ${email}`);
      return {
        scope: { tx, companyId, actor: { type: "USER", id: u.id, label: email } } satisfies Scope,
        staff: { userId: u.id, permissions: permissionsOf(u.role) },
      };
    };
    const customer = async (email: string) =>
      (await tx.customer.findFirst({ where: { email }, select: { id: true } }))?.id ?? null;
    const category = async (name: string) =>
      (await tx.ticketCategory.findFirstOrThrow({ where: { name }, select: { id: true } })).id;
    const care = as("care@acme.example");
    const support = as("support@acme.example");
    const field = as("field@acme.example");
    const noc = as("noc@acme.example");
    const brian = as("brian.ouma@example.com");

    for (const c of CANNED) await catalog.createCanned(care.scope, c);

    // 1. Brian, in the portal: evening drops. Support asked him to restart; he answered; the field tech left a note.
    const drops = await portal.open(brian.scope, brian.staff.userId, {
      categoryId: await category("Connectivity"),
      subject: "Internet drops every evening",
      description:
        "Since last week the connection drops between 8 and 10 pm, several times. The router's internet light goes red, then green again after a few minutes.",
    });
    await tickets.reply(support.scope, support.staff, {
      ticketId: drops.id,
      body: "Hello Brian, sorry about that. Could you restart the router and the fibre box (ONT) this evening, and tell us if it still drops?",
      status: "WAITING_ON_CUSTOMER",
    });
    await portal.reply(brian.scope, brian.staff.userId, {
      ticketId: drops.id,
      body: "I restarted both yesterday at 7 pm. It dropped again at 9:15 pm.",
    });
    // The field technician is looped in as a watcher (he sees the ticket from then on) and notes what he found.
    await tickets.addWatcher(care.scope, care.staff, drops.id, field.staff.userId);
    await tickets.addNote(field.scope, field.staff, {
      ticketId: drops.id,
      body: "OLT shows -27.4 dBm on his port, threshold is -27. Likely a dirty connector at the ODB; I can pass by on Thursday.",
    });
    await backdate(tx, drops.id, 26);

    // 2. Savannah Logistics: critical outage, called in, worked by the NOC.
    const savannah = await customer("it@savannah-logistics.example");
    const outage = await tickets.create(
      care.scope,
      {
        customerId: savannah,
        categoryId: await category("Connectivity"),
        subject: "Total outage at the Industrial Area warehouse",
        description:
          "Grace Mwende called: no internet at the warehouse since 06:40, both the main and the backup link are down. Their dispatch system is offline.",
        priority: "CRITICAL",
        channel: "PHONE",
        outageRef: "OUT-2026-014",
      },
      { channel: "PHONE", allowAssignee: true },
    );
    await tickets.assign(care.scope, care.staff, { id: outage.id, assigneeId: noc.staff.userId });
    await tickets.reply(noc.scope, noc.staff, {
      ticketId: outage.id,
      body: "Hello Grace, we see a fibre cut on Mombasa Road affecting your building. A splicing crew is on the way; we expect service back within two hours.",
    });
    await tickets.addNote(noc.scope, noc.staff, {
      ticketId: outage.id,
      body: "Cut confirmed between the Industrial Area POP and the ODF at Mombasa Rd km 4. Crew dispatched 07:30.",
    });
    await backdate(tx, outage.id, 3);

    // 3. A duplicate of Brian's first ticket, merged into it.
    const dup = await portal.open(brian.scope, brian.staff.userId, {
      categoryId: await category("Speed"),
      subject: "Slow internet at night",
      description: "Pages load very slowly at night, sometimes nothing loads.",
    });
    await tickets.merge(support.scope, support.staff, { sourceId: dup.id, targetId: drops.id });
    await backdate(tx, dup.id, 20);

    // 4. A billing question, resolved and rated by Brian in the portal, then closed.
    const billing = await portal.open(brian.scope, brian.staff.userId, {
      categoryId: await category("Billing inquiry"),
      subject: "Charged twice for March",
      description: "My M-Pesa statement shows two payments of KES 2,500 for March.",
    });
    await tickets.assign(care.scope, care.staff, { id: billing.id, assigneeId: care.staff.userId });
    await tickets.reply(care.scope, care.staff, {
      ticketId: billing.id,
      body: "Hello Brian, you are right: the second payment was a duplicate. We have credited KES 2,500 to your account; it will show on your next invoice.",
      status: "RESOLVED",
    });
    await portal.rate(brian.scope, brian.staff.userId, {
      ticketId: billing.id,
      rating: 5,
      comment: "Quick and clear, thank you.",
    });
    await tickets.setStatus(care.scope, care.staff, { id: billing.id, status: "CLOSED" });
    await backdate(tx, billing.id, 24 * 6);

    // 5. Brian's router: resolved by the field technician, waiting for his rating.
    const router = await portal.open(brian.scope, brian.staff.userId, {
      categoryId: await category("Equipment"),
      subject: "Router keeps restarting",
      description: "The router restarts by itself every hour or so. The power light blinks orange before it restarts.",
    });
    await tickets.assign(care.scope, care.staff, { id: router.id, assigneeId: field.staff.userId });
    await tickets.reply(field.scope, field.staff, {
      ticketId: router.id,
      body: "Hello Brian, I replaced the power adapter of your router this morning; it was overheating. It has been stable for four hours now.",
      status: "RESOLVED",
    });
    await backdate(tx, router.id, 30);

    // 6. A complaint close to its SLA, and an upgrade request waiting in the queue.
    const wanjiru = await customer("wanjiru.kamau@example.com");
    const complaint = await tickets.create(
      support.scope,
      {
        customerId: wanjiru,
        categoryId: await category("Complaint"),
        subject: "Technician missed the installation appointment",
        description: "Wanjiru waited at home all Saturday morning for the relocation visit; nobody came or called.",
        priority: "HIGH",
        channel: "PHONE",
      },
      { channel: "PHONE", allowAssignee: true },
    );
    await backdate(tx, complaint.id, 2);
    const otieno = await customer("otieno.odhiambo@example.com");
    await tickets.create(
      care.scope,
      {
        customerId: otieno,
        categoryId: await category("Upgrade"),
        subject: "Upgrade to Home Fibre 50",
        description: "Works from home now and wants the 50 Mbps package from next month.",
        priority: "LOW",
        channel: "EMAIL",
      },
      { channel: "EMAIL", allowAssignee: true },
    );
  });
  await settleInline();
}
