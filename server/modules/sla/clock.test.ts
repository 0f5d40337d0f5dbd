import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessMinutesBetween,
  businessSecondsBetween,
  calendarProblem,
  isOpenAt,
  localDate,
  zonedWallToInstant,
  type CalendarSpec,
} from "./clock";

// Business-time maths: pure, no database. Instants are written in UTC ("Z"); the comments give
// the local wall time the calendar sees.

const at = (iso: string) => new Date(iso);
const weekdays = (intervals: [number, number][]) =>
  Object.fromEntries([1, 2, 3, 4, 5].map((d) => [String(d), intervals]));
const H = (h: number, m = 0) => h * 60 + m;

const london: CalendarSpec = { timeZone: "Europe/London", hours: weekdays([[H(9), H(17)]]), holidays: [] };
const newYork: CalendarSpec = { timeZone: "America/New_York", hours: weekdays([[H(8), H(17)]]), holidays: [] };
const nyAllDay: CalendarSpec = {
  timeZone: "America/New_York",
  hours: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), [[0, 1440]]])),
  holidays: [],
};

describe("24×7 (no calendar)", () => {
  it("adds and measures plain elapsed time", () => {
    expect(addBusinessMinutes(at("2026-03-28T12:00:00Z"), 90, null)).toEqual(at("2026-03-28T13:30:00Z"));
    expect(addBusinessMinutes(at("2026-03-28T12:00:00Z"), 24 * 60, null)).toEqual(at("2026-03-29T12:00:00Z")); // across London's DST change: real time
    expect(businessMinutesBetween(at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z"), null)).toBe(1440);
    expect(businessMinutesBetween(at("2026-03-29T12:00:00Z"), at("2026-03-28T12:00:00Z"), null)).toBe(-1440);
  });
});

describe("business hours", () => {
  it("counts from inside the hours", () => {
    expect(addBusinessMinutes(at("2026-01-05T10:00:00Z"), 120, london)).toEqual(at("2026-01-05T12:00:00Z")); // Mon 10:00 → 12:00
  });

  it("starting before opening waits for the opening", () => {
    expect(addBusinessMinutes(at("2026-01-05T07:00:00Z"), 60, london)).toEqual(at("2026-01-05T10:00:00Z"));
    expect(businessMinutesBetween(at("2026-01-05T07:00:00Z"), at("2026-01-05T10:00:00Z"), london)).toBe(60);
  });

  it("carries over the close to the next morning and over the weekend", () => {
    expect(addBusinessMinutes(at("2026-01-05T16:30:00Z"), 60, london)).toEqual(at("2026-01-06T09:30:00Z")); // Mon 16:30 → Tue 09:30
    expect(addBusinessMinutes(at("2026-01-09T16:00:00Z"), 120, london)).toEqual(at("2026-01-12T10:00:00Z")); // Fri 16:00 → Mon 10:00
    expect(addBusinessMinutes(at("2026-01-10T12:00:00Z"), 30, london)).toEqual(at("2026-01-12T09:30:00Z")); // from Saturday
    expect(businessMinutesBetween(at("2026-01-09T16:00:00Z"), at("2026-01-12T10:00:00Z"), london)).toBe(120);
  });

  it("a due time exactly at closing stays at closing (not the next opening)", () => {
    expect(addBusinessMinutes(at("2026-01-05T09:00:00Z"), 480, london)).toEqual(at("2026-01-05T17:00:00Z"));
  });

  it("adding nothing is the start itself; adding a negative amount is refused", () => {
    expect(addBusinessMinutes(at("2026-01-10T12:00:00Z"), 0, london)).toEqual(at("2026-01-10T12:00:00Z"));
    expect(() => addBusinessMinutes(at("2026-01-05T10:00:00Z"), -5, london)).toThrow(/zero or more/);
  });

  it("time outside hours counts nothing, and order matters for the sign", () => {
    expect(businessMinutesBetween(at("2026-01-10T08:00:00Z"), at("2026-01-11T20:00:00Z"), london)).toBe(0); // the weekend
    expect(businessMinutesBetween(at("2026-01-05T12:00:00Z"), at("2026-01-05T11:00:00Z"), london)).toBe(-60);
    expect(businessSecondsBetween(at("2026-01-05T11:00:00Z"), at("2026-01-05T11:00:30.900Z"), london)).toBe(30);
  });

  it("holidays are closed", () => {
    const xmas: CalendarSpec = { ...london, holidays: ["2026-12-25", "2026-12-28"] };
    // Thu 24 Dec 16:00 + 2 h: one hour on the 24th, Fri 25th and Mon 28th closed → Tue 29th 10:00.
    expect(addBusinessMinutes(at("2026-12-24T16:00:00Z"), 120, xmas)).toEqual(at("2026-12-29T10:00:00Z"));
    expect(businessMinutesBetween(at("2026-12-24T00:00:00Z"), at("2026-12-30T00:00:00Z"), xmas)).toBe(2 * 480); // the 24th and the 29th
    expect(isOpenAt(at("2026-12-25T12:00:00Z"), xmas)).toBe(false);
    expect(isOpenAt(at("2026-12-24T12:00:00Z"), xmas)).toBe(true);
  });

  it("split hours skip the lunch break", () => {
    const split: CalendarSpec = {
      ...london,
      hours: weekdays([
        [H(8), H(12)],
        [H(13), H(17)],
      ]),
    };
    expect(addBusinessMinutes(at("2026-01-05T11:30:00Z"), 60, split)).toEqual(at("2026-01-05T13:30:00Z"));
    expect(businessMinutesBetween(at("2026-01-05T00:00:00Z"), at("2026-01-06T00:00:00Z"), split)).toBe(480);
  });

  it("overnight hours belong to the evening they start; a holiday that evening closes the whole night", () => {
    const nights: CalendarSpec = { timeZone: "Europe/London", hours: { "1": [[H(22), H(6)]] }, holidays: [] }; // Mon 22:00 → Tue 06:00
    expect(businessMinutesBetween(at("2026-01-05T00:00:00Z"), at("2026-01-12T00:00:00Z"), nights)).toBe(480);
    // Tue 05:00 is inside Monday's night: 60 minutes left tonight, the other 60 next Monday night.
    expect(addBusinessMinutes(at("2026-01-06T05:00:00Z"), 120, nights)).toEqual(at("2026-01-12T23:00:00Z"));
    const holiday: CalendarSpec = { ...nights, holidays: ["2026-01-12"] };
    expect(addBusinessMinutes(at("2026-01-06T05:00:00Z"), 120, holiday)).toEqual(at("2026-01-19T23:00:00Z"));
    expect(isOpenAt(at("2026-01-13T03:00:00Z"), holiday)).toBe(false); // Tuesday morning of a holiday Monday night
  });

  it("an overnight shift that runs into the next morning's hours is counted once", () => {
    const cal: CalendarSpec = {
      timeZone: "Europe/London",
      hours: { "1": [[H(20), H(2)]], "2": [[0, H(5)]] },
      holidays: [],
    };
    expect(businessMinutesBetween(at("2026-01-05T19:00:00Z"), at("2026-01-06T06:00:00Z"), cal)).toBe(9 * 60); // Mon 20:00 → Tue 05:00
  });
});

describe("daylight saving time", () => {
  it("Europe/London spring forward (29 Mar 2026): the week after counts in BST", () => {
    // Fri 27 Mar 16:00 GMT + 2 h → Mon 30 Mar 10:00 BST, which is 09:00 UTC.
    expect(addBusinessMinutes(at("2026-03-27T16:00:00Z"), 120, london)).toEqual(at("2026-03-30T09:00:00Z"));
    expect(businessMinutesBetween(at("2026-03-27T16:00:00Z"), at("2026-03-30T09:00:00Z"), london)).toBe(120);
    // A whole BST working day is still 8 hours.
    expect(businessMinutesBetween(at("2026-03-30T00:00:00Z"), at("2026-03-31T00:00:00Z"), london)).toBe(480);
  });

  it("Europe/London: a night shift is 7 h when the clocks go forward and 9 h when they go back", () => {
    const satNight: CalendarSpec = { timeZone: "Europe/London", hours: { "6": [[H(22), H(6)]] }, holidays: [] };
    expect(businessMinutesBetween(at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z"), satNight)).toBe(7 * 60); // 22:00 GMT → 06:00 BST
    expect(businessMinutesBetween(at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"), satNight)).toBe(9 * 60); // 22:00 BST → 06:00 GMT
    expect(addBusinessMinutes(at("2026-03-28T12:00:00Z"), 7 * 60, satNight)).toEqual(at("2026-03-29T05:00:00Z")); // 06:00 BST
  });

  it("America/New_York spring forward (8 Mar 2026): a 24-hour open day is 23 hours long", () => {
    expect(businessMinutesBetween(at("2026-03-07T17:00:00Z"), at("2026-03-08T16:00:00Z"), nyAllDay)).toBe(23 * 60); // Sat 12:00 EST → Sun 12:00 EDT
    expect(addBusinessMinutes(at("2026-03-07T17:00:00Z"), 1440, nyAllDay)).toEqual(at("2026-03-08T17:00:00Z")); // Sun 13:00 EDT
    // Fri 6 Mar 16:00 EST + 2 h → Mon 9 Mar 09:00 EDT (13:00 UTC).
    expect(addBusinessMinutes(at("2026-03-06T21:00:00Z"), 120, newYork)).toEqual(at("2026-03-09T13:00:00Z"));
  });

  it("America/New_York fall back (1 Nov 2026): a 24-hour open day is 25 hours long", () => {
    expect(businessMinutesBetween(at("2026-10-31T16:00:00Z"), at("2026-11-01T17:00:00Z"), nyAllDay)).toBe(25 * 60); // Sat 12:00 EDT → Sun 12:00 EST
    expect(addBusinessMinutes(at("2026-10-31T16:00:00Z"), 25 * 60, nyAllDay)).toEqual(at("2026-11-01T17:00:00Z"));
  });

  it("hours inside the skipped hour start when the clocks resume; an hour that happens twice counts twice", () => {
    const skipped: CalendarSpec = { timeZone: "America/New_York", hours: { "0": [[H(2, 30), H(4)]] }, holidays: [] }; // Sundays 02:30–04:00
    expect(businessMinutesBetween(at("2026-03-01T00:00:00Z"), at("2026-03-02T00:00:00Z"), skipped)).toBe(90); // an ordinary Sunday
    expect(businessMinutesBetween(at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z"), skipped)).toBe(30); // 03:30 → 04:00 EDT
    const twice: CalendarSpec = { timeZone: "America/New_York", hours: { "0": [[H(1), H(2)]] }, holidays: [] }; // Sundays 01:00–02:00
    expect(businessMinutesBetween(at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z"), twice)).toBe(120); // 01:00 EDT → 02:00 EST
  });

  it("local wall times map to the right instants around the changes", () => {
    expect(new Date(zonedWallToInstant(Date.UTC(2026, 2, 8, 1, 30), "America/New_York"))).toEqual(
      at("2026-03-08T06:30:00Z"),
    ); // EST
    expect(new Date(zonedWallToInstant(Date.UTC(2026, 2, 8, 2, 30), "America/New_York"))).toEqual(
      at("2026-03-08T07:30:00Z"),
    ); // skipped → 03:30 EDT
    expect(new Date(zonedWallToInstant(Date.UTC(2026, 10, 1, 1, 30), "America/New_York"))).toEqual(
      at("2026-11-01T05:30:00Z"),
    ); // first 01:30 (EDT)
    expect(localDate(at("2026-03-29T23:30:00Z"), "Europe/London")).toBe("2026-03-30");
    expect(localDate(at("2026-01-05T23:30:00Z"), "Europe/London")).toBe("2026-01-05");
  });

  it("adding then measuring gives back what was added, at any start over a year (London and New York)", () => {
    // A deterministic walk over 2026 with odd starts and amounts, including both DST changes.
    const split = (tz: string): CalendarSpec => ({
      timeZone: tz,
      hours: {
        ...weekdays([
          [H(8), H(12)],
          [H(13), H(17)],
        ]),
        "6": [[H(22), H(3)]],
      },
      holidays: ["2026-03-30", "2026-11-02", "2026-12-25"],
    });
    let seed = 42;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (const cal of [split("Europe/London"), split("America/New_York")]) {
      for (let i = 0; i < 150; i++) {
        const from = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 365 * 86_400) * 1000);
        const minutes = Math.floor(rand() * 5000);
        const due = addBusinessMinutes(from, minutes, cal);
        expect(businessMinutesBetween(from, due, cal), `${cal.timeZone} ${from.toISOString()} +${minutes}`).toBeCloseTo(
          minutes,
          6,
        );
        expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
      }
    }
  });
});

describe("calendars that cannot be used are refused with a reason", () => {
  it("an empty week", () => {
    const empty: CalendarSpec = { timeZone: "Europe/London", hours: { "1": [] }, holidays: [] };
    expect(calendarProblem(empty)).toMatch(/no open hours/);
    expect(() => addBusinessMinutes(at("2026-01-05T10:00:00Z"), 60, empty)).toThrow(/no open hours/);
    expect(() => businessMinutesBetween(at("2026-01-05T10:00:00Z"), at("2026-01-06T10:00:00Z"), empty)).toThrow(
      /no open hours/,
    );
  });

  it("unknown zones, bad weekdays, overlapping or malformed periods, bad holiday dates", () => {
    expect(calendarProblem({ ...london, timeZone: "Mars/Olympus" })).toMatch(/Unknown time zone/);
    expect(calendarProblem({ ...london, hours: { "7": [[540, 1020]] } })).toMatch(/Unknown weekday/);
    expect(
      calendarProblem({
        ...london,
        hours: {
          "1": [
            [540, 720],
            [700, 1020],
          ],
        },
      }),
    ).toBe("Monday: Periods on the same day overlap.");
    expect(calendarProblem({ ...london, hours: { "1": [[540, 540]] } })).toMatch(/same time/);
    expect(calendarProblem({ ...london, hours: { "1": [[540, 1500]] } })).toMatch(/24:00/);
    expect(
      calendarProblem({
        ...london,
        hours: {
          "1": [
            [1320, 360],
            [1380, 1440],
          ],
        },
      }),
    ).toMatch(/overlap/);
    expect(calendarProblem({ ...london, holidays: ["2026-02-30"] })).toMatch(/not a date/);
    expect(calendarProblem(london)).toBeNull();
  });

  it("a calendar closed for more than ten years by holidays is reported, not looped on", () => {
    const onlyOneDay: CalendarSpec = { timeZone: "UTC", hours: { "1": [[540, 600]] }, holidays: [] };
    const mondays: string[] = [];
    for (let t = Date.UTC(2026, 0, 5); t < Date.UTC(2037, 0, 1); t += 7 * 86_400_000)
      mondays.push(new Date(t).toISOString().slice(0, 10));
    expect(() => addBusinessMinutes(at("2026-01-01T00:00:00Z"), 60, { ...onlyOneDay, holidays: mondays })).toThrow(
      /ten years/,
    );
  });
});
