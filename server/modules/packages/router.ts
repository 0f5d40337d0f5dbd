import { z } from "zod";
import { protectedProcedure, router } from "../../api/trpc";
import { createPackageSchema, listPackagesSchema, updatePackageSchema } from "./schema";
import * as packages from "./service";

const byId = z.object({ id: z.string().min(1).max(64) });

export const packagesRouter = router({
  list: protectedProcedure("packages:read")
    .input(listPackagesSchema)
    .query(({ ctx, input }) => packages.list(ctx.scope, input)),
  get: protectedProcedure("packages:read")
    .input(byId)
    .query(({ ctx, input }) => packages.get(ctx.scope, input.id)),
  create: protectedProcedure("packages:manage")
    .input(createPackageSchema)
    .mutation(({ ctx, input }) => packages.create(ctx.scope, input)),
  update: protectedProcedure("packages:manage")
    .input(updatePackageSchema)
    .mutation(({ ctx, input }) => packages.update(ctx.scope, input)),
  archive: protectedProcedure("packages:manage")
    .input(byId)
    .mutation(({ ctx, input }) => packages.setArchived(ctx.scope, input.id, true)),
  unarchive: protectedProcedure("packages:manage")
    .input(byId)
    .mutation(({ ctx, input }) => packages.setArchived(ctx.scope, input.id, false)),
  delete: protectedProcedure("packages:manage")
    .input(byId)
    .mutation(({ ctx, input }) => packages.remove(ctx.scope, input.id)),
});
