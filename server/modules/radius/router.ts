import { protectedProcedure, router } from "../../api/trpc";
import * as keys from "./keys";
import { createKeySchema, keySourcesInputSchema, radiusSettingsSchema, revokeKeySchema } from "./schema";
import * as settings from "./settings";

export const radiusRouter = router({
  keys: protectedProcedure("network:manage").query(({ ctx }) => keys.list(ctx.scope)),
  /** The answer holds the key itself: the only time it is shown. */
  createKey: protectedProcedure("network:manage")
    .input(createKeySchema)
    .mutation(({ ctx, input }) => keys.create(ctx.scope, input)),
  /** The addresses a key is accepted from (empty: any). */
  setKeySources: protectedProcedure("network:manage")
    .input(keySourcesInputSchema)
    .mutation(({ ctx, input }) => keys.setSources(ctx.scope, input)),
  revokeKey: protectedProcedure("network:manage")
    .input(revokeKeySchema)
    .mutation(({ ctx, input }) => keys.revoke(ctx.scope, input)),
  /** Accounting settings: when a silent session is closed (stale.ts). */
  settings: protectedProcedure("network:read").query(({ ctx }) => settings.get(ctx.scope)),
  saveSettings: protectedProcedure("network:manage")
    .input(radiusSettingsSchema)
    .mutation(({ ctx, input }) => settings.save(ctx.scope, input)),
});
