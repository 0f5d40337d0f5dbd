import { protectedProcedure, router } from "../../api/trpc";
import { byIdSchema, copyWeekSchema, createShiftSchema, updateShiftSchema, weekSchema } from "./schema";
import * as shifts from "./service";

export const shiftsRouter = router({
  week: protectedProcedure("staff:read")
    .input(weekSchema)
    .query(({ ctx, input }) => shifts.week(ctx.scope, input)),
  now: protectedProcedure("staff:read").query(({ ctx }) => shifts.now(ctx.scope)),
  create: protectedProcedure("staff:manage")
    .input(createShiftSchema)
    .mutation(({ ctx, input }) => shifts.create(ctx.scope, input)),
  update: protectedProcedure("staff:manage")
    .input(updateShiftSchema)
    .mutation(({ ctx, input }) => shifts.update(ctx.scope, input)),
  delete: protectedProcedure("staff:manage")
    .input(byIdSchema)
    .mutation(({ ctx, input }) => shifts.remove(ctx.scope, input)),
  copyPreviousWeek: protectedProcedure("staff:manage")
    .input(copyWeekSchema)
    .mutation(({ ctx, input }) => shifts.copyPreviousWeek(ctx.scope, input)),
});
