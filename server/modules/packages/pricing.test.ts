import { describe, expect, it } from "vitest";
import { applyBps, priceFor } from "./pricing";

describe("applyBps rounds half-up to the minor unit", () => {
  it.each([
    [1000, 500, 50],
    [999, 500, 50], // 49.95 → 50
    [989, 500, 49], // 49.45 → 49
    [10, 5000, 5],
    [1, 5000, 1], // 0.5 → 1
    [1, 4999, 0],
    [12345, 10_000, 12345],
    [0, 2500, 0],
  ])("%i × %i bps = %i", (value, bps, expected) => expect(applyBps(value, bps)).toBe(expected));

  it("stays exact on very large lines", () => {
    expect(applyBps(900_719_925_474_099, 3333)).toBe(300_209_951_160_517);
  });
});

describe("priceFor", () => {
  const pkg = {
    priceMinor: 2_999,
    promoPriceMinor: 1_999,
    promoCycles: 2,
    volumeDiscounts: [
      { minQuantity: 5, discountBps: 500 },
      { minQuantity: 10, discountBps: 1_250 },
    ],
  };

  it("uses the promotional price for the first N cycles only", () => {
    expect(priceFor(pkg, { cycleIndex: 0, quantity: 1 })).toMatchObject({
      unitPriceMinor: 1_999,
      totalMinor: 1_999,
      promotional: true,
    });
    expect(priceFor(pkg, { cycleIndex: 1, quantity: 1 })).toMatchObject({ unitPriceMinor: 1_999, promotional: true });
    expect(priceFor(pkg, { cycleIndex: 2, quantity: 1 })).toMatchObject({
      unitPriceMinor: 2_999,
      totalMinor: 2_999,
      promotional: false,
    });
  });

  it("applies the best volume tier reached, on the line total", () => {
    expect(priceFor(pkg, { cycleIndex: 5, quantity: 4 })).toMatchObject({
      subtotalMinor: 11_996,
      discountBps: 0,
      totalMinor: 11_996,
    });
    // 5 × 29.99 = 149.95; 5 % = 7.4975 → 7.50
    expect(priceFor(pkg, { cycleIndex: 5, quantity: 5 })).toEqual({
      unitPriceMinor: 2_999,
      quantity: 5,
      subtotalMinor: 14_995,
      discountBps: 500,
      discountMinor: 750,
      totalMinor: 14_245,
      promotional: false,
    });
    // 12 × 29.99 = 359.88; 12.5 % = 44.985 → 44.99
    expect(priceFor(pkg, { cycleIndex: 5, quantity: 12 })).toMatchObject({
      discountBps: 1_250,
      discountMinor: 4_499,
      totalMinor: 31_489,
    });
  });

  it("combines promotion and volume discount", () => {
    // 10 × 19.99 = 199.90; 12.5 % = 24.9875 → 24.99
    expect(priceFor(pkg, { cycleIndex: 0, quantity: 10 })).toMatchObject({
      subtotalMinor: 19_990,
      discountMinor: 2_499,
      totalMinor: 17_491,
      promotional: true,
    });
  });

  it("plain packages cost their price times the quantity", () => {
    expect(priceFor({ priceMinor: 500, volumeDiscounts: [] }, { cycleIndex: 0, quantity: 3 })).toMatchObject({
      totalMinor: 1_500,
      discountMinor: 0,
      promotional: false,
    });
    expect(
      priceFor(
        { priceMinor: 500, promoPriceMinor: null, promoCycles: null, volumeDiscounts: null },
        { cycleIndex: 0, quantity: 1 },
      ).totalMinor,
    ).toBe(500);
  });

  it("refuses nonsense inputs", () => {
    expect(() => priceFor(pkg, { cycleIndex: -1, quantity: 1 })).toThrow(RangeError);
    expect(() => priceFor(pkg, { cycleIndex: 0, quantity: 0 })).toThrow(RangeError);
    expect(() => priceFor(pkg, { cycleIndex: 0, quantity: 1.5 })).toThrow(RangeError);
  });
});
