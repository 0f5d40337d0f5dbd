import { createElement } from "react";
import { PasswordResetEmail } from "../../../emails/password-reset";
import { hashPassword, verifyPassword } from "../../auth/password";
import { withTenant } from "../../db/tenant";
import { randomToken, sha256 } from "../../lib/crypto";
import { env } from "../../lib/env";
import { Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { sendMail } from "../../lib/mailer";
import { companyUrl } from "../../lib/urls";
import * as audit from "../audit/service";
import type { Actor, Scope } from "../scope";
import { changePasswordSchema, requestResetSchema, resetPasswordSchema } from "./schema";
import * as rateLimit from "./rate-limit";
import * as sessions from "./sessions";

const RESET_TTL_MS = 60 * 60_000;
const RESETS_PER_HOUR = 3;

/** Changing one's password signs out every other session. */
export async function change(scope: Scope, userId: string, currentSessionId: string | null, input: unknown) {
  const data = changePasswordSchema.parse(input);
  const user = await scope.tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFound("User");
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new Invalid("Your current password is not correct.", { currentPassword: "Not correct." });
  }
  await scope.tx.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(data.newPassword), passwordChangedAt: new Date() },
  });
  const revoked = await sessions.revokeAll(scope, userId, currentSessionId ?? undefined);
  await audit.record(scope, {
    action: "user.password_change",
    entityType: "User",
    entityId: userId,
    after: { otherSessionsRevoked: revoked },
  });
}

/**
 * Always answers the same, whether or not the e-mail belongs to someone. Limited per client
 * address (each request may send a mail); the per-account limit below keeps one inbox from
 * being flooded from many addresses.
 */
export async function requestReset(
  company: { id: string; slug: string; name: string },
  input: unknown,
  actor: Omit<Actor, "type">,
) {
  const { email } = requestResetSchema.parse(input);
  await rateLimit.enforce(
    [
      {
        key: ["password-reset.request", company.id, "ip", actor.ip ?? "unknown"],
        max: env().PASSWORD_RESET_LIMIT_PER_HOUR,
        windowSeconds: 3600,
      },
    ],
    "Too many password-reset requests from your network. Try again in an hour.",
  );
  await withTenant(company.id, async (tx) => {
    const user = await tx.user.findUnique({ where: { companyId_email: { companyId: company.id, email } } });
    if (!user || user.status !== "ACTIVE") return;
    // At most a few links an hour per account, so nobody can flood a person's inbox; the answer
    // stays the same either way.
    const recent = await tx.passwordResetToken.count({
      where: { userId: user.id, createdAt: { gt: new Date(Date.now() - 60 * 60_000) } },
    });
    if (recent >= RESETS_PER_HOUR) return;
    const token = randomToken();
    // Only the newest link works: earlier ones are retired.
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    await tx.passwordResetToken.create({
      data: {
        id: newId(),
        companyId: company.id,
        userId: user.id,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + RESET_TTL_MS),
      },
    });
    const scope: Scope = { tx, companyId: company.id, actor: { ...actor, type: "USER", id: user.id, label: email } };
    await sendMail(scope, {
      to: email,
      subject: `Reset your ${company.name} password`,
      body: createElement(PasswordResetEmail, {
        companyName: company.name,
        url: companyUrl(company.slug, `/reset-password/${token}`),
      }),
      secrets: [token],
    });
    await audit.record(scope, { action: "user.password_reset_request", entityType: "User", entityId: user.id });
  });
}

/**
 * Sets a new password from an e-mailed link. The link is checked before the password is hashed
 * (a wrong link costs no hash), the hash is made outside any transaction, and the link is then
 * spent by a conditional update: of two requests with one link, only one sets a password.
 */
export async function reset(companyId: string, input: unknown, actor: Omit<Actor, "type">) {
  const data = resetPasswordSchema.parse(input);
  const tokenHash = sha256(data.token);
  const usable = (now: Date) => ({ tokenHash, usedAt: null, expiresAt: { gt: now } });
  const invalid = () => new Invalid("This reset link is invalid or has expired. Ask for a new one.");
  const found = await withTenant(companyId, (tx) =>
    tx.passwordResetToken.findFirst({ where: usable(new Date()), select: { id: true } }),
  );
  if (!found) throw invalid();
  const passwordHash = await hashPassword(data.password);
  await withTenant(companyId, async (tx) => {
    const spent = await tx.passwordResetToken.updateMany({ where: usable(new Date()), data: { usedAt: new Date() } });
    if (spent.count !== 1) throw invalid();
    const row = await tx.passwordResetToken.findUniqueOrThrow({ where: { tokenHash } });
    await tx.user.update({
      where: { id: row.userId },
      data: { passwordHash, passwordChangedAt: new Date(), failedLoginCount: 0, lockedUntil: null },
    });
    const scope: Scope = { tx, companyId, actor: { ...actor, type: "USER", id: row.userId } };
    await sessions.revokeAll(scope, row.userId);
    await audit.record(scope, { action: "user.password_reset", entityType: "User", entityId: row.userId });
  });
}
