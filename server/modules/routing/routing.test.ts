import { describe, expect, it } from "vitest";
import type { StaffAvailability, TicketPriority, TicketStatus } from "../../db/generated/prisma/enums";
import type { Role } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { makeCompany, makeUser } from "../../test/fixtures";
import { systemActor, type Scope } from "../scope";
import { areaFor, route } from "./service";

// Routing decisions on a real database: who gets the ticket, and that the explanation says why
// in words a support manager would use.

const NOW = new Date("2026-05-06T09:30:00Z");
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

let seq = 0;
async function team() {
  const { company } = await makeCompany(`route-${++seq}-${Math.random().toString(36).slice(2, 6)}`);
  const companyId = company.id;
  const run = <T>(fn: (scope: Scope) => Promise<T>) =>
    withTenant(companyId, (tx) => fn({ tx, companyId, actor: systemActor }));
  let ticketNo = 0;
  return {
    companyId,
    run,
    decide: (input: { categoryId: string; area?: string | null; priority?: TicketPriority }, at = NOW) =>
      run((scope) =>
        route(
          scope,
          { categoryId: input.categoryId, area: input.area ?? null, priority: input.priority ?? "MEDIUM" },
          at,
        ),
      ),
    skill: (name: string) => run((s) => s.tx.skill.create({ data: { id: newId(), companyId, name } })),
    category: (name: string, opts: { skillId?: string; fieldWork?: boolean } = {}) =>
      run((s) =>
        s.tx.ticketCategory.create({
          data: {
            id: newId(),
            companyId,
            group: "TECHNICAL",
            name,
            skillId: opts.skillId ?? null,
            fieldWork: opts.fieldWork ?? false,
          },
        }),
      ),
    async person(
      name: string,
      opts: {
        role?: Role;
        availability?: StaffAvailability;
        areas?: string[];
        max?: number;
        skills?: Record<string, number>;
        profile?: boolean;
        status?: "ACTIVE" | "DISABLED";
      } = {},
    ) {
      const user = await makeUser(companyId, opts.role ?? "FIELD_TECHNICIAN", { name });
      await run(async (s) => {
        if (opts.status) await s.tx.user.update({ where: { id: user.id }, data: { status: opts.status } });
        if (opts.profile !== false) {
          await s.tx.staffProfile.create({
            data: {
              userId: user.id,
              companyId,
              availability: opts.availability ?? "AVAILABLE",
              areas: opts.areas ?? [],
              maxOpenTickets: opts.max ?? 10,
            },
          });
        }
        for (const [skillId, level] of Object.entries(opts.skills ?? {}))
          await s.tx.staffSkill.create({ data: { companyId, userId: user.id, skillId, level } });
      });
      return user;
    },
    tickets: (assigneeId: string, categoryId: string, n: number, status: TicketStatus = "ASSIGNED") =>
      run(async (s) => {
        for (let i = 0; i < n; i++) {
          await s.tx.ticket.create({
            data: {
              id: newId(),
              companyId,
              number: ++ticketNo,
              subject: `Ticket ${ticketNo}`,
              description: "Line down",
              categoryId,
              status,
              assigneeId,
              responseTargetMin: 60,
              resolutionTargetMin: 480,
            },
          });
        }
      }),
    shift: (userId: string, from: Date, to: Date, onCall = false) =>
      run((s) => s.tx.shift.create({ data: { id: newId(), companyId, userId, startsAt: from, endsAt: to, onCall } })),
    certificate: (userId: string, name: string, expiresOn: string) =>
      run((s) =>
        s.tx.certification.create({
          data: { id: newId(), companyId, userId, name, expiresOn: new Date(`${expiresOn}T00:00:00Z`) },
        }),
      ),
  };
}

const candidate = (d: Awaited<ReturnType<typeof route>>, name: string) =>
  d.explanation.candidates.find((c) => c.name === name)!;

