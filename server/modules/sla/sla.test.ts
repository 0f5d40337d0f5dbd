import { beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../../db/generated/prisma/client";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { makeCompany } from "../../test/fixtures";
import { makeCustomer } from "../subscriptions/testing";
import { applyDefaults, DEFAULT_HOURS } from "./defaults";
import { markBreaches, onFirstResponse, onPriorityChange, onStatusChange, startClock, type SlaUpdate } from "./service";
import { inScope, makeTicket } from "./testing";
import { clockView, formatDuration } from "./view";

// SLA clocks on real tickets of a company in America/New_York (the test companies' zone) with
// the default desk calendar: Mon–Fri 08:00–17:00, Sat 09:00–13:00. January: EST, UTC−5.

type Company = Awaited<ReturnType<typeof makeCompany>>;
let co: Company;
let calendarId: string;
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  co = await makeCompany("sla-isp");
  calendarId = (
    await withTenant(co.company.id, (tx) => tx.businessCalendar.findFirstOrThrow({ where: { isDefault: true } }))
  ).id;
});

/** Applies an SLA update to the stored ticket (as the tickets module does) and returns the row. */
const apply = (t: Ticket, update: SlaUpdate & { status?: Ticket["status"] }) =>
  withTenant(co.company.id, (tx) => tx.ticket.update({ where: { id: t.id }, data: update }));

describe("company defaults", () => {
  it("a new company gets the desk calendar in its zone, four targets and four escalation rules; applying again adds nothing", async () => {
    const { calendars, targets, rules } = await withTenant(co.company.id, async (tx) => ({
      calendars: await tx.businessCalendar.findMany(),
      targets: await tx.slaTarget.findMany({ orderBy: { priority: "asc" } }),
      rules: await tx.escalationRule.findMany({ orderBy: [{ clock: "asc" }, { thresholdPct: "asc" }] }),
    }));
    expect(calendars).toHaveLength(1);
    expect(calendars[0]).toMatchObject({ timeZone: "America/New_York", isDefault: true, hours: DEFAULT_HOURS });
    expect(targets.map((t) => [t.priority, t.responseMin, t.resolutionMin, t.businessHours])).toEqual([
      ["CRITICAL", 15, 240, false],
      ["HIGH", 60, 480, true],
      ["MEDIUM", 240, 1440, true],
      ["LOW", 480, 4320, true],
    ]);
    expect(rules.map((r) => [r.clock, r.thresholdPct, r.notify, r.raisePriority, r.reassignToLead])).toEqual([
      ["RESPONSE", 75, true, false, false],
      ["RESPONSE", 100, true, true, true],
      ["RESOLUTION", 75, true, false, false],
      ["RESOLUTION", 100, true, true, true],
    ]);
    expect(await inScope(co.company.id, (s) => applyDefaults(s, "UTC"))).toEqual({
      calendar: false,
      targets: 0,
      rules: 0,
    });
  });
});

