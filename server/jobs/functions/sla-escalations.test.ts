import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../../db/generated/prisma/client";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { makeCompany, makeUser } from "../../test/fixtures";
import { outboxOf } from "../../test/trpc";
import { runEscalations } from "../../modules/tickets/escalation";
import { makeTicket } from "../../modules/sla/testing";
import { slaEscalations } from "./sla-escalations";

// The escalation sweep through Inngest. Company A runs its targets 24×7 so that "70 minutes
// ago" means the same on any day the tests run; business-hours maths is checked with a fixed
// clock at the end. Company B has a rule at 10% that must never touch A's tickets.

type Company = Awaited<ReturnType<typeof makeCompany>>;
type User = Awaited<ReturnType<typeof makeUser>>;
let A: Company;
let B: Company;
let tech: User;
let lead: User;
let watcher: User;
let manager: User;
let bTech: User;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const run = () => new InngestTestEngine({ function: slaEscalations }).execute();

async function reload(t: Ticket) {
  return withTenant(t.companyId, (tx) => tx.ticket.findUniqueOrThrow({ where: { id: t.id } }));
}
async function notificationsOf(companyId: string) {
  return withTenant(companyId, (tx) => tx.notification.findMany({ orderBy: { createdAt: "asc" } }));
}
async function escalationsOf(t: Ticket) {
  return withTenant(t.companyId, (tx) =>
    tx.ticketEscalation.findMany({
      where: { ticketId: t.id },
      include: { rule: { select: { name: true } } },
      orderBy: { firedAt: "asc" },
    }),
  );
}

beforeAll(async () => {
  A = await makeCompany("esc-a");
  B = await makeCompany("esc-b");
  tech = await makeUser(A.company.id, "TECHNICAL_SUPPORT", { name: "Tess Tech", email: "tess@esc-a.test" });
  lead = await makeUser(A.company.id, "TECHNICAL_SUPPORT", { name: "Leo Lead", email: "leo@esc-a.test" });
  watcher = await makeUser(A.company.id, "FIELD_TECHNICIAN", { name: "Wanda Watcher" });
  manager = await makeUser(A.company.id, "CUSTOMER_SERVICE_MANAGER", { name: "Mia Manager", email: "mia@esc-a.test" });
  bTech = await makeUser(B.company.id, "TECHNICAL_SUPPORT", { name: "Bravo Tech" });
  await withTenant(A.company.id, async (tx) => {
    await tx.slaTarget.updateMany({ data: { businessHours: false } });
    await tx.staffProfile.create({ data: { userId: tech.id, companyId: A.company.id, teamLeadId: lead.id } });
  });
  await withTenant(B.company.id, async (tx) => {
    await tx.slaTarget.updateMany({ data: { businessHours: false } });
    await tx.escalationRule.create({
      data: {
        id: newId(),
        companyId: B.company.id,
        name: "Bravo early warning",
        clock: "RESPONSE",
        thresholdPct: 10,
        notify: true,
      },
    });
  });
});

