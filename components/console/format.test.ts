import { describe, expect, it } from "vitest";
import { formatDay, formatMonth } from "./format";

// Reports hand the page calendar days and months already in the company's zone; people read them
// as words, never as ISO text, and no time zone may move them to the day before.

describe("report days and months", () => {
  it("shows a day as people read it, the same day whatever the zone", () => {
    expect(formatDay("2026-06-30")).toBe("30 Jun 2026");
    expect(formatDay("2026-01-01")).toBe("1 Jan 2026");
    expect(formatDay(null)).toBe("—");
  });

  it("shows a month as its short name and year", () => {
    expect(formatMonth("2026-06")).toBe("Jun 2026");
    expect(formatMonth("2025-12")).toBe("Dec 2025");
  });
});