describe("startClock", () => {
  it("business-hours targets run on the default calendar: Mon 15:00 + 4 h is Tue 10:00, + 24 h is Thu 12:00", async () => {
    const sla = await inScope(co.company.id, (s) =>
      startClock(s, { priority: "MEDIUM", from: at("2026-01-05T20:00:00Z") }),
    );
    expect(sla).toEqual({
      calendarId,
      slaSource: "priority",
      responseTargetMin: 240,
      resolutionTargetMin: 1440,
      responseDueAt: at("2026-01-06T15:00:00Z"),
      resolutionDueAt: at("2026-01-08T17:00:00Z"),
      slaPausedAt: null,
      resolutionLeftSec: null,
    });
  });

  it("counts Saturday morning: Low from Fri 16:00 is due Mon 11:00", async () => {
    const sla = await inScope(co.company.id, (s) =>
      startClock(s, { priority: "LOW", from: at("2026-01-09T21:00:00Z") }),
    );
    expect(sla.responseDueAt).toEqual(at("2026-01-12T16:00:00Z")); // Fri 1 h + Sat 4 h + Mon 3 h
  });

  it("critical tickets run 24×7: due in 15 minutes and 4 hours even on a Saturday night", async () => {
    const sla = await inScope(co.company.id, (s) =>
      startClock(s, { priority: "CRITICAL", from: at("2026-01-10T03:00:00Z") }),
    );
    expect(sla).toMatchObject({
      calendarId: null,
      responseDueAt: at("2026-01-10T03:15:00Z"),
      resolutionDueAt: at("2026-01-10T07:00:00Z"),
    });
  });

  it("the package's SLA replaces the targets it defines: by subscription, or the customer's active subscription", async () => {
    const companyId = co.company.id;
    const customer = await makeCustomer(companyId);
    const other = await makeCustomer(companyId);
    const { subId } = await withTenant(companyId, async (tx) => {
      const pkg = await tx.package.create({
        data: {
          id: newId(),
          companyId,
          name: "Business 50",
          code: "BIZ-50",
          type: "CORPORATE",
          billingCycle: "MONTHLY",
          priceMinor: 30_000,
          downloadKbps: 50_000,
          uploadKbps: 50_000,
          slaResponseMinutes: 30,
        },
      });
      const sub = await tx.subscription.create({
        data: {
          id: newId(),
          companyId,
          customerId: customer.id,
          packageId: pkg.id,
          status: "ACTIVE",
          startDate: new Date("2026-01-01"),
        },
      });
      await tx.subscription.create({
        data: {
          id: newId(),
          companyId,
          customerId: other.id,
          packageId: pkg.id,
          status: "SUSPENDED",
          startDate: new Date("2026-01-01"),
        },
      });
      return { subId: sub.id };
    });
    const from = at("2026-01-05T20:00:00Z");
    for (const input of [{ subscriptionId: subId }, { customerId: customer.id }]) {
      const sla = await inScope(companyId, (s) => startClock(s, { priority: "MEDIUM", from, ...input }));
      expect(sla).toMatchObject({
        slaSource: "package",
        responseTargetMin: 30,
        resolutionTargetMin: 1440,
        calendarId,
        responseDueAt: at("2026-01-05T20:30:00Z"),
        resolutionDueAt: at("2026-01-08T17:00:00Z"),
      });
    }
    // Only an active subscription speaks for a customer.
    expect(
      await inScope(companyId, (s) => startClock(s, { priority: "MEDIUM", from, customerId: other.id })),
    ).toMatchObject({ slaSource: "priority", responseTargetMin: 240 });
  });

  it("edited targets apply to new tickets; a company without a calendar runs business targets 24×7", async () => {
    const fresh = await makeCompany("sla-no-calendar");
    await withTenant(fresh.company.id, async (tx) => {
      await tx.businessCalendar.deleteMany();
      await tx.slaTarget.update({
        where: { companyId_priority: { companyId: fresh.company.id, priority: "HIGH" } },
        data: { responseMin: 90 },
      });
    });
    const sla = await inScope(fresh.company.id, (s) =>
      startClock(s, { priority: "HIGH", from: at("2026-01-10T03:00:00Z") }),
    );
    expect(sla).toMatchObject({ calendarId: null, responseTargetMin: 90, responseDueAt: at("2026-01-10T04:30:00Z") });
  });
});

