import { withTenant } from "../../db/tenant";
import { Invalid } from "../../lib/errors";
import { newId } from "../../lib/ids";
import type { Actor, Scope } from "../scope";
import * as subscriptions from "../subscriptions/service";
import * as vouchers from "../vouchers/redemption";

// RADIUS accounting: the NAS reports each session (PPPoE or hotspot) with Start, Interim-Update
// every few minutes, and Stop. Its counters are totals since the session began, so the last
// totals are kept per session (RadiusSession) and only the difference is added to the
// subscriber's day (UsageDaily) or the voucher's allowance. That makes the ingestion idempotent:
//  • a packet sent again (the NAS retries until it hears back) adds nothing the second time;
//  • a late retry of an older packet (its Acct-Session-Time is below what we have) is ignored;
//  • a counter that goes backwards (the NAS restarted it) becomes the new baseline: nothing is
//    added for it, so a customer is never charged twice for the same bytes;
//  • a Start never touches the counters (it carries none), so a retried Start cannot reset them.
//
// Direction (RFC 2866 §5.3/5.4): Acct-Input-Octets are octets the NAS *received from* the
// subscriber's port, i.e. the subscriber's upload; Acct-Output-Octets are octets it *sent to*
// the port, the subscriber's download. Each is a 32-bit counter; Acct-*-Gigawords (RFC 2869)
// count its 4 GiB wraps, so the total is octets + gigawords × 2³².

const TWO_POW_32 = 1n << 32n;
const MIB = 1n << 20n;
/** Acct-Delay-Time beyond a day is a NAS clock problem, not a real delay. */
const MAX_DELAY_SECONDS = 86_400;

export type AcctStatus = "Start" | "Interim-Update" | "Stop" | "Accounting-On" | "Accounting-Off";
const STATUS_CODES: Record<string, AcctStatus> = {
  "1": "Start",
  "2": "Stop",
  "3": "Interim-Update",
  "7": "Accounting-On",
  "8": "Accounting-Off",
  alive: "Interim-Update",
};

export interface AccountingPacket {
  /** null: a status we do not account (Failed, tunnel records…). */
  status: AcctStatus | null;
  username: string | null;
  acctSessionId: string | null;
  nasIp: string | null;
  framedIp: string | null;
  callingStation: string | null;
  /** Subscriber upload, bytes since the session began. */
  inputBytes: bigint | null;
  /** Subscriber download, bytes since the session began. */
  outputBytes: bigint | null;
  sessionSeconds: number | null;
  terminateCause: string | null;
  /** When the NAS produced the report: received time less Acct-Delay-Time. */
  at: Date;
}

function statusOf(raw: string | undefined): AcctStatus | null {
  if (!raw) return null;
  const known = (["Start", "Interim-Update", "Stop", "Accounting-On", "Accounting-Off"] as const).find(
    (s) => s.toLowerCase() === raw.toLowerCase(),
  );
  return known ?? STATUS_CODES[raw.toLowerCase()] ?? null;
}

const wholeNumber = (raw: string | undefined): bigint | null =>
  raw && /^\d{1,20}$/.test(raw.trim()) ? BigInt(raw.trim()) : null;

/** 64-bit octets from the 32-bit counter and its gigawords. */
function octets(low: string | undefined, gigawords: string | undefined): bigint | null {
  const l = wholeNumber(low);
  const g = wholeNumber(gigawords);
  if (l === null && g === null) return null;
  return (g ?? 0n) * TWO_POW_32 + (l ?? 0n);
}

const text = (raw: string | undefined, max = 253): string | null =>
  raw && raw.trim() ? raw.trim().slice(0, max) : null;

/** An accounting packet from its attributes (lower-case names, first values as text). */
export function accountingPacket(attrs: ReadonlyMap<string, string>, receivedAt: Date = new Date()): AccountingPacket {
  const delay = Number(wholeNumber(attrs.get("acct-delay-time")) ?? 0n);
  const seconds = wholeNumber(attrs.get("acct-session-time"));
  return {
    status: statusOf(attrs.get("acct-status-type")),
    username: text(attrs.get("user-name")),
    acctSessionId: text(attrs.get("acct-session-id")),
    nasIp: text(attrs.get("nas-ip-address") ?? attrs.get("nas-ipv6-address"), 64),
    framedIp: text(attrs.get("framed-ip-address"), 64),
    callingStation: text(attrs.get("calling-station-id"), 64),
    inputBytes: octets(attrs.get("acct-input-octets"), attrs.get("acct-input-gigawords")),
    outputBytes: octets(attrs.get("acct-output-octets"), attrs.get("acct-output-gigawords")),
    // Acct-Session-Time is a 32-bit count of seconds; the column is a 32-bit signed int.
    sessionSeconds: seconds === null ? null : Number(seconds > 2_147_483_647n ? 2_147_483_647n : seconds),
    terminateCause: text(attrs.get("acct-terminate-cause"), 64),
    at: new Date(receivedAt.getTime() - Math.min(delay, MAX_DELAY_SECONDS) * 1000),
  };
}

