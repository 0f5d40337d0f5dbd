import type { BlockedAccess, NasVendor, SubscriptionStatus } from "../../db/generated/prisma/enums";
import { withTenantSql } from "../../db/sql";
import { withTenant } from "../../db/tenant";
import { unseal } from "../../lib/crypto";
import { env } from "../../lib/env";
import * as audit from "../audit/service";
import * as rateLimit from "../auth/rate-limit";
import { sessionQuota } from "../data-caps/quota";
import { attributesFor } from "../nas/vendor";
import { captiveRows, SPEED_ATTRIBUTES, type CaptiveGarden, type RadiusRow } from "../provisioning/attributes";
import { radiusRowOf } from "../provisioning/service";
import type { Actor, Scope } from "../scope";
import * as subscriptions from "../subscriptions/service";
import * as vouchers from "../vouchers/redemption";
import { normalizeVoucherCode } from "../vouchers/schema";
import type { RlmRestItem } from "./rlm-rest";

// Who may go online: FreeRADIUS asks at authorize (before it checks the password) and tells us
// at post-auth (after the NAS's login succeeded). A User-Name is a PPPoE login of a subscription
// or a hotspot voucher code; PPPoE logins are looked up first, so a username that happens to
// look like a voucher code still belongs to its subscriber.
//
// authorize answers with the password FreeRADIUS must compare (control:Cleartext-Password, so
// PAP and CHAP both work and the password never has to be sent to us) and the reply attributes
// for the NAS; or with a refusal the subscriber's device can show (Reply-Message).

export interface AccessRequest {
  username: string;
  nasIp?: string | null;
  callingStation?: string | null;
  /** The vendor of the registered NAS at nasIp (nas/known.ts); null: the company registered none. */
  nasVendor?: NasVendor | null;
}

export type AccessAnswer =
  | {
      accept: true;
      login: "pppoe" | "voucher";
      items: RlmRestItem[];
      /**
       * How long FreeRADIUS may answer this user's next logins from a copy of this answer without
       * asking (its fresh-answer window, deploy/freeradius policy.d/lastmile); 0: ask every time.
       */
      freshSeconds: number;
      /** FreeRADIUS must call post-auth once the password was right (a voucher's clock starts there). */
      report: boolean;
    }
  | { accept: false; message: string; limited?: true };

export const REFUSAL = {
  unknown: "Unknown username.",
  pending: "This service is not active yet. Please contact your provider.",
  suspended: "This service is suspended. Please contact your provider.",
  terminated: "This service has ended.",
  notProvisioned: "This service is still being set up. Please try again in a few minutes.",
  dataUsedUp: "You have used all your data for this period. Buy a data top-up in the customer portal.",
  limited: "Too many unknown usernames from this RADIUS server. Please try again in a minute.",
} as const;

const STATUS_REFUSAL: Record<Exclude<SubscriptionStatus, "ACTIVE">, string> = {
  PENDING: REFUSAL.pending,
  SUSPENDED: REFUSAL.suspended,
  TERMINATED: REFUSAL.terminated,
};

/** Check items FreeRADIUS evaluates itself; the password comes from the sealed subscription. */
const NOT_FORWARDED = new Set(["cleartext-password", "auth-type"]);

/** A PPPoE login as authorize reads it: the subscription and the RADIUS rows provisioning wrote for it. */
interface PppoeLogin {
  id: string;
  status: SubscriptionStatus;
  /** Sealed (lib/crypto); null when the subscription has none. */
  sealedPassword: string | null;
  rows: RadiusRow[];
  /** The package has a data cap counted per billing cycle and no overage price (data-caps/quota.ts). */
  capped: boolean;
  /** How a suspended subscriber is answered: the package's choice, else the company's. */
  suspendedAccess: BlockedAccess;
  garden: CaptiveGarden;
}

/**
 * The walled garden: the password is checked as usual, and the NAS puts the session on the
 * captive address list (and pool) that its firewall lets reach only the portal. Never reused from
 * FreeRADIUS's fresh-answer window: paying (or a top-up) must be seen at the very next login.
 */
