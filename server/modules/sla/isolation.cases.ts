import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure, failure } from "../../test/trpc";

// Tenant isolation of support settings: SLA targets, business calendars, escalation rules.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** B's default calendar (from registration, renamed), a holiday, and a rule of its own. */
export const slaFixture = fixture(async (w) =>
  withTenant(w.B.company.id, async (tx) => {
    const companyId = w.B.company.id;
    const calendar = await tx.businessCalendar.update({
      where: { id: (await tx.businessCalendar.findFirstOrThrow()).id },
      data: { name: "Bravo desk hours" },
    });
    const holiday = await tx.holiday.create({
      data: { id: newId(), companyId, calendarId: calendar.id, date: new Date("2026-12-26"), name: "Bravo Boxing Day" },
    });
    const rule = await tx.escalationRule.create({
      data: { id: newId(), companyId, name: "Bravo special rule", clock: "RESPONSE", thresholdPct: 50 },
    });
    return { slab: { calendarId: calendar.id, holidayId: holiday.id, ruleId: rule.id } };
  }),
);

export default isolationCases({
  setup: slaFixture,
  snapshotB: async (tx) => ({
    slaTargets: await tx.slaTarget.findMany({ orderBy: { priority: "asc" } }),
    calendars: await tx.businessCalendar.findMany({ orderBy: { id: "asc" } }),
    holidays: await tx.holiday.findMany({ orderBy: { id: "asc" } }),
    escalationRules: await tx.escalationRule.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.businessCalendar.findMany()).flatMap((c) => [c.id, c.name]),
    ...(await tx.holiday.findMany()).flatMap((h) => [h.id, h.name]),
    // Rule ids, and B's own rule's name (the default rules' names are the same at every company).
    ...(await tx.escalationRule.findMany()).map((r) => r.id),
    "Bravo special rule",
  ],
  procedures: {
    "sla.settings": async (w) => {
      const settings = await w.aAdmin.sla.settings();
      expect(settings.calendars.length).toBeGreaterThan(0);
      expect(settings.rules.length).toBeGreaterThan(0);
      await w.expectNoneOfB(settings);
    },
    "sla.saveTargets": async (w) => {
      // Targets are keyed by the caller's company; nothing in the input can point at B's.
      const { targets } = await w.aAdmin.sla.settings();
      await w.aAdmin.sla.saveTargets({ targets: targets.map((t) => ({ ...t, responseMin: t.responseMin + 1 })) });
    },
    "sla.saveCalendar": async (w, f) => {
      const failed = await failure(
        w.aAdmin.sla.saveCalendar({
          id: f.slab.calendarId,
          name: "Hijacked",
          timeZone: "UTC",
          hours: { "1": [[0, 60]] },
        }),
      );
      expect(failed.code).toBe("NOT_FOUND");
      // B's calendar name is free at A (names are per company).
      const mine = await w.aAdmin.sla.saveCalendar({
        name: "Bravo desk hours",
        timeZone: "UTC",
        hours: { "1": [[0, 60]] },
      });
      expect(mine.companyId).toBe(w.A.company.id);
      await w.aAdmin.sla.deleteCalendar({ id: mine.id });
    },
    "sla.setDefaultCalendar": async (w, f) => {
      expect((await failure(w.aAdmin.sla.setDefaultCalendar({ id: f.slab.calendarId }))).code).toBe("NOT_FOUND");
    },
    "sla.deleteCalendar": async (w, f) => {
      expect((await failure(w.aAdmin.sla.deleteCalendar({ id: f.slab.calendarId }))).code).toBe("NOT_FOUND");
    },
    "sla.addHoliday": async (w, f) => {
      await expectFailure(
        w.aAdmin.sla.addHoliday({ calendarId: f.slab.calendarId, date: "2026-12-31", name: "Sneaky" }),
        "NOT_FOUND",
      );
    },
    "sla.removeHoliday": async (w, f) => {
      expect((await failure(w.aAdmin.sla.removeHoliday({ id: f.slab.holidayId }))).code).toBe("NOT_FOUND");
    },
    "sla.saveRule": async (w, f) => {
      const failed = await failure(
        w.aAdmin.sla.saveRule({
          id: f.slab.ruleId,
          name: "Hijacked",
          clock: "RESPONSE",
          thresholdPct: 1,
          notify: true,
          raisePriority: false,
          reassignToLead: false,
        }),
      );
      expect(failed.code).toBe("NOT_FOUND");
    },
    "sla.deleteRule": async (w, f) => {
      expect((await failure(w.aAdmin.sla.deleteRule({ id: f.slab.ruleId }))).code).toBe("NOT_FOUND");
    },
  },
});
