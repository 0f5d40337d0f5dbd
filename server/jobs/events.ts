import { eventType } from "inngest";
import { z } from "zod";
import { TicketPriority } from "../db/generated/prisma/enums";

// Every event of the app, declared once with the schema of its data. Modules send them with
// emit() (server/jobs/emit.ts), functions trigger on them, and both sides get the same typed,
// validated data. This file imports nothing from server/modules, so any module may import it.

const id = z.string().min(1);

/** A subscription's desired RADIUS state changed (server/modules/provisioning/dispatch.ts). */
export const subscriptionChanged = eventType("lastmile/subscription.changed", {
  schema: z.object({ companyId: id, subscriptionId: id }),
});

/** A ticket was opened (server/modules/tickets/service.ts), with the priority it was opened at. */
export const ticketCreated = eventType("support/ticket.created", {
  schema: z.object({ companyId: id, ticketId: id, priority: z.enum(TicketPriority) }),
});

/** An SMS was written to the log as QUEUED (server/modules/sms/service.ts): send it, once. */
export const smsSendRequested = eventType("sms/send.requested", {
  schema: z.object({ companyId: id, messageId: id }),
});

/**
 * An invoice was issued (server/modules/billing): it is numbered and final, so its PDF can be
 * e-mailed to the customer.
 */
export const invoiceIssued = eventType("billing/invoice.issued", {
  schema: z.object({ companyId: id, invoiceId: id }),
});

/**
 * Money from a customer was credited (server/modules/payments): allocated to invoices, to the
 * credit balance or to the wallet. Receipts go out, and dunning restores a customer whose overdue
 * balance it settled.
 */
export const paymentPosted = eventType("billing/payment.posted", {
  schema: z.object({ companyId: id, paymentId: id, customerId: id }),
});

/**
 * An invoice's balance went down without money (server/modules/billing): the invoice was voided,
 * or a credit note was issued on it. Dunning restores a customer whose overdue balance this
 * cleared, as it does after a payment, instead of at its next hourly run.
 */
export const balanceReduced = eventType("billing/balance.reduced", {
  schema: z.object({
    companyId: id,
    customerId: id,
    cause: z.enum(["INVOICE_VOIDED", "CREDIT_NOTE", "INVOICE_WRITTEN_OFF"]),
    /** The voided or written-off invoice's id, or the credit note's. */
    documentId: id,
  }),
});

/** Staff asked for a billing run now (server/modules/billing/run.ts): run the QUEUED run in the background. */
export const billingRunRequested = eventType("billing/run.requested", {
  schema: z.object({ companyId: id, runId: id }),
});

/**
 * Stock of these items left a location (server/modules/inventory/ledger.ts), committed: the
 * reorder job drafts a purchase order for any that fell below its reorder point.
 */
export const stockTakenOut = eventType("inventory/stock.taken-out", {
  schema: z.object({ companyId: id, itemIds: z.array(id).min(1) }),
});

/**
 * A cycle count was posted and wrote off units it did not find (server/modules/inventory/counts.ts),
 * committed: the depreciation module records each as lost, at its book value on the day it was
 * posted, so the loss shows where finance reads disposals.
 */
export const unitsLostInCount = eventType("inventory/count.units-lost", {
  schema: z.object({
    companyId: id,
    countId: id,
    assetIds: z.array(id).min(1),
    postedAt: z.iso.datetime(),
    reason: z.string().min(1),
  }),
});

// Scheduled jobs run on their cron; these events start one by hand (the Inngest dashboard, or
// `inngest.send`), with no data.
const runNow = <TName extends string>(name: TName) => eventType(name, { schema: z.object({}) });
export const applyRetentionNow = runNow("lastmile/retention.apply");
export const applyServiceRequestsNow = runNow("lastmile/service-requests.apply-due");
export const authHousekeepingNow = runNow("lastmile/auth.housekeeping");
export const billingRunNow = runNow("lastmile/billing.run-due");
export const certificationRemindersNow = runNow("lastmile/staff.certification-reminders");
export const closeStaleSessionsNow = runNow("lastmile/radius.close-stale-sessions");
export const dunningNow = runNow("lastmile/billing.dunning");
export const dataCapNoticesNow = runNow("lastmile/data-caps.notify");
export const fairUseNow = runNow("lastmile/data-caps.fair-use");
export const expireVouchersNow = runNow("lastmile/vouchers.expire-due");
export const prepaidRenewalsNow = runNow("lastmile/wallet.prepaid-renewals");
export const leadRemindersNow = runNow("lastmile/leads.follow-up-reminders");
export const purgeUploadsNow = runNow("lastmile/storage.purge");
export const reorderNow = runNow("lastmile/inventory.reorder");
export const maintenanceNow = runNow("lastmile/maintenance.open-due");
export const slaEscalationsNow = runNow("lastmile/sla.escalate");
export const sweepPaymentsNow = runNow("lastmile/payments.sweep-pending");
export const weeklySummaryNow = runNow("lastmile/support.weekly-summary");

/**
 * A Disconnect-Request or CoA-Request was recorded as PENDING (server/modules/nas/coa.ts): send
 * it to the session's NAS, retrying while the NAS does not answer.
 */
export const coaRequested = eventType("network/coa.requested", {
  schema: z.object({ companyId: id, requestId: id }),
});

/**
 * An outage's timeline got an entry its affected customers must hear (server/modules/outages):
 * e-mail and SMS them once that posting committed, never inside the poll's transaction.
 */
export const outageUpdatePosted = eventType("network/outage.update-posted", {
  schema: z.object({ companyId: id, updateId: id }),
});