function captiveAnswer(login: PppoeLogin): AccessAnswer {
  if (!login.sealedPassword) return { accept: false, message: REFUSAL.notProvisioned };
  const items: RlmRestItem[] = [
    { list: "control", attribute: "Cleartext-Password", op: ":=", value: unseal(login.sealedPassword) },
    ...captiveRows(login.garden).map((r) => ({
      list: "reply" as const,
      attribute: r.attribute,
      op: r.op,
      value: r.value,
    })),
  ];
  // Without a captive pool the subscriber keeps their own address, so the list can match it.
  if (!login.garden.framedPool)
    for (const r of login.rows)
      if (r.kind === "reply" && (r.attribute === "Framed-IP-Address" || r.attribute === "Delegated-IPv6-Prefix"))
        items.push({ list: "reply", attribute: r.attribute, op: r.op, value: r.value });
  return { accept: true, login: "pppoe", items, freshSeconds: 0, report: false };
}

async function pppoeAnswer(companyId: string, actor: Actor, login: PppoeLogin, now: Date): Promise<AccessAnswer> {
  if (login.status === "SUSPENDED" && login.suspendedAccess === "CAPTIVE") return captiveAnswer(login);
  if (login.status !== "ACTIVE") return { accept: false, message: STATUS_REFUSAL[login.status] };
  // The reply attributes are what provisioning wrote for the subscription's current package
  // (RadiusAttribute, radcheck/radreply style). Until that has happened there is nothing to
  // tell the NAS about speed or quota, so the login waits rather than going online unlimited.
  const rows = login.rows;
  if (!login.sealedPassword || !rows.some((r) => r.kind === "reply"))
    return { accept: false, message: REFUSAL.notProvisioned };
  const items: RlmRestItem[] = [
    { list: "control", attribute: "Cleartext-Password", op: ":=", value: unseal(login.sealedPassword) },
  ];
  // A cap is counted per billing cycle across all sessions (data-caps): the session may use what
  // is left of cap + top-ups + rollover, so a top-up lifts the limit at the next login; with
  // nothing left the package throttles to the fair-use speed, refuses, or lets into the walled
  // garden. Only capped subscribers pay for this second transaction.
  const quota = login.capped
    ? await withTenant(companyId, (tx) => sessionQuota({ tx, companyId, actor }, login.id, now))
    : null;
  const usedUp = quota?.remainingBytes === 0n;
  if (usedUp && quota.onCap === "CAPTIVE") return captiveAnswer(login);
  if (usedUp && quota.onCap === "DISCONNECT") return { accept: false, message: REFUSAL.dataUsedUp };
  const throttled = usedUp && quota.onCap === "THROTTLE" ? quota.fairUse : null;
  for (const r of rows) {
    if (r.kind === "check" && NOT_FORWARDED.has(r.attribute.toLowerCase())) continue;
    if (quota && (r.attribute === TOTAL_LIMIT || r.attribute === TOTAL_LIMIT_GIGAWORDS)) continue;
    if (throttled && r.kind === "reply" && SPEED_ATTRIBUTES.has(r.attribute)) continue;
    items.push({ list: r.kind === "check" ? "control" : "reply", attribute: r.attribute, op: r.op, value: r.value });
  }
  if (throttled)
    items.push(...throttled.map((r) => ({ list: "reply" as const, attribute: r.attribute, op: r.op, value: r.value })));
  else if (quota && quota.onCap !== "THROTTLE") items.push(...totalLimit(quota.remainingBytes));
  // A capped subscriber's answer is what is left right now (and its speed can change with the
  // next byte), so every login asks again; an ordinary subscriber's answer changes only with a
  // suspension, a new password or package, which may then take up to the window to reach a
  // re-dial. Post-auth has nothing to do for PPPoE.
  return {
    accept: true,
    login: "pppoe",
    items,
    freshSeconds: quota ? 0 : env().RADIUS_FRESH_LOGIN_SECONDS,
    report: false,
  };
}

const TOTAL_LIMIT = "Mikrotik-Total-Limit";
const TOTAL_LIMIT_GIGAWORDS = "Mikrotik-Total-Limit-Gigawords";
const TWO_32 = 4_294_967_296n;

/** MikroTik's session quota: a 32-bit counter, with the 4 GiB multiples in the gigawords attribute. */
function totalLimit(bytes: bigint): RlmRestItem[] {
  const items: RlmRestItem[] = [{ list: "reply", attribute: TOTAL_LIMIT, op: ":=", value: String(bytes % TWO_32) }];
  if (bytes >= TWO_32)
    items.push({ list: "reply", attribute: TOTAL_LIMIT_GIGAWORDS, op: ":=", value: String(bytes / TWO_32) });
  return items;
}

