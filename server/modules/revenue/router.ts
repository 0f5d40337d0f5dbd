import { protectedReadProcedure, router } from "../../api/trpc";
import { agingInvoicesSchema, monthRangeSchema } from "./schema";
import * as revenue from "./service";

// Reports → Revenue: MRR and its movements, aging, revenue per package and area, collection rate,
// the tax report and the accounting export. Read only, so billing:read is enough for all of it.
export const revenueRouter = router({
  overview: protectedReadProcedure("billing:read")
    .input(monthRangeSchema)
    .query(({ ctx, input }) => revenue.overview(ctx.scope, input)),
  agingInvoices: protectedReadProcedure("billing:read")
    .input(agingInvoicesSchema)
    .query(({ ctx, input }) => revenue.agingInvoices(ctx.scope, input)),
  taxReport: protectedReadProcedure("billing:read")
    .input(monthRangeSchema)
    .query(({ ctx, input }) => revenue.taxes(ctx.scope, input)),
});
