import { InngestTestEngine } from "@inngest/test";
import { beforeAll, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { makeCompany, makeUser } from "../../test/fixtures";
import { outboxOf } from "../../test/trpc";
import "../../modules/tickets/oncall";
import { settleInline, TICKET_CREATED, ticketCreated, type TicketCreated } from "../../modules/tickets/events";
import { makeTicket } from "../../modules/sla/testing";
import { slaOnCall } from "./sla-on-call";

// "support/ticket.created" for a critical ticket tells the staff on call right now, or the
// customer service managers when nobody is; once per ticket, never across companies.

type Company = Awaited<ReturnType<typeof makeCompany>>;
type User = Awaited<ReturnType<typeof makeUser>>;
let A: Company;
let B: Company;
let onCall: User;
let offShift: User;
let dayShift: User;
let managerA: User;
let bOnCall: User;
const hours = (h: number) => new Date(Date.now() + h * 3_600_000);

const shift = (companyId: string, userId: string, startsAt: Date, endsAt: Date, onCall: boolean) =>
  withTenant(companyId, (tx) =>
    tx.shift.create({ data: { id: newId(), companyId, userId, startsAt, endsAt, onCall } }),
  );
const run = (data: TicketCreated) =>
  new InngestTestEngine({ function: slaOnCall, events: [{ name: TICKET_CREATED, data }] }).execute();
const notified = (companyId: string, ticketId: string) =>
  withTenant(companyId, async (tx) =>
    (await tx.notification.findMany({ where: { link: `/tickets/${ticketId}` } })).map((n) => n.userId).sort(),
  );

beforeAll(async () => {
  A = await makeCompany("oncall-a");
  B = await makeCompany("oncall-b");
  onCall = await makeUser(A.company.id, "TECHNICAL_SUPPORT", { name: "Olive On-call", email: "olive@oncall-a.test" });
  offShift = await makeUser(A.company.id, "TECHNICAL_SUPPORT", { name: "Otto Off" });
  dayShift = await makeUser(A.company.id, "FIELD_TECHNICIAN", { name: "Dina Day" });
  managerA = await makeUser(A.company.id, "CUSTOMER_SERVICE_MANAGER", {
    name: "Mo Manager",
    email: "mo@oncall-a.test",
  });
  bOnCall = await makeUser(B.company.id, "TECHNICAL_SUPPORT", { name: "Bravo On-call" });
  await shift(A.company.id, onCall.id, hours(-2), hours(6), true);
  await shift(A.company.id, offShift.id, hours(-10), hours(-2), true); // on call, but over
  await shift(A.company.id, offShift.id, hours(1), hours(9), true); // on call, not yet
  await shift(A.company.id, dayShift.id, hours(-2), hours(6), false); // working, not on call
  await shift(B.company.id, bOnCall.id, hours(-2), hours(6), true);
});

it("a critical ticket notifies the on-call staff at once, in the app and by e-mail; a duplicate event does nothing", async () => {
  const t = await makeTicket(A.company.id, { priority: "CRITICAL", createdAt: new Date() });
  const data = { companyId: A.company.id, ticketId: t.id, priority: "CRITICAL" as const };
  const first = await run(data);
  expect(first.result).toEqual({ notified: [onCall.id], via: "on_call" });
  expect(await notified(A.company.id, t.id)).toEqual([onCall.id]); // not the manager, not the day shift, not yesterday's on-call
  expect(managerA.role).toBe("CUSTOMER_SERVICE_MANAGER");
  const mail = (await outboxOf(A.company.id)).filter((m) => m.to === "olive@oncall-a.test");
  expect(mail.map((m) => m.subject)).toEqual([`Critical ticket #${t.number}: ${t.subject}`]);
  const events = await withTenant(A.company.id, (tx) => tx.ticketEvent.findMany({ where: { ticketId: t.id } }));
  expect(events.map((e) => [e.kind, e.note])).toEqual([["oncall_notified", "On-call staff notified: Olive On-call."]]);

  expect((await run(data)).result).toEqual({ skipped: "already_notified" });
  expect(await notified(A.company.id, t.id)).toEqual([onCall.id]);
  // B's on-call person never hears about A's ticket.
  expect(await withTenant(B.company.id, (tx) => tx.notification.count())).toBe(0);
});

it("with nobody on call the customer service managers are told", async () => {
  const { company } = await makeCompany("oncall-nobody");
  const manager = await makeUser(company.id, "CUSTOMER_SERVICE_MANAGER", { name: "Nadia Manager" });
  const tech = await makeUser(company.id, "TECHNICAL_SUPPORT");
  await shift(company.id, tech.id, hours(-1), hours(1), false);
  const t = await makeTicket(company.id, { priority: "CRITICAL", createdAt: new Date() });
  expect((await run({ companyId: company.id, ticketId: t.id, priority: "CRITICAL" })).result).toEqual({
    notified: [manager.id],
    via: "managers",
  });
  expect(await notified(company.id, t.id)).toEqual([manager.id]);
});

it("other priorities, a ticket lowered since, and another company's ticket id notify nobody", async () => {
  const high = await makeTicket(A.company.id, { priority: "HIGH", createdAt: new Date() });
  expect((await run({ companyId: A.company.id, ticketId: high.id, priority: "HIGH" })).result).toEqual({
    skipped: "not_critical",
  });
  expect((await run({ companyId: A.company.id, ticketId: high.id, priority: "CRITICAL" })).result).toEqual({
    skipped: "not_critical",
  });
  const bTicket = await makeTicket(B.company.id, { priority: "CRITICAL", createdAt: new Date() });
  expect((await run({ companyId: A.company.id, ticketId: bTicket.id, priority: "CRITICAL" })).result).toEqual({
    skipped: "no_ticket",
  });
  expect(await notified(A.company.id, high.id)).toEqual([]);
  expect(await withTenant(B.company.id, (tx) => tx.notification.count())).toBe(0);
});

it("without an Inngest server, the tickets module's ticketCreated() alerts inline after the caller's transaction", async () => {
  const t = await makeTicket(A.company.id, { priority: "CRITICAL", createdAt: new Date() });
  await ticketCreated({ companyId: A.company.id, ticketId: t.id, priority: "CRITICAL" });
  await settleInline();
  expect(await notified(A.company.id, t.id)).toEqual([onCall.id]);
  const low = await makeTicket(A.company.id, { priority: "LOW", createdAt: new Date() });
  await ticketCreated({ companyId: A.company.id, ticketId: low.id, priority: "LOW" });
  await settleInline();
  expect(await notified(A.company.id, low.id)).toEqual([]);
});