describe("skills", () => {
  it("sends the ticket to the person with the category's skill, and says who lacks it", async () => {
    const t = await team();
    const splicing = await t.skill("Fibre splicing");
    const cat = await t.category("No signal on fibre", { skillId: splicing.id });
    const jane = await t.person("Jane Mwangi", { skills: { [splicing.id]: 4 } });
    await t.person("Brian Otieno");
    const d = await t.decide({ categoryId: cat.id });
    expect(d.assigneeId).toBe(jane.id);
    expect(d.explanation.summary).toBe(
      "Assigned to Jane Mwangi: has Fibre splicing (level 4), 0 of 10 open tickets; nobody is on shift now, so shifts were not considered.",
    );
    expect(candidate(d, "Brian Otieno")).toMatchObject({ excluded: "lacks Fibre splicing", score: 0 });
    expect(candidate(d, "Jane Mwangi")).toMatchObject({
      score: 60,
      reasons: ["Fibre splicing level 4 (+40)", "0 of 10 open tickets (+20)"],
    });
    expect(candidate(d, "Jane Mwangi").excluded).toBeUndefined();
  });

  it("prefers the higher skill level, and anyone may take a category that needs no skill", async () => {
    const t = await team();
    const pppoe = await t.skill("PPPoE troubleshooting");
    const cat = await t.category("Cannot connect", { skillId: pppoe.id });
    await t.person("Amina Hassan", { skills: { [pppoe.id]: 2 } });
    const kev = await t.person("Kevin Kiprop", { skills: { [pppoe.id]: 5 } });
    expect((await t.decide({ categoryId: cat.id })).assigneeId).toBe(kev.id);

    const general = await t.category("General question");
    const d = await t.decide({ categoryId: general.id });
    expect(d.explanation.candidates.every((c) => !c.excluded)).toBe(true);
    expect(d.explanation.summary).toBe(
      "Assigned to Amina Hassan: 0 of 10 open tickets (tied on score with Kevin Kiprop; first by name); nobody is on shift now, so shifts were not considered.",
    );
  });

  it("an expired certificate for the skill excludes; a valid one adds points", async () => {
    const t = await team();
    const splicing = await t.skill("Fibre splicing");
    const cat = await t.category("Fibre cut", { skillId: splicing.id });
    const lapsed = await t.person("Lapsed Lucy", { skills: { [splicing.id]: 5 } });
    await t.certificate(lapsed.id, "Fibre splicing (FOA CFOT)", "2026-05-01");
    const certified = await t.person("Certified Carl", { skills: { [splicing.id]: 3 } });
    await t.certificate(certified.id, "fibre splicing – CFOT", "2026-05-06"); // valid through its expiry day
    const d = await t.decide({ categoryId: cat.id });
    expect(d.assigneeId).toBe(certified.id);
    expect(candidate(d, "Lapsed Lucy").excluded).toBe("Fibre splicing certificate expired on 2026-05-01");
    expect(candidate(d, "Certified Carl").reasons).toContain("certified: fibre splicing – CFOT (+5)");
  });
});

describe("coverage area", () => {
  it("weighs the area strongly for field work and lightly otherwise", async () => {
    const t = await team();
    const wireless = await t.skill("Wireless CPE");
    const field = await t.category("Install outdoor CPE", { skillId: wireless.id, fieldWork: true });
    const remote = await t.category("CPE configuration", { skillId: wireless.id });
    const expert = await t.person("Grace Expert", { skills: { [wireless.id]: 4 }, areas: ["Westlands"] });
    const local = await t.person("Peter Local", { skills: { [wireless.id]: 2 }, areas: ["Kasarani", "kilimani"] });

    const onSite = await t.decide({ categoryId: field.id, area: "Kilimani" });
    expect(onSite.assigneeId).toBe(local.id);
    expect(onSite.explanation.summary).toBe(
      "Assigned to Peter Local: has Wireless CPE (level 2), covers Kilimani, 0 of 10 open tickets; nobody is on shift now, so shifts were not considered.",
    );
    expect(candidate(onSite, "Peter Local").reasons).toContain("covers Kilimani (+40, field work)");
    expect(candidate(onSite, "Grace Expert").reasons).toContain("does not cover Kilimani");

    const desk = await t.decide({ categoryId: remote.id, area: "Kilimani" });
    expect(desk.assigneeId).toBe(expert.id);
    expect(candidate(desk, "Peter Local").reasons).toContain("covers Kilimani (+10)");
  });
});

