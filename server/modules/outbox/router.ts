import { protectedProcedure, router } from "../../api/trpc";
import { listOutboxSchema } from "./schema";
import * as outbox from "./service";

// The company's sent e-mail, for super admins.
export const outboxRouter = router({
  list: protectedProcedure("outbox:read")
    .input(listOutboxSchema)
    .query(({ ctx, input }) => outbox.list(ctx.scope, input)),
});
