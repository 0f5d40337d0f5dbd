import { z } from "zod";
import { protectedProcedure, protectedReadProcedure, router } from "../../api/trpc";
import { id } from "../../lib/schema";
import * as credit from "./credit";
import * as creditNotes from "./credit-notes";
import * as delivery from "./delivery";
import * as charges from "./charges";
import * as invoices from "./invoices";
import * as runs from "./run";
import {
  addChargeSchema,
  archiveTaxRateSchema,
  customerChargesSchema,
  billingSettingsSchema,
  creditNoteSchema,
  customerCreditSchema,
  listCreditNotesSchema,
  customerExemptionsSchema,
  exemptionSchema,
  listInvoicesSchema,
  logoSchema,
  listRunsSchema,
  runDateSchema,
  sendInvoiceSchema,
  taxRateSchema,
  updateTaxRateSchema,
  voidInvoiceSchema,
  writeOffInvoiceSchema,
} from "./schema";
import * as logo from "./logo";
import * as settings from "./settings";
import * as taxes from "./taxes";
import { writeOff } from "./write-off";

const byId = z.object({ id });

const settingsRouter = router({
  get: protectedProcedure("billing:read").query(({ ctx }) => settings.get(ctx.scope)),
  update: protectedProcedure("billing:manage")
    .input(billingSettingsSchema)
    .mutation(({ ctx, input }) => settings.update(ctx.scope, input)),
  /** The logo on invoices and statements: set from a pending upload, removed, shown. */
  logo: protectedProcedure("billing:read").query(({ ctx }) => logo.logo(ctx.scope)),
  setLogo: protectedProcedure("billing:manage")
    .input(logoSchema)
    .mutation(({ ctx, input }) => logo.setLogo(ctx.scope, input)),
  removeLogo: protectedProcedure("billing:manage").mutation(({ ctx }) => logo.removeLogo(ctx.scope)),
});

const taxRatesRouter = router({
  list: protectedProcedure("billing:read").query(({ ctx }) => taxes.list(ctx.scope)),
  create: protectedProcedure("billing:manage")
    .input(taxRateSchema)
    .mutation(({ ctx, input }) => taxes.create(ctx.scope, input)),
  update: protectedProcedure("billing:manage")
    .input(updateTaxRateSchema)
    .mutation(({ ctx, input }) => taxes.update(ctx.scope, input)),
  archive: protectedProcedure("billing:manage")
    .input(archiveTaxRateSchema)
    .mutation(({ ctx, input }) => taxes.archive(ctx.scope, input)),
});

const exemptionsRouter = router({
  list: protectedProcedure("billing:read")
    .input(customerExemptionsSchema)
    .query(({ ctx, input }) => taxes.exemptions(ctx.scope, input.customerId)),
  add: protectedProcedure("billing:manage")
    .input(exemptionSchema)
    .mutation(({ ctx, input }) => taxes.addExemption(ctx.scope, input)),
  remove: protectedProcedure("billing:manage")
    .input(byId)
    .mutation(({ ctx, input }) => taxes.removeExemption(ctx.scope, input.id)),
});

const invoicesRouter = router({
  list: protectedReadProcedure("billing:read")
    .input(listInvoicesSchema)
    .query(({ ctx, input }) => invoices.list(ctx.scope, input)),
  get: protectedProcedure("billing:read")
    .input(byId)
    .query(({ ctx, input }) => invoices.get(ctx.scope, input.id)),
  void: protectedProcedure("billing:manage")
    .input(voidInvoiceSchema)
    .mutation(({ ctx, input }) => invoices.voidInvoice(ctx.scope, input)),
  /** Bad debt: an open or partly paid invoice marked uncollectible, with the reason. */
  writeOff: protectedProcedure("billing:manage")
    .input(writeOffInvoiceSchema)
    .mutation(({ ctx, input }) => writeOff(ctx.scope, input)),
  /** "Send again": the invoice e-mail with its PDF, to the customer's address on file. */
  send: protectedProcedure("billing:manage")
    .input(sendInvoiceSchema)
    .mutation(({ ctx, input }) => delivery.sendAgain(ctx.scope, input.id)),
});

// Preview opens its own transactions; "run" only queues the run in the procedure's transaction
// (the background job runs it, one transaction per customer).
const runsRouter = router({
  preview: protectedProcedure("billing:manage")
    .input(runDateSchema)
    .query(async ({ ctx, input }) =>
      runs.preview(ctx.scope.companyId, await runs.checkRunDate(ctx.scope, input.date, "preview")),
    ),
  run: protectedProcedure("billing:manage")
    .input(runDateSchema)
    .mutation(async ({ ctx, input }) =>
      runs.requestRun(ctx.scope, await runs.checkRunDate(ctx.scope, input.date, "run")),
    ),
  list: protectedProcedure("billing:read")
    .input(listRunsSchema)
    .query(({ ctx, input }) => runs.listRuns(ctx.scope, input)),
  get: protectedProcedure("billing:read")
    .input(byId)
    .query(({ ctx, input }) => runs.getRun(ctx.scope, input.id)),
});

const creditNotesRouter = router({
  list: protectedProcedure("billing:read")
    .input(listCreditNotesSchema)
    .query(({ ctx, input }) => creditNotes.listCreditNotes(ctx.scope, input)),
  get: protectedProcedure("billing:read")
    .input(byId)
    .query(({ ctx, input }) => creditNotes.getCreditNote(ctx.scope, input.id)),
  creditable: protectedProcedure("billing:read")
    .input(byId)
    .query(({ ctx, input }) => creditNotes.creditableLines(ctx.scope, input.id)),
  issue: protectedProcedure("billing:manage")
    .input(creditNoteSchema)
    .mutation(({ ctx, input }) => creditNotes.issueCreditNote(ctx.scope, input)),
});

const creditRouter = router({
  ofCustomer: protectedProcedure("billing:read")
    .input(customerCreditSchema)
    .query(({ ctx, input }) => credit.creditLedger(ctx.scope, input.customerId)),
});

const chargesRouter = router({
  forCustomer: protectedProcedure("billing:read")
    .input(customerChargesSchema)
    .query(({ ctx, input }) => charges.customerCharges(ctx.scope, input.customerId)),
  add: protectedProcedure("billing:manage")
    .input(addChargeSchema)
    .mutation(({ ctx, input }) => charges.addCharge(ctx.scope, input)),
  cancel: protectedProcedure("billing:manage")
    .input(byId)
    .mutation(({ ctx, input }) => charges.cancelCharge(ctx.scope, input.id)),
  /** Invoices the customer's waiting charges (and anything due) now, outside the daily run. */
  invoiceNow: protectedProcedure("billing:manage")
    .input(customerChargesSchema)
    .mutation(async ({ ctx, input }) => ({ invoiceId: await runs.invoiceCustomerNow(ctx.scope, input.customerId) })),
});

export const billingRouter = router({
  charges: chargesRouter,
  creditNotes: creditNotesRouter,
  credit: creditRouter,
  settings: settingsRouter,
  taxRates: taxRatesRouter,
  exemptions: exemptionsRouter,
  invoices: invoicesRouter,
  runs: runsRouter,
});
