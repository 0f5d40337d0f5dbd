// What a ticket's SLA clocks look like right now: pure and browser-safe, so the ticket page and
// the queue tick locally (every 30 s) with exactly the numbers the server would compute.
//
// secondsLeft is wall-clock time until the stored due time (what a person plans with: "due in
// 2 h 10 m"), negative once overdue. pct is the share of the *target* used up, in the ticket's
// calendar: with business hours, a night does not use any of it. Pass the ticket's calendar
// (null for 24×7) to get that exactly; without one the clock is treated as 24×7.
import { businessSecondsBetween, type Calendar } from "./clock";

/** At this share of a target a running clock is "near breach" (amber) and the first rule fires. */
export const NEAR_BREACH_PCT = 75;

export type ClockStatus =
  "NEW" | "ASSIGNED" | "IN_PROGRESS" | "WAITING_ON_CUSTOMER" | "RESOLVED" | "CLOSED" | "REOPENED";

/** The stored SLA fields of a ticket (a Ticket row has them all). */
export interface ClockTicket {
  status: ClockStatus;
  responseTargetMin: number;
  resolutionTargetMin: number;
  responseDueAt: Date | string | null;
  resolutionDueAt: Date | string | null;
  slaPausedAt: Date | string | null;
  resolutionLeftSec: number | null;
  firstRespondedAt: Date | string | null;
  responseBreached: boolean;
  resolutionBreached: boolean;
  resolvedAt?: Date | string | null;
  closedAt?: Date | string | null;
  /** The ticket's business calendar; null: 24×7; left out: treated as 24×7. */
  calendar?: Calendar;
}

export interface ClockView {
  response: { dueAt: Date | null; secondsLeft: number | null; pct: number; breached: boolean; met: boolean };
  resolution: {
    dueAt: Date | null;
    secondsLeft: number | null;
    pct: number;
    breached: boolean;
    paused: boolean;
    met: boolean;
  };
  /** A running clock has used NEAR_BREACH_PCT of its target and has not breached yet. */
  nearBreach: boolean;
}

const toDate = (v: Date | string | null | undefined): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(v);

/** A resolved or closed ticket's clocks have stopped; every other status keeps them running. */
export const STOPPED_STATUSES = ["RESOLVED", "CLOSED"] as const satisfies readonly ClockStatus[];
export const isStopped = (status: ClockStatus) => (STOPPED_STATUSES as readonly ClockStatus[]).includes(status);

/** Share (0–∞, whole percent) of a target used when `leftSec` business seconds remain. */
function usedPct(targetMin: number, leftSec: number): number {
  if (targetMin <= 0) return 100;
  return Math.max(0, Math.floor(((targetMin * 60 - leftSec) / (targetMin * 60)) * 100));
}

export function clockView(ticket: ClockTicket, now: Date): ClockView {
  const cal = ticket.calendar ?? null;
  const stopped = isStopped(ticket.status);
  const stoppedAt = toDate(ticket.resolvedAt) ?? toDate(ticket.closedAt) ?? now;

  // Response: runs until the first staff response (or the ticket is resolved without one).
  const responseDue = toDate(ticket.responseDueAt);
  const responded = toDate(ticket.firstRespondedAt);
  const responseEnd = responded ?? (stopped ? stoppedAt : null);
  let response: ClockView["response"];
  if (!responseDue) {
    response = { dueAt: null, secondsLeft: null, pct: 0, breached: ticket.responseBreached, met: false };
  } else {
    const at = responseEnd ?? now;
    const pct = usedPct(ticket.responseTargetMin, businessSecondsBetween(at, responseDue, cal));
    const breached = ticket.responseBreached || at.getTime() > responseDue.getTime();
    response = {
      dueAt: responseDue,
      secondsLeft: responseEnd ? null : Math.floor((responseDue.getTime() - now.getTime()) / 1000),
      pct,
      breached,
      met: !!responded && !breached,
    };
  }

  // Resolution: paused while waiting on the customer (what was left is stored), stops on resolve.
  const paused = ticket.slaPausedAt !== null && ticket.resolutionLeftSec !== null && !stopped;
  const resolutionDue = toDate(ticket.resolutionDueAt);
  let resolution: ClockView["resolution"];
  if (paused) {
    const left = ticket.resolutionLeftSec!;
    resolution = {
      dueAt: null,
      secondsLeft: null,
      pct: usedPct(ticket.resolutionTargetMin, left),
      breached: ticket.resolutionBreached || left <= 0,
      paused: true,
      met: false,
    };
  } else if (!resolutionDue) {
    resolution = {
      dueAt: null,
      secondsLeft: null,
      pct: 0,
      breached: ticket.resolutionBreached,
      paused: false,
      met: false,
    };
  } else {
    const at = stopped ? stoppedAt : now;
    const breached = ticket.resolutionBreached || at.getTime() > resolutionDue.getTime();
    resolution = {
      dueAt: resolutionDue,
      secondsLeft: stopped ? null : Math.floor((resolutionDue.getTime() - now.getTime()) / 1000),
      pct: usedPct(ticket.resolutionTargetMin, businessSecondsBetween(at, resolutionDue, cal)),
      breached,
      paused: false,
      met: stopped && !breached,
    };
  }

  const responseRunning = !!responseDue && !responseEnd;
  const resolutionRunning = !!resolutionDue && !paused && !stopped;
  const nearBreach =
    (responseRunning && !response.breached && response.pct >= NEAR_BREACH_PCT) ||
    (resolutionRunning && !resolution.breached && resolution.pct >= NEAR_BREACH_PCT);
  return { response, resolution, nearBreach };
}

/** "2h 10m", "3d 4h", "45m", "under a minute" — for a number of seconds (sign ignored). */
export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 60) return "under a minute";
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  return `${m}m`;
}
