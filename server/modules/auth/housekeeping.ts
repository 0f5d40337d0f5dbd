import { withTenant } from "../../db/tenant";
import * as audit from "../audit/service";
import { systemActor } from "../scope";

// Sign-in records that have served their purpose: ended sessions (and with them their refresh
// tokens), old sign-in attempts, used or expired reset links. Deleting by age is idempotent.

const KEEP_DAYS = 30;

export async function purgeExpired(companyId: string, now = new Date()) {
  const cutoff = new Date(now.getTime() - KEEP_DAYS * 86_400_000);
  return withTenant(companyId, async (tx) => {
    const sessions = await tx.userSession.deleteMany({
      where: { OR: [{ expiresAt: { lt: cutoff } }, { revokedAt: { lt: cutoff } }] },
    });
    const attempts = await tx.loginAttempt.deleteMany({ where: { createdAt: { lt: cutoff } } });
    const resets = await tx.passwordResetToken.deleteMany({
      where: { OR: [{ expiresAt: { lt: now } }, { usedAt: { not: null } }] },
    });
    const result = { sessions: sessions.count, loginAttempts: attempts.count, resetTokens: resets.count };
    if (result.sessions + result.loginAttempts + result.resetTokens > 0) {
      await audit.record(
        { tx, companyId, actor: systemActor },
        { action: "auth.housekeeping", entityType: "Company", entityId: companyId, after: result },
      );
    }
    return result;
  });
}
