import { protectedProcedure, router } from "../../api/trpc";
import { eraseCustomerSchema, exportCustomerSchema, exportFormatSchema } from "./schema";
import * as privacy from "./service";

// Data protection: exports are mutations because each one is audited.
export const privacyRouter = router({
  exportCustomer: protectedProcedure("privacy:export")
    .input(exportCustomerSchema)
    .mutation(({ ctx, input }) => privacy.exportCustomer(ctx.scope, input)),
  eraseCustomer: protectedProcedure("privacy:erase")
    .input(eraseCustomerSchema)
    .mutation(({ ctx, input }) => privacy.eraseCustomer(ctx.scope, input)),
  /** The portal's "Download my data". */
  exportMine: protectedProcedure("portal:access")
    .input(exportFormatSchema)
    .mutation(({ ctx, input }) => privacy.exportOwn(ctx.scope, ctx.viewer.userId, input)),
});
