import { protectedProcedure, router } from "../../api/trpc";
import { idParams } from "../../lib/schema";
import * as sites from "./sites";
import { createSiteSchema, listSitesSchema, updateSiteSchema } from "./sites.schema";

const byId = idParams("The record's id.");

const sitesRouter = router({
  list: protectedProcedure("network:read")
    .input(listSitesSchema)
    .query(({ ctx, input }) => sites.list(ctx.scope, input)),
  get: protectedProcedure("network:read")
    .input(byId)
    .query(({ ctx, input }) => sites.get(ctx.scope, input.id)),
  options: protectedProcedure("network:read").query(({ ctx }) => sites.options(ctx.scope)),
  create: protectedProcedure("network:manage")
    .input(createSiteSchema)
    .mutation(({ ctx, input }) => sites.create(ctx.scope, input)),
  update: protectedProcedure("network:manage")
    .input(updateSiteSchema)
    .mutation(({ ctx, input }) => sites.update(ctx.scope, input)),
});

export const ipamRouter = router({
  sites: sitesRouter,
});
