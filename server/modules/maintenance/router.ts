import { protectedProcedure, protectedProcedureOutsideTransaction, router } from "../../api/trpc";
import { dueSchema, historySchema, listPlansSchema, pausePlanSchema, planSchema, updatePlanSchema } from "./schema";
import * as service from "./service";

// Network administrators (inventory:manage) plan preventive maintenance; whoever reads the
// inventory (inventory:read) sees the plans and a unit's maintenance history.
export const maintenanceRouter = router({
  plans: router({
    list: protectedProcedure("inventory:read")
      .input(listPlansSchema)
      .query(({ ctx, input }) => service.list(ctx.scope, input)),
    create: protectedProcedure("inventory:manage")
      .input(planSchema)
      .mutation(({ ctx, input }) => service.create(ctx.scope, input)),
    update: protectedProcedure("inventory:manage")
      .input(updatePlanSchema)
      .mutation(({ ctx, input }) => service.update(ctx.scope, input)),
    setPaused: protectedProcedure("inventory:manage")
      .input(pausePlanSchema)
      .mutation(({ ctx, input }) => service.setPaused(ctx.scope, input)),
  }),
  /** What falls due soon and has no work order yet. */
  due: protectedProcedure("inventory:read")
    .input(dueSchema)
    .query(({ ctx, input }) => service.due(ctx.scope, input)),
  history: protectedProcedure("inventory:read")
    .input(historySchema)
    .query(({ ctx, input }) => service.history(ctx.scope, input)),
  /** Opens the work orders due now (the job also runs every morning). */
  openDue: protectedProcedureOutsideTransaction("inventory:manage").mutation(async ({ ctx }) => {
    const { opened } = await service.openDue(ctx.tenant.companyId);
    return { opened: opened.length };
  }),
});
