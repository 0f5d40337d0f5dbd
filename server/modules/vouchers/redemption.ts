import type { z } from "zod";
import { withTenant } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { dataExhausted, expiryFrom, PACKAGE_FIELDS, type VoucherPackage } from "./rules";
import { normalizeVoucherCode, usageSchema } from "./schema";

// What happens when a voucher is used at a hotspot. Staff never call these; the RADIUS module
// (server/modules/radius) does, for the company whose address its FreeRADIUS server called:
// check() at authorize, activate() once the NAS accepted the password, addUsage() from
// accounting, all inside its transaction with the RADIUS server key as the audit actor. The
// sweep (expireDue) opens its own transaction per company.
//
// Auditing: activation, expiry and the sweep change what a voucher is and are recorded; the
// usage counters themselves are metering (one report every few minutes per session) and are not.

const BYTES_PER_MB = 1024 * 1024;
const TWO_POW_32 = 2 ** 32;

export const REJECT = {
  unknown: "Unknown voucher code",
  disabled: "This voucher was disabled",
  expired: "This voucher has expired",
} as const;

export interface ReplyAttribute {
  attribute: string;
  op: ":=";
  value: string;
}

const VOUCHER_FIELDS = {
  id: true,
  code: true,
  pin: true,
  status: true,
  firstUsedAt: true,
  expiresAt: true,
  usedMb: true,
  batch: { select: { package: { select: PACKAGE_FIELDS } } },
} as const;

async function findByCode(scope: Scope, rawCode: string) {
  const code = normalizeVoucherCode(rawCode);
  if (!code) return null;
  // FOR UPDATE: two NAS asking at once for the same fresh voucher must not both "first-use" it.
  const locked = await scope.tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Voucher" WHERE code = ${code} FOR UPDATE`;
  if (locked.length === 0) return null;
  return scope.tx.voucher.findUnique({ where: { id: locked[0].id }, select: VOUCHER_FIELDS });
}

async function markExpired(scope: Scope, voucher: { id: string; code: string }, why: "time" | "data") {
  const { count } = await scope.tx.voucher.updateMany({
    where: { id: voucher.id, status: { in: ["UNUSED", "ACTIVE"] } },
    data: { status: "EXPIRED" },
  });
  if (count)
    await audit.record(scope, {
      action: "voucher.expire",
      entityType: "Voucher",
      entityId: voucher.id,
      after: { voucher: voucher.code, status: "EXPIRED", by: why },
    });
}

