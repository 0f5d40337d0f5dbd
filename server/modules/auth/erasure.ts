import type { Scope } from "../scope";

// Erasure of a customer (the privacy module orchestrates; this module anonymises its own rows).
// The users module disables the sign-in and revokes its sessions; what remains here is every
// credential that could still be used, and the sign-in attempts that name the old address.

export async function forgetCredentials(scope: Scope, userId: string, emails: readonly string[]): Promise<void> {
  await scope.tx.refreshToken.deleteMany({ where: { userId } });
  await scope.tx.passwordResetToken.deleteMany({ where: { userId } });
  await scope.tx.recoveryCode.deleteMany({ where: { userId } });
  const addresses = emails.map((e) => e.toLowerCase());
  if (addresses.length) await scope.tx.loginAttempt.deleteMany({ where: { email: { in: addresses } } });
}
