import { randomBytes } from "node:crypto";
import { ERASED } from "../../lib/redact";
import * as sessions from "../auth/sessions";
import type { Scope } from "../scope";

// Erasure of a customer (the privacy module orchestrates; this module anonymises its own rows).
// The portal sign-in stays as a row (tickets and audit entries point at it) but can never sign in
// again: disabled, signed out everywhere, no password or second factor, no name or address.

/** An address that can never receive mail (.invalid is reserved) and keeps e-mails unique. */
export const erasedEmail = (userId: string) => `erased-${userId.toLowerCase()}@erased.invalid`;

export async function erasePortalAccount(scope: Scope, userId: string): Promise<{ email: string } | null> {
  const user = await scope.tx.user.findUnique({ where: { id: userId }, select: { email: true, role: true } });
  // Only a customer's own sign-in: a staff account linked by mistake is left for staff to handle.
  if (!user || user.role !== "CUSTOMER") return null;
  await scope.tx.user.update({
    where: { id: userId },
    data: {
      email: erasedEmail(userId),
      name: ERASED,
      status: "DISABLED",
      // Not a hash of anything: no password can match it.
      passwordHash: `!erased:${randomBytes(16).toString("hex")}`,
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      failedLoginCount: 0,
      lockedUntil: null,
    },
  });
  await sessions.revokeAll(scope, userId);
  // Open invitations to the old address would let someone make a new sign-in with it.
  await scope.tx.invitation.updateMany({
    where: { email: user.email },
    data: { email: erasedEmail(userId), name: ERASED, revokedAt: new Date() },
  });
  return { email: user.email };
}
