import { describe, expect, it } from "vitest";
import { parseDate } from "../subscriptions/dates";
import {
  overageCharge,
  planChangeCharges,
  priceLine,
  recurringCharge,
  setupFeeCharge,
  totalsOf,
  type BillablePackage,
  type TaxContext,
} from "./engine";
import { periodFrom, type BilledCycle } from "./periods";
import { divRound } from "./rounding";

// Hand-computed invoices: every expected number is worked out in the comment beside it.

const d = parseDate;
const home20: BillablePackage & { billingCycle: BilledCycle } = {
  id: "pkg-home20",
  name: "Home 20",
  billingCycle: "MONTHLY",
  priceMinor: 2_500,
  setupFeeMinor: 0,
  taxCategory: "STANDARD",
};
const VAT = { id: "vat", name: "VAT", rateBps: 1_600 };
const EXCISE = { id: "excise", name: "Excise duty", rateBps: 1_500 };
const taxes = (over: Partial<TaxContext> = {}): TaxContext => ({
  taxMode: "EXCLUSIVE",
  rounding: "HALF_UP",
  currency: "USD",
  ratesByCategory: { STANDARD: [VAT] },
  exemptRateIds: new Set(),
  ...over,
});

function firstInvoiceLine(
  pkg: BillablePackage & { billingCycle: BilledCycle },
  start: string,
  opts: {
    alignment?: "CALENDAR" | "ANNIVERSARY";
    quantity?: number;
    rounding?: "HALF_UP" | "HALF_EVEN";
    from?: string;
  } = {},
) {
  const alignment = opts.alignment ?? "CALENDAR";
  const startDate = d(start);
  const period = periodFrom(d(opts.from ?? start), { startDate, cycle: pkg.billingCycle, alignment });
  return recurringCharge({
    pkg,
    subscriptionId: "sub-1",
    quantity: opts.quantity ?? 1,
    period,
    startDate,
    alignment,
    rounding: opts.rounding ?? "HALF_UP",
    currency: "USD",
  });
}

describe("rounding", () => {
  it("differs between half-up and half-even only on an exact half, symmetric for credits", () => {
    expect(divRound(3765n, 10n, "HALF_UP")).toBe(377n);
    expect(divRound(3765n, 10n, "HALF_EVEN")).toBe(376n);
    expect(divRound(3775n, 10n, "HALF_EVEN")).toBe(378n);
    expect(divRound(-3765n, 10n, "HALF_UP")).toBe(-377n);
    expect(divRound(3764n, 10n, "HALF_UP")).toBe(376n);
  });
});

describe("a start in mid-month, calendar alignment: prorated by the days of that month", () => {
  it("February (28 days): 10 Feb–28 Feb is 19/28 of the month", () => {
    const line = firstInvoiceLine(home20, "2026-02-10");
    // 2,500 × 19 / 28 = 1,696.43 → 1,696
    expect(line).toMatchObject({
      kind: "PRORATION",
      periodStart: d("2026-02-10"),
      periodEnd: d("2026-02-28"),
      grossMinor: 1_696,
    });
    expect(line.rule).toContain("19/28 days");
    // VAT 16 % added: 1,696 × 0.16 = 271.36 → 271; total 1,967.
    expect(priceLine(line, taxes())).toMatchObject({ netMinor: 1_696, taxMinor: 271, totalMinor: 1_967 });
  });

  it("April (30 days): 10 Apr–30 Apr is 21/30", () => {
    // 2,500 × 21 / 30 = 1,750 exactly
    expect(firstInvoiceLine(home20, "2026-04-10")).toMatchObject({ grossMinor: 1_750, periodEnd: d("2026-04-30") });
  });

  it("January (31 days): 10 Jan–31 Jan is 22/31", () => {
    // 2,500 × 22 / 31 = 1,774.19 → 1,774
    expect(firstInvoiceLine(home20, "2026-01-10")).toMatchObject({ grossMinor: 1_774, periodEnd: d("2026-01-31") });
  });

  it("a start on the 1st is a whole month, and the next period is the next month", () => {
    expect(firstInvoiceLine(home20, "2026-03-01")).toMatchObject({ kind: "RECURRING", grossMinor: 2_500 });
    expect(firstInvoiceLine(home20, "2026-01-10", { from: "2026-02-01" })).toMatchObject({
      kind: "RECURRING",
      periodStart: d("2026-02-01"),
      periodEnd: d("2026-02-28"),
      grossMinor: 2_500,
    });
  });

  it("quarterly: 15 Feb–31 Mar is 45 of the quarter's 90 days", () => {
    const quarterly = { ...home20, billingCycle: "QUARTERLY" as const, priceMinor: 7_500 };
    // 7,500 × 45 / 90 = 3,750
    expect(firstInvoiceLine(quarterly, "2026-02-15")).toMatchObject({ grossMinor: 3_750, periodEnd: d("2026-03-31") });
  });
});

