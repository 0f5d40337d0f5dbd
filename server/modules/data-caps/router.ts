import { protectedProcedure, router } from "../../api/trpc";
import * as catalogue from "./catalogue";
import * as fairUse from "./fair-use";
import * as portal from "./portal";
import {
  archiveTopUpOptionSchema,
  buyTopUpSchema,
  customerDataSchema,
  listTopUpOptionsSchema,
  topUpOptionSchema,
  updateTopUpOptionSchema,
} from "./schema";
import * as topUps from "./top-ups";
import * as view from "./view";

const optionsRouter = router({
  list: protectedProcedure("billing:read")
    .input(listTopUpOptionsSchema.default({ page: 1, pageSize: 50, includeArchived: false }))
    .query(({ ctx, input }) => catalogue.list(ctx.scope, input)),
  create: protectedProcedure("billing:manage")
    .input(topUpOptionSchema)
    .mutation(({ ctx, input }) => catalogue.create(ctx.scope, input)),
  update: protectedProcedure("billing:manage")
    .input(updateTopUpOptionSchema)
    .mutation(({ ctx, input }) => catalogue.update(ctx.scope, input)),
  archive: protectedProcedure("billing:manage")
    .input(archiveTopUpOptionSchema)
    .mutation(({ ctx, input }) => catalogue.archive(ctx.scope, input)),
});

/** The signed-in customer's own data allowance and top-ups (portal). */
const portalRouter = router({
  usage: protectedProcedure("portal:access").query(({ ctx }) => portal.usage(ctx.scope, ctx.viewer.userId)),
  buy: protectedProcedure("portal:access")
    .input(buyTopUpSchema)
    .mutation(({ ctx, input }) => portal.buy(ctx.scope, ctx.viewer.userId, input)),
});

// Data caps: the top-up catalogue (billing staff), a customer's usage against their allowance,
// and top-ups bought by staff for a customer or by the customer in the portal.
export const dataCapsRouter = router({
  options: optionsRouter,
  customer: protectedProcedure("billing:read")
    .input(customerDataSchema)
    .query(({ ctx, input }) => view.forCustomer(ctx.scope, input.customerId)),
  buy: protectedProcedure("billing:manage")
    .input(buyTopUpSchema)
    .mutation(({ ctx, input }) => topUps.buy(ctx.scope, input, { userId: ctx.viewer.userId })),
  portal: portalRouter,
  /** Fair use now, instead of waiting for the 5-minute job (network administrators). */
  enforceFairUse: protectedProcedure("network:manage").mutation(({ ctx }) => fairUse.enforce(ctx.scope)),
});
