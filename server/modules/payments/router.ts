import { z } from "zod";
import { protectedProcedure, protectedReadProcedure, router } from "../../api/trpc";
import { id } from "../../lib/schema";
import { assignCustomerSchema, listPaymentsSchema, recordPaymentSchema, refundSchema } from "./schema";
import { paymentMethodsRouter } from "./methods-router";
import * as payments from "./service";

const byId = z.object({ id });

export const paymentsRouter = router({
  methods: paymentMethodsRouter,
  list: protectedReadProcedure("billing:read")
    .input(listPaymentsSchema)
    .query(({ ctx, input }) => payments.list(ctx.scope, input)),
  get: protectedProcedure("billing:read")
    .input(byId)
    .query(({ ctx, input }) => payments.get(ctx.scope, input.id)),
  /** The payments of one invoice with their refunds (and why one failed), for the invoice's page. */
  ofInvoice: protectedProcedure("billing:read")
    .input(z.object({ invoiceId: id }))
    .query(({ ctx, input }) => payments.paymentsOfInvoice(ctx.scope, input.invoiceId)),
  /** The customer's unpaid invoices, oldest due first: what the record-payment dialog allocates to. */
  openInvoices: protectedProcedure("billing:read")
    .input(z.object({ customerId: id }))
    .query(({ ctx, input }) => payments.openInvoicesOf(ctx.scope, input.customerId)),
  record: protectedProcedure("billing:manage")
    .input(recordPaymentSchema)
    .mutation(({ ctx, input }) => payments.record(ctx.scope, input)),
  refund: protectedProcedure("billing:manage")
    .input(refundSchema)
    .mutation(({ ctx, input }) => payments.refund(ctx.scope, input)),
  assignCustomer: protectedProcedure("billing:manage")
    .input(assignCustomerSchema)
    .mutation(({ ctx, input }) => payments.assignCustomer(ctx.scope, input)),
});