describe("anniversary alignment", () => {
  it("cycles follow the start date, anchored on it through short months, never prorated", () => {
    const opts = { startDate: d("2026-01-31"), cycle: "MONTHLY" as const, alignment: "ANNIVERSARY" as const };
    const first = periodFrom(d("2026-01-31"), opts);
    expect(first).toMatchObject({ end: d("2026-02-27"), prorated: false });
    const second = periodFrom(d("2026-02-28"), opts);
    expect(second).toMatchObject({ end: d("2026-03-30"), prorated: false });
    expect(periodFrom(d("2026-03-31"), opts)).toMatchObject({ end: d("2026-04-29"), prorated: false });
    expect(firstInvoiceLine(home20, "2026-01-31", { alignment: "ANNIVERSARY" }).grossMinor).toBe(2_500);
  });
});

describe("taxes", () => {
  it("exclusive: each rate on the line's amount; an exact half rounds differently half-up and half-even", () => {
    const pkg = { ...home20, priceMinor: 2_510 };
    const line = firstInvoiceLine(pkg, "2026-03-01");
    const rates = { STANDARD: [VAT, EXCISE] };
    // VAT 2,510 × 0.16 = 401.6 → 402; excise 2,510 × 0.15 = 376.5 → 377 half-up, 376 half-even.
    expect(priceLine(line, taxes({ ratesByCategory: rates }))).toMatchObject({
      netMinor: 2_510,
      taxMinor: 779,
      totalMinor: 3_289,
      taxes: [
        { name: "VAT", taxableMinor: 2_510, taxMinor: 402 },
        { name: "Excise duty", taxableMinor: 2_510, taxMinor: 377 },
      ],
    });
    expect(priceLine(line, taxes({ ratesByCategory: rates, rounding: "HALF_EVEN" }))).toMatchObject({
      taxMinor: 778,
      totalMinor: 3_288,
      taxes: [{ taxMinor: 402 }, { taxMinor: 376 }],
    });
  });

  it("inclusive: the customer pays the price; net and taxes are taken out of it", () => {
    const line = firstInvoiceLine(home20, "2026-03-01");
    // 2,500 × 10000 / 11600 = 2,155.17 → net 2,155; VAT = 2,500 − 2,155 = 345.
    expect(priceLine(line, taxes({ taxMode: "INCLUSIVE" }))).toMatchObject({
      netMinor: 2_155,
      taxMinor: 345,
      totalMinor: 2_500,
    });
    // Two rates (31 %): net 2,500 × 10000 / 13100 = 1,908.40 → 1,908; 592 of tax:
    // VAT 1,908 × 0.16 = 305.28 → 305, excise takes the remaining 287.
    expect(
      priceLine(line, taxes({ taxMode: "INCLUSIVE", ratesByCategory: { STANDARD: [VAT, EXCISE] } })),
    ).toMatchObject({
      netMinor: 1_908,
      taxMinor: 592,
      totalMinor: 2_500,
      taxes: [{ taxMinor: 305 }, { taxMinor: 287 }],
    });
  });

  it("compound (Kenya): excise duty on the price, VAT on price + excise, exclusive and inclusive", () => {
    const line = firstInvoiceLine(home20, "2026-03-01");
    const kenya = {
      STANDARD: [
        { ...VAT, compound: true },
        { id: "excise", name: "Excise duty", rateBps: 2_000 },
      ],
    };
    // Excise 2,500 × 0.20 = 500; VAT (2,500 + 500) × 0.16 = 480; total 3,480.
    const exclusive = priceLine(line, taxes({ ratesByCategory: kenya }));
    expect(exclusive).toMatchObject({
      netMinor: 2_500,
      taxMinor: 980,
      totalMinor: 3_480,
      taxes: [
        { name: "Excise duty", taxableMinor: 2_500, taxMinor: 500 },
        { name: "VAT", taxableMinor: 3_000, taxMinor: 480 },
      ],
    });
    expect(exclusive.rule).toContain("VAT 16 % of US$30.00 = US$4.80");
    // Inclusive 2,500: net = 2,500 ÷ (1.20 × 1.16) = 1,795.98 → 1,796; excise 1,796 × 0.20 = 359.2 → 359;
    // VAT on 2,155 takes the rest: 2,500 − 1,796 − 359 = 345 (2,155 × 0.16 = 344.8).
    expect(priceLine(line, taxes({ taxMode: "INCLUSIVE", ratesByCategory: kenya }))).toMatchObject({
      netMinor: 1_796,
      taxMinor: 704,
      totalMinor: 2_500,
      taxes: [
        { name: "Excise duty", taxableMinor: 1_796, taxMinor: 359 },
        { name: "VAT", taxableMinor: 2_155, taxMinor: 345 },
      ],
    });
    // Without the flag the rates are parallel: VAT 400 + excise 500 on the same 2,500.
    const parallel = { STANDARD: [VAT, { id: "excise", name: "Excise duty", rateBps: 2_000 }] };
    expect(priceLine(line, taxes({ ratesByCategory: parallel }))).toMatchObject({ taxMinor: 900 });
  });

  it("an exempt customer pays no tax of that rate, and the rule says so; zero-rated packages have none", () => {
    const line = firstInvoiceLine(home20, "2026-03-01");
    const priced = priceLine(line, taxes({ exemptRateIds: new Set(["vat"]) }));
    expect(priced).toMatchObject({ taxMinor: 0, totalMinor: 2_500 });
    expect(priced.rule).toContain("exempt from VAT");
    const zero = firstInvoiceLine({ ...home20, taxCategory: "ZERO_RATED" }, "2026-03-01");
    expect(priceLine(zero, taxes())).toMatchObject({ taxMinor: 0, totalMinor: 2_500 });
  });
});

