import { describe, expect, it } from "vitest";
import { amountOn, bps, packageOn, statusOn, type SubscriptionHistory } from "./mrr";

// The day-by-day rules MRR is built on, without a database.

const history = (over: Partial<SubscriptionHistory>): SubscriptionHistory => ({
  customerId: "c1",
  quantity: 1,
  startDate: "2026-03-10",
  packageId: "now",
  statuses: [],
  packageChanges: [],
  ...over,
});

describe("a subscription's status on a day", () => {
  it("counts the first activation from the start date, whether activated before or after it", () => {
    const early = history({
      statuses: [
        { date: "2026-03-01", status: "PENDING" },
        { date: "2026-03-02", status: "ACTIVE" },
      ],
    });
    expect([statusOn(early, "2026-03-09"), statusOn(early, "2026-03-10")]).toEqual([null, "ACTIVE"]);
    const late = history({
      statuses: [
        { date: "2026-03-20", status: "PENDING" },
        { date: "2026-03-25", status: "ACTIVE" },
      ],
    });
    expect([statusOn(late, "2026-03-09"), statusOn(late, "2026-03-10")]).toEqual([null, "ACTIVE"]);
  });

  it("follows later changes from the day they were made, and is nothing if never activated", () => {
    const h = history({
      statuses: [
        { date: "2026-03-10", status: "ACTIVE" },
        { date: "2026-04-15", status: "SUSPENDED" },
        { date: "2026-04-20", status: "ACTIVE" },
        { date: "2026-05-31", status: "TERMINATED" },
      ],
    });
    expect(["2026-04-14", "2026-04-15", "2026-04-20", "2026-05-30", "2026-05-31"].map((d) => statusOn(h, d))).toEqual([
      "ACTIVE",
      "SUSPENDED",
      "ACTIVE",
      "ACTIVE",
      "TERMINATED",
    ]);
    expect(statusOn(history({ statuses: [{ date: "2026-03-01", status: "PENDING" }] }), "2026-06-01")).toBeNull();
  });
});

describe("a subscription's package on a day", () => {
  const h = history({
    packageChanges: [
      { date: "2026-04-01", from: "basic", to: "premium" },
      { date: "2026-05-15", from: "premium", to: "now" },
    ],
  });

  it("is the one it started on before the first change, then each change's from its effective date", () => {
    expect(["2026-03-31", "2026-04-01", "2026-05-14", "2026-05-15"].map((d) => packageOn(h, d))).toEqual([
      "basic",
      "premium",
      "premium",
      "now",
    ]);
    expect(packageOn(history({}), "2026-01-01")).toBe("now");
  });

  it("gives the month's amount only while it counts", () => {
    const prices = new Map([
      ["basic", { priceMinor: 2_000, billingCycle: "MONTHLY" as const }],
      ["premium", { priceMinor: 10_500, billingCycle: "QUARTERLY" as const }],
    ]);
    const active = history({
      quantity: 2,
      statuses: [
        { date: "2026-03-10", status: "ACTIVE" },
        { date: "2026-04-10", status: "SUSPENDED" },
      ],
      packageChanges: [{ date: "2026-04-01", from: "basic", to: "premium" }],
    });
    expect(amountOn(active, "2026-03-31", prices, false)).toBe(4_000);
    // 105.00 a quarter × 2 = 70.00 a month.
    expect(amountOn(active, "2026-04-05", prices, false)).toBe(7_000);
    expect(amountOn(active, "2026-04-30", prices, false)).toBe(0);
    expect(amountOn(active, "2026-04-30", prices, true)).toBe(7_000);
  });
});

describe("rates in basis points", () => {
  it("round half away from zero and have no base to divide by when it is 0", () => {
    expect([bps(1, 3), bps(2, 3), bps(1, 8), bps(-1, 8), bps(5, 0)]).toEqual([3_333, 6_667, 1_250, -1_250, null]);
  });
});
