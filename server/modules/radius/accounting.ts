import { Invalid } from "../../lib/errors";
import { newIds } from "../../lib/ids";
import type { SqlTx } from "../../db/sql";
import type { Actor, Scope } from "../scope";
import * as vouchers from "../vouchers/redemption";
import { normalizeVoucherCode } from "../vouchers/schema";
import { submit } from "./group-commit";
import { STALE_CAUSE } from "./schema";

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
//
// Counters and times are plain numbers (bytes, and milliseconds since 1970): a batch holds
// thousands of packets across its database round trips, and the two BigInts and the Date of each
// were three more objects per packet for the garbage collector to carry (a fifth of a batch's
// Node time was collection). A double holds every whole number up to 2⁵³ exactly (8 PiB, more
// than any session moves); a reported total beyond that is refused (validatePacket), so every
// total and sum stays exact.

const TWO_POW_32 = 2 ** 32;
const MIB = 2 ** 20;
/** Acct-Delay-Time beyond a day is a NAS clock problem, not a real delay. */
const MAX_DELAY_SECONDS = 86_400;
/** An Event-Timestamp this far ahead of our clock, or older than a forwarder's backlog could be,
 *  is a NAS clock that is wrong (a MikroTik without NTP boots in 1970): the delay is used instead. */
const EVENT_AHEAD_MS = 5 * 60_000;
const EVENT_BEHIND_MS = 30 * 86_400_000;

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
  inputBytes: number | null;
  /** Subscriber download, bytes since the session began. */
  outputBytes: number | null;
  sessionSeconds: number | null;
  terminateCause: string | null;
  /** When the NAS produced the report, in ms since 1970: its Event-Timestamp when that is
   *  plausible, else the received time less Acct-Delay-Time. */
  at: number;
}

/** Acct-Status-Type by its name or number, in lower case (one lookup: every packet goes through it). */
const STATUS_BY_NAME = new Map<string, AcctStatus>([
  ...(["Start", "Interim-Update", "Stop", "Accounting-On", "Accounting-Off"] as const).map(
    (s) => [s.toLowerCase(), s] as const,
  ),
  ...Object.entries(STATUS_CODES),
]);

function statusOf(raw: string | undefined): AcctStatus | null {
  if (!raw) return null;
  return STATUS_BY_NAME.get(raw.toLowerCase()) ?? null;
}

const DIGITS = /^\d{1,20}$/;
/** A whole number of up to 20 digits; past 2⁵³ it is not exact, which validatePacket refuses for counters. */
const wholeNumber = (raw: string | undefined): number | null => {
  if (!raw) return null;
  const digits = raw.trim();
  return DIGITS.test(digits) ? Number(digits) : null;
};
/** A whole number that fits a double exactly, without going through bigint: Acct-Delay-Time, Acct-Session-Time. */
const smallNumber = (raw: string | undefined): number | null => {
  if (!raw) return null;
  const digits = raw.trim();
  if (!DIGITS.test(digits)) return null;
  return digits.length <= 15 ? Number(digits) : Number.MAX_SAFE_INTEGER;
};

/** 64-bit octets from the 32-bit counter and its gigawords (exact up to 2⁵³; validatePacket refuses more). */
function octets(low: string | undefined, gigawords: string | undefined): number | null {
  const l = wholeNumber(low);
  const g = wholeNumber(gigawords);
  if (l === null && g === null) return null;
  return (g ?? 0) * TWO_POW_32 + (l ?? 0);
}

const text = (raw: string | undefined, max = 253): string | null => {
  if (!raw) return null;
  const trimmed = raw.trim();
  return trimmed ? trimmed.slice(0, max) : null;
};

/**
 * When the NAS says it produced the report (RFC 2869 Event-Timestamp). A replay keeps it, while
 * a forwarder that drops Acct-Delay-Time makes the received time lie: a Start retried after its
 * session's Stop would then look newer than the Stop and reopen the session with its counters at
 * zero, counting its bytes twice. rlm_rest sends dates as text ("Dec  4 2026 03:20:19 UTC"),
 * forwarders often as seconds since 1970.
 */
