import { protectedProcedure, router } from "../../api/trpc";
import { auditFilterSchema, list } from "./service";

export const auditRouter = router({
  list: protectedProcedure("audit:read")
    .input(auditFilterSchema)
    .query(({ ctx, input }) => list(ctx.scope, input)),
});
