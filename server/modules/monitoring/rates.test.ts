import { describe, expect, it } from "vitest";
import { bitsPerSecond, counterDelta, COUNTER32, COUNTER64, interfaceRates, intervalBetween } from "./rates";

// The rate maths a traffic chart stands on: what a wrap, a reboot or a counter reset becomes.

const t0 = new Date("2026-12-04T10:00:00Z");
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const reading = (
  seconds: number,
  uptimeCs: number,
  inOctets: bigint,
  outOctets: bigint = inOctets,
  speedMbps: number | null = 1000,
) => ({
  at: later(seconds),
  sysUpTimeCs: uptimeCs,
  inOctets,
  outOctets,
  inErrors: 10n,
  outErrors: 0n,
  speedMbps,
});

describe("counterDelta", () => {
  it("is the plain difference when the counter grew", () => {
    expect(counterDelta(1_000n, 4_000n)).toBe(3_000n);
  });
  it("counts across a 64-bit wrap", () => {
    expect(counterDelta(COUNTER64 - 100n, 50n)).toBe(150n);
  });
  it("counts across a 32-bit wrap for Counter32", () => {
    expect(counterDelta(COUNTER32 - 1n, 9n, COUNTER32)).toBe(10n);
  });
});

describe("intervalBetween", () => {
  it("uses the device's own clock: 300.5 s of uptime over a 301 s poll gap", () => {
    expect(intervalBetween({ at: t0, sysUpTimeCs: 10_000 }, { at: later(301), sysUpTimeCs: 40_050 })).toEqual({
      ok: true,
      seconds: 300.5,
    });
  });
  it("calls a sysUpTime that went backwards a reboot", () => {
    expect(intervalBetween({ at: t0, sysUpTimeCs: 9_000_000 }, { at: later(300), sysUpTimeCs: 1_200 })).toEqual({
      ok: false,
      reason: "rebooted",
    });
  });
  it("calls an uptime that moved far less than the wall clock a reboot (a long gap)", () => {
    // Polled an hour apart; the device has been up 20 minutes, more than it had before.
    expect(intervalBetween({ at: t0, sysUpTimeCs: 60_000 }, { at: later(3_600), sysUpTimeCs: 120_000 })).toEqual({
      ok: false,
      reason: "rebooted",
    });
  });
  it("tells sysUpTime's own 32-bit wrap (497 days) from a reboot", () => {
    const prev = { at: t0, sysUpTimeCs: 2 ** 32 - 10_000 };
    expect(intervalBetween(prev, { at: later(300), sysUpTimeCs: 20_000 })).toEqual({ ok: true, seconds: 300 });
  });
  it("refuses readings that are not in time order", () => {
    expect(intervalBetween({ at: later(10), sysUpTimeCs: 1 }, { at: t0, sysUpTimeCs: 2 })).toEqual({
      ok: false,
      reason: "not-after",
    });
  });
});

describe("bitsPerSecond", () => {
  it("is octets × 8 over the seconds", () => {
    expect(bitsPerSecond(0n, 37_500_000n, 300, 1000)).toBe(1_000_000);
  });
  it("gives no rate for a step faster than the interface (a counter reset, not a wrap)", () => {
    // Counter fell from 5 GB to 1 kB with the device up: modulo 2^64 that would be ~491 Pb/s.
    expect(bitsPerSecond(5_000_000_000n, 1_000n, 300, 1000)).toBeNull();
    expect(bitsPerSecond(5_000_000_000n, 1_000n, 300, null)).toBeNull();
  });
});

describe("interfaceRates", () => {
  it("has no rate on the first reading", () => {
    expect(interfaceRates(null, reading(0, 100, 0n))).toMatchObject({ inBps: null, outBps: null, noRate: "first" });
  });

  it("turns 300 s of counters into bits/s and errors into a count", () => {
    const prev = reading(0, 100, 1_000n, 2_000n);
    const cur = { ...reading(300, 30_100, 1_000n + 375_000_000n, 2_000n + 75_000_000n), inErrors: 13n };
    expect(interfaceRates(prev, cur)).toEqual({ inBps: 10_000_000, outBps: 2_000_000, inErrors: 3n, outErrors: 0n });
  });

  it("keeps an ordinary rate across a 64-bit wrap", () => {
    const prev = reading(0, 100, COUNTER64 - 37_500_000n);
    const cur = reading(300, 30_100, 37_500_000n);
    expect(interfaceRates(prev, cur)).toMatchObject({ inBps: 2_000_000, outBps: 2_000_000 });
  });

  it("gives no rate, not a spike, when the device rebooted", () => {
    const prev = reading(0, 8_640_000, 900_000_000_000n);
    const cur = reading(300, 6_000, 40_000n);
    expect(interfaceRates(prev, cur)).toEqual({
      inBps: null,
      outBps: null,
      inErrors: null,
      outErrors: null,
      noRate: "rebooted",
    });
  });

  it("gives no rate for a counter that fell without a reboot", () => {
    const prev = reading(0, 100, 900_000_000_000n);
    const cur = reading(300, 30_100, 40_000n);
    expect(interfaceRates(prev, cur)).toMatchObject({ inBps: null, noRate: "reset" });
  });
});
