import { z } from "zod";
import { protectedProcedure, protectedReadProcedure, router } from "../../api/trpc";
import * as csv from "./csv";
import * as history from "./history";
import * as portalAccess from "./portal-access";
import {
  changeStatusSchema,
  createCustomerSchema,
  customerFilterSchema,
  importCustomersSchema,
  listCustomersSchema,
  updateCustomerSchema,
} from "./schema";
import * as customers from "./service";

const byId = z.object({ id: z.string().min(1).max(64) });

export const customersRouter = router({
  list: protectedReadProcedure("customers:read")
    .input(listCustomersSchema)
    .query(({ ctx, input }) => customers.list(ctx.scope, input)),
  tags: protectedReadProcedure("customers:read").query(({ ctx }) => customers.tags(ctx.scope)),
  get: protectedProcedure("customers:read")
    .input(byId)
    .query(({ ctx, input }) => portalAccess.detail(ctx.scope, input.id)),
  timeline: protectedProcedure("customers:read")
    .input(byId)
    .query(({ ctx, input }) => history.timeline(ctx.scope, input.id)),
  create: protectedProcedure("customers:create")
    .input(createCustomerSchema)
    .mutation(({ ctx, input }) => customers.create(ctx.scope, input)),
  update: protectedProcedure("customers:update")
    .input(updateCustomerSchema)
    .mutation(({ ctx, input }) => customers.update(ctx.scope, input)),
  changeStatus: protectedProcedure("customers:update")
    .input(changeStatusSchema)
    .mutation(({ ctx, input }) => customers.changeStatus(ctx.scope, input)),
  invitePortal: protectedProcedure("customers:update")
    .input(byId)
    .mutation(({ ctx, input }) => portalAccess.invitePortal(ctx.scope, ctx.company, input.id)),
  delete: protectedProcedure("customers:delete")
    .input(byId)
    .mutation(({ ctx, input }) => customers.remove(ctx.scope, input.id)),
  exportCsv: protectedProcedure("customers:export")
    .input(customerFilterSchema)
    .query(({ ctx, input }) => csv.exportCsv(ctx.scope, input)),
  importCsv: protectedProcedure("customers:import")
    .input(importCustomersSchema)
    .mutation(({ ctx, input }) => csv.importCsv(ctx.scope, input)),
});
