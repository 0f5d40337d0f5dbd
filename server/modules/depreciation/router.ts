import { protectedProcedure, router } from "../../api/trpc";
import * as rules from "./rules";
import {
  assetScheduleSchema,
  bookValuesSchema,
  disposeSchema,
  removeRuleSchema,
  reportSchema,
  ruleSchema,
} from "./schema";
import * as service from "./service";

// Billing administrators read costs and depreciation (inventory:read); Super Admins and Network
// Administrators set the rules and dispose of units (inventory:manage). Field technicians see
// no costs, so none of this.
export const depreciationRouter = router({
  rules: router({
    list: protectedProcedure("inventory:read").query(({ ctx }) => rules.list(ctx.scope)),
    save: protectedProcedure("inventory:manage")
      .input(ruleSchema)
      .mutation(({ ctx, input }) => rules.save(ctx.scope, input)),
    remove: protectedProcedure("inventory:manage")
      .input(removeRuleSchema)
      .mutation(({ ctx, input }) => rules.remove(ctx.scope, input)),
  }),
  asset: protectedProcedure("inventory:read")
    .input(assetScheduleSchema)
    .query(({ ctx, input }) => service.assetSchedule(ctx.scope, input)),
  bookValues: protectedProcedure("inventory:read")
    .input(bookValuesSchema)
    .query(({ ctx, input }) => service.bookValues(ctx.scope, input)),
  report: protectedProcedure("inventory:read")
    .input(reportSchema)
    .query(({ ctx, input }) => service.report(ctx.scope, input)),
  dispose: protectedProcedure("inventory:manage")
    .input(disposeSchema)
    .mutation(({ ctx, input }) => service.dispose(ctx.scope, input)),
});
