import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure, failure } from "../../test/trpc";
import { staffFixture } from "../staff/isolation.cases";

// Tenant isolation of shifts and on-call.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** B's technician on an on-call shift now and on one last week; a shift of A's technician. */
export const shiftsFixture = fixture(async (w) => {
  const { stb } = await staffFixture(w);
  const companyId = w.B.company.id;
  const shiftId = newId();
  const now = Date.now();
  await withTenant(companyId, async (tx) => {
    await tx.shift.create({
      data: {
        id: shiftId,
        companyId,
        userId: w.bTech.id,
        startsAt: new Date(now - 3_600_000),
        endsAt: new Date(now + 3_600_000),
        onCall: true,
      },
    });
    await tx.shift.create({
      data: {
        id: newId(),
        companyId,
        userId: w.bTech.id,
        startsAt: new Date(now - 7 * 86_400_000),
        endsAt: new Date(now - 7 * 86_400_000 + 8 * 3_600_000),
      },
    });
  });
  const aShiftId = (
    await w.aAdmin.shifts.create({ userId: stb.aTechId, start: "2026-09-07T08:00", end: "2026-09-07T16:00" })
  ).id;
  return { stb: { ...stb, shiftId, aShiftId } };
});

export default isolationCases({
  setup: shiftsFixture,
  snapshotB: async (tx) => ({ shifts: await tx.shift.findMany({ orderBy: { id: "asc" } }) }),
  idsOfB: async (tx) => (await tx.shift.findMany()).map((x) => x.id),
  procedures: {
    "shifts.week": async (w, f) => {
      const week = await w.aAdmin.shifts.week({ weekStart: "2026-09-07" });
      expect(week.shifts.map((x) => x.id)).toEqual([f.stb.aShiftId]);
      await w.expectNoneOfB(week);
      await w.expectNoneOfB(await w.aAdmin.shifts.week({}));
    },
    "shifts.now": async (w) => {
      const now = await w.aAdmin.shifts.now();
      expect(now).toEqual({ onShift: [], onCall: [] });
    },
    "shifts.create": async (w) => {
      const failed = await failure(
        w.aAdmin.shifts.create({ userId: w.bTech.id, start: "2026-09-08T08:00", end: "2026-09-08T16:00" }),
      );
      expect(failed).toMatchObject({
        code: "UNPROCESSABLE_CONTENT",
        fields: { userId: "Choose a staff member of your company." },
      });
    },
    "shifts.update": async (w, f) => {
      await expectFailure(
        w.aAdmin.shifts.update({
          id: f.stb.shiftId,
          userId: f.stb.aTechId,
          start: "2026-09-08T08:00",
          end: "2026-09-08T16:00",
        }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.shifts.update({
          id: f.stb.aShiftId,
          userId: w.bTech.id,
          start: "2026-09-07T08:00",
          end: "2026-09-07T16:00",
        }),
        "UNPROCESSABLE_CONTENT",
      );
    },
    "shifts.delete": async (w, f) => {
      expect((await failure(w.aAdmin.shifts.delete({ id: f.stb.shiftId }))).code).toBe("NOT_FOUND");
    },
    "shifts.copyPreviousWeek": async (w) => {
      // B has a shift last week; A has none, so nothing is copied anywhere.
      const result = await w.aAdmin.shifts.copyPreviousWeek({ weekStart: new Date().toISOString().slice(0, 10) });
      expect(result).toMatchObject({ copied: 0, skipped: [] });
    },
  },
});
