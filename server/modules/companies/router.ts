import { TRPCError } from "@trpc/server";
import { protectedProcedure, publicProcedure, router } from "../../api/trpc";
import { companyUrl } from "../../lib/urls";
import { companySettingsSchema, registerCompanySchema } from "./schema";
import * as companies from "./service";

export const companiesRouter = router({
  /** ISP sign-up on the root domain. */
  register: publicProcedure.input(registerCompanySchema).mutation(async ({ ctx, input }) => {
    if (ctx.company)
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: "Register a new company on the main site, not on a company's address.",
      });
    const { company } = await companies.register(input, {
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      label: input.adminEmail,
    });
    return { slug: company.slug, loginUrl: companyUrl(company.slug, "/login?welcome=1") };
  }),
  current: protectedProcedure("company:read").query(({ ctx }) => companies.get(ctx.scope)),
  update: protectedProcedure("company:update")
    .input(companySettingsSchema)
    .mutation(({ ctx, input }) => companies.updateSettings(ctx.scope, input)),
});
