import type { z } from "zod";
import { withTenant } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import * as audit from "../audit/service";
import type { Actor, Scope } from "../scope";
import { pinMatches } from "./codes";
import { dataExhausted, expiryFrom, PACKAGE_FIELDS, type VoucherPackage } from "./rules";
import { normalizeVoucherCode, usageSchema } from "./schema";

// What happens when a voucher is used at a hotspot. The RADIUS integration (network issue) calls
// these with the company it resolved from the NAS; staff never do, so they take a company id
// rather than a signed-in scope and act as the RADIUS system in the audit log.
//
// Auditing: activation, expiry and the sweep change what a voucher is and are recorded; the
// usage counters themselves are metering (one report every few minutes per session) and are not.

const RADIUS_ACTOR: Actor = { type: "SYSTEM", label: "radius" };
const BYTES_PER_MB = 1024 * 1024;
const TWO_POW_32 = 2 ** 32;

export const REJECT = {
  unknown: "Unknown voucher code",
  disabled: "This voucher was disabled",
  expired: "This voucher has expired",
  wrongPin: "Wrong PIN for this voucher",
} as const;

export interface ReplyAttribute {
  attribute: string;
  op: ":=";
  value: string;
}

export type AuthorizeResult =
  | { accept: true; voucherId: string; code: string; firstLogin: boolean; expiresAt: Date | null; attributes: ReplyAttribute[] }
  | { accept: false; reason: (typeof REJECT)[keyof typeof REJECT] };

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
  const { count } = await scope.tx.voucher.updateMany({ where: { id: voucher.id, status: { in: ["UNUSED", "ACTIVE"] } }, data: { status: "EXPIRED" } });
  if (count) await audit.record(scope, { action: "voucher.expire", entityType: "Voucher", entityId: voucher.id, after: { voucher: voucher.code, status: "EXPIRED", by: why } });
}

/** RADIUS reply attributes (MikroTik dictionary) for a voucher that may go online now. */
function replyAttributes(pkg: VoucherPackage, expiresAt: Date | null, usedMb: number, now: Date): ReplyAttribute[] {
  const attrs: ReplyAttribute[] = [];
  const limits: number[] = [];
  if (expiresAt) limits.push(Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  if (pkg.sessionTimeoutMinutes) limits.push(pkg.sessionTimeoutMinutes * 60);
  if (limits.length) attrs.push({ attribute: "Session-Timeout", op: ":=", value: String(Math.max(1, Math.min(...limits))) });
  if (pkg.dataCapMb != null) {
    // The quota is a 64-bit byte count that RADIUS carries as two 32-bit halves.
    const bytes = Math.max(0, pkg.dataCapMb - usedMb) * BYTES_PER_MB;
    attrs.push({ attribute: "Mikrotik-Total-Limit", op: ":=", value: String(bytes % TWO_POW_32) });
    attrs.push({ attribute: "Mikrotik-Total-Limit-Gigawords", op: ":=", value: String(Math.floor(bytes / TWO_POW_32)) });
  }
  attrs.push({ attribute: "Mikrotik-Rate-Limit", op: ":=", value: `${pkg.uploadKbps}k/${pkg.downloadKbps}k` });
  return attrs;
}

/**
 * May this code (and PIN) go online at `now`? The first successful login starts the clock:
 * ACTIVE, firstUsedAt and (time packages) expiresAt. Refusals change nothing except that a
 * voucher found to be used up is marked EXPIRED.
 */
export async function authorize(companyId: string, code: string, pin?: string | null, now: Date = new Date()): Promise<AuthorizeResult> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: RADIUS_ACTOR };
    const v = await findByCode(scope, code);
    if (!v) return { accept: false, reason: REJECT.unknown };
    // The PIN is checked before anything about the voucher's state is told. A PIN sent for a
    // voucher without one is ignored: hotspots often send the code again as the password.
    if (v.pin && !pinMatches(v.pin, pin)) return { accept: false, reason: REJECT.wrongPin };
    if (v.status === "DISABLED") return { accept: false, reason: REJECT.disabled };
    if (v.status === "EXPIRED") return { accept: false, reason: REJECT.expired };
    const pkg = v.batch.package;
    if (v.status === "ACTIVE" && v.expiresAt && v.expiresAt <= now) {
      await markExpired(scope, v, "time");
      return { accept: false, reason: REJECT.expired };
    }
    if (dataExhausted(pkg, v.usedMb)) {
      await markExpired(scope, v, "data");
      return { accept: false, reason: REJECT.expired };
    }

    let expiresAt = v.expiresAt;
    const firstLogin = v.status === "UNUSED";
    if (firstLogin) {
      expiresAt = expiryFrom(pkg, now);
      await tx.voucher.update({ where: { id: v.id }, data: { status: "ACTIVE", firstUsedAt: now, expiresAt } });
      await audit.record(scope, { action: "voucher.activate", entityType: "Voucher", entityId: v.id, after: { voucher: v.code, status: "ACTIVE", firstUsedAt: now, expiresAt } });
    }
    return { accept: true, voucherId: v.id, code: v.code, firstLogin, expiresAt, attributes: replyAttributes(pkg, expiresAt, v.usedMb, now) };
  });
}

/** Accounting: adds a session's usage; a data voucher that reaches its allowance expires. */
export async function recordUsage(companyId: string, code: string, usage: z.input<typeof usageSchema>) {
  const add = usageSchema.parse(usage);
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: RADIUS_ACTOR };
    const v = await findByCode(scope, code);
    if (!v) throw new NotFound("Voucher");
    const after = await tx.voucher.update({
      where: { id: v.id },
      data: { usedMb: { increment: add.mb }, usedSeconds: { increment: add.seconds } },
      select: { status: true, usedMb: true, usedSeconds: true },
    });
    let status = after.status;
    if (after.status === "ACTIVE" && dataExhausted(v.batch.package, after.usedMb)) {
      await markExpired(scope, v, "data");
      status = "EXPIRED";
    }
    const cap = v.batch.package.dataCapMb;
    return { status, usedMb: after.usedMb, usedSeconds: after.usedSeconds, remainingMb: cap == null ? null : Math.max(0, cap - after.usedMb) };
  });
}

/** The sweep: active vouchers whose time is up become EXPIRED. Running it again changes nothing. */
export async function expireDue(companyId: string, now: Date = new Date()) {
  return withTenant(companyId, async (tx) => {
    const { count } = await tx.voucher.updateMany({ where: { status: "ACTIVE", expiresAt: { lte: now } }, data: { status: "EXPIRED" } });
    if (count) await audit.record({ tx, companyId, actor: { type: "SYSTEM", label: "voucher sweep" } }, { action: "voucher.expire_due", entityType: "Voucher", after: { count, at: now } });
    return { expired: count };
  });
}