/**
 * Lookups of usernames nobody has, per RADIUS server key and source address per minute. A key
 * answers with subscribers' passwords, so whoever holds a copy could walk through guessed
 * usernames; past this budget every authorize from that key and address is refused until the
 * minute is over (refusing only the unknown ones would tell the guesser which names exist).
 */
const unknownLimit = (actor: Actor) => ({
  key: ["radius.unknown-username", actor.id ?? "", actor.ip ?? "unknown"],
  max: env().RADIUS_UNKNOWN_USERS_PER_MINUTE,
  windowSeconds: 60,
});

/**
 * Everything a PPPoE login needs, in one statement of one round trip (BEGIN, the tenant, the
 * statement and COMMIT travel together, server/db/sql.ts): how many unknown usernames this key
 * and address asked for this minute, the subscription of the login (status and sealed password),
 * the RADIUS rows provisioning wrote for it, whether its package's cap is counted per cycle, and
 * the walled garden (package's choice, company's list and pool) for a suspended subscriber. Nothing is cached: a suspension, a new password
 * or a new package applies from the very next login on every app instance.
 */
async function readLogin(companyId: string, username: string, limitKey: string) {
  const [row] = await withTenantSql(companyId, (sql) =>
    sql.queryAndCommit<{
      unknownCount: number | null;
      id: string | null;
      status: SubscriptionStatus | null;
      password: string | null;
      rows: { kind: string; attribute: string; op: string; value: string }[] | null;
      capped: boolean | null;
      suspendedAccess: BlockedAccess;
      captiveList: string;
      captivePool: string | null;
    }>(
      `SELECT (SELECT count FROM "RateLimitBucket" WHERE key = $3 AND "resetAt" > now()) AS "unknownCount",
         s.id, s.status, s."pppoePassword" AS password,
         (SELECT json_agg(json_build_object('kind', a.kind, 'attribute', a.attribute, 'op', a.op, 'value', a.value)
                          ORDER BY a."createdAt", a.id)
            FROM "RadiusAttribute" a WHERE a."companyId" = $1 AND a."subscriptionId" = s.id) AS rows,
         (p."dataCapMb" IS NOT NULL AND p."billingCycle" <> 'VALIDITY' AND p."overagePerGbMinor" IS NULL) AS capped,
         COALESCE(p."suspendedAccess", c.suspended, 'REJECT')::text AS "suspendedAccess",
         COALESCE(c."addressList", 'lastmile-captive') AS "captiveList", c."framedPool" AS "captivePool"
       FROM (SELECT 1) AS one
       LEFT JOIN "Subscription" s ON s."companyId" = $1 AND s."pppoeUsername" = $2
       LEFT JOIN "Package" p ON p."companyId" = $1 AND p.id = s."packageId"
       LEFT JOIN "CaptiveSettings" c ON c."companyId" = $1`,
      [companyId, username, limitKey],
    ),
  );
  return row;
}

/** FreeRADIUS authorize: the password to check and the reply attributes, or a refusal. */
export async function authorize(
  companyId: string,
  actor: Actor,
  req: AccessRequest,
  now: Date = new Date(),
): Promise<AccessAnswer> {
  return inVendorWords(await answer(companyId, actor, req, now), req.nasVendor ?? null);
}

/**
 * The answer's reply attributes in the words of the NAS that asked, by the function CoA uses
 * (nas/vendor.ts), so a login and a later CoA give a session the same speed: a Cisco gets its
 * speeds as Cisco-AVPair, a generic NAS as the WISPr maxima; the Mikrotik-* rows (rate and
 * session quota, address lists) are left out for both. A MikroTik, and any NAS while the company
 * has registered none, gets the rows as provisioning wrote them (its rate limit, and the WISPr
 * maxima a bandwidth policy adds beside it).
 */
function inVendorWords(answer: AccessAnswer, vendor: NasVendor | null): AccessAnswer {
  if (!answer.accept || !vendor || vendor === "MIKROTIK") return answer;
  const reply = answer.items.filter((i) => i.list === "reply");
  const ops = new Map(reply.map((i) => [i.attribute, i.op]));
  const translated = attributesFor(
    vendor,
    reply.map((i) => ({ name: i.attribute, value: i.value })),
  ).map((a): RlmRestItem => ({
    list: "reply",
    attribute: a.name,
    op: ops.get(a.name) ?? ":=",
    value: String(a.value),
  }));
  return { ...answer, items: [...answer.items.filter((i) => i.list !== "reply"), ...translated] };
}

