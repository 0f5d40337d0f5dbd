import { protectedReadProcedure, router } from "../../api/trpc";
import { auditFilterSchema, list } from "./service";

export const auditRouter = router({
  list: protectedReadProcedure("audit:read")
    .input(auditFilterSchema)
    .query(({ ctx, input }) => list(ctx.scope, input)),
});
