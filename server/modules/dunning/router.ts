import { protectedProcedure, router } from "../../api/trpc";
import * as arrangements from "./arrangements";
import * as portal from "./portal";
import {
  cancelArrangementSchema,
  createArrangementSchema,
  customerDunningSchema,
  decideArrangementSchema,
  dunningSettingsSchema,
  listArrangementsSchema,
  portalArrangementSchema,
} from "./schema";
import * as service from "./service";
import * as settings from "./settings";

const settingsRouter = router({
  get: protectedProcedure("billing:read").query(({ ctx }) => settings.get(ctx.scope)),
  update: protectedProcedure("billing:manage")
    .input(dunningSettingsSchema)
    .mutation(({ ctx, input }) => settings.update(ctx.scope, input)),
});

const arrangementsRouter = router({
  list: protectedProcedure("billing:read")
    .input(listArrangementsSchema)
    .query(({ ctx, input }) => arrangements.list(ctx.scope, input)),
  create: protectedProcedure("billing:manage")
    .input(createArrangementSchema)
    .mutation(({ ctx, input }) => service.createArrangement(ctx.scope, input)),
  decide: protectedProcedure("billing:manage")
    .input(decideArrangementSchema)
    .mutation(({ ctx, input }) => service.decideArrangement(ctx.scope, input)),
  cancel: protectedProcedure("billing:manage")
    .input(cancelArrangementSchema)
    .mutation(({ ctx, input }) => service.cancelArrangement(ctx.scope, input)),
});

/** The signed-in customer's own overdue balance and arrangement request (portal). */
const portalRouter = router({
  state: protectedProcedure("portal:access").query(({ ctx }) => portal.state(ctx.scope, ctx.viewer.userId)),
  requestArrangement: protectedProcedure("portal:access")
    .input(portalArrangementSchema)
    .mutation(({ ctx, input }) => portal.requestArrangement(ctx.scope, ctx.viewer.userId, input)),
});

export const dunningRouter = router({
  settings: settingsRouter,
  customer: protectedProcedure("billing:read")
    .input(customerDunningSchema)
    .query(({ ctx, input }) => service.customerState(ctx.scope, input.customerId)),
  arrangements: arrangementsRouter,
  portal: portalRouter,
});
