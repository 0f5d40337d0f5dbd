import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { startClock } from "./service";
import { inScope, makeTicket } from "./testing";

// Settings → Support through the API, as a customer service manager uses it.

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let manager: Caller;

beforeAll(async () => {
  co = await makeCompany("sla-settings");
  manager = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
});

const auditActions = () =>
  withTenant(co.company.id, async (tx) =>
    (await tx.auditEntry.findMany({ where: { action: { startsWith: "sla." } }, orderBy: { createdAt: "asc" } })).map(
      (a) => a.action,
    ),
  );

describe("SLA targets", () => {
  it("shows all four priorities and saves new targets, which new tickets then use", async () => {
    const settings = await manager.sla.settings();
    expect(settings.companyTimeZone).toBe("America/New_York");
    expect(settings.targets.map((t) => t.priority)).toEqual(["CRITICAL", "HIGH", "MEDIUM", "LOW"]);
    const targets = settings.targets.map((t) =>
      t.priority === "HIGH" ? { ...t, responseMin: 30, resolutionMin: 360, businessHours: false } : t,
    );
    const saved = await manager.sla.saveTargets({ targets });
    expect(saved.find((t) => t.priority === "HIGH")).toEqual({
      priority: "HIGH",
      responseMin: 30,
      resolutionMin: 360,
      businessHours: false,
    });
    const sla = await inScope(co.company.id, (s) =>
      startClock(s, { priority: "HIGH", from: new Date("2026-01-10T03:00:00Z") }),
    );
    expect(sla).toMatchObject({
      calendarId: null,
      responseDueAt: new Date("2026-01-10T03:30:00Z"),
      resolutionDueAt: new Date("2026-01-10T09:00:00Z"),
    });
    expect(await auditActions()).toContain("sla.targets_update");
  });

  it("refuses a resolution quicker than the response, or a missing priority, and changes nothing", async () => {
    const { targets } = await manager.sla.settings();
    const bad = targets.map((t) => (t.priority === "LOW" ? { ...t, responseMin: 600, resolutionMin: 60 } : t));
    const f = await failure(manager.sla.saveTargets({ targets: bad }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fields).toEqual({ "targets.3.resolutionMin": "Resolution cannot be quicker than the first response." });
    expect((await failure(manager.sla.saveTargets({ targets: targets.slice(1) }))).fields).toEqual({
      targets: "Give targets for all four priorities.",
    });
    expect((await manager.sla.settings()).targets).toEqual(targets);
  });
});

describe("business calendars and holidays", () => {
  it("creates a second calendar, makes it the default, adds and removes holidays", async () => {
    const night = await manager.sla.saveCalendar({
      name: "Night desk",
      timeZone: "Africa/Nairobi",
      hours: { "1": [[1320, 360]], "2": [[1320, 360]] },
    });
    const before = await manager.sla.settings();
    expect(before.calendars.map((c) => [c.name, c.isDefault])).toEqual([
      ["Support desk", true],
      ["Night desk", false],
    ]);

    await manager.sla.setDefaultCalendar({ id: night.id });
    const after = await manager.sla.settings();
    expect(after.calendars.map((c) => [c.name, c.isDefault])).toEqual([
      ["Night desk", true],
      ["Support desk", false],
    ]);

    const h = await manager.sla.addHoliday({ calendarId: night.id, date: "2026-12-25", name: "Christmas" });
    const dup = await failure(manager.sla.addHoliday({ calendarId: night.id, date: "2026-12-25", name: "Again" }));
    expect(dup).toMatchObject({ code: "CONFLICT", fields: { date: "Already a holiday: Christmas." } });
    expect(
      (await failure(manager.sla.addHoliday({ calendarId: night.id, date: "2026-02-30", name: "Nope" }))).fields,
    ).toEqual({ date: "Enter a date like 2026-12-25." });
    expect((await manager.sla.settings()).calendars[0].holidays).toEqual([
      { id: h.id, date: "2026-12-25", name: "Christmas" },
    ]);
    await manager.sla.removeHoliday({ id: h.id });
    expect((await manager.sla.settings()).calendars[0].holidays).toEqual([]);

    // New business-hours tickets run on the new default.
    const sla = await inScope(co.company.id, (s) =>
      startClock(s, { priority: "MEDIUM", from: new Date("2026-01-05T12:00:00Z") }),
    );
    expect(sla.calendarId).toBe(night.id);
    await manager.sla.setDefaultCalendar({ id: before.calendars[0].id });
    expect(await auditActions()).toEqual(
      expect.arrayContaining(["sla.calendar_create", "sla.calendar_default", "sla.holiday_add", "sla.holiday_remove"]),
    );
  });

  it("refuses an empty week, overlapping periods, an unknown zone and a duplicate name", async () => {
    const empty = await failure(manager.sla.saveCalendar({ name: "Closed", timeZone: "UTC", hours: { "1": [] } }));
    expect(empty.fields).toEqual({ hours: "The calendar has no open hours: open at least one period in the week." });
    const overlap = await failure(
      manager.sla.saveCalendar({
        name: "Overlap",
        timeZone: "UTC",
        hours: {
          "3": [
            [540, 720],
            [700, 900],
          ],
        },
      }),
    );
    expect(overlap.fields).toEqual({ "hours.3": "Wednesday: Periods on the same day overlap." });
    expect(
      (await failure(manager.sla.saveCalendar({ name: "Mars", timeZone: "Mars/Base", hours: { "1": [[540, 600]] } })))
        .fields,
    ).toEqual({ timeZone: "Choose a time zone from the list, e.g. Africa/Nairobi." });
    const dup = await failure(
      manager.sla.saveCalendar({ name: "Support desk", timeZone: "UTC", hours: { "1": [[540, 600]] } }),
    );
    expect(dup).toMatchObject({ code: "CONFLICT", fields: { name: "Already used by another calendar." } });
  });

  it("will not delete the default calendar, nor one that open tickets run on", async () => {
    const { calendars } = await manager.sla.settings();
    const desk = calendars.find((c) => c.isDefault)!;
    expect((await failure(manager.sla.deleteCalendar({ id: desk.id }))).message).toMatch(
      /make another calendar the default first/,
    );

    const spare = await manager.sla.saveCalendar({ name: "Spare", timeZone: "UTC", hours: { "1": [[540, 600]] } });
    await makeTicket(co.company.id, { createdAt: new Date(), extra: { calendarId: spare.id } });
    expect((await failure(manager.sla.deleteCalendar({ id: spare.id }))).message).toBe(
      "An open ticket runs on this calendar: it can be deleted once they are resolved.",
    );
    expect((await manager.sla.settings()).calendars.find((c) => c.id === spare.id)?.openTickets).toBe(1);
    await withTenant(co.company.id, (tx) =>
      tx.ticket.updateMany({ where: { calendarId: spare.id }, data: { status: "CLOSED" } }),
    );
    expect(await manager.sla.deleteCalendar({ id: spare.id })).toEqual({ id: spare.id });
  });

  it("edits a calendar's hours and zone", async () => {
    const { calendars } = await manager.sla.settings();
    const desk = calendars.find((c) => c.isDefault)!;
    await manager.sla.saveCalendar({
      id: desk.id,
      name: desk.name,
      timeZone: "Europe/London",
      hours: { ...desk.hours, "6": [] },
    });
    const after = (await manager.sla.settings()).calendars.find((c) => c.id === desk.id)!;
    expect(after).toMatchObject({ timeZone: "Europe/London", hours: { "6": [], "1": [[480, 1020]] } });
  });
});

describe("escalation rules", () => {
  it("creates, edits and deletes a rule; a rule that does nothing is refused", async () => {
    const rule = await manager.sla.saveRule({
      name: "Critical at half time",
      clock: "RESOLUTION",
      thresholdPct: 50,
      priorities: ["CRITICAL"],
      notify: true,
      raisePriority: false,
      reassignToLead: true,
    });
    expect((await manager.sla.settings()).rules.find((r) => r.id === rule.id)).toMatchObject({
      priorities: ["CRITICAL"],
      thresholdPct: 50,
      active: true,
    });
    await manager.sla.saveRule({
      id: rule.id,
      name: "Critical at half time",
      clock: "RESOLUTION",
      thresholdPct: 60,
      priorities: [],
      notify: true,
      raisePriority: false,
      reassignToLead: false,
      active: false,
    });
    expect((await manager.sla.settings()).rules.find((r) => r.id === rule.id)).toMatchObject({
      thresholdPct: 60,
      priorities: [],
      active: false,
    });
    const idle = await failure(
      manager.sla.saveRule({
        name: "Idle",
        clock: "RESPONSE",
        thresholdPct: 50,
        notify: false,
        raisePriority: false,
        reassignToLead: false,
      }),
    );
    expect(idle.fields).toEqual({ notify: "A rule must do something: notify, raise the priority or reassign." });
    await manager.sla.deleteRule({ id: rule.id });
    expect((await manager.sla.settings()).rules.map((r) => r.id)).not.toContain(rule.id);
    expect((await failure(manager.sla.deleteRule({ id: rule.id }))).code).toBe("NOT_FOUND");
  });
});
