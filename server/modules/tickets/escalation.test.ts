import { beforeAll, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { makeCompany, makeUser } from "../../test/fixtures";
import { makeTicket } from "../sla/testing";
import { runEscalations } from "./escalation";

// An escalation changes a ticket the way a person would: the priority and assignee changes
// appear in the ticket's history like any other, besides the escalation itself and its audit
// entry. (The sweep's rules and notifications: server/jobs/functions/sla-escalations.test.ts.)

type Company = Awaited<ReturnType<typeof makeCompany>>;
let co: Company;
let tech: Awaited<ReturnType<typeof makeUser>>;
let lead: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  co = await makeCompany("esc-history");
  tech = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { name: "Tess Tech" });
  lead = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { name: "Leo Lead" });
  await withTenant(co.company.id, async (tx) => {
    // 24×7 targets, so "70 minutes ago" is past the one-hour High response target on any day.
    await tx.slaTarget.updateMany({ data: { businessHours: false } });
    await tx.staffProfile.create({ data: { userId: tech.id, companyId: co.company.id, teamLeadId: lead.id } });
  });
});

it("a breach raises the priority and hands the ticket to the team lead, with history and audit", async () => {
  const createdAt = new Date(Date.now() - 70 * 60_000);
  const ticket = await makeTicket(co.company.id, { priority: "HIGH", createdAt, assigneeId: tech.id });

  expect(await runEscalations(co.company.id)).toMatchObject({ fired: 2 });

  const { events, audits } = await withTenant(co.company.id, async (tx) => ({
    events: await tx.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" } }),
    audits: await tx.auditEntry.findMany({ where: { entityType: "Ticket", entityId: ticket.id } }),
  }));
  const line = (kind: string) => events.filter((e) => e.kind === kind);
  expect(line("priority")).toMatchObject([{ fromValue: "HIGH", toValue: "CRITICAL", actorLabel: "SLA escalation" }]);
  expect(line("assigned")).toMatchObject([
    { fromValue: "Tess Tech", toValue: "Leo Lead", actorLabel: "SLA escalation" },
  ]);
  expect(line("escalated").map((e) => e.toValue)).toEqual(["Response near breach (75%)", "Response breached (100%)"]);
  const escalations = audits.filter((a) => a.action === "ticket.escalate");
  expect(escalations.map((a) => a.before)).toEqual([
    { priority: "HIGH", assigneeId: tech.id },
    { priority: "HIGH", assigneeId: tech.id },
  ]);
  expect(escalations.map((a) => a.after)).toContainEqual(
    expect.objectContaining({ rule: "Response breached (100%)", priority: "CRITICAL", assigneeId: lead.id }),
  );
});
