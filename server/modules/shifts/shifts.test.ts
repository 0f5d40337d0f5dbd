import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { systemActor, type Scope } from "../scope";
import { onCallNow, onShiftNow } from "./service";

// Shift planning on a real database, in the company's zone (Africa/Nairobi, UTC+3, no DST),
// through the tRPC procedures the console uses.

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let manager: Caller;
let peter: { id: string; name: string };
let aisha: { id: string; name: string };

beforeAll(async () => {
  co = await makeCompany("shift-isp");
  await withTenant(co.company.id, (tx) =>
    tx.company.update({ where: { id: co.company.id }, data: { timeZone: "Africa/Nairobi" } }),
  );
  manager = await callerAs(
    co.company,
    (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER", { name: "Samuel Mwangi" })).id,
  );
  peter = await makeUser(co.company.id, "FIELD_TECHNICIAN", { name: "Peter Kamau" });
  aisha = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { name: "Aisha Njeri" });
});

describe("creating shifts", () => {
  it("stores wall-clock times of the company's zone as UTC and gives them back in the zone", async () => {
    const s = await manager.shifts.create({
      userId: peter.id,
      start: "2026-06-01T08:00",
      end: "2026-06-01T16:00",
      note: "Kilimani installs",
    });
    expect(s.startsAt.toISOString()).toBe("2026-06-01T05:00:00.000Z");
    expect(s.endsAt.toISOString()).toBe("2026-06-01T13:00:00.000Z");
    expect(s).toMatchObject({
      start: "2026-06-01T08:00",
      end: "2026-06-01T16:00",
      onCall: false,
      note: "Kilimani installs",
    });
    const entry = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findFirst({ where: { entityType: "Shift", entityId: s.id } }),
    );
    expect(entry?.action).toBe("shift.create");
  });

  it("refuses an overlapping shift for the same person, naming the other shift; back-to-back is fine", async () => {
    await manager.shifts.create({ userId: peter.id, start: "2026-06-02T08:00", end: "2026-06-02T16:00" });
    const f = await failure(
      manager.shifts.create({ userId: peter.id, start: "2026-06-02T15:00", end: "2026-06-02T23:00", onCall: true }),
    );
    expect(f).toEqual({
      code: "UNPROCESSABLE_CONTENT",
      message:
        "Peter Kamau already has a shift Tue 2 Jun, 08:00–16:00 that overlaps this one. Change or delete that shift first.",
      fields: { start: "Overlaps Peter Kamau's shift Tue 2 Jun, 08:00–16:00." },
    });
    await manager.shifts.create({ userId: peter.id, start: "2026-06-02T16:00", end: "2026-06-02T23:00" });
    // Another person may work the same hours.
    await manager.shifts.create({ userId: aisha.id, start: "2026-06-02T08:00", end: "2026-06-02T16:00" });
    const count = await withTenant(co.company.id, (tx) =>
      tx.shift.count({
        where: {
          userId: peter.id,
          startsAt: { gte: new Date("2026-06-02T00:00:00Z"), lt: new Date("2026-06-03T00:00:00Z") },
        },
      }),
    );
    expect(count).toBe(2);
  });

  it("refuses a shift that ends before it starts, or lasts more than a day, and writes nothing", async () => {
    const before = await withTenant(co.company.id, (tx) => tx.shift.count());
    const backwards = await failure(
      manager.shifts.create({ userId: peter.id, start: "2026-06-03T16:00", end: "2026-06-03T08:00" }),
    );
    expect(backwards).toMatchObject({ code: "BAD_REQUEST", fields: { end: "The shift must end after it starts." } });
    const long = await failure(
      manager.shifts.create({ userId: peter.id, start: "2026-06-03T08:00", end: "2026-06-04T09:00" }),
    );
    expect(long.message).toBe("A shift can be at most 24 hours long; plan a longer stretch as separate shifts.");
    expect(await withTenant(co.company.id, (tx) => tx.shift.count())).toBe(before);
  });

  it("refuses a person of another company, a customer and a disabled account", async () => {
    const other = await makeCompany("shift-other");
    const stranger = await makeUser(other.company.id, "FIELD_TECHNICIAN", { name: "Stranger" });
    const customer = await makeUser(co.company.id, "CUSTOMER", { name: "Brian Ouma" });
    const gone = await makeUser(co.company.id, "FIELD_TECHNICIAN", { name: "Gone Gideon" });
    await withTenant(co.company.id, (tx) => tx.user.update({ where: { id: gone.id }, data: { status: "DISABLED" } }));
    const shift = { start: "2026-06-05T08:00", end: "2026-06-05T16:00" };
    expect(await failure(manager.shifts.create({ userId: stranger.id, ...shift }))).toEqual({
      code: "UNPROCESSABLE_CONTENT",
      message: "That person is not on your company's staff.",
      fields: { userId: "Choose a staff member of your company." },
    });
    expect((await failure(manager.shifts.create({ userId: customer.id, ...shift }))).message).toBe(
      "That person is not on your company's staff.",
    );
    expect((await failure(manager.shifts.create({ userId: gone.id, ...shift }))).message).toBe(
      "Gone Gideon's account is disabled, so they cannot be given shifts.",
    );
    expect(await withTenant(other.company.id, (tx) => tx.shift.count())).toBe(0);
  });

  it("two overlapping creates at the same moment: exactly one is stored", async () => {
    const second = await callerAs(co.company, (await makeUser(co.company.id, "SUPER_ADMIN")).id);
    for (let round = 0; round < 5; round++) {
      const day = `2026-07-0${round + 1}`;
      const results = await Promise.allSettled([
        manager.shifts.create({ userId: aisha.id, start: `${day}T08:00`, end: `${day}T16:00` }),
        second.shifts.create({ userId: aisha.id, start: `${day}T12:00`, end: `${day}T20:00`, onCall: true }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(rejected.reason.message).toMatch(/^Aisha Njeri already has a shift .* that overlaps this one/);
    }
  });
});

describe("editing and deleting", () => {
  it("moves a shift, refuses a move onto another shift, and deletes", async () => {
    const a = await manager.shifts.create({ userId: aisha.id, start: "2026-06-08T08:00", end: "2026-06-08T12:00" });
    const b = await manager.shifts.create({ userId: aisha.id, start: "2026-06-08T13:00", end: "2026-06-08T17:00" });
    // Extending a shift within its own hours is not an overlap with itself.
    const moved = await manager.shifts.update({
      id: a.id,
      userId: aisha.id,
      start: "2026-06-08T07:00",
      end: "2026-06-08T13:00",
      onCall: true,
      note: "Early",
    });
    expect(moved).toMatchObject({ start: "2026-06-08T07:00", end: "2026-06-08T13:00", onCall: true, note: "Early" });
    const f = await failure(
      manager.shifts.update({ id: a.id, userId: aisha.id, start: "2026-06-08T07:00", end: "2026-06-08T14:00" }),
    );
    expect(f.message).toBe(
      "Aisha Njeri already has a shift Mon 8 Jun, 13:00–17:00 that overlaps this one. Change or delete that shift first.",
    );
    await manager.shifts.delete({ id: b.id });
    expect((await failure(manager.shifts.delete({ id: b.id }))).code).toBe("NOT_FOUND");
    await manager.shifts.update({ id: a.id, userId: aisha.id, start: "2026-06-08T07:00", end: "2026-06-08T14:00" });
  });
});

describe("the week planner", () => {
  it("shows the week from Monday in the company's zone, with coverage per hour and gaps in support hours", async () => {
    const fresh = await makeCompany("shift-week");
    // Without a business calendar the planner assumes 08:00–20:00 every day.
    await withTenant(fresh.company.id, async (tx) => {
      await tx.company.update({ where: { id: fresh.company.id }, data: { timeZone: "Africa/Nairobi" } });
      await tx.businessCalendar.deleteMany();
    });
    const boss = await callerAs(fresh.company, (await makeUser(fresh.company.id, "SUPER_ADMIN", { name: "Boss" })).id);
    const tech = await makeUser(fresh.company.id, "FIELD_TECHNICIAN", { name: "Tech Tom" });
    const night = await makeUser(fresh.company.id, "TECHNICAL_SUPPORT", { name: "Night Nia" });
    await boss.shifts.create({ userId: tech.id, start: "2026-06-15T08:00", end: "2026-06-15T14:00" });
    await boss.shifts.create({ userId: night.id, start: "2026-06-15T13:30", end: "2026-06-16T02:00", onCall: true });

    const w = await boss.shifts.week({ weekStart: "2026-06-17" }); // a Wednesday: the week starts Monday 15 June
    expect(w).toMatchObject({
      timeZone: "Africa/Nairobi",
      weekStart: "2026-06-15",
      previousWeek: "2026-06-08",
      nextWeek: "2026-06-22",
      support: { source: "default", calendarName: null },
    });
    expect(w.days.map((d) => d.date)).toEqual([
      "2026-06-15",
      "2026-06-16",
      "2026-06-17",
      "2026-06-18",
      "2026-06-19",
      "2026-06-20",
      "2026-06-21",
    ]);
    const monday = w.days[0];
    expect(monday.supportHours).toEqual(["08:00–20:00"]);
    expect(monday.bands.slice(7, 21).map((b) => b.count)).toEqual([0, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1]);
    expect(monday.bands[13]).toMatchObject({ hour: 13, count: 2, onCall: 1, gap: false });
    expect(monday.gapHours).toBe(0);
    // Tuesday: Nia until 02:00, then nobody during support hours.
    expect(w.days[1].bands.slice(0, 3).map((b) => b.count)).toEqual([1, 1, 0]);
    expect(w.days[1].gapHours).toBe(12);
    expect(w.gapHours).toBe(6 * 12);
    // The night shift is cut at local midnight into one piece per day.
    expect(w.shifts.find((s) => s.userId === night.id)?.segments).toEqual([
      { date: "2026-06-15", from: "13:30", to: "24:00" },
      { date: "2026-06-16", from: "00:00", to: "02:00" },
    ]);
    expect(w.people.map((p) => p.name)).toEqual(["Night Nia", "Tech Tom"]);
  });

  it("a half-covered hour is still a gap; the default business calendar and its holidays set the support hours", async () => {
    const fresh = await makeCompany("shift-calendar");
    const companyId = fresh.company.id;
    await withTenant(companyId, (tx) =>
      tx.company.update({ where: { id: companyId }, data: { timeZone: "Africa/Nairobi" } }),
    );
    const boss = await callerAs(fresh.company, (await makeUser(companyId, "SUPER_ADMIN")).id);
    const tech = await makeUser(companyId, "FIELD_TECHNICIAN", { name: "Tech Tom" });
    await withTenant(companyId, async (tx) => {
      // Every new company gets a default "Support desk" calendar; give it these hours.
      const cal = await tx.businessCalendar.findFirstOrThrow({ where: { isDefault: true } });
      await tx.businessCalendar.update({
        where: { id: cal.id },
        data: {
          timeZone: "Africa/Nairobi",
          hours: {
            "1": [[540, 1020]],
            "2": [[540, 1020]],
            "3": [[540, 1020]],
            "4": [[540, 1020]],
            "5": [[540, 1020]],
            "6": [[600, 780]],
            "0": [],
          },
        },
      });
      await tx.holiday.create({
        data: {
          id: newId(),
          companyId,
          calendarId: cal.id,
          date: new Date("2026-06-01T00:00:00Z"),
          name: "Madaraka Day",
        },
      });
    });
    await boss.shifts.create({ userId: tech.id, start: "2026-06-02T09:00", end: "2026-06-02T16:30" });
    const w = await boss.shifts.week({ weekStart: "2026-06-01" });
    expect(w.support).toEqual({ source: "calendar", calendarName: "Support desk" });
    expect(w.days[0]).toMatchObject({ holiday: "Madaraka Day", supportHours: [], gapHours: 0 });
    const tuesday = w.days[1];
    expect(tuesday.supportHours).toEqual(["09:00–17:00"]);
    expect(tuesday.bands.filter((b) => b.gap).map((b) => b.hour)).toEqual([16]);
    expect(w.days[5]).toMatchObject({ supportHours: ["10:00–13:00"], gapHours: 3 });
    expect(w.days[6]).toMatchObject({ supportHours: [], gapHours: 0 });
  });

  it("copies last week's shifts to this week once; a second copy adds nothing", async () => {
    const fresh = await makeCompany("shift-copy");
    const boss = await callerAs(fresh.company, (await makeUser(fresh.company.id, "SUPER_ADMIN")).id);
    const tech = await makeUser(fresh.company.id, "FIELD_TECHNICIAN", { name: "Tech Tom" });
    // America/New_York: the clocks go back on 1 November 2026; 08:00 stays 08:00.
    await boss.shifts.create({
      userId: tech.id,
      start: "2026-10-26T08:00",
      end: "2026-10-26T16:00",
      onCall: true,
      note: "NOC",
    });
    await boss.shifts.create({ userId: tech.id, start: "2026-10-31T22:00", end: "2026-11-01T06:00" });
    await boss.shifts.create({ userId: tech.id, start: "2026-11-03T08:00", end: "2026-11-03T12:00" }); // already planned
    await boss.shifts.create({ userId: tech.id, start: "2026-10-27T08:00", end: "2026-10-27T16:00" }); // clashes with it once copied

    const first = await boss.shifts.copyPreviousWeek({ weekStart: "2026-11-04" });
    expect(first).toMatchObject({ from: "2026-10-26", to: "2026-11-02", copied: 2 });
    expect(first.skipped).toEqual([
      {
        person: "Tech Tom",
        when: "Tue 3 Nov, 08:00–16:00",
        reason:
          "Tech Tom already has a shift Tue 3 Nov, 08:00–12:00 that overlaps this one. Change or delete that shift first.",
      },
    ]);
    const w = await boss.shifts.week({ weekStart: "2026-11-02" });
    expect(w.shifts.map((s) => [s.start, s.end, s.onCall, s.note])).toEqual([
      ["2026-11-02T08:00", "2026-11-02T16:00", true, "NOC"],
      ["2026-11-03T08:00", "2026-11-03T12:00", false, null],
      ["2026-11-07T22:00", "2026-11-08T06:00", false, null],
    ]);
    expect(w.shifts[0].startsAt.toISOString()).toBe("2026-11-02T13:00:00.000Z"); // EST now, UTC−5

    const again = await boss.shifts.copyPreviousWeek({ weekStart: "2026-11-02" });
    expect(again.copied).toBe(0);
    expect(again.skipped).toHaveLength(3);
  });
});

describe("who is on shift and on call now", () => {
  it("lists active people whose shift covers the moment; on call leaves out people on leave", async () => {
    const fresh = await makeCompany("shift-now");
    const companyId = fresh.company.id;
    const boss = await callerAs(fresh.company, (await makeUser(companyId, "SUPER_ADMIN")).id);
    const [a, b, c, d] = await Promise.all(
      ["Ann Day", "Ben Oncall", "Cat Leave", "Dan Gone"].map((name) =>
        makeUser(companyId, "TECHNICAL_SUPPORT", { name }),
      ),
    );
    const now = new Date();
    const at = (h: number) => new Date(now.getTime() + h * 3_600_000);
    await withTenant(companyId, async (tx) => {
      for (const [user, onCall] of [
        [a, false],
        [b, true],
        [c, true],
        [d, true],
      ] as const) {
        await tx.shift.create({
          data: { id: newId(), companyId, userId: user.id, startsAt: at(-1), endsAt: at(1), onCall },
        });
      }
      await tx.shift.create({
        data: { id: newId(), companyId, userId: a.id, startsAt: at(2), endsAt: at(4), onCall: true },
      });
      await tx.staffProfile.create({ data: { userId: c.id, companyId, availability: "ON_LEAVE" } });
      await tx.user.update({ where: { id: d.id }, data: { status: "DISABLED" } });
    });
    const scoped = <T>(fn: (s: Scope) => Promise<T>) =>
      withTenant(companyId, (tx) => fn({ tx, companyId, actor: systemActor }));
    expect((await scoped((s) => onShiftNow(s, now))).map((x) => x.name)).toEqual([
      "Ann Day",
      "Ben Oncall",
      "Cat Leave",
    ]);
    expect((await scoped((s) => onCallNow(s, now))).map((x) => x.name)).toEqual(["Ben Oncall"]);
    expect((await scoped((s) => onCallNow(s, at(3)))).map((x) => x.name)).toEqual(["Ann Day"]);
    const both = await boss.shifts.now();
    expect({ onShift: both.onShift.map((x) => x.name), onCall: both.onCall.map((x) => x.name) }).toEqual({
      onShift: ["Ann Day", "Ben Oncall", "Cat Leave"],
      onCall: ["Ben Oncall"],
    });
  });
});
