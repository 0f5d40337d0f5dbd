import { z } from "zod";
import { protectedProcedure, protectedProcedureOutsideTransaction, publicProcedure, router } from "../../api/trpc";
import { Unauthorized } from "../../lib/errors";
import { listPaymentsSchema, payNowSchema } from "../payments/schema";
import * as customerBilling from "../billing/customer-view";
import { listInvoicesSchema } from "../billing/schema";
import * as portalTickets from "../tickets/portal";
import { byId, portalCreateTicketSchema, portalRateSchema, portalReplySchema, suggestSchema } from "../tickets/schema";
import { resend } from "./email-verification";
import { publicPackages, register } from "./registration";
import {
  portalChangeRequestSchema,
  portalContactSchema,
  portalRegistrationSchema,
  resendVerificationSchema,
} from "./schema";
import * as selfService from "./self-service";

const onCompany = <T>(company: T | null): T => {
  if (!company) throw new Unauthorized("Sign up on your internet provider's address.");
  return company;
};

/** The Support pages: the signed-in customer's own tickets, public part only (tickets/portal.ts). */
const ticketsRouter = router({
  options: protectedProcedure("portal:access").query(({ ctx }) => portalTickets.options(ctx.scope, ctx.viewer.userId)),
  list: protectedProcedure("portal:access")
    .input(
      z
        .object({
          state: z.enum(portalTickets.PORTAL_STATES).default("all"),
          page: z.number().int().min(1).default(1),
          pageSize: z.number().int().min(1).max(50).default(20),
        })
        .default({ state: "all", page: 1, pageSize: 20 }),
    )
    .query(({ ctx, input }) => portalTickets.list(ctx.scope, ctx.viewer.userId, input)),
  get: protectedProcedure("portal:access")
    .input(byId)
    .query(({ ctx, input }) => portalTickets.get(ctx.scope, ctx.viewer.userId, input.id)),
  create: protectedProcedure("portal:access")
    .input(portalCreateTicketSchema)
    .mutation(({ ctx, input }) => portalTickets.open(ctx.scope, ctx.viewer.userId, input)),
  reply: protectedProcedure("portal:access")
    .input(portalReplySchema)
    .mutation(({ ctx, input }) => portalTickets.reply(ctx.scope, ctx.viewer.userId, input)),
  rate: protectedProcedure("portal:access")
    .input(portalRateSchema)
    .mutation(({ ctx, input }) => portalTickets.rate(ctx.scope, ctx.viewer.userId, input)),
  /** Help articles for what the customer is typing in a new ticket. */
  suggestArticles: protectedProcedure("portal:access")
    .input(suggestSchema)
    .query(({ ctx, input }) => portalTickets.suggestArticles(ctx.scope, input.text)),
});

/** The "invoices, balance and pay" card and the invoices page: the customer's own invoices only. */
const billingRouter = router({
  summary: protectedProcedure("portal:access").query(({ ctx }) =>
    customerBilling.billingSummary(ctx.scope, ctx.viewer.userId),
  ),
  invoices: protectedProcedure("portal:access")
    .input(listInvoicesSchema)
    .query(({ ctx, input }) => customerBilling.listInvoices(ctx.scope, ctx.viewer.userId, input)),
  invoice: protectedProcedure("portal:access")
    .input(byId)
    .query(({ ctx, input }) => customerBilling.getInvoice(ctx.scope, ctx.viewer.userId, input.id)),
  /** Payment history: the customer's own payments only. */
  payments: protectedProcedure("portal:access")
    .input(listPaymentsSchema)
    .query(({ ctx, input }) => selfService.payments(ctx.scope, ctx.viewer.userId, input)),
  /** One own payment: its receipt, and its status while a "pay now" waits. */
  payment: protectedProcedure("portal:access")
    .input(byId)
    .query(({ ctx, input }) => selfService.payment(ctx.scope, ctx.viewer.userId, input.id)),
});

// The customer portal. Signed-out: packages, sign-up, confirmation mail. Signed-in customers
// (portal:access) reach only their own customer record (see self-service.ts) and tickets.
export const portalRouter = router({
  packages: publicProcedure.query(({ ctx }) => publicPackages(onCompany(ctx.company).id)),
  register: publicProcedure
    .input(portalRegistrationSchema)
    .mutation(({ ctx, input }) => register(onCompany(ctx.company), input, { ip: ctx.ip, userAgent: ctx.userAgent })),
  resendVerification: publicProcedure.input(resendVerificationSchema).mutation(async ({ ctx, input }) => {
    await resend(onCompany(ctx.company), input.email, { ip: ctx.ip, userAgent: ctx.userAgent });
    return { sent: true };
  }),
  overview: protectedProcedure("portal:access").query(({ ctx }) => selfService.overview(ctx.scope, ctx.viewer.userId)),
  requestChange: protectedProcedure("portal:access")
    .input(portalChangeRequestSchema)
    .mutation(({ ctx, input }) => selfService.requestChange(ctx.scope, ctx.viewer.userId, input)),
  updateContact: protectedProcedure("portal:access")
    .input(portalContactSchema)
    .mutation(({ ctx, input }) => selfService.updateContact(ctx.scope, ctx.viewer.userId, input)),
  /** Pay now: the methods switched on, and starting a card or M-Pesa payment for the own account. */
  paymentMethods: protectedProcedure("portal:access").query(({ ctx }) =>
    selfService.paymentMethods(ctx.scope, ctx.viewer.userId),
  ),
  payNow: protectedProcedureOutsideTransaction("portal:access")
    .input(payNowSchema)
    .mutation(({ ctx, input }) => selfService.payNow(ctx.tenant, ctx.viewer.userId, input)),
  tickets: ticketsRouter,
  billing: billingRouter,
});