async function answer(companyId: string, actor: Actor, req: AccessRequest, now: Date): Promise<AccessAnswer> {
  const limit = unknownLimit(actor);
  const found = await readLogin(companyId, req.username, rateLimit.bucketKey(limit.key));
  if ((found.unknownCount ?? 0) >= limit.max) return { accept: false, message: REFUSAL.limited, limited: true };
  if (found.id && found.status)
    return pppoeAnswer(
      companyId,
      actor,
      {
        id: found.id,
        status: found.status,
        sealedPassword: found.password,
        rows: (found.rows ?? []).map(radiusRowOf),
        capped: !!found.capped,
        suspendedAccess: found.suspendedAccess,
        garden: { addressList: found.captiveList, framedPool: found.captivePool },
      },
      now,
    );
  // Not a PPPoE login: a voucher (its check may expire it, a write) or an unknown username (counted and audited).
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor };
    if (!normalizeVoucherCode(req.username)) return unknownUsername(scope, req, limit, REFUSAL.unknown);
    const voucher = await vouchers.check(scope, req.username, now);
    if (!voucher.accept)
      return voucher.reason === vouchers.REJECT.unknown
        ? unknownUsername(scope, req, limit, voucher.reason)
        : { accept: false, message: voucher.reason };
    const items: RlmRestItem[] = [
      // The PIN when the card has one; otherwise the code is both username and password.
      { list: "control", attribute: "Cleartext-Password", op: ":=", value: voucher.password },
      ...voucher.attributes.map((a) => ({ list: "reply" as const, attribute: a.attribute, op: a.op, value: a.value })),
    ];
    // Never reused: the time and data left change with every session, and the first login must
    // reach post-auth to start the voucher's clock.
    return { accept: true, login: "voucher", items, freshSeconds: 0, report: true };
  });
}

/**
 * Counted against the key's budget and written to the audit log, so staff can see a stale router
 * or someone guessing (Settings → RADIUS servers links there); reaching the budget is logged
 * once. Past it nothing more is looked up or written until the minute is over.
 */
async function unknownUsername(
  scope: Scope,
  req: AccessRequest,
  limit: ReturnType<typeof unknownLimit>,
  message: string,
): Promise<AccessAnswer> {
  const counted = await rateLimit.claim(scope.tx, limit);
  const seen = {
    username: req.username.slice(0, 128),
    nasIp: req.nasIp ?? null,
    callingStation: req.callingStation ?? null,
  };
  if (counted.allowed)
    await audit.record(scope, { action: "radius.unknown_username", entityType: "RadiusLogin", after: seen });
  if (counted.count === limit.max)
    await audit.record(scope, {
      action: "radius.unknown_username_limit",
      entityType: "RadiusLogin",
      after: { limitPerMinute: limit.max, refusingUntil: counted.resetAt },
    });
  return counted.allowed ? { accept: false, message } : { accept: false, message: REFUSAL.limited, limited: true };
}

/**
 * What FreeRADIUS needs besides the attributes, as control items for deploy/freeradius (its
 * dictionary.lastmile names them): the fresh-answer window, and whether to call post-auth.
 */
export function loginControl(answer: Extract<AccessAnswer, { accept: true }>): RlmRestItem[] {
  return [
    { list: "control", attribute: "Lastmile-Fresh-Seconds", op: ":=", value: String(answer.freshSeconds) },
    { list: "control", attribute: "Lastmile-Report-Login", op: ":=", value: answer.report ? "1" : "0" },
  ];
}

/**
 * FreeRADIUS post-auth, called only for logins the NAS accepted: a voucher's first login starts
 * its clock. Idempotent; PPPoE logins need nothing here (no transaction unless the User-Name
 * could be a voucher's code).
 */
export async function postAuth(
  companyId: string,
  actor: Actor,
  req: AccessRequest,
  now: Date = new Date(),
): Promise<{ accept: true } | { accept: false; message: string }> {
  // Only a voucher's first login changes anything; a User-Name that cannot be a voucher's code
  // (every usual PPPoE login) is answered without the database.
  if (!normalizeVoucherCode(req.username)) return { accept: true };
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor };
    if (await subscriptions.pppoeLogin(scope, req.username, { withPassword: false })) return { accept: true };
    const result = await vouchers.activate(scope, req.username, now, {
      nasIp: req.nasIp,
      callingStation: req.callingStation,
    });
    // Refused between authorize and now (disabled, or its last minute ran out): the Accept becomes a Reject.
    return result.accept ? { accept: true } : { accept: false, message: result.reason };
  });
}
