import { protectedProcedure, router } from "../../api/trpc";
import * as methods from "./provider-settings";
import { paymentProviderSchema, saveMpesaSettingsSchema, saveStripeSettingsSchema } from "./schema";

// Billing → Payment methods: the company's Stripe account and M-Pesa paybill or till.
export const paymentMethodsRouter = router({
  get: protectedProcedure("billing:manage").query(({ ctx }) => methods.getMethods(ctx.scope)),
  saveStripe: protectedProcedure("billing:manage")
    .input(saveStripeSettingsSchema)
    .mutation(({ ctx, input }) => methods.saveStripe(ctx.scope, input)),
  saveMpesa: protectedProcedure("billing:manage")
    .input(saveMpesaSettingsSchema)
    .mutation(({ ctx, input }) => methods.saveMpesa(ctx.scope, input)),
  switchOff: protectedProcedure("billing:manage")
    .input(paymentProviderSchema)
    .mutation(({ ctx, input }) => methods.switchOff(ctx.scope, input.provider)),
  registerMpesaUrls: protectedProcedure("billing:manage").mutation(({ ctx }) => methods.registerMpesaUrls(ctx.scope)),
});
