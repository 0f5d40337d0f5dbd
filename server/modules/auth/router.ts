import { z } from "zod";
import { protectedProcedure, publicProcedure, router } from "../../api/trpc";
import { Unauthorized } from "../../lib/errors";
import * as passwords from "./passwords";
import * as profile from "./profile";
import {
  changePasswordSchema,
  requestResetSchema,
  resetPasswordSchema,
  totpCodeSchema,
  updateProfileSchema,
} from "./schema";
import * as sessions from "./sessions";
import * as twoFactor from "./two-factor";

// One's own account: profile, password, sessions and two-factor authentication.
const accountRouter = router({
  me: protectedProcedure("profile:manage_own", { beforeTwoFactor: true }).query(({ ctx }) => ({
    ...ctx.viewer,
    company: ctx.company,
  })),
  updateProfile: protectedProcedure("profile:manage_own")
    .input(updateProfileSchema)
    .mutation(({ ctx, input }) => profile.updateProfile(ctx.scope, ctx.viewer.userId, input)),
  changePassword: protectedProcedure("profile:manage_own", { beforeTwoFactor: true })
    .input(changePasswordSchema)
    .mutation(({ ctx, input }) => passwords.change(ctx.scope, ctx.viewer.userId, ctx.viewer.sessionId, input)),

  sessions: protectedProcedure("sessions:manage_own", { beforeTwoFactor: true }).query(async ({ ctx }) =>
    (await sessions.listOwn(ctx.scope, ctx.viewer.userId)).map((s) => ({
      ...s,
      current: s.id === ctx.viewer.sessionId,
    })),
  ),
  revokeSession: protectedProcedure("sessions:manage_own", { beforeTwoFactor: true })
    .input(z.object({ id: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => sessions.revokeOwn(ctx.scope, ctx.viewer.userId, input.id)),
  revokeOtherSessions: protectedProcedure("sessions:manage_own", { beforeTwoFactor: true }).mutation(
    async ({ ctx }) => ({
      revoked: await sessions.revokeAll(ctx.scope, ctx.viewer.userId, ctx.viewer.sessionId),
    }),
  ),

  twoFactorStatus: protectedProcedure("profile:manage_own", { beforeTwoFactor: true }).query(({ ctx }) =>
    twoFactor.status(ctx.scope, ctx.viewer.userId),
  ),
  beginTwoFactor: protectedProcedure("profile:manage_own", { beforeTwoFactor: true }).mutation(({ ctx }) =>
    twoFactor.begin(ctx.scope, ctx.viewer.userId, `Lastmile ${ctx.company.name}`),
  ),
  confirmTwoFactor: protectedProcedure("profile:manage_own", { beforeTwoFactor: true })
    .input(totpCodeSchema)
    .mutation(({ ctx, input }) => twoFactor.confirm(ctx.scope, ctx.viewer.userId, input.code)),
  disableTwoFactor: protectedProcedure("profile:manage_own")
    .input(totpCodeSchema)
    .mutation(({ ctx, input }) => twoFactor.disable(ctx.scope, ctx.viewer.userId, input.code)),
});

// Signed-out flows on a company's subdomain.
const passwordResetRouter = router({
  request: publicProcedure.input(requestResetSchema).mutation(async ({ ctx, input }) => {
    if (!ctx.company) throw new Unauthorized("Reset your password on your company's address.");
    await passwords.requestReset(ctx.company, input, { ip: ctx.ip, userAgent: ctx.userAgent });
    return { sent: true };
  }),
  reset: publicProcedure.input(resetPasswordSchema).mutation(async ({ ctx, input }) => {
    if (!ctx.company) throw new Unauthorized("Reset your password on your company's address.");
    await passwords.reset(ctx.company.id, input, { ip: ctx.ip, userAgent: ctx.userAgent });
    return { reset: true };
  }),
});

export const authRouter = router({ account: accountRouter, passwordReset: passwordResetRouter });