describe("promotions and volume discounts", () => {
  const promo = { ...home20, promoPriceMinor: 1_500, promoCycles: 2 };

  it("the promotional price holds for the first full cycles; a prorated first stub does not use one up", () => {
    // Stub 10–31 Jan at the promo price: 1,500 × 22 / 31 = 1,064.52 → 1,065.
    expect(firstInvoiceLine(promo, "2026-01-10")).toMatchObject({ unitPriceMinor: 1_500, grossMinor: 1_065 });
    expect(firstInvoiceLine(promo, "2026-01-10", { from: "2026-02-01" }).grossMinor).toBe(1_500);
    expect(firstInvoiceLine(promo, "2026-01-10", { from: "2026-03-01" }).grossMinor).toBe(1_500);
    expect(firstInvoiceLine(promo, "2026-01-10", { from: "2026-04-01" }).grossMinor).toBe(2_500);
    const anniversary = (from: string) =>
      firstInvoiceLine(promo, "2026-01-10", { alignment: "ANNIVERSARY", from }).grossMinor;
    expect([anniversary("2026-01-10"), anniversary("2026-02-10"), anniversary("2026-03-10")]).toEqual([
      1_500, 1_500, 2_500,
    ]);
  });

  it("the best reached volume tier discounts the whole line", () => {
    const corporate = {
      ...home20,
      name: "Corporate 50",
      priceMinor: 30_000,
      volumeDiscounts: [
        { minQuantity: 5, discountBps: 500 },
        { minQuantity: 10, discountBps: 1_000 },
      ],
    };
    const line = firstInvoiceLine(corporate, "2026-03-01", { quantity: 12 });
    // 30,000 × 12 = 360,000; 10 % off = 36,000; net 324,000; VAT 16 % = 51,840; total 375,840.
    expect(line).toMatchObject({ grossMinor: 360_000, discountBps: 1_000, discountMinor: 36_000 });
    expect(priceLine(line, taxes())).toMatchObject({ netMinor: 324_000, taxMinor: 51_840, totalMinor: 375_840 });
  });
});