/** RADIUS reply attributes (MikroTik dictionary) for a voucher that may go online now. */
function replyAttributes(pkg: VoucherPackage, expiresAt: Date | null, usedMb: number, now: Date): ReplyAttribute[] {
  const attrs: ReplyAttribute[] = [];
  const limits: number[] = [];
  if (expiresAt) limits.push(Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  if (pkg.sessionTimeoutMinutes) limits.push(pkg.sessionTimeoutMinutes * 60);
  if (limits.length)
    attrs.push({ attribute: "Session-Timeout", op: ":=", value: String(Math.max(1, Math.min(...limits))) });
  if (pkg.dataCapMb != null) {
    // The quota is a 64-bit byte count that RADIUS carries as two 32-bit halves.
    const bytes = Math.max(0, pkg.dataCapMb - usedMb) * BYTES_PER_MB;
    attrs.push({ attribute: "Mikrotik-Total-Limit", op: ":=", value: String(bytes % TWO_POW_32) });
    attrs.push({
      attribute: "Mikrotik-Total-Limit-Gigawords",
      op: ":=",
      value: String(Math.floor(bytes / TWO_POW_32)),
    });
  }
  attrs.push({ attribute: "Mikrotik-Rate-Limit", op: ":=", value: `${pkg.uploadKbps}k/${pkg.downloadKbps}k` });
  return attrs;
}

type LoadedVoucher = NonNullable<Awaited<ReturnType<typeof findByCode>>>;
type RejectReason = (typeof REJECT)[keyof typeof REJECT];

/** Why this voucher may not go online at `now`, or null when it may. A voucher found used up is marked EXPIRED. */
async function refusal(scope: Scope, v: LoadedVoucher, now: Date): Promise<RejectReason | null> {
  if (v.status === "DISABLED") return REJECT.disabled;
  if (v.status === "EXPIRED") return REJECT.expired;
  if (v.status === "ACTIVE" && v.expiresAt && v.expiresAt <= now) {
    await markExpired(scope, v, "time");
    return REJECT.expired;
  }
  if (dataExhausted(v.batch.package, v.usedMb)) {
    await markExpired(scope, v, "data");
    return REJECT.expired;
  }
  return null;
}

/** Where a voucher was first used (the NAS and the device), kept in the audit entry of its activation. */
export interface FirstUseAt {
  nasIp?: string | null;
  callingStation?: string | null;
}

/** UNUSED → ACTIVE: the first successful login starts the clock. Returns the expiry it set. */
async function startClock(scope: Scope, v: LoadedVoucher, now: Date, where?: FirstUseAt): Promise<Date | null> {
  const expiresAt = expiryFrom(v.batch.package, now);
  await scope.tx.voucher.update({ where: { id: v.id }, data: { status: "ACTIVE", firstUsedAt: now, expiresAt } });
  const seen =
    where && (where.nasIp || where.callingStation)
      ? { nasIp: where.nasIp ?? null, callingStation: where.callingStation ?? null }
      : undefined;
  await audit.record(scope, {
    action: "voucher.activate",
    entityType: "Voucher",
    entityId: v.id,
    after: { voucher: v.code, status: "ACTIVE", firstUsedAt: now, expiresAt, ...seen },
  });
  return expiresAt;
}

export type CheckResult =
  | {
      accept: true;
      voucherId: string;
      code: string;
      password: string;
      firstLogin: boolean;
      expiresAt: Date | null;
      attributes: ReplyAttribute[];
    }
  | { accept: false; reason: RejectReason };

/**
 * RADIUS authorize: may this code go online at `now`, with which password (the PIN, or the code
 * itself when the voucher has none) and which limits? Nothing starts here: the NAS has not yet
 * checked the password, and a wrong PIN must not start a voucher's clock. activate() does that
 * after a successful login. The limits of an unused voucher are those its first login would get.
 */
export async function check(scope: Scope, code: string, now: Date = new Date()): Promise<CheckResult> {
  const v = await findByCode(scope, code);
  if (!v) return { accept: false, reason: REJECT.unknown };
  const refused = await refusal(scope, v, now);
  if (refused) return { accept: false, reason: refused };
  const firstLogin = v.status === "UNUSED";
  const expiresAt = firstLogin ? expiryFrom(v.batch.package, now) : v.expiresAt;
  return {
    accept: true,
    voucherId: v.id,
    code: v.code,
    password: v.pin ?? v.code,
    firstLogin,
    expiresAt,
    attributes: replyAttributes(v.batch.package, expiresAt, v.usedMb, now),
  };
}

export type ActivateResult =
  | { accept: true; voucherId: string; firstLogin: boolean; expiresAt: Date | null }
  | { accept: false; reason: RejectReason };

/**
 * RADIUS post-auth (or the session's accounting Start): the login succeeded, so an unused
 * voucher becomes ACTIVE with its clock started at `now`. Running it again for the same voucher
 * changes nothing, so both the post-auth call and the Start may do it.
 */
export async function activate(
  scope: Scope,
  code: string,
  now: Date = new Date(),
  where?: FirstUseAt,
): Promise<ActivateResult> {
  const v = await findByCode(scope, code);
  if (!v) return { accept: false, reason: REJECT.unknown };
  const refused = await refusal(scope, v, now);
  if (refused) return { accept: false, reason: refused };
  if (v.status !== "UNUSED") return { accept: true, voucherId: v.id, firstLogin: false, expiresAt: v.expiresAt };
  return { accept: true, voucherId: v.id, firstLogin: true, expiresAt: await startClock(scope, v, now, where) };
}

/** The id of the voucher with this code (as a person or a NAS typed it), or null. */
export async function idOfCode(scope: Scope, code: string): Promise<string | null> {
  const normal = normalizeVoucherCode(code);
  if (!normal) return null;
  return (
    (
      await scope.tx.voucher.findUnique({
        where: { companyId_code: { companyId: scope.companyId, code: normal } },
        select: { id: true },
      })
    )?.id ?? null
  );
}

export interface UsageResult {
  status: LoadedVoucher["status"];
  usedMb: number;
  usedSeconds: number;
  remainingMb: number | null;
}

/** Adds usage to a locked voucher; an active voucher whose data or time has run out expires. */
async function applyUsage(
  scope: Scope,
  v: LoadedVoucher,
  add: z.output<typeof usageSchema>,
  now: Date,
): Promise<UsageResult> {
  const after = await scope.tx.voucher.update({
    where: { id: v.id },
    data: { usedMb: { increment: add.mb }, usedSeconds: { increment: add.seconds } },
    select: { status: true, usedMb: true, usedSeconds: true, expiresAt: true },
  });
  let status = after.status;
  if (after.status === "ACTIVE" && dataExhausted(v.batch.package, after.usedMb)) {
    await markExpired(scope, v, "data");
    status = "EXPIRED";
  } else if (after.status === "ACTIVE" && after.expiresAt && after.expiresAt <= now) {
    await markExpired(scope, v, "time");
    status = "EXPIRED";
  }
  const cap = v.batch.package.dataCapMb;
  return {
    status,
    usedMb: after.usedMb,
    usedSeconds: after.usedSeconds,
    remainingMb: cap == null ? null : Math.max(0, cap - after.usedMb),
  };
}

/** The same, by voucher id, inside the caller's transaction (RADIUS accounting knows the id from the session). */
export async function addUsage(
  scope: Scope,
  voucherId: string,
  usage: z.input<typeof usageSchema>,
  now: Date = new Date(),
): Promise<UsageResult> {
  const add = usageSchema.parse(usage);
  const locked = await scope.tx.$queryRaw<
    { code: string }[]
  >`SELECT code FROM "Voucher" WHERE id = ${voucherId} FOR UPDATE`;
  if (locked.length === 0) throw new NotFound("Voucher");
  const v = await scope.tx.voucher.findUniqueOrThrow({ where: { id: voucherId }, select: VOUCHER_FIELDS });
  return applyUsage(scope, v, add, now);
}

/** The sweep: active vouchers whose time is up become EXPIRED. Running it again changes nothing. */
export async function expireDue(companyId: string, now: Date = new Date()) {
  return withTenant(companyId, async (tx) => {
    const { count } = await tx.voucher.updateMany({
      where: { status: "ACTIVE", expiresAt: { lte: now } },
      data: { status: "EXPIRED" },
    });
    if (count)
      await audit.record(
        { tx, companyId, actor: { type: "SYSTEM", label: "voucher sweep" } },
        { action: "voucher.expire_due", entityType: "Voucher", after: { count, at: now } },
      );
    return { expired: count };
  });
}
