import { consumer, runInline, settleInline } from "./emit";
import { balanceReduced, invoiceIssued } from "./events";
import { applyRetention } from "./functions/apply-retention";
import { applyServiceRequests } from "./functions/apply-service-requests";
import { authHousekeeping } from "./functions/auth-housekeeping";
import { billingRun, billingRunRequestedFn, executeRequestedRun } from "./functions/billing-run";
import { balanceReducedFunction, dunning, reassessOnBalanceReduced } from "./functions/dunning";
import { countLosses, recordLostUnits } from "./functions/count-losses";
import { certificationExpiryReminders } from "./functions/certification-expiry-reminders";
import { closeStaleSessions } from "./functions/close-stale-sessions";
import { dataCapNotices } from "./functions/data-cap-notices";
import { fairUse } from "./functions/fair-use";
import { inventoryReorder, reorderOnStockOut } from "./functions/inventory-reorder";
import { maintenanceDue } from "./functions/maintenance-due";
import { expireVouchers } from "./functions/expire-vouchers";
import { leadFollowUpReminders } from "./functions/lead-follow-up-reminders";
import { provisionOnChange, provisionSubscription } from "./functions/provision-subscription";
import { pollNetwork, trimMonitoring } from "./functions/poll-network";
import { prepaidRenewals } from "./functions/prepaid-renewals";
import { creditWalletTopUp, topUpOnPayment } from "./functions/wallet-top-up";
import { purgeAbandonedUploads } from "./functions/purge-abandoned-uploads";
import { onPaymentPosted, paymentPostedFunction } from "./functions/payment-posted";
import { linkTicketToOutage, outageTickets } from "./functions/outage-tickets";
import { notifyOutageCustomers, tellOutageCustomers } from "./functions/notify-outage-customers";
import { deliverInvoice, sendInvoice } from "./functions/send-invoice";
import { deliverCoa, sendCoaRequest } from "./functions/send-coa";
import { deliverSms, sendSms } from "./functions/send-sms";
import { slaEscalations } from "./functions/sla-escalations";
import { sweepPendingPayments } from "./functions/sweep-pending-payments";
import { alertOnCall, slaOnCall } from "./functions/sla-on-call";
import { supportWeeklySummary } from "./functions/support-weekly-summary";

/** Every background function, served by app/api/inngest/route.ts. */
export const functions = [
  authHousekeeping,
  provisionSubscription,
  leadFollowUpReminders,
  expireVouchers,
  closeStaleSessions,
  applyServiceRequests,
  certificationExpiryReminders,
  slaEscalations,
  slaOnCall,
  supportWeeklySummary,
  purgeAbandonedUploads,
  applyRetention,
  sendSms,
  billingRun,
  sendInvoice,
  paymentPostedFunction,
  sweepPendingPayments,
  billingRunRequestedFn,
  dunning,
  balanceReducedFunction,
  prepaidRenewals,
  creditWalletTopUp,
  dataCapNotices,
  fairUse,
  sendCoaRequest,
  pollNetwork,
  trimMonitoring,
  outageTickets,
  inventoryReorder,
  countLosses,
  notifyOutageCustomers,
  maintenanceDue,
];

/**
 * What the functions above do for the events the app emits, run in this process when Inngest is
 * not configured (server/jobs/emit.ts). Each function that triggers on an emitted event has its
 * consumer here (index.test.ts checks it).
 */
export const consumers = [
  provisionOnChange,
  alertOnCall,
  deliverSms,
  deliverInvoice,
  onPaymentPosted,
  reassessOnBalanceReduced,
  topUpOnPayment,
  executeRequestedRun,
  deliverCoa,
  linkTicketToOutage,
  reorderOnStockOut,
  recordLostUnits,
  tellOutageCustomers,
];

/** Called once per process at start-up: instrumentation.ts (Next.js), scripts, test setup. */
export function handleEventsInline(): void {
  runInline(consumers);
}

/**
 * Runs `work` with the customer-facing follow-ups of invoices and payments left out (the invoice
 * e-mail, the receipt and dunning's reassessment after a payment or a credit note), when events are handled in this
 * process. Only for writing history after the fact, as the demo seed does for its past months: an
 * invoice of June was sent in June, and a payment of July is not judged by today's overdue
 * balance (it would suspend a customer today and restore them a moment later).
 */
export async function withoutFollowUps<T>(work: () => Promise<T>): Promise<T> {
  await settleInline();
  runInline([
    ...consumers.filter((c) => c !== deliverInvoice && c !== onPaymentPosted && c !== reassessOnBalanceReduced),
    consumer(invoiceIssued, async () => null),
    consumer(balanceReduced, async () => null),
  ]);
  try {
    return await work();
  } finally {
    await settleInline();
    handleEventsInline();
  }
}
