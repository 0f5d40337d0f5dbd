import { z } from "zod";
import { protectedProcedure, protectedReadProcedure, router } from "../../api/trpc";
import { addActivitySchema, changeStageSchema, createLeadSchema, listLeadsSchema, updateLeadSchema } from "./schema";
import * as leads from "./service";

const byId = z.object({ id: z.string().min(1).max(64) });

export const leadsRouter = router({
  list: protectedReadProcedure("leads:read")
    .input(listLeadsSchema)
    .query(({ ctx, input }) => leads.list(ctx.scope, input)),
  get: protectedProcedure("leads:read")
    .input(byId)
    .query(({ ctx, input }) => leads.get(ctx.scope, input.id)),
  followUpsDue: protectedProcedure("leads:read").query(({ ctx }) => leads.followUpsDue(ctx.scope)),
  conversionRates: protectedProcedure("leads:read").query(({ ctx }) => leads.conversionRates(ctx.scope)),
  options: protectedProcedure("leads:read").query(async ({ ctx }) => ({
    owners: await leads.owners(ctx.scope),
    packages: await leads.packageOptions(ctx.scope),
  })),
  create: protectedProcedure("leads:manage")
    .input(createLeadSchema)
    .mutation(({ ctx, input }) => leads.create(ctx.scope, input)),
  update: protectedProcedure("leads:manage")
    .input(updateLeadSchema)
    .mutation(({ ctx, input }) => leads.update(ctx.scope, input)),
  changeStage: protectedProcedure("leads:manage")
    .input(changeStageSchema)
    .mutation(({ ctx, input }) => leads.changeStage(ctx.scope, input)),
  addActivity: protectedProcedure("leads:manage")
    .input(addActivitySchema)
    .mutation(({ ctx, input }) => leads.addActivity(ctx.scope, input)),
  convert: protectedProcedure("leads:manage")
    .input(byId)
    .mutation(({ ctx, input }) => leads.convert(ctx.scope, input.id)),
});
