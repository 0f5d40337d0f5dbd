import { z } from "zod";
import { protectedProcedure, router } from "../../api/trpc";
import {
  createArticleSchema,
  helpSearchSchema,
  listArticlesSchema,
  moveCategorySchema,
  saveCategorySchema,
  slugInputSchema,
  suggestSchema,
  updateArticleSchema,
} from "./schema";
import * as kb from "./service";

const byId = z.object({ id: z.string().min(1).max(64) });

// Staff (kb:read / kb:manage) see every article; customers (portal:access) reach only public,
// published ones through the help* procedures and suggest.
export const kbRouter = router({
  categories: protectedProcedure("kb:read").query(({ ctx }) => kb.categories(ctx.scope)),
  saveCategory: protectedProcedure("kb:manage")
    .input(saveCategorySchema)
    .mutation(({ ctx, input }) => kb.saveCategory(ctx.scope, input)),
  moveCategory: protectedProcedure("kb:manage")
    .input(moveCategorySchema)
    .mutation(({ ctx, input }) => kb.moveCategory(ctx.scope, input)),
  deleteCategory: protectedProcedure("kb:manage")
    .input(byId)
    .mutation(({ ctx, input }) => kb.deleteCategory(ctx.scope, input.id)),
  list: protectedProcedure("kb:read")
    .input(listArticlesSchema)
    .query(({ ctx, input }) => kb.list(ctx.scope, input)),
  get: protectedProcedure("kb:read")
    .input(byId)
    .query(({ ctx, input }) => kb.get(ctx.scope, input.id)),
  create: protectedProcedure("kb:manage")
    .input(createArticleSchema)
    .mutation(({ ctx, input }) => kb.create(ctx.scope, input)),
  update: protectedProcedure("kb:manage")
    .input(updateArticleSchema)
    .mutation(({ ctx, input }) => kb.update(ctx.scope, input)),
  delete: protectedProcedure("kb:manage")
    .input(byId)
    .mutation(({ ctx, input }) => kb.remove(ctx.scope, input.id)),
  // The portal: articles that may help while a customer writes a ticket, and the help centre.
  suggest: protectedProcedure("portal:access")
    .input(suggestSchema)
    .query(({ ctx, input }) => kb.suggest(ctx.scope, input.text, input.limit)),
  help: protectedProcedure("portal:access")
    .input(helpSearchSchema)
    .query(({ ctx, input }) => kb.help(ctx.scope, input)),
  helpArticle: protectedProcedure("portal:access")
    .input(slugInputSchema)
    .query(({ ctx, input }) => kb.helpArticle(ctx.scope, input.slug)),
  helpViewed: protectedProcedure("portal:access")
    .input(slugInputSchema)
    .mutation(async ({ ctx, input }) => {
      await kb.recordView(ctx.scope, input.slug);
      return { counted: true };
    }),
});