function eventTime(raw: string | undefined, received: number): number | null {
  if (!raw) return null;
  const seconds = smallNumber(raw);
  const ms = seconds !== null ? seconds * 1000 : Date.parse(raw);
  if (!Number.isFinite(ms)) return null;
  return ms <= received + EVENT_AHEAD_MS && ms >= received - EVENT_BEHIND_MS ? ms : null;
}
/** The attributes accountingPacket reads (lower-case names): a batch keeps only these of each record. */
export const ACCOUNTING_ATTRIBUTES: ReadonlySet<string> = new Set([
  "acct-delay-time",
  "acct-session-time",
  "acct-status-type",
  "user-name",
  "acct-session-id",
  "nas-ip-address",
  "nas-ipv6-address",
  "framed-ip-address",
  "calling-station-id",
  "acct-input-octets",
  "acct-input-gigawords",
  "acct-output-octets",
  "acct-output-gigawords",
  "acct-terminate-cause",
  "event-timestamp",
]);

/** An accounting packet from its attributes (lower-case names, first values as text). */
export function accountingPacket(attrs: ReadonlyMap<string, string>, receivedAt: Date = new Date()): AccountingPacket {
  const delay = smallNumber(attrs.get("acct-delay-time")) ?? 0;
  const seconds = smallNumber(attrs.get("acct-session-time"));
  const received = receivedAt.getTime();
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
    sessionSeconds: seconds === null ? null : Math.min(seconds, 2_147_483_647),
    terminateCause: text(attrs.get("acct-terminate-cause"), 64),
    at: eventTime(attrs.get("event-timestamp"), received) ?? received - Math.min(delay, MAX_DELAY_SECONDS) * 1000,
  };
}

/** What a reported total adds to the stored one: the difference, or nothing when the counter went backwards (new baseline). */
export function counterStep(stored: number, reported: number | null): { added: number; baseline: number } {
  if (reported === null) return { added: 0, baseline: stored };
  return reported >= stored ? { added: reported - stored, baseline: reported } : { added: 0, baseline: reported };
}

/** Whole MiB crossed when a running total goes from `before` to `after` bytes (the remainder carries over). */
export function mibCrossed(before: number, after: number): number {
  return Math.floor(after / MIB) - Math.floor(before / MIB);
}

export interface AccountingResult {
  /** duplicate: the packet changed nothing (a retry, or older than what is stored). */
  outcome: "recorded" | "duplicate" | "ignored" | "nas_restarted";
  sessionId?: string;
  added: { downloadBytes: number; uploadBytes: number; seconds: number };
  /** Sessions closed by an Accounting-On/Off of the NAS. */
  closed?: number;
}

const NOTHING = { downloadBytes: 0, uploadBytes: 0, seconds: 0 };

// Past 2⁵³ bytes (8 PiB in one session) a total is a broken counter, and a double would no longer be exact.
const tooLarge = (bytes: number | null) => bytes !== null && !Number.isSafeInteger(bytes);

