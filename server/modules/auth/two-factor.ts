import { TWO_FACTOR_REQUIRED_ROLES } from "../../auth/permissions";
import {
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  totpQrDataUrl,
  totpUri,
  verifyTotp,
} from "../../auth/totp";
import { seal, sha256, unseal } from "../../lib/crypto";
import { Conflict, Forbidden, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { claimTotpStep } from "./lockout";

// TOTP enrolment: a new secret is stored sealed but inactive until the user proves it with a
// code; then ten recovery codes are shown once and kept only as hashes.

export async function begin(scope: Scope, userId: string, issuer: string) {
  const user = await scope.tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFound("User");
  if (user.totpEnabledAt) throw new Conflict("Two-factor authentication is already on.");
  const secret = newTotpSecret();
  await scope.tx.user.update({ where: { id: userId }, data: { totpSecret: seal(secret) } });
  const uri = totpUri(secret, user.email, issuer);
  return { secret, uri, qrDataUrl: await totpQrDataUrl(uri) };
}

export async function confirm(scope: Scope, userId: string, code: string) {
  const user = await scope.tx.user.findUnique({ where: { id: userId } });
  if (!user?.totpSecret) throw new Invalid("Start the set-up again: no pending authenticator.");
  if (user.totpEnabledAt) throw new Conflict("Two-factor authentication is already on.");
  const step = verifyTotp(unseal(user.totpSecret), code);
  if (step === null)
    throw new Invalid("That code is not valid. Try the newest code from your app.", { code: "Code not valid." });
  const codes = newRecoveryCodes();
  await scope.tx.recoveryCode.deleteMany({ where: { userId } });
  await scope.tx.recoveryCode.createMany({
    data: codes.map((c) => ({
      id: newId(),
      companyId: scope.companyId,
      userId,
      codeHash: sha256(normaliseRecoveryCode(c)),
    })),
  });
  await scope.tx.user.update({ where: { id: userId }, data: { totpEnabledAt: new Date(), totpLastStep: step } });
  await audit.record(scope, { action: "user.two_factor_enable", entityType: "User", entityId: userId });
  return { recoveryCodes: codes };
}

/**
 * Turns two-factor off, on a current code from the authenticator: a session left open on a shared
 * computer (or a forged request) is not enough to remove the second factor. The code is spent.
 */
export async function disable(scope: Scope, userId: string, code: string) {
  const user = await scope.tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFound("User");
  if (TWO_FACTOR_REQUIRED_ROLES.includes(user.role))
    throw new Forbidden("Your role requires two-factor authentication; it cannot be turned off.");
  if (!user.totpEnabledAt || !user.totpSecret) throw new Conflict("Two-factor authentication is already off.");
  const step = verifyTotp(unseal(user.totpSecret), code, user.totpLastStep);
  if (step === null || !(await claimTotpStep(scope.tx, "User", userId, step)))
    throw new Invalid("That code is not valid. Enter the newest code from your app.", { code: "Code not valid." });
  await scope.tx.user.update({
    where: { id: userId },
    data: { totpEnabledAt: null, totpSecret: null, totpLastStep: null },
  });
  await scope.tx.recoveryCode.deleteMany({ where: { userId } });
  await audit.record(scope, { action: "user.two_factor_disable", entityType: "User", entityId: userId });
}

export async function status(scope: Scope, userId: string) {
  const user = await scope.tx.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true, role: true } });
  if (!user) throw new NotFound("User");
  const remaining = await scope.tx.recoveryCode.count({ where: { userId, usedAt: null } });
  return {
    enabled: !!user.totpEnabledAt,
    required: TWO_FACTOR_REQUIRED_ROLES.includes(user.role),
    recoveryCodesLeft: remaining,
  };
}
