import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { currentTotp } from "../../auth/totp";
import { withTenant } from "../../db/tenant";
import { sha256 } from "../../lib/crypto";
import { anonymousCaller, callerAs, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { fixture, isolationCases } from "../../test/isolation";
import { linkToken, mailsTo } from "../../test/mail";
import { failure, outboxOf } from "../../test/trpc";
import * as apiTokens from "../auth/api-tokens";
import * as sessions from "../auth/sessions";
import { login, logout, refresh } from "./rest";

// Tenant isolation of one's own account (auth.account), password resets, and the API's sign-in.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** B's technician's pending password reset and API tokens; A's network admin without two-factor. */
export const authFixture = fixture(async (w) => {
  await anonymousCaller(w.B.company).auth.passwordReset.request({ email: w.bTech.email });
  const [mail] = mailsTo(w.bTech.email);
  const aTech = await callerAs(
    w.A.company,
    (await makeUser(w.A.company.id, "NETWORK_ADMIN", { email: "noc@alpha.test", twoFactor: false })).id,
  );
  const bTokens = await apiTokens.issue(w.B.company.id, w.bTech, { ip: "192.0.2.11", userAgent: "bravo-app" });
  // The authenticator A's technician enrols in the two-factor cases below.
  return { resetToken: linkToken(mail.text, "reset-password"), aTech, bTokens, totpSecret: "" };
});

export default isolationCases({
  setup: authFixture,
  snapshotB: async (tx) => ({
    sessions: await tx.userSession.findMany({
      orderBy: { id: "asc" },
      select: { id: true, userId: true, revokedAt: true },
    }),
    resetTokens: await tx.passwordResetToken.findMany({ orderBy: { id: "asc" }, select: { id: true, usedAt: true } }),
    recoveryCodes: await tx.recoveryCode.count(),
  }),
  idsOfB: async (tx) => (await tx.userSession.findMany()).map((s) => s.id),
  procedures: {
    "auth.account.me": async (w) => {
      const me = await w.aAdmin.auth.account.me();
      expect(me).toMatchObject({ userId: w.aAdmin.ctx.viewer!.userId, company: { id: w.A.company.id } });
      await w.expectNoneOfB(me);
    },
    "auth.account.updateProfile": async (w) => {
      const me = await w.aAdmin.auth.account.updateProfile({ name: "Alpha Admin" });
      expect(me.id).toBe(w.aAdmin.ctx.viewer!.userId);
    },
    "auth.account.changePassword": async (w) => {
      await w.aAdmin.auth.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "Alpha-new-pass-1" });
      expect(await sessions.validate(w.B.company.id, w.bTechSessionId)).not.toBeNull();
    },
    "auth.account.sessions": async (w) => {
      const list = await w.aAdmin.auth.account.sessions();
      expect(list.map((s) => s.id)).toContain(w.aAdmin.sessionId);
      await w.expectNoneOfB(list);
    },
    "auth.account.revokeSession": async (w) => {
      expect((await failure(w.aAdmin.auth.account.revokeSession({ id: w.bTechSessionId }))).code).toBe("NOT_FOUND");
      expect(await sessions.validate(w.B.company.id, w.bTechSessionId)).not.toBeNull();
    },
    "auth.account.revokeOtherSessions": async (w) => {
      await w.aAdmin.auth.account.revokeOtherSessions();
      expect(await sessions.validate(w.B.company.id, w.bTechSessionId)).not.toBeNull();
    },
    "auth.account.twoFactorStatus": async (w, f) => {
      expect(await f.aTech.auth.account.twoFactorStatus()).toEqual({
        enabled: false,
        required: false,
        recoveryCodesLeft: 0,
      });
    },
    "auth.account.beginTwoFactor": async (w, f) => {
      const { secret } = await f.aTech.auth.account.beginTwoFactor();
      f.totpSecret = secret;
      const { recoveryCodes } = await f.aTech.auth.account.confirmTwoFactor({ code: currentTotp(secret) });
      expect(recoveryCodes).toHaveLength(10);
    },
    "auth.account.confirmTwoFactor": async (w, f) => {
      // Already enrolled above: confirming again is refused, and B's users are untouched (snapshot).
      expect((await failure(f.aTech.auth.account.confirmTwoFactor({ code: "123456" }))).code).toBe("CONFLICT");
    },
    "auth.account.disableTwoFactor": async (w, f) => {
      // The next step's code: the current one was spent confirming the enrolment.
      await f.aTech.auth.account.disableTwoFactor({ code: currentTotp(f.totpSecret, Date.now() + 30_000) });
      expect(await f.aTech.auth.account.twoFactorStatus()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    },
    "auth.passwordReset.request": async (w) => {
      const aMailBefore = (await outboxOf(w.A.company.id)).length;
      expect(await anonymousCaller(w.A.company).auth.passwordReset.request({ email: w.bTech.email })).toEqual({
        sent: true,
      });
      expect((await outboxOf(w.A.company.id)).length).toBe(aMailBefore);
    },
    "auth.passwordReset.reset": async (w, f) => {
      const real = await withTenant(w.B.company.id, (tx) =>
        tx.passwordResetToken.findUnique({ where: { tokenHash: sha256(f.resetToken) } }),
      );
      expect(real).not.toBeNull(); // the token is B's and valid there
      const failed = await failure(
        anonymousCaller(w.A.company).auth.passwordReset.reset({ token: f.resetToken, password: "Stolen-pass-123" }),
      );
      expect(failed.code).toBe("UNPROCESSABLE_CONTENT");
    },
  },
  rest: {
    "POST /api/auth/login": async (w) => {
      // (That the same credentials work at B is the harness's own test: signing in there changes B.)
      const body = { email: w.bTech.email, password: TEST_PASSWORD };
      expect((await call(login, { host: hostOf(w.A.company.slug), body })).status).toBe(401);
    },
    "POST /api/auth/refresh": async (w, f) => {
      const body = { refreshToken: f.bTokens.refreshToken };
      expect((await call(refresh, { host: hostOf(w.A.company.slug), body })).status).toBe(401);
    },
    "POST /api/auth/logout": async (w, f) => {
      // Presented at A, B's refresh token signs nothing out: B's session stays live (snapshot).
      const body = { refreshToken: f.bTokens.refreshToken };
      expect((await call(logout, { host: hostOf(w.A.company.slug), body })).status).toBe(401);
    },
  },
});