describe("status changes", () => {
  it("waiting on the customer pauses the resolution clock and keeps what was left; leaving it resumes from there", async () => {
    // Mon 09:00 EST: resolution (24 business hours) due Wed 15:00.
    let t = await makeTicket(co.company.id, { priority: "MEDIUM", createdAt: at("2026-01-05T14:00:00Z") });
    expect(t.resolutionDueAt).toEqual(at("2026-01-07T20:00:00Z"));

    const pause = await inScope(co.company.id, (s) =>
      onStatusChange(s, t, "WAITING_ON_CUSTOMER", at("2026-01-05T18:00:00Z")),
    ); // Mon 13:00
    expect(pause).toEqual({
      slaPausedAt: at("2026-01-05T18:00:00Z"),
      resolutionLeftSec: 20 * 3600,
      resolutionDueAt: null,
    });
    t = await apply(t, { ...pause, status: "WAITING_ON_CUSTOMER" });
    expect(clockView(t, at("2026-01-09T12:00:00Z")).resolution).toMatchObject({
      paused: true,
      dueAt: null,
      secondsLeft: null,
      pct: 16,
      breached: false,
    });
    expect(markBreaches(t, at("2026-02-01T00:00:00Z"))).toEqual({ responseBreached: true }); // a paused resolution clock cannot breach

    // A week later, Tue 10:00 EST: 20 h left → Tue 7 h + Wed 9 h + Thu 4 h = Thu 12:00.
    const resume = await inScope(co.company.id, (s) => onStatusChange(s, t, "IN_PROGRESS", at("2026-01-13T15:00:00Z")));
    expect(resume).toEqual({
      resolutionDueAt: at("2026-01-15T17:00:00Z"),
      slaPausedAt: null,
      resolutionLeftSec: null,
      responseBreached: true,
    });
  });

  it("a clock overdue when paused stays breached, with nothing left", async () => {
    const t = await makeTicket(co.company.id, { priority: "CRITICAL", createdAt: at("2026-01-05T14:00:00Z") });
    const pause = await inScope(co.company.id, (s) =>
      onStatusChange(s, t, "WAITING_ON_CUSTOMER", at("2026-01-05T19:00:00Z")),
    );
    expect(pause).toMatchObject({ resolutionLeftSec: 0, resolutionBreached: true, responseBreached: true });
  });

  it("resolving after the due time records the breach; in time it does not; closing later changes nothing", async () => {
    const created = at("2026-01-05T14:00:00Z");
    const late = await makeTicket(co.company.id, { priority: "CRITICAL", createdAt: created });
    expect(
      await inScope(co.company.id, (s) => onStatusChange(s, late, "RESOLVED", at("2026-01-05T19:00:00Z"))),
    ).toEqual({ responseBreached: true, resolutionBreached: true });

    let ok = await makeTicket(co.company.id, {
      priority: "CRITICAL",
      createdAt: created,
      extra: { firstRespondedAt: at("2026-01-05T14:10:00Z") },
    });
    expect(await inScope(co.company.id, (s) => onStatusChange(s, ok, "RESOLVED", at("2026-01-05T15:00:00Z")))).toEqual(
      {},
    );
    ok = await apply(ok, { status: "RESOLVED" });
    await withTenant(co.company.id, (tx) =>
      tx.ticket.update({ where: { id: ok.id }, data: { resolvedAt: at("2026-01-05T15:00:00Z") } }),
    );
    ok = { ...ok, resolvedAt: at("2026-01-05T15:00:00Z") };
    expect(await inScope(co.company.id, (s) => onStatusChange(s, ok, "CLOSED", at("2026-01-20T15:00:00Z")))).toEqual(
      {},
    );
    expect(clockView(ok, at("2026-01-20T15:00:00Z"))).toMatchObject({
      response: { met: true, breached: false },
      resolution: { met: true, breached: false, secondsLeft: null },
      nearBreach: false,
    });
  });

  it("resolving straight from waiting on the customer resumes and stops in one go, not breached", async () => {
    let t = await makeTicket(co.company.id, {
      priority: "HIGH",
      createdAt: at("2026-01-05T14:00:00Z"),
      extra: { firstRespondedAt: at("2026-01-05T14:05:00Z") },
    });
    t = await apply(t, {
      ...(await inScope(co.company.id, (s) => onStatusChange(s, t, "WAITING_ON_CUSTOMER", at("2026-01-05T15:00:00Z")))),
      status: "WAITING_ON_CUSTOMER",
    });
    const resolve = await inScope(co.company.id, (s) => onStatusChange(s, t, "RESOLVED", at("2026-01-20T15:00:00Z")));
    expect(resolve).toMatchObject({
      slaPausedAt: null,
      resolutionLeftSec: null,
      resolutionDueAt: at("2026-01-20T22:00:00Z"),
    }); // 7 h left: Tue 10:00 → 17:00
    expect(resolve.resolutionBreached).toBeUndefined();
  });

  it("reopening starts a fresh resolution clock in the next SLA cycle", async () => {
    const t = await makeTicket(co.company.id, {
      priority: "CRITICAL",
      createdAt: at("2026-01-05T14:00:00Z"),
      status: "RESOLVED",
      extra: { resolutionBreached: true },
    });
    const reopen = await inScope(co.company.id, (s) => onStatusChange(s, t, "REOPENED", at("2026-01-06T10:00:00Z")));
    expect(reopen).toEqual({
      slaCycle: 1,
      resolutionDueAt: at("2026-01-06T14:00:00Z"),
      resolutionBreached: false,
      slaPausedAt: null,
      resolutionLeftSec: null,
    });
  });

  it("the first response stops the response clock, late or not", () => {
    const due = at("2026-01-05T15:00:00Z");
    const base = { firstRespondedAt: null, responseDueAt: due, responseBreached: false } as unknown as Ticket;
    expect(onFirstResponse(base, at("2026-01-05T14:59:00Z"))).toEqual({ firstRespondedAt: at("2026-01-05T14:59:00Z") });
    expect(onFirstResponse(base, at("2026-01-05T15:01:00Z"))).toEqual({
      firstRespondedAt: at("2026-01-05T15:01:00Z"),
      responseBreached: true,
    });
    expect(onFirstResponse({ ...base, firstRespondedAt: due }, at("2026-01-06T00:00:00Z"))).toEqual({});
  });
});

