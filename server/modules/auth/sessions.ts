import type { SessionKind } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Actor, Scope } from "../scope";

// Signed-in devices. Browser cookies and API tokens both point at a session row, so revoking
// the row signs that device out at once, whatever token it still holds.

const WEB_DAYS = 30;
const TOUCH_EVERY_MS = 60_000;

/** A signed-in device; the sign-in is recorded in the audit trail with the device and address. */
export async function create(
  companyId: string,
  userId: string,
  kind: SessionKind,
  meta: { ip?: string | null; userAgent?: string | null },
  days = WEB_DAYS,
) {
  return withTenant(companyId, async (tx) => {
    const session = await tx.userSession.create({
      data: {
        id: newId(),
        companyId,
        userId,
        kind,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        expiresAt: new Date(Date.now() + days * 86_400_000),
      },
      include: { user: { select: { email: true } } },
    });
    const actor = {
      type: kind === "API" ? ("API" as const) : ("USER" as const),
      id: userId,
      label: session.user.email,
      ...meta,
    };
    await audit.record(
      { tx, companyId, actor },
      { action: "auth.login", entityType: "UserSession", entityId: session.id, after: { kind } },
    );
    return session;
  });
}

/** The live session and its active user, or null when revoked, expired, disabled or unknown. */
export async function validate(companyId: string, sessionId: string) {
  return withTenant(companyId, async (tx) => {
    const session = await tx.userSession.findUnique({ where: { id: sessionId }, include: { user: true } });
    if (!session || session.revokedAt || session.expiresAt < new Date() || session.user.status !== "ACTIVE")
      return null;
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await tx.userSession.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } });
    }
    return session;
  });
}

export async function listOwn(scope: Scope, userId: string) {
  return scope.tx.userSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, kind: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
  });
}

export async function revokeOwn(scope: Scope, userId: string, sessionId: string) {
  const session = await scope.tx.userSession.findFirst({ where: { id: sessionId, userId, revokedAt: null } });
  if (!session) throw new NotFound("Session");
  await scope.tx.userSession.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
  await audit.record(scope, {
    action: "session.revoke",
    entityType: "UserSession",
    entityId: sessionId,
    before: { ip: session.ip, userAgent: session.userAgent },
  });
}

/** Signs a user out everywhere (password change, reset, disable), except optionally one session. */
export async function revokeAll(scope: Scope, userId: string, exceptSessionId?: string) {
  const { count } = await scope.tx.userSession.updateMany({
    where: { userId, revokedAt: null, id: exceptSessionId ? { not: exceptSessionId } : undefined },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** Sign-out of one session (the browser's own). */
export async function revoke(companyId: string, sessionId: string, actor: Omit<Actor, "type"> = {}) {
  await withTenant(companyId, async (tx) => {
    const session = await tx.userSession.findUnique({
      where: { id: sessionId },
      include: { user: { select: { email: true } } },
    });
    if (!session || session.revokedAt) return;
    await tx.userSession.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    await audit.record(
      { tx, companyId, actor: { ...actor, type: "USER", id: session.userId, label: session.user.email } },
      { action: "auth.logout", entityType: "UserSession", entityId: sessionId },
    );
  });
}
