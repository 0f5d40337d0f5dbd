import { Invalid } from "../../lib/errors";
import { newId } from "../../lib/ids";
import type { Actor, Scope } from "../scope";
import * as vouchers from "../vouchers/redemption";
import { normalizeVoucherCode } from "../vouchers/schema";
import { submit } from "./group-commit";

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
  /** duplicate: the packet changed nothing (a retry, or older than what is stored). */
  outcome: "recorded" | "duplicate" | "ignored" | "nas_restarted";
  sessionId?: string;
  added: { downloadBytes: bigint; uploadBytes: bigint; seconds: number };
  /** Sessions closed by an Accounting-On/Off of the NAS. */
  closed?: number;
}

const NOTHING = { downloadBytes: 0n, uploadBytes: 0n, seconds: 0 };

/** Throws Invalid for a packet that cannot be stored; nothing is written for it. */
export function validatePacket(p: AccountingPacket): void {
  if (!p.status || p.status === "Accounting-On" || p.status === "Accounting-Off") return;
  if (!p.username || !p.acctSessionId) {
    throw new Invalid("An accounting record needs User-Name and Acct-Session-Id.", {
      ...(p.username ? {} : { "User-Name": "Required." }),
      ...(p.acctSessionId ? {} : { "Acct-Session-Id": "Required." }),
    });
  }
}

/**
 * Applies one accounting packet. Safe to call again with the same packet. Concurrent calls share
 * one transaction (group-commit.ts); the answer comes once that transaction has committed.
 */
export async function account(companyId: string, actor: Actor, p: AccountingPacket): Promise<AccountingResult> {
  validatePacket(p);
  if (!p.status) return { outcome: "ignored", added: NOTHING };
  return submit(companyId, actor, p);
}

// ── applying packets, set-based ──────────────────────────────────────────────────────────────
// A list of packets of one company is applied inside the caller's transaction with a handful of
// statements whatever its length: lock the sessions the packets name (one SELECT … FOR UPDATE),
// find the owners of new sessions (one query each for subscriptions and vouchers) and insert
// them (one INSERT), replay the packets in arrival order in memory (the rules above, unchanged),
// then write the sessions' new state (one UPDATE) and the daily usage (one upsert). Only vouchers
// go through the vouchers module per packet: their allowance rules live there.

interface SessionRow {
  id: string;
  username: string;
  acctSessionId: string;
  subscriptionId: string | null;
  voucherId: string | null;
  nasIp: string | null;
  framedIp: string | null;
  callingStation: string | null;
  startedAt: Date;
  updatedAt: Date;
  stoppedAt: Date | null;
  inputBytes: bigint;
  outputBytes: bigint;
  sessionSeconds: number;
  terminateCause: string | null;
}

const SESSION_COLUMNS = `id, username, "acctSessionId", "subscriptionId", "voucherId", "nasIp", "framedIp", "callingStation",
  "startedAt", "updatedAt", "stoppedAt", "inputBytes", "outputBytes", "sessionSeconds", "terminateCause"`;

const sessionKey = (username: string, acctSessionId: string) => `${username}\u0000${acctSessionId}`;

/** The sessions named, locked in id order (the same order in every transaction, so two never deadlock on them). */
async function lockSessions(scope: Scope, keys: { username: string; acctSessionId: string }[]) {
  const rows = await scope.tx.$queryRawUnsafe<SessionRow[]>(
    `SELECT ${SESSION_COLUMNS} FROM "RadiusSession"
     WHERE "companyId" = $1 AND (username, "acctSessionId") IN (SELECT u, s FROM json_to_recordset($2::json) AS k(u text, s text))
     ORDER BY id FOR UPDATE`,
    scope.companyId,
    JSON.stringify(keys.map((k) => ({ u: k.username, s: k.acctSessionId }))),
  );
  return new Map(rows.map((r) => [sessionKey(r.username, r.acctSessionId), r]));
}

type Owner = { subscriptionId: string | null; voucherId: string | null };