describe("the escalation sweep", () => {
  let nearing: Ticket; // Medium, 190 of 240 response minutes used: 79%
  let breached: Ticket; // High, 70 of 60 minutes: 116%
  let critical: Ticket; // Critical, 20 of 15 minutes: cannot go higher
  let paused: Ticket; // waiting on the customer, long overdue before the pause
  let resolved: Ticket; // done, but late
  let unassigned: Ticket; // High, nobody on it
  let calm: Ticket; // Low, just created
  let bTicket: Ticket; // company B, 50 of 240 minutes: only B's 10% rule

  beforeAll(async () => {
    const a = A.company.id;
    nearing = await makeTicket(a, { priority: "MEDIUM", createdAt: minutesAgo(190), assigneeId: tech.id });
    await withTenant(a, (tx) =>
      tx.ticketWatcher.create({ data: { companyId: a, ticketId: nearing.id, userId: watcher.id } }),
    );
    breached = await makeTicket(a, { priority: "HIGH", createdAt: minutesAgo(70), assigneeId: tech.id });
    critical = await makeTicket(a, { priority: "CRITICAL", createdAt: minutesAgo(20), assigneeId: tech.id });
    paused = await makeTicket(a, {
      priority: "HIGH",
      createdAt: minutesAgo(600),
      assigneeId: tech.id,
      status: "WAITING_ON_CUSTOMER",
      extra: {
        firstRespondedAt: minutesAgo(595),
        slaPausedAt: minutesAgo(590),
        resolutionLeftSec: 60,
        resolutionDueAt: null,
      },
    });
    resolved = await makeTicket(a, {
      priority: "HIGH",
      createdAt: minutesAgo(900),
      assigneeId: tech.id,
      status: "RESOLVED",
      extra: { resolvedAt: minutesAgo(10) },
    });
    unassigned = await makeTicket(a, { priority: "HIGH", createdAt: minutesAgo(50) });
    calm = await makeTicket(a, { priority: "LOW", createdAt: minutesAgo(1), assigneeId: tech.id });
    bTicket = await makeTicket(B.company.id, { priority: "MEDIUM", createdAt: minutesAgo(50), assigneeId: bTech.id });
  });

  it("fires each reached rule once, with its actions, and a second run does nothing", async () => {
    const first = await run();
    expect(first.error).toBeUndefined();
    expect(first.result).toMatchObject({ [A.company.id]: { fired: 6 }, [B.company.id]: { fired: 1 } });

    // 75%: the assignee, their team lead and the watcher hear about it; nothing else changes.
    expect((await escalationsOf(nearing)).map((e) => [e.rule.name, e.actions])).toEqual([
      ["Response near breach (75%)", ["notify"]],
    ]);
    expect(await reload(nearing)).toMatchObject({ priority: "MEDIUM", assigneeId: tech.id, responseBreached: false });
    const notes = await notificationsOf(A.company.id);
    const about = (t: Ticket) => notes.filter((n) => n.link === `/tickets/${t.id}`);
    expect(
      about(nearing)
        .map((n) => n.userId)
        .sort(),
    ).toEqual([tech.id, lead.id, watcher.id].sort());
    expect(about(nearing)[0]).toMatchObject({
      kind: "sla.near_breach",
      title: `Ticket #${nearing.number} is at 75% of its response target`,
    });

    // 100%: notified, raised to Critical (due times follow), reassigned to the lead, flagged.
    expect((await escalationsOf(breached)).map((e) => [e.rule.name, e.actions])).toEqual([
      ["Response near breach (75%)", ["notify"]],
      ["Response breached (100%)", ["notify", "raise_priority", "reassign", "mark_breached"]],
    ]);
    const after = await reload(breached);
    expect(after).toMatchObject({
      priority: "CRITICAL",
      assigneeId: lead.id,
      responseBreached: true,
      responseTargetMin: 15,
      resolutionTargetMin: 240,
      calendarId: null,
    });
    expect(after.responseDueAt).toEqual(new Date(breached.createdAt.getTime() + 15 * 60_000));
    expect(after.resolutionDueAt!.getTime()).toBeLessThan(breached.resolutionDueAt!.getTime());
    const events = await withTenant(A.company.id, (tx) =>
      tx.ticketEvent.findMany({ where: { ticketId: breached.id, kind: "escalated" }, orderBy: { createdAt: "asc" } }),
    );
    expect(events.map((e) => e.toValue)).toEqual(["Response near breach (75%)", "Response breached (100%)"]);
    expect(events[1].note).toBe(
      "100% of the response target: notified 2 people; priority High → Critical; reassigned to Leo Lead.",
    );
    const breachMail = (await outboxOf(A.company.id)).filter(
      (m) => m.subject === `Ticket #${breached.number} breached its response target`,
    );
    expect(breachMail.map((m) => m.to).sort()).toEqual(["leo@esc-a.test", "tess@esc-a.test"]);

    // Already Critical: nothing to raise; no team lead of the lead: nothing to reassign.
    expect((await escalationsOf(critical)).map((e) => e.actions)).toEqual([
      ["notify"],
      ["notify", "reassign", "mark_breached"],
    ]);
    expect(await reload(critical)).toMatchObject({ priority: "CRITICAL", assigneeId: lead.id });

    // Nobody assigned: the managers are told.
    expect((await escalationsOf(unassigned)).map((e) => e.actions)).toEqual([["notify"]]);
    expect(about(unassigned).map((n) => n.userId)).toEqual([manager.id]);

    // Paused, resolved and fresh tickets are left alone.
    for (const t of [paused, resolved, calm]) expect(await escalationsOf(t), `ticket ${t.number}`).toEqual([]);

    const second = await run();
    expect(second.result).toMatchObject({ [A.company.id]: { fired: 0 }, [B.company.id]: { fired: 0 } });
    expect(await notificationsOf(A.company.id)).toHaveLength(notes.length);
    expect(await escalationsOf(breached)).toHaveLength(2);
  });

  it("keeps companies apart: B's rule fires for B's ticket only, and only B's people hear of it", async () => {
    expect((await escalationsOf(bTicket)).map((e) => e.rule.name)).toEqual(["Bravo early warning"]);
    expect((await notificationsOf(B.company.id)).map((n) => n.userId)).toEqual([bTech.id]);
    const aRules = await withTenant(A.company.id, (tx) =>
      tx.ticketEscalation.findMany({ select: { rule: { select: { companyId: true } } } }),
    );
    expect(new Set(aRules.map((e) => e.rule.companyId))).toEqual(new Set([A.company.id]));
    expect((await notificationsOf(A.company.id)).some((n) => [bTech.id].includes(n.userId))).toBe(false);
  });

  it("a reopened ticket is a new SLA cycle: its rules fire again", async () => {
    await withTenant(A.company.id, (tx) =>
      tx.ticket.update({
        where: { id: nearing.id },
        data: {
          status: "REOPENED",
          slaCycle: 1,
          firstRespondedAt: minutesAgo(100),
          resolutionDueAt: new Date(Date.now() + 60 * 60_000),
          resolutionTargetMin: 240,
        },
      }),
    );
    await run();
    const cycles = (await escalationsOf(nearing)).map((e) => [e.rule.name, e.slaCycle]);
    expect(cycles).toEqual([
      ["Response near breach (75%)", 0],
      ["Resolution near breach (75%)", 1],
    ]);
  });

  it("two overlapping sweeps fire a rule once between them", async () => {
    const t = await makeTicket(A.company.id, { priority: "HIGH", createdAt: minutesAgo(50), assigneeId: lead.id });
    const [x, y] = await Promise.all([runEscalations(A.company.id), runEscalations(A.company.id)]);
    expect(x.fired + y.fired).toBe(1);
    expect(await escalationsOf(t)).toHaveLength(1);
    expect((await notificationsOf(A.company.id)).filter((n) => n.link === `/tickets/${t.id}`)).toHaveLength(1);
  });
});

