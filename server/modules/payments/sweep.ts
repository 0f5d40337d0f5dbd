import type { PaymentProvider } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import type { Scope } from "../scope";
import { applyOutcome } from "./provider-callbacks";
import { adapterFor } from "./provider-settings";
import type { MpesaAdapter } from "./providers/mpesa";
import type { PaymentProviderAdapter } from "./providers/types";
import { markFailed } from "./service";

// The sweep: payments started with a provider that no webhook or callback has settled yet. Each
// is asked about directly (Stripe: the Checkout session; M-Pesa: the STK query, or for a paybill
// TransID a new transaction status query whose result comes by callback), and posted or failed
// from the answer, so no customer pays without being credited. markSucceeded and markFailed claim
// the PENDING payment, so a sweep racing a late webhook (or a second sweep) applies nothing twice.
// M-Pesa refunds (reversals) still PENDING are asked about too (askAboutReversals).

/** Payments younger than this are left to their webhook or callback. */
export const SWEEP_AFTER_MINUTES = 10;
/** At most this many per company and run, oldest first (the next run takes the rest). */
const BATCH = 200;
const actor = { type: "SYSTEM" as const, label: "payment sweep" };

export interface SweepResult {
  checked: number;
  succeeded: number;
  failed: number;
  pending: number;
  /** The provider could not be asked (unreachable, switched off): asked again next run. */
  errors: number;
  /** M-Pesa reversals still PENDING that Daraja was asked about again (the answer comes by callback). */
  reversalsAsked: number;
}

export async function sweepPending(companyId: string, now = new Date(), afterMinutes = SWEEP_AFTER_MINUTES) {
  const cutoff = new Date(now.getTime() - afterMinutes * 60_000);
  const payments = await withTenant(companyId, (tx) =>
    tx.payment.findMany({
      where: { status: "PENDING", provider: { not: null }, createdAt: { lt: cutoff } },
      orderBy: { createdAt: "asc" },
      take: BATCH,
      select: { id: true, provider: true, providerRef: true },
    }),
  );
  const result: SweepResult = { checked: 0, succeeded: 0, failed: 0, pending: 0, errors: 0, reversalsAsked: 0 };
  const adapters = new Map<PaymentProvider, PaymentProviderAdapter | null>();
  const inScope = <T>(fn: (scope: Scope) => Promise<T>) => withTenant(companyId, (tx) => fn({ tx, companyId, actor }));

  for (const payment of payments) {
    const provider = payment.provider!;
    result.checked++;
    if (!payment.providerRef) {
      // Created but the provider never gave it a reference: the attempt never started.
      await inScope((scope) => markFailed(scope, payment.id, "The payment was never started with the provider."));
      result.failed++;
      continue;
    }
    if (!adapters.has(provider)) {
      adapters.set(
        provider,
        await withTenant(companyId, (tx) => adapterFor(tx, companyId, provider)).catch(() => null),
      );
    }
    const adapter = adapters.get(provider);
    const outcome = adapter ? await adapter.status(payment.providerRef).catch(() => null) : null;
    if (!outcome) {
      result.errors++;
      continue;
    }
    if (outcome.status === "PENDING") {
      result.pending++;
      continue;
    }
    // Our id, so the outcome lands on this payment; M-Pesa's amount is the one we asked for.
    const applied = await inScope((scope) =>
      applyOutcome(scope, provider, { ...outcome, paymentId: payment.id }, { trustAmount: provider === "STRIPE" }),
    );
    if (applied === "succeeded") result.succeeded++;
    else if (applied === "failed") result.failed++;
  }
  await askAboutReversals(companyId, cutoff, result);
  return result;
}

/**
 * M-Pesa reversals (refunds) still PENDING: their result never came, timed out in Safaricom's
 * queue, or the status query that was to confirm it failed. Each is asked about again by a
 * transaction status query, by the reversal's TransactionID when its result named one, else by
 * the request's OriginatorConversationID. The answer comes to the status result callback, where
 * reversalConfirmed books the refund or fails it; the query's ConversationID is kept on the refund
 * so that answer finds it. Asking twice is harmless: a refund is booked or failed once (PENDING is
 * claimed), and each answer is an event applied once.
 */
async function askAboutReversals(companyId: string, cutoff: Date, result: SweepResult) {
  const refunds = await withTenant(companyId, (tx) =>
    tx.refund.findMany({
      where: { status: "PENDING", payment: { provider: "MPESA" }, createdAt: { lt: cutoff } },
      orderBy: { createdAt: "asc" },
      take: BATCH,
      select: { id: true, receipt: true, requestRef: true },
    }),
  );
  if (refunds.length === 0) return;
  const adapter = (await withTenant(companyId, (tx) => adapterFor(tx, companyId, "MPESA")).catch(
    () => null,
  )) as MpesaAdapter | null;
  for (const refund of refunds) {
    const ask = refund.receipt
      ? adapter?.queryTransactionStatus(refund.receipt, "transaction")
      : refund.requestRef
        ? adapter?.queryTransactionStatus(refund.requestRef, "conversation")
        : undefined;
    const asked = ask ? await ask.catch(() => null) : null;
    if (!asked?.conversationId) {
      result.errors++;
      continue;
    }
    await withTenant(companyId, (tx) =>
      tx.refund.updateMany({
        where: { id: refund.id, status: "PENDING" },
        data: { statusQueryRef: asked.conversationId },
      }),
    );
    result.reversalsAsked++;
  }
}