/** What a reported total adds to the stored one: the difference, or nothing when the counter went backwards (new baseline). */
export function counterStep(stored: bigint, reported: bigint | null): { added: bigint; baseline: bigint } {
  if (reported === null) return { added: 0n, baseline: stored };
  return reported >= stored ? { added: reported - stored, baseline: reported } : { added: 0n, baseline: reported };
}

/** Whole MiB crossed when a running total goes from `before` to `after` bytes (the remainder carries over). */
export function mibCrossed(before: bigint, after: bigint): number {
  return Number(after / MIB - before / MIB);
}

export interface AccountingResult {
  outcome: "recorded" | "ignored" | "nas_restarted";
  sessionId?: string;
  added: { downloadBytes: bigint; uploadBytes: bigint; seconds: number };
  /** Sessions closed by an Accounting-On/Off of the NAS. */
  closed?: number;
}

const NOTHING = { downloadBytes: 0n, uploadBytes: 0n, seconds: 0 };

interface SessionRow {
  id: string;
  subscriptionId: string | null;
  voucherId: string | null;
  inputBytes: bigint;
  outputBytes: bigint;
  sessionSeconds: number;
  updatedAt: Date;
  stoppedAt: Date | null;
}

/** The session's row, locked: packets of one session are applied one at a time. */
async function lockSession(scope: Scope, username: string, acctSessionId: string): Promise<SessionRow | null> {
  const rows = await scope.tx.$queryRaw<SessionRow[]>`
    SELECT id, "subscriptionId", "voucherId", "inputBytes", "outputBytes", "sessionSeconds", "updatedAt", "stoppedAt"
    FROM "RadiusSession" WHERE "companyId" = ${scope.companyId} AND username = ${username} AND "acctSessionId" = ${acctSessionId}
    FOR UPDATE`;
  return rows[0] ?? null;
}

/** Whose session this is: a PPPoE subscription, a voucher, or (an unknown login) nobody's. */
async function ownerOf(
  scope: Scope,
  username: string,
): Promise<{ subscriptionId: string | null; voucherId: string | null }> {
  const login = await subscriptions.pppoeLogin(scope, username, { withPassword: false });
  if (login) return { subscriptionId: login.id, voucherId: null };
  return { subscriptionId: null, voucherId: await vouchers.idOfCode(scope, username) };
}

/** Adds to the subscription's usage of the UTC day of `at`; one row per subscription and day. */
async function addDailyUsage(
  scope: Scope,
  subscriptionId: string,
  at: Date,
  downloadBytes: bigint,
  uploadBytes: bigint,
) {
  const day = at.toISOString().slice(0, 10);
  await scope.tx.$executeRaw`
    INSERT INTO "UsageDaily" ("companyId", "subscriptionId", day, "downloadBytes", "uploadBytes")
    VALUES (${scope.companyId}, ${subscriptionId}, ${day}::date, ${downloadBytes}, ${uploadBytes})
    ON CONFLICT ("subscriptionId", day) DO UPDATE
      SET "downloadBytes" = "UsageDaily"."downloadBytes" + EXCLUDED."downloadBytes",
          "uploadBytes" = "UsageDaily"."uploadBytes" + EXCLUDED."uploadBytes"`;
}

/** A NAS that restarted (Accounting-On/Off) has no sessions any more: close the ones still open. */
async function closeNasSessions(scope: Scope, p: AccountingPacket): Promise<AccountingResult> {
  if (!p.nasIp) return { outcome: "ignored", added: NOTHING };
  const { count } = await scope.tx.radiusSession.updateMany({
    where: { nasIp: p.nasIp, stoppedAt: null, startedAt: { lte: p.at } },
    data: { stoppedAt: p.at, updatedAt: p.at, terminateCause: "NAS-Reboot" },
  });
  return { outcome: "nas_restarted", added: NOTHING, closed: count };
}

