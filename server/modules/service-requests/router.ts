import { protectedProcedure, router } from "../../api/trpc";
import { createServiceRequestSchema, decideSchema, listServiceRequestsSchema, rejectSchema } from "./schema";
import * as requests from "./service";

export const serviceRequestsRouter = router({
  list: protectedProcedure("service_requests:read")
    .input(listServiceRequestsSchema)
    .query(({ ctx, input }) => requests.list(ctx.scope, input)),
  // Staff record a request on a customer's behalf; the portal gets its own procedure for customers.
  create: protectedProcedure("subscriptions:manage")
    .input(createServiceRequestSchema)
    .mutation(({ ctx, input }) => requests.create(ctx.scope, input)),
  approve: protectedProcedure("service_requests:decide")
    .input(decideSchema)
    .mutation(({ ctx, input }) => requests.approve(ctx.scope, input)),
  reject: protectedProcedure("service_requests:decide")
    .input(rejectSchema)
    .mutation(({ ctx, input }) => requests.reject(ctx.scope, input)),
  cancel: protectedProcedure("service_requests:decide")
    .input(decideSchema)
    .mutation(({ ctx, input }) => requests.cancel(ctx.scope, input)),
  // An approved change the apply-service-requests job could not apply (shown with its error), tried again by staff.
  retryApply: protectedProcedure("service_requests:decide")
    .input(decideSchema)
    .mutation(({ ctx, input }) => requests.retryApply(ctx.scope, input)),
});
