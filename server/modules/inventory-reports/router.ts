import { protectedProcedure, router } from "../../api/trpc";
import {
  deployedByCustomerSchema,
  movementsByPeriodSchema,
  stockByLocationSchema,
  warrantyEndingSchema,
} from "./schema";
import * as service from "./service";

// The inventory's reports, for whoever reads the inventory with its costs (inventory:read).
export const inventoryReportsRouter = router({
  stockByLocation: protectedProcedure("inventory:read")
    .input(stockByLocationSchema)
    .query(({ ctx, input }) => service.stockByLocation(ctx.scope, input)),
  movementsByPeriod: protectedProcedure("inventory:read")
    .input(movementsByPeriodSchema)
    .query(({ ctx, input }) => service.movementsByPeriod(ctx.scope, input)),
  deployedByCustomer: protectedProcedure("inventory:read")
    .input(deployedByCustomerSchema)
    .query(({ ctx, input }) => service.deployedByCustomer(ctx.scope, input)),
  warrantyEnding: protectedProcedure("inventory:read")
    .input(warrantyEndingSchema)
    .query(({ ctx, input }) => service.warrantyEnding(ctx.scope, input)),
});