/** Applies one accounting packet. Safe to call again with the same packet. */
export async function account(companyId: string, actor: Actor, p: AccountingPacket): Promise<AccountingResult> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor };
    if (p.status === "Accounting-On" || p.status === "Accounting-Off") return closeNasSessions(scope, p);
    if (!p.status) return { outcome: "ignored", added: NOTHING };
    if (!p.username || !p.acctSessionId) {
      throw new Invalid("An accounting record needs User-Name and Acct-Session-Id.", {
        ...(p.username ? {} : { "User-Name": "Required." }),
        ...(p.acctSessionId ? {} : { "Acct-Session-Id": "Required." }),
      });
    }
    const { username, acctSessionId } = { username: p.username, acctSessionId: p.acctSessionId };
    const where = { nasIp: p.nasIp, framedIp: p.framedIp, callingStation: p.callingStation };

    let s = await lockSession(scope, username, acctSessionId);
    if (!s) {
      const owner = await ownerOf(scope, username);
      // Without a Start (lost, or the NAS sends none) the session began Acct-Session-Time ago.
      const startedAt = p.status === "Start" ? p.at : new Date(p.at.getTime() - (p.sessionSeconds ?? 0) * 1000);
      // skipDuplicates: two packets of a new session arriving together both insert; one row wins and both then lock it.
      await tx.radiusSession.createMany({
        data: [{ id: newId(), companyId, acctSessionId, username, ...owner, ...where, startedAt, updatedAt: p.at }],
        skipDuplicates: true,
      });
      s = (await lockSession(scope, username, acctSessionId))!;
    } else if (p.status === "Start" && s.stoppedAt && p.at > s.stoppedAt) {
      // NASes number sessions afresh after a reboot: a Start after the Stop is a new session on the same row.
      const owner = await ownerOf(scope, username);
      await tx.radiusSession.update({
        where: { id: s.id },
        data: {
          ...owner,
          ...where,
          startedAt: p.at,
          updatedAt: p.at,
          stoppedAt: null,
          terminateCause: null,
          inputBytes: 0n,
          outputBytes: 0n,
          sessionSeconds: 0,
        },
      });
      s = { ...s, ...owner, inputBytes: 0n, outputBytes: 0n, sessionSeconds: 0, updatedAt: p.at, stoppedAt: null };
    }

    // Counters come with Interim-Update and Stop only; an older packet than the last one applied changes nothing.
    const stale = p.sessionSeconds !== null && p.sessionSeconds < s.sessionSeconds;
    const counts = (p.status === "Interim-Update" || p.status === "Stop") && !stale;
    const up = counts ? counterStep(s.inputBytes, p.inputBytes) : { added: 0n, baseline: s.inputBytes };
    const down = counts ? counterStep(s.outputBytes, p.outputBytes) : { added: 0n, baseline: s.outputBytes };
    const seconds = counts && p.sessionSeconds !== null ? Math.max(0, p.sessionSeconds - s.sessionSeconds) : 0;
    const stops = p.status === "Stop" && !s.stoppedAt;

    await tx.radiusSession.update({
      where: { id: s.id },
      data: {
        inputBytes: up.baseline,
        outputBytes: down.baseline,
        sessionSeconds: counts && p.sessionSeconds !== null ? p.sessionSeconds : s.sessionSeconds,
        updatedAt: p.at > s.updatedAt ? p.at : s.updatedAt,
        ...(p.nasIp ? { nasIp: p.nasIp } : {}),
        ...(p.framedIp ? { framedIp: p.framedIp } : {}),
        ...(p.callingStation ? { callingStation: p.callingStation } : {}),
        ...(stops ? { stoppedAt: p.at, terminateCause: p.terminateCause } : {}),
      },
    });

    if (s.subscriptionId && (up.added > 0n || down.added > 0n))
      await addDailyUsage(scope, s.subscriptionId, p.at, down.added, up.added);
    if (s.voucherId) {
      // The Start also starts an unused voucher's clock, in case FreeRADIUS does not call post-auth.
      if (p.status === "Start")
        await vouchers.activate(scope, username, p.at, { nasIp: p.nasIp, callingStation: p.callingStation });
      if (p.status !== "Start") {
        // A voucher's allowance counts both directions, in whole MiB; the part of a MiB carries over within the session.
        const before = s.inputBytes + s.outputBytes;
        const mb = mibCrossed(before, before + up.added + down.added);
        await vouchers.addUsage(scope, s.voucherId, { mb, seconds }, p.at);
      }
    }
    return {
      outcome: "recorded",
      sessionId: s.id,
      added: { downloadBytes: down.added, uploadBytes: up.added, seconds },
    };
  });
}