/** Throws Invalid for a packet that cannot be stored; nothing is written for it. */
export function validatePacket(p: AccountingPacket): void {
  if (!p.status || p.status === "Accounting-On" || p.status === "Accounting-Off") return;
  if (!p.username || !p.acctSessionId) {
    throw new Invalid("An accounting record needs User-Name and Acct-Session-Id.", {
      ...(p.username ? {} : { "User-Name": "Required." }),
      ...(p.acctSessionId ? {} : { "Acct-Session-Id": "Required." }),
    });
  }
  if (tooLarge(p.inputBytes) || tooLarge(p.outputBytes)) {
    const why = "Octets and Gigawords together are more than 2^53 bytes, which no session moves.";
    throw new Invalid(why, {
      ...(tooLarge(p.inputBytes) ? { "Acct-Input-Octets": why } : {}),
      ...(tooLarge(p.outputBytes) ? { "Acct-Output-Octets": why } : {}),
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
// A list of packets of one company is applied inside one transaction with a handful of statements
// whatever its length: insert the sessions that a Start opens (their owner found in the same
// statement) and lock every session the packets name (one SELECT … FOR UPDATE); insert and lock
// the sessions still missing (reports whose Start was lost); replay the packets in arrival order
// in memory (the rules above, unchanged); write the sessions' new state (one UPDATE) and the daily
// usage (one upsert). The statements go through SqlTx (server/db/sql.ts): on pg they travel
// together, so a group of Interim-Updates costs two round trips (BEGIN … lock; update, usage,
// COMMIT) and a group of Starts three. Only vouchers go through the vouchers module per packet:
// their allowance rules live there, on the ORM, so packets that may belong to a voucher are
// applied in an ORM transaction (group-commit.ts keeps them apart with mayBeVoucher).

const voucherShaped = new Map<string, boolean>();
/**
 * Whether a User-Name could be a hotspot voucher's code: the packets of any other User-Name never
 * touch a voucher. Remembered per name (bounded, as names come from the NAS): a batch asks it
 * twice for each of thousands of packets of a few hundred logins.
 */
export function mayBeVoucher(username: string | null): boolean {
  if (username === null) return false;
  let shaped = voucherShaped.get(username);
  if (shaped === undefined) {
    shaped = normalizeVoucherCode(username) !== null;
    if (voucherShaped.size >= 10_000) voucherShaped.clear();
    voucherShaped.set(username, shaped);
  }
  return shaped;
}

export interface ApplyContext {
  sql: SqlTx;
  companyId: string;
  /** The ORM scope the voucher rules need; null where no packet may belong to a voucher (mayBeVoucher). */
  vouchers: Scope | null;
}

interface SessionRow {
  id: string;
  username: string;
  acctSessionId: string;
  subscriptionId: string | null;
  voucherId: string | null;
  nasIp: string | null;
  framedIp: string | null;
  callingStation: string | null;
  /** ms since 1970, as every time here. */
  startedAt: number;
  updatedAt: number;
  stoppedAt: number | null;
  inputBytes: number;
  outputBytes: number;
  sessionSeconds: number;
  terminateCause: string | null;
}

// Times travel as milliseconds since the epoch both ways: read with extract(epoch …), written
// with to_timestamp(ms / 1000) (rounded to the microsecond, so a whole millisecond comes back
// exact); pg's parsing of timestamptz text into Dates, and our ISO texts for PostgreSQL to parse,
// were a visible share of a batch's CPU (three of each per session). Counters are read as float8
// (exact below 2⁵³, which is all validatePacket lets in), so pg hands over the row as it is used.
const epochMs = (column: string) => `(extract(epoch FROM "${column}") * 1000)::float8 AS "${column}"`;
const SESSION_COLUMNS = `id, username, "acctSessionId", "subscriptionId", "voucherId", "nasIp", "framedIp", "callingStation",
  ${epochMs("startedAt")}, ${epochMs("updatedAt")}, ${epochMs("stoppedAt")}, "inputBytes"::float8 AS "inputBytes",
  "outputBytes"::float8 AS "outputBytes", "sessionSeconds", "terminateCause"`;

const sessionKey = (username: string, acctSessionId: string) => `${username}\u0000${acctSessionId}`;

type SessionKey = { username: string; acctSessionId: string };

const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
/** Session keys in one fixed order: by login, then Acct-Session-Id (UTF-16 code units). */
const byKey = (a: SessionKey, b: SessionKey) =>
  compare(a.username, b.username) || compare(a.acctSessionId, b.acctSessionId);

/**
 * The sessions named, each found through the (company, login, Acct-Session-Id) index and locked
 * in the keys' sorted order (the same order in every transaction, so two never deadlock on them).
 * One index probe per key, not a join: reckoning on json_to_recordset's guessed 100 rows and on
 * the table's statistics, the planner read and hashed every session of the company (stopped ones
 * included) for each group of packets (0.30 against 0.24 ms planned and run, 14 keys among 800
 * sessions; 0.48 against 0.38 among 20,800).
 */
async function lockSessions(ctx: ApplyContext, keys: readonly SessionKey[]) {
  const sorted = [...keys].sort(byKey);
  const rows = await ctx.sql.query<SessionRow>(
    `SELECT s.* FROM json_to_recordset($2::json) AS k(u text, s text)
     CROSS JOIN LATERAL (
       SELECT ${SESSION_COLUMNS} FROM "RadiusSession" WHERE "companyId" = $1 AND username = k.u AND "acctSessionId" = k.s
       FOR UPDATE) s`,
    [ctx.companyId, JSON.stringify(sorted.map((k) => ({ u: k.username, s: k.acctSessionId })))],
  );
  const out = new Map<string, SessionRow>();
  for (const r of rows) out.set(sessionKey(r.username, r.acctSessionId), r);
  return out;
}

interface NewSession extends SessionKey {
  id: string;
  first: AccountingPacket;
}

/**
 * Queues the insert of sessions not stored yet, each with its owner: the company's PPPoE
 * subscription of that login, else its voucher of that code, else (an unknown login) nobody.
 * Two transactions inserting the same session: one row wins (DO NOTHING), and both then lock it.
 */
function insertSessions(ctx: ApplyContext, sessions: readonly NewSession[]) {
  const rows = sessions.map((m) => {
    const p = m.first;
    return {
      id: m.id,
      sid: m.acctSessionId,
      u: m.username,
      code: mayBeVoucher(m.username) ? normalizeVoucherCode(m.username) : null,
      nas: p.nasIp,
      fip: p.framedIp,
      cs: p.callingStation,
      // Without a Start (lost, or the NAS sends none) the session began Acct-Session-Time ago.
      st: p.status === "Start" ? p.at : p.at - (p.sessionSeconds ?? 0) * 1000,
      up: p.at,
    };
  });
  ctx.sql.later(
    `INSERT INTO "RadiusSession" (id, "companyId", "acctSessionId", username, "subscriptionId", "voucherId", "nasIp", "framedIp", "callingStation", "startedAt", "updatedAt")
     SELECT r.id, $1, r.sid, r.u, sub.id, CASE WHEN sub.id IS NULL THEN v.id END, r.nas, r.fip, r.cs, to_timestamp(r.st / 1000), to_timestamp(r.up / 1000)
     FROM json_to_recordset($2::json) AS r(id text, sid text, u text, code text, nas text, fip text, cs text, st float8, up float8)
     LEFT JOIN "Subscription" sub ON sub."companyId" = $1 AND sub."pppoeUsername" = r.u
     LEFT JOIN "Voucher" v ON r.code IS NOT NULL AND v."companyId" = $1 AND v.code = r.code
     ORDER BY r.u, r.sid
     ON CONFLICT ("companyId", username, "acctSessionId") DO NOTHING`,
    [ctx.companyId, JSON.stringify(rows)],
  );
}

type Owner = { subscriptionId: string | null; voucherId: string | null };

/** Whose sessions these are: a PPPoE subscription, else a voucher, else (an unknown login) nobody's. */
async function ownersOf(ctx: ApplyContext, usernames: string[]): Promise<Map<string, Owner>> {
  const out = new Map<string, Owner>();
  if (usernames.length === 0) return out;
  const rows = await ctx.sql.query<{ u: string; sub: string | null; vou: string | null }>(
    `SELECT r.u, sub.id AS sub, v.id AS vou
     FROM json_to_recordset($2::json) AS r(u text, code text)
     LEFT JOIN "Subscription" sub ON sub."companyId" = $1 AND sub."pppoeUsername" = r.u
     LEFT JOIN "Voucher" v ON r.code IS NOT NULL AND v."companyId" = $1 AND v.code = r.code`,
    [ctx.companyId, JSON.stringify(usernames.map((u) => ({ u, code: normalizeVoucherCode(u) })))],
  );
  for (const r of rows) out.set(r.u, { subscriptionId: r.sub, voucherId: r.sub ? null : r.vou });
  return out;
}

/** A NAS that restarted (Accounting-On/Off) has no sessions any more: close the ones still open. */
async function closeNasSessions(ctx: ApplyContext, p: AccountingPacket): Promise<AccountingResult> {
  if (!p.nasIp) return { outcome: "ignored", added: NOTHING };
  const [{ closed }] = await ctx.sql.query<{ closed: number }>(
    `WITH closed AS (
       UPDATE "RadiusSession" SET "stoppedAt" = $3::timestamptz, "updatedAt" = $3::timestamptz, "terminateCause" = 'NAS-Reboot'
       WHERE "companyId" = $1 AND "nasIp" = $2 AND "stoppedAt" IS NULL AND "startedAt" <= $3::timestamptz
       RETURNING 1)
     SELECT count(*)::int AS closed FROM closed`,
    [ctx.companyId, p.nasIp, new Date(p.at)],
  );
  return { outcome: "nas_restarted", added: NOTHING, closed };
}

/**
 * Applies `packets` in order inside `ctx`'s transaction; one result per packet. Packets must
 * have passed validatePacket. Accounting-On/Off splits the list: what came before it is applied
 * first, so it closes exactly the sessions it would have closed one packet at a time. What is
 * written last may still be queued on ctx.sql: it goes with the commit.
 */
export async function applyPackets(
  ctx: ApplyContext,
  packets: readonly AccountingPacket[],
): Promise<AccountingResult[]> {
  const results: AccountingResult[] = new Array(packets.length);
  let run: number[] = [];
  for (let i = 0; i < packets.length; i++) {
    const p = packets[i];
    if (!p.status) results[i] = { outcome: "ignored", added: NOTHING };
    else if (p.status === "Accounting-On" || p.status === "Accounting-Off") {
      await applySessionPackets(ctx, packets, run, results);
      run = [];
      results[i] = await closeNasSessions(ctx, p);
    } else run.push(i);
  }
  await applySessionPackets(ctx, packets, run, results);
  return results;
}

/** What a report changes in a session (times, counters, the end): the columns set, and the JSON rows' fields. */
const REPORTED_SET = `"updatedAt" = to_timestamp(r.up / 1000), "stoppedAt" = to_timestamp(r.stop / 1000),
  "inputBytes" = r.ib, "outputBytes" = r.ob, "sessionSeconds" = r.secs, "terminateCause" = r.cause`;
const REPORTED_FIELDS = "id text, up float8, stop float8, ib bigint, ob bigint, secs int, cause text";
const reportedOf = (s: SessionRow) => ({
  id: s.id,
  up: s.updatedAt,
  stop: s.stoppedAt,
  ib: s.inputBytes,
  ob: s.outputBytes,
  secs: s.sessionSeconds,
  cause: s.terminateCause,
});

/**
 * Queues the new state of the sessions changed (`dirty`): those in `moved` with every column, the
 * others with the columns reports change. An Interim-Update changes only those, and sending and
 * parsing the other six for each of a batch's thousand sessions was a fifth of the statement's time.
 */
function writeSessions(ctx: ApplyContext, dirty: ReadonlySet<SessionRow>, moved: ReadonlySet<SessionRow>) {
  const reported: object[] = [];
  const whole: object[] = [];
  for (const s of dirty)
    if (!moved.has(s)) reported.push(reportedOf(s));
    else
      whole.push({
        ...reportedOf(s),
        sub: s.subscriptionId,
        vou: s.voucherId,
        nas: s.nasIp,
        fip: s.framedIp,
        cs: s.callingStation,
        st: s.startedAt,
      });
  const update = (set: string, fields: string, rows: object[]) =>
    ctx.sql.later(
      `UPDATE "RadiusSession" AS s SET ${set} FROM json_to_recordset($2::json) AS r(${fields})
       WHERE s.id = r.id AND s."companyId" = $1`,
      [ctx.companyId, JSON.stringify(rows)],
    );
  if (reported.length > 0) update(REPORTED_SET, REPORTED_FIELDS, reported);
  if (whole.length > 0)
    update(
      `"subscriptionId" = r.sub, "voucherId" = r.vou, "nasIp" = r.nas, "framedIp" = r.fip, "callingStation" = r.cs,
       "startedAt" = to_timestamp(r.st / 1000), ${REPORTED_SET}`,
      `${REPORTED_FIELDS}, sub text, vou text, nas text, fip text, cs text, st float8`,
      whole,
    );
}

const HOUR_MS = 3_600_000;
const hourNames = new Map<number, string>();
/** The UTC hour a time falls in, as ISO text (remembered: a batch's thousands of packets fall in an hour or two). */
function utcHour(at: number): string {
  const n = Math.floor(at / HOUR_MS);
  let name = hourNames.get(n);
  if (name === undefined) {
    if (hourNames.size > 1000) hourNames.clear();
    name = new Date(n * HOUR_MS).toISOString();
    hourNames.set(n, name);
  }
  return name;
}

type VoucherStep =
  | { kind: "activate"; username: string; at: number; nasIp: string | null; callingStation: string | null }
  | { kind: "usage"; voucherId: string; mb: number; seconds: number; at: number };

async function applySessionPackets(
  ctx: ApplyContext,
  packets: readonly AccountingPacket[],
  indexes: number[],
  results: AccountingResult[],
) {
  if (indexes.length === 0) return;
  const keys = new Map<string, NewSession>();
  // Each packet's session key, made once (a batch has thousands).
  const keyAt: string[] = new Array(indexes.length);
  for (let n = 0; n < indexes.length; n++) {
    const p = packets[indexes[n]];
    const k = (keyAt[n] = sessionKey(p.username!, p.acctSessionId!));
    if (!keys.has(k)) keys.set(k, { id: "", username: p.username!, acctSessionId: p.acctSessionId!, first: p });
  }
  // A session's first packet here is a Start: it is almost always new, so its row is inserted
  // before the lock, in the same round trip (a Start of a session already stored inserts nothing).
  const starting = [...keys.values()].filter((k) => k.first.status === "Start");
  const ids = newIds(starting.length);
  starting.forEach((k, n) => (k.id = ids[n]));
  if (starting.length > 0) insertSessions(ctx, starting);
  let sessions = await lockSessions(ctx, [...keys.values()]);
  const created = new Set(starting.filter((k) => sessions.get(sessionKey(k.username, k.acctSessionId))?.id === k.id));
  const missing = [...keys].filter(([k]) => !sessions.has(k)).map(([, m]) => m);
  if (missing.length > 0) {
    const more = newIds(missing.length);
    missing.forEach((m, n) => (m.id = more[n]));
    insertSessions(ctx, missing);
    sessions = new Map([...sessions, ...(await lockSessions(ctx, missing))]);
    for (const m of missing) if (sessions.get(sessionKey(m.username, m.acctSessionId))?.id === m.id) created.add(m);
  }
  const createdKeys = new Set([...created].map((m) => sessionKey(m.username, m.acctSessionId)));
  // Owners are needed again only for a Start that reopens a stopped session (rare).
  const reopening = indexes
    .filter((i, n) => packets[i].status === "Start" && sessions.get(keyAt[n])!.stoppedAt !== null)
    .map((i) => packets[i]);
  const owners = await ownersOf(ctx, [...new Set(reopening.map((p) => p.username!))]);
  // The sessions a packet changed (updatedAt included): only those are written back. `moved`:
  // those whose owner, start, NAS, address or caller changed too (a reopen, a roaming client),
  // written with every column; the others, nearly all, only with what reports change.
  const dirty = new Set<SessionRow>();
  const moved = new Set<SessionRow>();
  const usage = new Map<string, { subscriptionId: string; hour: string; down: number; up: number }>();
  const voucherSteps: VoucherStep[] = [];
  for (let n = 0; n < indexes.length; n++) {
    const i = indexes[n];
    const p = packets[i];
    const k = keyAt[n];
    const s = sessions.get(k)!;
    // Whether this packet changed the session (updatedAt aside): a packet that changes nothing is a duplicate.
    let changed = false;
    if (p.status === "Start" && s.stoppedAt !== null && p.at > s.stoppedAt) {
      // NASes number sessions afresh after a reboot: a Start after the Stop is a new session on the same row.
      // (A session that began and stopped within this list was not looked up above.)
      const owner = owners.get(p.username!) ?? (await ownersOf(ctx, [p.username!])).get(p.username!);
      s.subscriptionId = owner?.subscriptionId ?? null;
      s.voucherId = owner?.voucherId ?? null;
      s.nasIp = p.nasIp;
      s.framedIp = p.framedIp;
      s.callingStation = p.callingStation;
      s.startedAt = p.at;
      s.updatedAt = p.at;
      s.stoppedAt = null;
      s.terminateCause = null;
      s.inputBytes = 0;
      s.outputBytes = 0;
      s.sessionSeconds = 0;
      changed = true;
      moved.add(s);
    }
    // Counters come with Interim-Update and Stop only; an older packet than the last one applied changes nothing.
    const stale = p.sessionSeconds !== null && p.sessionSeconds < s.sessionSeconds;
    const counts = (p.status === "Interim-Update" || p.status === "Stop") && !stale;
    const up = counts ? counterStep(s.inputBytes, p.inputBytes) : null;
    const down = counts ? counterStep(s.outputBytes, p.outputBytes) : null;
    const upAdded = up ? up.added : 0;
    const downAdded = down ? down.added : 0;
    const seconds = counts && p.sessionSeconds !== null ? Math.max(0, p.sessionSeconds - s.sessionSeconds) : 0;
    // A session we closed for silence (stale.ts) was only out of touch: its Stop is the real end,
    // and a newer Interim-Update (not a retry of the last one) reopens it. Its counters were kept,
    // so either adds only what is new.
    const silenced = s.stoppedAt !== null && s.terminateCause === STALE_CAUSE;
    const stops = p.status === "Stop" && (!s.stoppedAt || silenced);
    const wakes =
      silenced &&
      p.status === "Interim-Update" &&
      p.at > s.stoppedAt! &&
      (p.sessionSeconds === null || p.sessionSeconds > s.sessionSeconds);
    const bytesBefore = s.inputBytes + s.outputBytes;
    if (up && up.baseline !== s.inputBytes) {
      s.inputBytes = up.baseline;
      changed = true;
    }
    if (down && down.baseline !== s.outputBytes) {
      s.outputBytes = down.baseline;
      changed = true;
    }
    if (counts && p.sessionSeconds !== null && p.sessionSeconds !== s.sessionSeconds) {
      s.sessionSeconds = p.sessionSeconds;
      changed = true;
    }
    if (p.at > s.updatedAt) {
      s.updatedAt = p.at;
      dirty.add(s);
    }
    if (p.nasIp && p.nasIp !== s.nasIp) {
      s.nasIp = p.nasIp;
      changed = true;
      moved.add(s);
    }
    if (p.framedIp && p.framedIp !== s.framedIp) {
      s.framedIp = p.framedIp;
      changed = true;
      moved.add(s);
    }
    if (p.callingStation && p.callingStation !== s.callingStation) {
      s.callingStation = p.callingStation;
      changed = true;
      moved.add(s);
    }
    if (stops) {
      s.stoppedAt = p.at;
      s.terminateCause = p.terminateCause;
      changed = true;
    } else if (wakes) {
      s.stoppedAt = null;
      s.terminateCause = null;
      changed = true;
    }
    if (changed) dirty.add(s);
    if (s.subscriptionId && (upAdded > 0 || downAdded > 0)) {
      // Sums stay exact: a subscription's hour within one list would need 8 PiB to pass 2⁵³.
      const hour = utcHour(p.at);
      const key = `${s.subscriptionId}|${hour}`;
      let u = usage.get(key);
      if (!u) usage.set(key, (u = { subscriptionId: s.subscriptionId, hour, down: 0, up: 0 }));
      u.down += downAdded;
      u.up += upAdded;
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
          mb: mibCrossed(bytesBefore, bytesBefore + upAdded + downAdded),
          seconds,
          at: p.at,
        });
    }
    results[i] = {
      outcome: createdKeys.delete(k) || changed ? "recorded" : "duplicate",
      sessionId: s.id,
      added: { downloadBytes: downAdded, uploadBytes: upAdded, seconds },
    };
  }
  if (voucherSteps.length > 0 && !ctx.vouchers) throw new VoucherOutsideOrm();

  if (dirty.size > 0) writeSessions(ctx, dirty, moved);
  if (usage.size > 0) {
    // One row per subscription and hour, and the same summed per UTC day, in one statement (the
    // hourly figures cost no extra round trip). Both in key order, so that concurrent transactions
    // lock rows alike. ISO hours sort as text in time order.
    const rows = [...usage.values()].sort((a, b) =>
      a.subscriptionId === b.subscriptionId
        ? a.hour.localeCompare(b.hour)
        : a.subscriptionId < b.subscriptionId
          ? -1
          : 1,
    );
    ctx.sql.later(
      `WITH r AS (
         SELECT * FROM json_to_recordset($2::json) AS r(sub text, hour timestamptz, down bigint, up bigint)
       ), hourly AS (
         INSERT INTO "UsageHourly" ("companyId", "subscriptionId", hour, "downloadBytes", "uploadBytes")
         SELECT $1, r.sub, r.hour, r.down, r.up FROM r ORDER BY r.sub, r.hour
         ON CONFLICT ("subscriptionId", hour) DO UPDATE
           SET "downloadBytes" = "UsageHourly"."downloadBytes" + EXCLUDED."downloadBytes",
               "uploadBytes" = "UsageHourly"."uploadBytes" + EXCLUDED."uploadBytes"
       )
       INSERT INTO "UsageDaily" ("companyId", "subscriptionId", day, "downloadBytes", "uploadBytes")
       SELECT $1, r.sub, (r.hour AT TIME ZONE 'UTC')::date, sum(r.down), sum(r.up) FROM r
       GROUP BY r.sub, (r.hour AT TIME ZONE 'UTC')::date ORDER BY 2, 3
       ON CONFLICT ("subscriptionId", day) DO UPDATE
         SET "downloadBytes" = "UsageDaily"."downloadBytes" + EXCLUDED."downloadBytes",
             "uploadBytes" = "UsageDaily"."uploadBytes" + EXCLUDED."uploadBytes"`,
      [
        ctx.companyId,
        JSON.stringify(rows.map((r) => ({ sub: r.subscriptionId, hour: r.hour, down: r.down, up: r.up }))),
      ],
    );
  }
  if (voucherSteps.length === 0 || !ctx.vouchers) return;
  const scope = ctx.vouchers;
  await ctx.sql.flush();
  for (const step of voucherSteps) {
    if (step.kind === "activate")
      await vouchers.activate(scope, step.username, new Date(step.at), {
        nasIp: step.nasIp,
        callingStation: step.callingStation,
      });
    else await vouchers.addUsage(scope, step.voucherId, { mb: step.mb, seconds: step.seconds }, new Date(step.at));
  }
}

/** A voucher's session among packets applied without the ORM (mayBeVoucher said it could not be): applied again with it. */
export class VoucherOutsideOrm extends Error {
  constructor() {
    super("A voucher's session among packets applied without the ORM.");
    this.name = "VoucherOutsideOrm";
  }
}
