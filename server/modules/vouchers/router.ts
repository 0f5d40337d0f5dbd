import { protectedProcedure, router } from "../../api/trpc";
import { disableVoucherSchema, generateBatchSchema, getBatchSchema, listBatchesSchema } from "./schema";
import * as vouchers from "./service";

export const vouchersRouter = router({
  listBatches: protectedProcedure("vouchers:read")
    .input(listBatchesSchema)
    .query(({ ctx, input }) => vouchers.listBatches(ctx.scope, input)),
  getBatch: protectedProcedure("vouchers:read")
    .input(getBatchSchema)
    .query(({ ctx, input }) => vouchers.getBatch(ctx.scope, input)),
  /** The packages the "Generate vouchers" form offers (kept here so vouchers need not wait on the packages module). */
  hotspotPackages: protectedProcedure("vouchers:manage").query(({ ctx }) => vouchers.hotspotPackages(ctx.scope)),
  generateBatch: protectedProcedure("vouchers:manage")
    .input(generateBatchSchema)
    .mutation(({ ctx, input }) => vouchers.generateBatch(ctx.scope, input)),
  disableVoucher: protectedProcedure("vouchers:manage")
    .input(disableVoucherSchema)
    .mutation(({ ctx, input }) => vouchers.disableVoucher(ctx.scope, input)),
});