describe("workload", () => {
  it("skips people at their open-ticket limit; resolved and closed tickets do not count", async () => {
    const t = await team();
    const billing = await t.skill("Billing");
    const cat = await t.category("Invoice question", { skillId: billing.id });
    const full = await t.person("Full Faith", { skills: { [billing.id]: 5 }, max: 3 });
    const light = await t.person("Light Linda", { skills: { [billing.id]: 1 }, max: 3 });
    await t.tickets(full.id, cat.id, 3, "IN_PROGRESS");
    await t.tickets(light.id, cat.id, 2, "RESOLVED");
    await t.tickets(light.id, cat.id, 2, "CLOSED");
    const d = await t.decide({ categoryId: cat.id });
    expect(d.assigneeId).toBe(light.id);
    expect(candidate(d, "Full Faith").excluded).toBe("at open-ticket limit (3 of 3)");
    expect(d.explanation.summary).toContain("0 of 3 open tickets");
  });

  it("prefers lower workload among equals", async () => {
    const t = await team();
    const cat = await t.category("Slow speeds");
    const busy = await t.person("Alpha Busy");
    const free = await t.person("Zed Free");
    await t.tickets(busy.id, cat.id, 4, "WAITING_ON_CUSTOMER");
    await t.tickets(free.id, cat.id, 1, "REOPENED");
    const d = await t.decide({ categoryId: cat.id });
    expect(d.assigneeId).toBe(free.id);
    expect(candidate(d, "Alpha Busy")).toMatchObject({ score: 12, reasons: ["4 of 10 open tickets (+12)"] });
  });
});

describe("availability", () => {
  it("leaves out people on leave or off duty, ranks busy people lower, and never routes to disabled accounts or customers", async () => {
    const t = await team();
    const cat = await t.category("Router replacement");
    await t.person("Leave Lerato", { availability: "ON_LEAVE" });
    await t.person("Off Oscar", { availability: "OFF_DUTY" });
    const busy = await t.person("Busy Beatrice", { availability: "BUSY" });
    await t.person("Disabled Dan", { status: "DISABLED" });
    await t.person("Customer Carol", { role: "CUSTOMER" });
    await t.person("No-profile Nick", { profile: false });
    const d = await t.decide({ categoryId: cat.id });
    expect(d.assigneeId).toBe(busy.id);
    expect(d.explanation.candidates.map((c) => [c.name, c.excluded ?? null])).toEqual([
      ["Busy Beatrice", null],
      ["Leave Lerato", "on leave"],
      ["Off Oscar", "off duty"],
    ]);
    expect(candidate(d, "Busy Beatrice").reasons).toContain("marked busy (-10)");
  });
});

describe("shifts", () => {
  it("when someone is on shift now, only people on shift qualify", async () => {
    const t = await team();
    const cat = await t.category("Outage report");
    const on = await t.person("Shift Sam", { areas: ["Kasarani"] });
    const off = await t.person("Home Hannah");
    await t.shift(on.id, hours(-2), hours(6));
    await t.shift(off.id, hours(6), hours(14)); // later today: not now
    const d = await t.decide({ categoryId: cat.id });
    expect(d.assigneeId).toBe(on.id);
    expect(d.explanation.summary).toBe("Assigned to Shift Sam: on shift, 0 of 10 open tickets.");
    expect(candidate(d, "Home Hannah").excluded).toBe("not on shift now");
  });

  it("a shift ending exactly now no longer counts; with nobody on shift, shifts are ignored and the summary says so", async () => {
    const t = await team();
    const cat = await t.category("Outage report");
    const a = await t.person("Ended Eve");
    await t.shift(a.id, hours(-8), NOW);
    const d = await t.decide({ categoryId: cat.id });
    expect(d.assigneeId).toBe(a.id);
    expect(d.explanation.summary).toMatch(/nobody is on shift now, so shifts were not considered\.$/);
  });

  it("for critical tickets whoever is on call gets a bonus; for others they do not", async () => {
    const t = await team();
    const core = await t.skill("Core network");
    const cat = await t.category("Backbone down", { skillId: core.id });
    const senior = await t.person("Senior Sipho", { skills: { [core.id]: 5 } });
    const onCall = await t.person("Oncall Olive", { skills: { [core.id]: 3 } });
    await t.shift(senior.id, hours(-1), hours(7));
    await t.shift(onCall.id, hours(-1), hours(7), true);

    const critical = await t.decide({ categoryId: cat.id, priority: "CRITICAL" });
    expect(critical.assigneeId).toBe(onCall.id);
    expect(critical.explanation.summary).toBe(
      "Assigned to Oncall Olive: has Core network (level 3), on call, 0 of 10 open tickets.",
    );
    expect(candidate(critical, "Oncall Olive").reasons).toContain("on call for a critical ticket (+25)");

    const medium = await t.decide({ categoryId: cat.id, priority: "MEDIUM" });
    expect(medium.assigneeId).toBe(senior.id);
    expect(candidate(medium, "Oncall Olive").reasons).toContain("on shift (on call)");
  });
});

