import type { User } from "../../db/generated/prisma/client";
import { TWO_FACTOR_REQUIRED_ROLES } from "../../auth/permissions";
import { verifyPasswordOrDummy } from "../../auth/password";
import { normaliseRecoveryCode, verifyTotp } from "../../auth/totp";
import { withTenant } from "../../db/tenant";
import { unseal, sha256 } from "../../lib/crypto";
import { DomainError, TooManyRequests, Unauthorized } from "../../lib/errors";
import { env } from "../../lib/env";
import { newId } from "../../lib/ids";
import * as rateLimit from "./rate-limit";
import { claimAttempt, claimTotpStep, failAttempt, releaseAttempt } from "./lockout";
import { loginSchema, type LoginInput } from "./schema";

// Checks an e-mail/password (and second factor) for one company. Failures are counted per
// account (lockout), per address (rate limit) and per company (a budget no header changes);
// the answer never says whether the e-mail exists. No pool connection is held while hashing.

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

type Claim = { user: User | null; n: number | null };

const LOGIN_WINDOW_SECONDS = 15 * 60;

/** Failed sign-ins per client address at a company, and per company from all addresses. */
function loginLimits(companyId: string, ip: string): [rateLimit.Limit, rateLimit.Limit] {
  const e = env();
  return [
    {
      key: ["login.failed", companyId, "ip", ip],
      max: e.LOGIN_RATE_LIMIT_PER_15_MIN,
      windowSeconds: LOGIN_WINDOW_SECONDS,
    },
    { key: ["login.failed", companyId], max: e.LOGIN_COMPANY_FAILURES_PER_15_MIN, windowSeconds: LOGIN_WINDOW_SECONDS },
  ];
}

export async function verifyCredentials(
  companyId: string,
  input: LoginInput,
  ip: string,
): Promise<User & { mustEnrolTwoFactor: boolean }> {
  const data = loginSchema.parse(input);
  const e = env();
  // 1. The limits: failed sign-ins are counted in the shared state (server/shared-state), so they
  //    hold across every app instance; a refused request counts nothing and checks no password.
  const limits = loginLimits(companyId, ip);
  const [byAddress, byCompany] = await rateLimit.usedUp(limits);
  if (byAddress) throw new TooManyRequests("Too many sign-in attempts from your network. Try again in 15 minutes.");
  // Addresses can be spoofed or rotated; the company's budget of failures cannot.
  if (byCompany)
    throw new TooManyRequests("Too many failed sign-ins at this company right now. Try again in 15 minutes.");
  //    Then a claim on one of the account's attempt slots (server/modules/auth/lockout.ts),
  //    committed at once so that concurrent attempts see it.
  const claim = await withTenant(companyId, async (tx): Promise<Claim> => {
    const found = await tx.user.findUnique({ where: { companyId_email: { companyId, email: data.email } } });
    const user = found?.status === "ACTIVE" ? found : null;
    return { user, n: user ? await claimAttempt(tx, "User", user.id, e.LOGIN_MAX_FAILURES) : null };
  });
  const { user, n } = claim;
  // 2. The password, outside any transaction; only a claimed attempt checks the real hash.
  const passwordOk = await verifyPasswordOrDummy(user && n !== null ? user.passwordHash : null, data.password);
  // 3. The outcome, recorded (the attempt's row, the account's slot); a failure also counts
  //    against the limits of step 1.
  let failed = false;
  const outcome = await withTenant(companyId, async (tx): Promise<LoginOutcome> => {
    const attempt = (success: boolean) => {
      failed = !success;
      return tx.loginAttempt.create({ data: { id: newId(), companyId, email: data.email, ip, success } });
    };
    // Unknown, disabled and locked accounts get the answer of a wrong password, after the same
    // hash: neither the words nor the timing tell an attacker which e-mails exist.
    if (!user || n === null) {
      await attempt(false);
      return { ok: false, error: BAD() };
    }
    const fail = async (error: DomainError) => {
      await attempt(false);
      await failAttempt(tx, "User", user.id, n, e.LOGIN_MAX_FAILURES, e.LOGIN_LOCKOUT_MINUTES);
      return { ok: false as const, error };
    };
    if (!passwordOk) return fail(BAD());
    // The right password: what follows is no guess at it, so the slot goes back unless a code fails.
    if (user.emailUnverified) {
      await attempt(false);
      await releaseAttempt(tx, "User", user.id);
      return { ok: false, error: new EmailNotConfirmed() };
    }
    // Codes are single-use: each is spent by a conditional update that must change exactly one
    // row, so of two requests with the same code (a replay, or a race) only one gets through.
    if (user.totpEnabledAt && user.totpSecret) {
      if (data.recoveryCode) {
        const spent = await tx.recoveryCode.updateMany({
          where: { userId: user.id, codeHash: sha256(normaliseRecoveryCode(data.recoveryCode)), usedAt: null },
          data: { usedAt: new Date() },
        });
        if (spent.count !== 1) return fail(new Unauthorized("That recovery code is not valid or was already used."));
      } else if (!data.totp) {
        await releaseAttempt(tx, "User", user.id);
        return { ok: false, error: new SecondFactorRequired() };
      } else {
        const step = verifyTotp(unseal(user.totpSecret), data.totp, user.totpLastStep);
        if (step === null || !(await claimTotpStep(tx, "User", user.id, step)))
          return fail(
            new Unauthorized("That code is not valid or was already used. Wait for the next code and try again."),
          );
      }
    }
    await attempt(true);
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() },
    });
    return {
      ok: true,
      user: updated,
      mustEnrolTwoFactor: !updated.totpEnabledAt && TWO_FACTOR_REQUIRED_ROLES.includes(updated.role),
    };
  });
  if (!outcome.ok) {
    if (failed) await rateLimit.count(limits);
    throw outcome.error;
  }
  return { ...outcome.user, mustEnrolTwoFactor: outcome.mustEnrolTwoFactor };
}
