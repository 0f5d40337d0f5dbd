import { jwtVerify, SignJWT } from "jose";
import { createHash } from "node:crypto";
import type { Role } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import { randomToken, sha256 } from "../../lib/crypto";
import { env } from "../../lib/env";
import { Unauthorized } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import * as sessions from "./sessions";

// REST integrations: a short-lived JWT access token bound to one company and one session, and
// a rotating refresh token. The session is the refresh-token family: presenting a refresh
// token that was already rotated revokes the session, and with it every token of the family.

const key = () => createHash("sha256").update(`api-access:${env().AUTH_SECRET}`).digest();

export interface AccessClaims {
  userId: string;
  companyId: string;
  sessionId: string;
  role: Role;
}

export interface TokenPair {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  refreshToken: string;
}

async function signAccess(c: AccessClaims): Promise<string> {
  return new SignJWT({ cid: c.companyId, sid: c.sessionId, role: c.role })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(c.userId)
    .setIssuedAt()
    .setExpirationTime(`${env().JWT_ACCESS_TTL_SECONDS}s`)
    .setAudience("lastmile-api")
    .sign(key());
}

/** Verifies signature, expiry and that the token belongs to this company; null otherwise. */
export async function verifyAccess(token: string, companyId: string): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key(), { audience: "lastmile-api", algorithms: ["HS256"] });
    if (payload.cid !== companyId || typeof payload.sub !== "string" || typeof payload.sid !== "string") return null;
    return { userId: payload.sub, companyId, sessionId: payload.sid, role: payload.role as Role };
  } catch {
    return null;
  }
}

async function issueRefresh(companyId: string, userId: string, sessionId: string): Promise<string> {
  const token = `${sessionId}.${randomToken()}`;
  await withTenant(companyId, (tx) =>
    tx.refreshToken.create({
      data: {
        id: newId(),
        companyId,
        userId,
        sessionId,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + env().REFRESH_TTL_DAYS * 86_400_000),
      },
    }),
  );
  return token;
}

export async function issue(
  companyId: string,
  user: { id: string; role: Role; email: string },
  meta: { ip?: string | null; userAgent?: string | null },
): Promise<TokenPair> {
  const session = await sessions.create(companyId, user.id, "API", meta, env().REFRESH_TTL_DAYS);
  return {
    accessToken: await signAccess({ userId: user.id, companyId, sessionId: session.id, role: user.role }),
    tokenType: "Bearer",
    expiresIn: env().JWT_ACCESS_TTL_SECONDS,
    refreshToken: await issueRefresh(companyId, user.id, session.id),
  };
}

export async function refresh(companyId: string, refreshToken: string): Promise<TokenPair> {
  const invalid = new Unauthorized("The refresh token is invalid or expired. Sign in again.");
  const outcome = await withTenant(companyId, async (tx) => {
    const row = await tx.refreshToken.findUnique({
      where: { tokenHash: sha256(refreshToken) },
      include: { session: true, user: true },
    });
    if (!row) return null;
    const reused = async () => {
      // Someone else may hold the family. End the whole session.
      await tx.userSession.update({
        where: { id: row.sessionId },
        data: { revokedAt: row.session.revokedAt ?? new Date() },
      });
      await audit.record(
        { tx, companyId, actor: { type: "SYSTEM", label: "token reuse detector" } },
        { action: "auth.refresh_reuse", entityType: "UserSession", entityId: row.sessionId },
      );
      return "reused" as const;
    };
    if (row.rotatedAt) return reused();
    if (row.expiresAt < new Date() || row.session.revokedAt || row.user.status !== "ACTIVE") return null;
    // Only the request whose update changes the row rotates it; a concurrent one that read the
    // same unrotated row finds it rotated here, and counts as reuse.
    const rotated = await tx.refreshToken.updateMany({
      where: { id: row.id, rotatedAt: null },
      data: { rotatedAt: new Date() },
    });
    if (rotated.count !== 1) return reused();
    return row;
  });
  if (!outcome || outcome === "reused") throw invalid;
  return {
    accessToken: await signAccess({
      userId: outcome.userId,
      companyId,
      sessionId: outcome.sessionId,
      role: outcome.user.role,
    }),
    tokenType: "Bearer",
    expiresIn: env().JWT_ACCESS_TTL_SECONDS,
    refreshToken: await issueRefresh(companyId, outcome.userId, outcome.sessionId),
  };
}

/** Ends the API session of a refresh token (and so every token issued to it). */
export async function logout(companyId: string, refreshToken: string): Promise<void> {
  const sessionId = await withTenant(companyId, async (tx) => {
    const row = await tx.refreshToken.findUnique({ where: { tokenHash: sha256(refreshToken) } });
    if (!row) return null;
    await tx.userSession.update({ where: { id: row.sessionId }, data: { revokedAt: new Date() } });
    await audit.record(
      { tx, companyId, actor: { type: "API", id: row.userId } },
      { action: "auth.logout", entityType: "UserSession", entityId: row.sessionId },
    );
    return row.sessionId;
  });
  if (!sessionId) throw new Unauthorized("The refresh token is invalid or expired.");
}