describe("tie-breaks", () => {
  it("equal scores go to fewer open tickets, then to the name A→Z", async () => {
    const t = await team();
    const fibre = await t.skill("Fibre splicing");
    const cat = await t.category("Drop cable", { skillId: fibre.id });
    // 40 + 10 (5 of 10 open) = 50 against 30 + 20 (0 of 10) = 50.
    const loaded = await t.person("Aaron Loaded", { skills: { [fibre.id]: 4 } });
    const fresh = await t.person("Zawadi Fresh", { skills: { [fibre.id]: 3 } });
    await t.tickets(loaded.id, cat.id, 5);
    const d = await t.decide({ categoryId: cat.id });
    expect(d.explanation.candidates.map((c) => c.score)).toEqual([50, 50]);
    expect(d.assigneeId).toBe(fresh.id);
    expect(d.explanation.summary).toBe(
      "Assigned to Zawadi Fresh: has Fibre splicing (level 3), 0 of 10 open tickets (tied on score with Aaron Loaded; fewer open tickets); nobody is on shift now, so shifts were not considered.",
    );

    const t2 = await team();
    const cat2 = await t2.category("Drop cable");
    await t2.person("Mercy Wambui");
    const first = await t2.person("Brian Kiptoo");
    const again = await Promise.all([t2.decide({ categoryId: cat2.id }), t2.decide({ categoryId: cat2.id })]);
    expect(again.map((x) => x.assigneeId)).toEqual([first.id, first.id]);
    expect(again[0].explanation.summary).toContain("(tied on score with Mercy Wambui; first by name)");
  });
});

describe("nobody qualifies", () => {
  it("leaves the ticket unassigned and counts why", async () => {
    const t = await team();
    const splicing = await t.skill("Fibre splicing");
    const cat = await t.category("Fibre cut", { skillId: splicing.id });
    await t.person("No Skill Nora");
    await t.person("No Skill Ned");
    await t.person("Leave Lee", { skills: { [splicing.id]: 5 }, availability: "ON_LEAVE" });
    const full = await t.person("Full Fred", { skills: { [splicing.id]: 5 }, max: 1 });
    await t.tickets(full.id, cat.id, 1);
    const d = await t.decide({ categoryId: cat.id });
    expect(d.assigneeId).toBeNull();
    expect(d.explanation.summary).toBe(
      "Left unassigned: none of the 4 staff members can take it (2 lack Fibre splicing, 1 is on leave, 1 is at their open-ticket limit); nobody is on shift now, so shifts were not considered.",
    );
    expect(d.explanation.candidates).toHaveLength(4);
  });

  it("says so when there is no team at all, and refuses an unknown category", async () => {
    const t = await team();
    const cat = await t.category("Anything");
    await t.person("Profileless Pat", { profile: false });
    expect(await t.decide({ categoryId: cat.id })).toEqual({
      assigneeId: null,
      explanation: {
        summary: "Left unassigned: nobody has a staff profile yet, so there is no team to route to.",
        candidates: [],
      },
    });
    await expect(t.decide({ categoryId: "no-such-category" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Ticket category not found.",
    });
  });
});

describe("areaFor", () => {
  it("finds the staff area named in an address: case-insensitive, whole words, longest match", async () => {
    const t = await team();
    await t.person("A", { areas: ["Kilimani", "Nairobi"] });
    await t.person("B", { areas: ["Nairobi West", "Karen"] });
    const area = (address: string | null) => t.run((s) => areaFor(s, address));
    expect(await area("12 Ngong Road, KILIMANI, Nairobi")).toBe("Kilimani");
    expect(await area("Langata Rd, Nairobi West, Nairobi")).toBe("Nairobi West");
    expect(await area("Karengata Estate, Nairobi")).toBe("Nairobi");
    expect(await area("4 Oginga Odinga St, Kisumu")).toBeNull();
    expect(await area("")).toBeNull();
    expect(await area(null)).toBeNull();
  });
});
