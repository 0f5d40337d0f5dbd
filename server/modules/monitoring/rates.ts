// Counters to rates, the LibreNMS way: the difference between two readings of a counter over the
// time between them. Pure functions; the ingest applies them to every interface of a poll.
//
// What can go wrong between two readings, and what we make of it:
//   - the counter wrapped (a 64-bit ifHCInOctets passes 2^64 - 1 and starts again at 0): the
//     difference is taken modulo 2^64, so a wrap is an ordinary interval; an agent without the
//     64-bit counters reports the 32-bit ifInOctets/ifOutOctets (counterBits 32), taken modulo
//     2^32 (a 1 Gb/s link wraps them every 34 s at full load: poll such agents often);
//   - the device rebooted (sysUpTime went backwards): every counter started again from 0, and a
//     "wrap" would be a spike of exabits. No rate for that interval;
//   - sysUpTime itself wrapped (a TimeTicks is 32 bits: 497 days in hundredths of a second): it
//     goes backwards without a reboot, from near 2^32 to a small number. Told apart from a reboot
//     by the elapsed wall-clock time;
//   - a counter went backwards without a reboot (an agent restarted, a line card reset its
//     counters): modulo 2^64 it would be an impossible rate. A rate above what the interface can
//     carry (ifHighSpeed, with room for bursts and rounding) or above 10 Tb/s when the speed is
//     unknown is no rate, not a spike.

export const COUNTER64 = 2n ** 64n;
export const COUNTER32 = 2n ** 32n;
/** sysUpTime is TimeTicks: 32 bits of hundredths of a second. */
const TIMETICKS = 2 ** 32;
/** A computed rate above the interface's speed by more than this factor is a counter reset. */
const SPEED_SLACK = 1.1;
/** Without a known speed, no interface carries more than this (bits/s). */
const MAX_UNKNOWN_BPS = 10e12;

export interface Reading {
  /** When the poll read it (wall clock of the poller). */
  at: Date;
  /** sysUpTime, hundredths of a second. */
  sysUpTimeCs: number;
}

export type Interval = { ok: true; seconds: number } | { ok: false; reason: "rebooted" | "not-after" };

/**
 * The seconds between two readings of a device, by its own clock (sysUpTime) when that is sane,
 * else by the poller's. Not ok when the device rebooted in between or the readings are not in order.
 */
export function intervalBetween(prev: Reading, cur: Reading): Interval {
  const wallSeconds = (cur.at.getTime() - prev.at.getTime()) / 1000;
  if (wallSeconds <= 0) return { ok: false, reason: "not-after" };
  let ticks = cur.sysUpTimeCs - prev.sysUpTimeCs;
  if (ticks < 0) {
    // Backwards: sysUpTime's own 32-bit wrap when the wrapped difference matches the wall clock
    // (within a minute or a tenth), else a reboot.
    const wrapped = ticks + TIMETICKS;
    const tolerance = Math.max(60, wallSeconds * 0.1);
    if (Math.abs(wrapped / 100 - wallSeconds) > tolerance) return { ok: false, reason: "rebooted" };
    ticks = wrapped;
  }
  // A device whose uptime moved far less than the wall clock restarted in between, even if the
  // new uptime is already above the old one (a long poll gap): no rate.
  if (ticks / 100 + Math.max(60, wallSeconds * 0.1) < wallSeconds) return { ok: false, reason: "rebooted" };
  return { ok: true, seconds: ticks > 0 ? ticks / 100 : wallSeconds };
}

/** The increase of a counter between two readings, modulo its width (a wrap is an ordinary step). */
export function counterDelta(prev: bigint, cur: bigint, width: bigint = COUNTER64): bigint {
  return cur >= prev ? cur - prev : width - prev + cur;
}

/**
 * Bits per second from two readings of an octet counter over `seconds`; null when the step is
 * impossible for the interface (a counter reset that is not a wrap).
 */
export function bitsPerSecond(
  prev: bigint,
  cur: bigint,
  seconds: number,
  speedMbps: number | null | undefined,
  width: bigint = COUNTER64,
): number | null {
  if (!(seconds > 0)) return null;
  // A previous reading too large for this counter's width (the agent went from 64 to 32 bits): no rate.
  if (prev >= width || cur >= width) return null;
  const bps = (Number(counterDelta(prev, cur, width)) * 8) / seconds;
  const ceiling = speedMbps && speedMbps > 0 ? speedMbps * 1e6 * SPEED_SLACK : MAX_UNKNOWN_BPS;
  return bps > ceiling ? null : bps;
}

export interface InterfaceReading {
  inOctets: bigint;
  outOctets: bigint;
  inErrors: bigint | null;
  outErrors: bigint | null;
  speedMbps: number | null;
  /** 32 for an agent without ifHC* counters (ifInOctets/ifOutOctets wrap at 2^32); 64 (default) otherwise. */
  counterBits?: 32 | 64;
}

export interface InterfaceRates {
  inBps: number | null;
  outBps: number | null;
  inErrors: bigint | null;
  outErrors: bigint | null;
  /** Why there is no rate: no previous reading, the device rebooted, the readings out of order, a counter reset. */
  noRate?: "first" | "rebooted" | "not-after" | "reset";
}

const NONE: Omit<InterfaceRates, "noRate"> = { inBps: null, outBps: null, inErrors: null, outErrors: null };

/** An interface's rates between its previous reading (if any) and this one. */
export function interfaceRates(
  prev: (InterfaceReading & Reading) | null,
  cur: InterfaceReading & Reading,
): InterfaceRates {
  if (!prev) return { ...NONE, noRate: "first" };
  const interval = intervalBetween(prev, cur);
  if (!interval.ok) return { ...NONE, noRate: interval.reason };
  const speed = cur.speedMbps ?? prev.speedMbps;
  const width = cur.counterBits === 32 ? COUNTER32 : COUNTER64;
  const inBps = bitsPerSecond(prev.inOctets, cur.inOctets, interval.seconds, speed, width);
  const outBps = bitsPerSecond(prev.outOctets, cur.outOctets, interval.seconds, speed, width);
  // Error counters are Counter32 (ifInErrors/ifOutErrors): they wrap at 2^32.
  const errors = (a: bigint | null, b: bigint | null) =>
    a === null || b === null ? null : counterDelta(a, b, COUNTER32);
  const rates = {
    inBps,
    outBps,
    inErrors: errors(prev.inErrors, cur.inErrors),
    outErrors: errors(prev.outErrors, cur.outErrors),
  };
  return inBps === null || outBps === null ? { ...rates, noRate: "reset" } : rates;
}
