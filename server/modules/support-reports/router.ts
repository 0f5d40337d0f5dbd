import { protectedReadProcedure, router } from "../../api/trpc";
import { reportRangeSchema } from "./schema";
import * as reports from "./service";

// Reports → Support: SLA compliance, response and resolution times, workload, satisfaction.
export const supportReportsRouter = router({
  overview: protectedReadProcedure("reports:support")
    .input(reportRangeSchema)
    .query(({ ctx, input }) => reports.overview(ctx.scope, input)),
  technicianCsv: protectedReadProcedure("reports:support")
    .input(reportRangeSchema)
    .query(({ ctx, input }) => reports.technicianCsv(ctx.scope, input)),
});
