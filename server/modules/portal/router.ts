import { protectedProcedure, publicProcedure, router } from "../../api/trpc";
import { Unauthorized } from "../../lib/errors";
import { resend } from "./email-verification";
import { publicPackages, register } from "./registration";
import {
  portalChangeRequestSchema,
  portalContactSchema,
  portalRegistrationSchema,
  resendVerificationSchema,
} from "./schema";
import * as selfService from "./self-service";

const onCompany = <T>(company: T | null): T => {
  if (!company) throw new Unauthorized("Sign up on your internet provider's address.");
  return company;
};

// The customer portal. Signed-out: packages, sign-up, confirmation mail. Signed-in customers
// (portal:access) reach only their own customer record (see self-service.ts).
export const portalRouter = router({
  packages: publicProcedure.query(({ ctx }) => publicPackages(onCompany(ctx.company).id)),
  register: publicProcedure
    .input(portalRegistrationSchema)
    .mutation(({ ctx, input }) => register(onCompany(ctx.company), input, { ip: ctx.ip, userAgent: ctx.userAgent })),
  resendVerification: publicProcedure.input(resendVerificationSchema).mutation(async ({ ctx, input }) => {
    await resend(onCompany(ctx.company), input.email, { ip: ctx.ip, userAgent: ctx.userAgent });
    return { sent: true };
  }),
  overview: protectedProcedure("portal:access").query(({ ctx }) => selfService.overview(ctx.scope, ctx.viewer.userId)),
  requestChange: protectedProcedure("portal:access")
    .input(portalChangeRequestSchema)
    .mutation(({ ctx, input }) => selfService.requestChange(ctx.scope, ctx.viewer.userId, input)),
  updateContact: protectedProcedure("portal:access")
    .input(portalContactSchema)
    .mutation(({ ctx, input }) => selfService.updateContact(ctx.scope, ctx.viewer.userId, input)),
});
