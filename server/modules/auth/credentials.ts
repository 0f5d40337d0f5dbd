import type { User } from "../../db/generated/prisma/client";
import { TWO_FACTOR_REQUIRED_ROLES } from "../../auth/permissions";
import { verifyPassword } from "../../auth/password";
import { normaliseRecoveryCode, verifyTotp } from "../../auth/totp";
import { withTenant } from "../../db/tenant";
import { unseal, sha256 } from "../../lib/crypto";
import { DomainError, TooManyRequests, Unauthorized } from "../../lib/errors";
import { env } from "../../lib/env";
import { newId } from "../../lib/ids";
import { loginSchema, type LoginInput } from "./schema";

// Checks an e-mail/password (and second factor) for one company. Failures are counted per
// account (lockout), per address (rate limit) and per company (a budget no header changes);
// the answer never says whether the e-mail exists.

export class SecondFactorRequired extends DomainError {
  constructor() {
    super("UNAUTHORIZED", "Enter the 6-digit code from your authenticator app.");
  }
}

export class EmailNotConfirmed extends DomainError {
  constructor() {
    super("UNAUTHORIZED", "Confirm your e-mail address first: open the link we sent you when you signed up.");
  }
}

export type LoginOutcome = { ok: true; user: User; mustEnrolTwoFactor: boolean } | { ok: false; error: DomainError };

const BAD = () => new Unauthorized("E-mail or password is incorrect.");

export async function verifyCredentials(
  companyId: string,
  input: LoginInput,
  ip: string,
): Promise<User & { mustEnrolTwoFactor: boolean }> {
  const data = loginSchema.parse(input);
  const e = env();
  const outcome = await withTenant(companyId, async (tx): Promise<LoginOutcome> => {
    const since = new Date(Date.now() - 15 * 60_000);
    const recentFailures = await tx.loginAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } });
    if (recentFailures >= e.LOGIN_RATE_LIMIT_PER_15_MIN) {
      return {
        ok: false,
        error: new TooManyRequests("Too many sign-in attempts from your network. Try again in 15 minutes."),
      };
    }
    // Addresses can be spoofed or rotated; the company's budget of failures cannot (RLS keeps the count to it).
    const companyFailures = await tx.loginAttempt.count({ where: { success: false, createdAt: { gte: since } } });
    if (companyFailures >= e.LOGIN_COMPANY_FAILURES_PER_15_MIN) {
      return {
        ok: false,
        error: new TooManyRequests("Too many failed sign-ins at this company right now. Try again in 15 minutes."),
      };
    }
    const attempt = (success: boolean) =>
      tx.loginAttempt.create({ data: { id: newId(), companyId, email: data.email, ip, success } });
    const user = await tx.user.findUnique({ where: { companyId_email: { companyId, email: data.email } } });
    if (!user || user.status !== "ACTIVE") {
      await attempt(false);
      return { ok: false, error: BAD() };
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await attempt(false);
      return {
        ok: false,
        error: new TooManyRequests(
          "This account is locked after repeated failed sign-ins. Try again later or reset your password.",
        ),
      };
    }
    const fail = async (error: DomainError, countsTowardsLockout = true) => {
      await attempt(false);
      if (countsTowardsLockout) {
        const failures = user.failedLoginCount + 1;
        const lock = failures >= e.LOGIN_MAX_FAILURES;
        await tx.user.update({
          where: { id: user.id },
          data: {
            failedLoginCount: lock ? 0 : failures,
            lockedUntil: lock ? new Date(Date.now() + e.LOGIN_LOCKOUT_MINUTES * 60_000) : null,
          },
        });
      }
      return { ok: false as const, error };
    };
    if (!(await verifyPassword(user.passwordHash, data.password))) return fail(BAD());
    if (user.emailUnverified) {
      await attempt(false);
      return { ok: false, error: new EmailNotConfirmed() };
    }
    let totpStep: number | null = null;
    if (user.totpEnabledAt && user.totpSecret) {
      if (data.recoveryCode) {
        const codes = await tx.recoveryCode.findMany({ where: { userId: user.id, usedAt: null } });
        const match = codes.find((c) => c.codeHash === sha256(normaliseRecoveryCode(data.recoveryCode!)));
        if (!match) return fail(new Unauthorized("That recovery code is not valid or was already used."));
        await tx.recoveryCode.update({ where: { id: match.id }, data: { usedAt: new Date() } });
      } else if (!data.totp) {
        return { ok: false, error: new SecondFactorRequired() };
      } else {
        totpStep = verifyTotp(unseal(user.totpSecret), data.totp, user.totpLastStep);
        if (totpStep === null)
          return fail(
            new Unauthorized("That code is not valid or was already used. Wait for the next code and try again."),
          );
      }
    }
    await attempt(true);
    const updated = await tx.user.update({
      where: { id: user.id },
      data: {
        failedLoginCount: 0,
        lockedUntil: null,
        lastLoginAt: new Date(),
        ...(totpStep !== null ? { totpLastStep: totpStep } : {}),
      },
    });
    return {
      ok: true,
      user: updated,
      mustEnrolTwoFactor: !updated.totpEnabledAt && TWO_FACTOR_REQUIRED_ROLES.includes(updated.role),
    };
  });
  if (!outcome.ok) throw outcome.error;
  return { ...outcome.user, mustEnrolTwoFactor: outcome.mustEnrolTwoFactor };
}