describe("business hours", () => {
  it("measures the share used on the calendar: a closed night does not bring a ticket near breach", async () => {
    const { company } = await makeCompany("esc-hours"); // America/New_York, Mon–Fri 08–17, Sat 09–13
    const agent = await makeUser(company.id, "TECHNICAL_SUPPORT");
    // Fri 9 Jan 15:00 EST, Medium (4 business hours): Fri 15–17 and Sat 09–11 → due Sat 11:00.
    const t = await makeTicket(company.id, {
      priority: "MEDIUM",
      createdAt: new Date("2026-01-09T20:00:00Z"),
      assigneeId: agent.id,
    });
    expect(t.responseDueAt).toEqual(new Date("2026-01-10T16:00:00Z"));
    // Sat 08:30: 87% of the wall-clock wait, but only 50% of the business time.
    expect(await runEscalations(company.id, new Date("2026-01-10T13:30:00Z"))).toMatchObject({ fired: 0 });
    // Sat 10:00: 75% of the business time.
    expect(await runEscalations(company.id, new Date("2026-01-10T15:00:00Z"))).toMatchObject({ fired: 1 });
    expect(await runEscalations(company.id, new Date("2026-01-10T15:01:00Z"))).toMatchObject({ fired: 0 });
    // Sat 11:05: breached, raised to High (measured from creation: 1 business hour → Fri 16:00).
    expect(await runEscalations(company.id, new Date("2026-01-10T16:05:00Z"))).toMatchObject({ fired: 1 });
    const after = await withTenant(company.id, (tx) => tx.ticket.findUniqueOrThrow({ where: { id: t.id } }));
    expect(after).toMatchObject({
      priority: "HIGH",
      responseBreached: true,
      responseDueAt: new Date("2026-01-09T21:00:00Z"),
    });
  });
});