describe("one-off and usage charges", () => {
  it("setup fee once, quantity 1", () => {
    expect(setupFeeCharge({ ...home20, setupFeeMinor: 5_000 }, "sub-1", "USD")).toMatchObject({
      kind: "SETUP_FEE",
      grossMinor: 5_000,
    });
    expect(setupFeeCharge(home20, "sub-1", "USD")).toBeNull();
  });

  it("overage: every started MB above the cap, at the price per GB of 1,024 MB", () => {
    const capped = { ...home20, dataCapMb: 10_240, overagePerGbMinor: 500 };
    const line = overageCharge({
      pkg: capped,
      subscriptionId: "sub-1",
      periodStart: d("2026-02-01"),
      periodEnd: d("2026-02-28"),
      usedBytes: 12_000n * 1_048_576n + 1n,
      rounding: "HALF_UP",
      currency: "USD",
    });
    // 12,000 MB and 1 byte used: 1,761 MB over; 1,761 × 500 / 1024 = 859.86 → 860.
    expect(line).toMatchObject({
      kind: "OVERAGE",
      quantity: 1_761,
      usedMb: 12_001,
      includedMb: 10_240,
      grossMinor: 860,
    });
    expect(
      overageCharge({
        pkg: capped,
        subscriptionId: "sub-1",
        periodStart: d("2026-02-01"),
        periodEnd: d("2026-02-28"),
        usedBytes: 10_240n * 1_048_576n,
        rounding: "HALF_UP",
        currency: "USD",
      }),
    ).toBeNull();
  });
});

describe("upgrades, downgrades and terminations in mid-period", () => {
  const home50 = { ...home20, id: "pkg-home50", name: "Home 50", priceMinor: 4_000 };
  const home10 = { ...home20, id: "pkg-home10", name: "Home 10", priceMinor: 1_500 };
  const change = (month: [string, string], effective: string, newPkg: typeof home50 | null) =>
    planChangeCharges({
      subscriptionId: "sub-1",
      billed: { start: d(month[0]), end: d(month[1]), amountMinor: 2_500, pkg: home20 },
      effectiveDate: d(effective),
      newPkg,
      quantity: 1,
      startDate: d("2025-06-01"),
      alignment: "CALENDAR",
      rounding: "HALF_UP",
      currency: "USD",
    }).map((l) => [l.kind, l.grossMinor, l.periodStart, l.periodEnd]);

  it("upgrade on 15 Feb (28 days): 14/28 of the old credited, 14/28 of the new charged", () => {
    expect(change(["2026-02-01", "2026-02-28"], "2026-02-15", home50)).toEqual([
      ["CREDIT", -1_250, d("2026-02-15"), d("2026-02-28")],
      ["PRORATION", 2_000, d("2026-02-15"), d("2026-02-28")],
    ]);
  });

  it("upgrade on 16 Apr (30 days): 15/30", () => {
    expect(change(["2026-04-01", "2026-04-30"], "2026-04-16", home50)).toEqual([
      ["CREDIT", -1_250, d("2026-04-16"), d("2026-04-30")],
      ["PRORATION", 2_000, d("2026-04-16"), d("2026-04-30")],
    ]);
  });

  it("downgrade on 20 Jan (31 days): 12/31", () => {
    // credit 2,500 × 12 / 31 = 967.74 → 968; new 1,500 × 12 / 31 = 580.65 → 581.
    expect(change(["2026-01-01", "2026-01-31"], "2026-01-20", home10)).toEqual([
      ["CREDIT", -968, d("2026-01-20"), d("2026-01-31")],
      ["PRORATION", 581, d("2026-01-20"), d("2026-01-31")],
    ]);
  });

  it("termination credits the unused days only; a change after the period repairs nothing", () => {
    expect(change(["2026-02-01", "2026-02-28"], "2026-02-15", null)).toEqual([
      ["CREDIT", -1_250, d("2026-02-15"), d("2026-02-28")],
    ]);
    expect(change(["2026-02-01", "2026-02-28"], "2026-03-01", null)).toEqual([]);
  });

  it("a credit line is taxed as the mirror of the charge, and invoice totals add the lines", () => {
    const lines = planChangeCharges({
      subscriptionId: "sub-1",
      billed: { start: d("2026-02-01"), end: d("2026-02-28"), amountMinor: 2_500, pkg: home20 },
      effectiveDate: d("2026-02-15"),
      newPkg: home50,
      quantity: 1,
      startDate: d("2025-06-01"),
      alignment: "CALENDAR",
      rounding: "HALF_UP",
      currency: "USD",
    }).map((l) => priceLine(l, taxes()));
    // −1,250 − 200 VAT; +2,000 + 320 VAT → net 750, tax 120, total 870.
    expect(totalsOf(lines)).toEqual({ subtotalMinor: 750, discountMinor: 0, taxMinor: 120, totalMinor: 870 });
  });
});