describe("priority changes", () => {
  it("Medium → High an hour in: response measured from creation, resolution keeps the hour used", async () => {
    const t = await makeTicket(co.company.id, { priority: "MEDIUM", createdAt: at("2026-01-05T14:00:00Z") }); // Mon 09:00
    const update = await inScope(co.company.id, (s) => onPriorityChange(s, t, "HIGH", at("2026-01-05T15:00:00Z"))); // Mon 10:00
    expect(update).toEqual({
      calendarId,
      slaSource: "priority",
      responseTargetMin: 60,
      resolutionTargetMin: 480,
      responseDueAt: at("2026-01-05T15:00:00Z"),
      responseBreached: false,
      resolutionDueAt: at("2026-01-05T22:00:00Z"), // 7 h left → 17:00
      resolutionBreached: false,
    });
  });

  it("Medium → Critical switches to 24×7 and flags a response already late", async () => {
    const t = await makeTicket(co.company.id, { priority: "MEDIUM", createdAt: at("2026-01-05T14:00:00Z") });
    const update = await inScope(co.company.id, (s) => onPriorityChange(s, t, "CRITICAL", at("2026-01-05T15:00:00Z")));
    expect(update).toMatchObject({
      calendarId: null,
      responseDueAt: at("2026-01-05T14:15:00Z"),
      responseBreached: true,
      resolutionDueAt: at("2026-01-05T18:00:00Z"),
      resolutionBreached: false,
    });
  });

  it("a new target already used up puts the due time in the past and flags the breach; a paused clock keeps nothing left", async () => {
    const t = await makeTicket(co.company.id, { priority: "LOW", createdAt: at("2026-01-05T14:00:00Z") });
    const update = await inScope(co.company.id, (s) => onPriorityChange(s, t, "CRITICAL", at("2026-01-06T17:00:00Z"))); // 12 business hours used
    expect(update).toMatchObject({ resolutionBreached: true, resolutionDueAt: at("2026-01-06T09:00:00Z") });

    let p = await makeTicket(co.company.id, { priority: "MEDIUM", createdAt: at("2026-01-05T14:00:00Z") });
    p = await apply(p, {
      ...(await inScope(co.company.id, (s) => onStatusChange(s, p, "WAITING_ON_CUSTOMER", at("2026-01-05T16:00:00Z")))),
      status: "WAITING_ON_CUSTOMER",
    });
    expect(
      await inScope(co.company.id, (s) => onPriorityChange(s, p, "HIGH", at("2026-01-09T16:00:00Z"))),
    ).toMatchObject({ resolutionLeftSec: 6 * 3600, resolutionBreached: false });
  });
});

describe("clockView", () => {
  const base = {
    status: "ASSIGNED" as const,
    responseTargetMin: 240,
    resolutionTargetMin: 1440,
    responseDueAt: at("2026-01-05T18:00:00Z"),
    resolutionDueAt: at("2026-01-07T20:00:00Z"),
    slaPausedAt: null,
    resolutionLeftSec: null,
    firstRespondedAt: null,
    responseBreached: false,
    resolutionBreached: false,
  };

  it("time left is wall-clock to the due time; the share used follows the calendar", () => {
    const v = clockView(base, at("2026-01-05T15:50:00Z"));
    expect(v.response).toEqual({
      dueAt: base.responseDueAt,
      secondsLeft: 2 * 3600 + 10 * 60,
      pct: 45,
      breached: false,
      met: false,
    });
    expect(formatDuration(v.response.secondsLeft!)).toBe("2h 10m");
    expect(v.nearBreach).toBe(false);
    expect(clockView(base, at("2026-01-05T17:00:00Z"))).toMatchObject({ response: { pct: 75 }, nearBreach: true });
  });

  it("with a business calendar a closed night uses nothing of the target", () => {
    const calendar = { timeZone: "America/New_York", hours: DEFAULT_HOURS, holidays: [] };
    // Due Tue 10:00 EST after 4 business hours from Mon 15:00: at Mon 23:00 half is used, though 11 of 19 wall hours passed.
    const t = { ...base, responseDueAt: at("2026-01-06T15:00:00Z"), calendar };
    expect(clockView(t, at("2026-01-06T04:00:00Z")).response).toMatchObject({ pct: 50, secondsLeft: 11 * 3600 });
  });

  it("breached clocks show as breached, not near breach; answered ones as met", () => {
    const late = clockView(base, at("2026-01-05T18:30:00Z"));
    expect(late.response).toMatchObject({ breached: true, secondsLeft: -1800 });
    expect(late.nearBreach).toBe(false);
    const answered = clockView({ ...base, firstRespondedAt: at("2026-01-05T16:00:00Z") }, at("2026-01-05T18:30:00Z"));
    expect(answered.response).toMatchObject({ met: true, breached: false, secondsLeft: null });
  });

  it("formats durations", () => {
    expect([30, 60, 3600, 3660, 86_400, 90_000, -5400].map(formatDuration)).toEqual([
      "under a minute",
      "1m",
      "1h",
      "1h 1m",
      "1d",
      "1d 1h",
      "1h 30m",
    ]);
  });
});
