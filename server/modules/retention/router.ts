import { protectedProcedure, router } from "../../api/trpc";
import { retentionPolicySchema } from "./schema";
import * as retention from "./service";

// Settings → Data retention: how long each kind of record is kept (Super Admin only).
export const retentionRouter = router({
  get: protectedProcedure("retention:manage").query(({ ctx }) => retention.get(ctx.scope)),
  save: protectedProcedure("retention:manage")
    .input(retentionPolicySchema)
    .mutation(({ ctx, input }) => retention.save(ctx.scope, input)),
});