/** Whose sessions these are: a PPPoE subscription, else a voucher, else (an unknown login) nobody's. */
async function ownersOf(scope: Scope, usernames: string[]): Promise<Map<string, Owner>> {
  const out = new Map<string, Owner>();
  if (usernames.length === 0) return out;
  const subs = await scope.tx.$queryRawUnsafe<{ u: string; id: string }[]>(
    `SELECT "pppoeUsername" AS u, id FROM "Subscription" WHERE "companyId" = $1 AND "pppoeUsername" = ANY(SELECT json_array_elements_text($2::json))`,
    scope.companyId,
    JSON.stringify(usernames),
  );
  for (const s of subs) out.set(s.u, { subscriptionId: s.id, voucherId: null });
  const codes = new Map<string, string[]>();
  for (const u of usernames) {
    const code = out.has(u) ? null : normalizeVoucherCode(u);
    if (code) codes.set(code, [...(codes.get(code) ?? []), u]);
  }
  if (codes.size > 0) {
    const found = await scope.tx.$queryRawUnsafe<{ code: string; id: string }[]>(
      `SELECT code, id FROM "Voucher" WHERE "companyId" = $1 AND code = ANY(SELECT json_array_elements_text($2::json))`,
      scope.companyId,
      JSON.stringify([...codes.keys()]),
    );
    for (const v of found)
      for (const u of codes.get(v.code) ?? []) out.set(u, { subscriptionId: null, voucherId: v.id });
  }
  return out;
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

/**
 * Applies `packets` in order inside `scope`'s transaction; one result per packet. Packets must
 * have passed validatePacket. Accounting-On/Off splits the list: what came before it is applied
 * first, so it closes exactly the sessions it would have closed one packet at a time.
 */
export async function applyPackets(scope: Scope, packets: readonly AccountingPacket[]): Promise<AccountingResult[]> {
  const results: AccountingResult[] = new Array(packets.length);
  let run: number[] = [];
  for (let i = 0; i < packets.length; i++) {
    const p = packets[i];
    if (!p.status) results[i] = { outcome: "ignored", added: NOTHING };
    else if (p.status === "Accounting-On" || p.status === "Accounting-Off") {
      await applySessionPackets(scope, packets, run, results);
      run = [];
      results[i] = await closeNasSessions(scope, p);
    } else run.push(i);
  }
  await applySessionPackets(scope, packets, run, results);
  return results;
}

type VoucherStep =
  | { kind: "activate"; username: string; at: Date; nasIp: string | null; callingStation: string | null }
  | { kind: "usage"; voucherId: string; mb: number; seconds: number; at: Date };

async function applySessionPackets(
  scope: Scope,
  packets: readonly AccountingPacket[],
  indexes: number[],
  results: AccountingResult[],
) {
  if (indexes.length === 0) return;
  const keys = new Map<string, { username: string; acctSessionId: string; first: AccountingPacket }>();
  for (const i of indexes) {
    const p = packets[i];
    const k = sessionKey(p.username!, p.acctSessionId!);
    if (!keys.has(k)) keys.set(k, { username: p.username!, acctSessionId: p.acctSessionId!, first: p });
  }
  let sessions = await lockSessions(scope, [...keys.values()]);
  const missing = [...keys].filter(([k]) => !sessions.has(k));
  // Owners are needed for new sessions and for a Start that reopens a stopped one.
  const reopening = indexes
    .map((i) => packets[i])
    .filter((p) => p.status === "Start" && sessions.get(sessionKey(p.username!, p.acctSessionId!))?.stoppedAt);
  const owners = await ownersOf(scope, [
    ...new Set([...missing.map(([, m]) => m.username), ...reopening.map((p) => p.username!)]),
  ]);
  const created = new Set<string>();
  if (missing.length > 0) {
    const rows = missing.map(([, m]) => {
      const p = m.first;
      // Without a Start (lost, or the NAS sends none) the session began Acct-Session-Time ago.
      const startedAt = p.status === "Start" ? p.at : new Date(p.at.getTime() - (p.sessionSeconds ?? 0) * 1000);
      const owner = owners.get(m.username) ?? { subscriptionId: null, voucherId: null };
      return {
        id: newId(),
        sid: m.acctSessionId,
        u: m.username,
        sub: owner.subscriptionId,
        vou: owner.voucherId,
        nas: p.nasIp,
        fip: p.framedIp,
        cs: p.callingStation,
        st: startedAt.toISOString(),
        up: p.at.toISOString(),
      };
    });
    // Two transactions inserting the same new session: one row wins (DO NOTHING) and both then lock it.
    const inserted = await scope.tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "RadiusSession" (id, "companyId", "acctSessionId", username, "subscriptionId", "voucherId", "nasIp", "framedIp", "callingStation", "startedAt", "updatedAt")
       SELECT r.id, $1, r.sid, r.u, r.sub, r.vou, r.nas, r.fip, r.cs, r.st, r.up
       FROM json_to_recordset($2::json) AS r(id text, sid text, u text, sub text, vou text, nas text, fip text, cs text, st timestamptz, up timestamptz)
       ORDER BY r.u, r.sid
       ON CONFLICT ("companyId", username, "acctSessionId") DO NOTHING RETURNING id`,
      scope.companyId,
      JSON.stringify(rows),
    );
    const ours = new Set(inserted.map((r) => r.id));
    for (const r of rows) if (ours.has(r.id)) created.add(sessionKey(r.u, r.sid));
    const locked = await lockSessions(
      scope,
      missing.map(([, m]) => m),
    );
    sessions = new Map([...sessions, ...locked]);
  }
  const original = new Map([...sessions].map(([k, s]) => [k, { ...s }]));
  const usage = new Map<string, { subscriptionId: string; day: string; down: bigint; up: bigint }>();
  const voucherSteps: VoucherStep[] = [];
  for (const i of indexes) {
    const p = packets[i];
    const k = sessionKey(p.username!, p.acctSessionId!);
    const s = sessions.get(k)!;
    const before = snapshot(s, false);
    if (p.status === "Start" && s.stoppedAt && p.at > s.stoppedAt) {
      // NASes number sessions afresh after a reboot: a Start after the Stop is a new session on the same row.
      // (A session that began and stopped within this list was not looked up above.)
      const owner = owners.get(p.username!) ?? (await ownersOf(scope, [p.username!])).get(p.username!);
      Object.assign(s, {
        subscriptionId: owner?.subscriptionId ?? null,
        voucherId: owner?.voucherId ?? null,
        nasIp: p.nasIp,
        framedIp: p.framedIp,
        callingStation: p.callingStation,
        startedAt: p.at,
        updatedAt: p.at,
        stoppedAt: null,
        terminateCause: null,
        inputBytes: 0n,
        outputBytes: 0n,
        sessionSeconds: 0,
      });
    }
    // Counters come with Interim-Update and Stop only; an older packet than the last one applied changes nothing.
    const stale = p.sessionSeconds !== null && p.sessionSeconds < s.sessionSeconds;
    const counts = (p.status === "Interim-Update" || p.status === "Stop") && !stale;
    const up = counts ? counterStep(s.inputBytes, p.inputBytes) : { added: 0n, baseline: s.inputBytes };
    const down = counts ? counterStep(s.outputBytes, p.outputBytes) : { added: 0n, baseline: s.outputBytes };
    const seconds = counts && p.sessionSeconds !== null ? Math.max(0, p.sessionSeconds - s.sessionSeconds) : 0;
    const stops = p.status === "Stop" && !s.stoppedAt;
    const bytesBefore = s.inputBytes + s.outputBytes;
    s.inputBytes = up.baseline;
    s.outputBytes = down.baseline;
    if (counts && p.sessionSeconds !== null) s.sessionSeconds = p.sessionSeconds;
    if (p.at > s.updatedAt) s.updatedAt = p.at;
    if (p.nasIp) s.nasIp = p.nasIp;
    if (p.framedIp) s.framedIp = p.framedIp;
    if (p.callingStation) s.callingStation = p.callingStation;
    if (stops) {
      s.stoppedAt = p.at;
      s.terminateCause = p.terminateCause;
    }
    if (s.subscriptionId && (up.added > 0n || down.added > 0n)) {
      const day = p.at.toISOString().slice(0, 10);
      const u = usage.get(`${s.subscriptionId}|${day}`) ?? { subscriptionId: s.subscriptionId, day, down: 0n, up: 0n };
      u.down += down.added;
      u.up += up.added;
      usage.set(`${s.subscriptionId}|${day}`, u);
    }
    if (s.voucherId) {
      // The Start also starts an unused voucher's clock, in case FreeRADIUS does not call post-auth.
      if (p.status === "Start")
        voucherSteps.push({
          kind: "activate",
          username: p.username!,
          at: p.at,
          nasIp: p.nasIp,
          callingStation: p.callingStation,
        });
      // A voucher's allowance counts both directions, in whole MiB; the part of a MiB carries over within the session.
      else
        voucherSteps.push({
          kind: "usage",
          voucherId: s.voucherId,
          mb: mibCrossed(bytesBefore, bytesBefore + up.added + down.added),
          seconds,
          at: p.at,
        });
    }
    const changed = created.delete(k) || snapshot(s, false) !== before;
    results[i] = {
      outcome: changed ? "recorded" : "duplicate",
      sessionId: s.id,
      added: { downloadBytes: down.added, uploadBytes: up.added, seconds },
    };
  }

  const dirty = [...sessions].filter(([k, s]) => snapshot(s) !== snapshot(original.get(k)!)).map(([, s]) => s);
  if (dirty.length > 0)
    await scope.tx.$executeRawUnsafe(
      `UPDATE "RadiusSession" AS s SET "subscriptionId" = r.sub, "voucherId" = r.vou, "nasIp" = r.nas, "framedIp" = r.fip,
         "callingStation" = r.cs, "startedAt" = r.st, "updatedAt" = r.up, "stoppedAt" = r.stop, "inputBytes" = r.ib,
         "outputBytes" = r.ob, "sessionSeconds" = r.secs, "terminateCause" = r.cause
       FROM json_to_recordset($2::json) AS r(id text, sub text, vou text, nas text, fip text, cs text, st timestamptz,
         up timestamptz, stop timestamptz, ib bigint, ob bigint, secs int, cause text)
       WHERE s.id = r.id AND s."companyId" = $1`,
      scope.companyId,
      JSON.stringify(
        dirty.map((s) => ({
          id: s.id,
          sub: s.subscriptionId,
          vou: s.voucherId,
          nas: s.nasIp,
          fip: s.framedIp,
          cs: s.callingStation,
          st: s.startedAt.toISOString(),
          up: s.updatedAt.toISOString(),
          stop: s.stoppedAt?.toISOString() ?? null,
          ib: s.inputBytes.toString(),
          ob: s.outputBytes.toString(),
          secs: s.sessionSeconds,
          cause: s.terminateCause,
        })),
      ),
    );
  if (usage.size > 0) {
    // One row per subscription and day, in key order so that concurrent transactions lock them alike.
    const rows = [...usage.values()].sort((a, b) =>
      a.subscriptionId === b.subscriptionId ? a.day.localeCompare(b.day) : a.subscriptionId < b.subscriptionId ? -1 : 1,
    );
    await scope.tx.$executeRawUnsafe(
      `INSERT INTO "UsageDaily" ("companyId", "subscriptionId", day, "downloadBytes", "uploadBytes")
       SELECT $1, r.sub, r.day, r.down, r.up FROM json_to_recordset($2::json) AS r(sub text, day date, down bigint, up bigint)
       ON CONFLICT ("subscriptionId", day) DO UPDATE
         SET "downloadBytes" = "UsageDaily"."downloadBytes" + EXCLUDED."downloadBytes",
             "uploadBytes" = "UsageDaily"."uploadBytes" + EXCLUDED."uploadBytes"`,
      scope.companyId,
      JSON.stringify(
        rows.map((r) => ({ sub: r.subscriptionId, day: r.day, down: r.down.toString(), up: r.up.toString() })),
      ),
    );
  }
  for (const step of voucherSteps) {
    if (step.kind === "activate")
      await vouchers.activate(scope, step.username, step.at, {
        nasIp: step.nasIp,
        callingStation: step.callingStation,
      });
    else await vouchers.addUsage(scope, step.voucherId, { mb: step.mb, seconds: step.seconds }, step.at);
  }
}

/**
 * The stored state of a session, to tell whether a packet changed it. A report that only moves
 * updatedAt (a retry received later) is still a duplicate, though updatedAt is written.
 */
function snapshot(s: SessionRow, withUpdatedAt = true): string {
  return [
    s.subscriptionId,
    s.voucherId,
    s.nasIp,
    s.framedIp,
    s.callingStation,
    s.startedAt.getTime(),
    withUpdatedAt ? s.updatedAt.getTime() : 0,
    s.stoppedAt?.getTime(),
    s.inputBytes,
    s.outputBytes,
    s.sessionSeconds,
    s.terminateCause,
  ].join("\u0000");
}
