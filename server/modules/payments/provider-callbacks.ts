import type { Payment } from "../../db/generated/prisma/client";
import type { PaymentProvider } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Actor, Scope } from "../scope";
import { adapterFor, urlTokenMatches } from "./provider-settings";
import { C2B_ACCEPT, C2B_REJECT_ACCOUNT, CALLBACK_RECEIVED, MalformedCallback } from "./providers/mpesa-callbacks";
import type { MpesaAdapter } from "./providers/mpesa";
import { InvalidSignature, type ProviderOutcome } from "./providers/types";
import {
  recordProviderRefund,
  refundedStatus,
  restoreFailedRefund,
  reversalConfirmed,
  reversalResult,
} from "./refunds";
import { findByProviderRef, markFailed, markSucceeded, processEventOnce } from "./service";

// What the providers tell us, applied to payments. Each delivery is applied once
// (processEventOnce: the event id is stored in the same transaction as its effect), and the
// provider's own answer is awaited outside any transaction, so a slow provider never holds one.
//
// Stripe's webhooks are signed: a bad or missing signature is refused (400) before anything is
// stored. Daraja's callbacks are not, so nothing they say is credited on their word alone:
// - STK results are confirmed by the STK query before they change a payment, and the amount
//   credited is the one we asked for (a forged callback cannot raise it);
// - paybill confirmations become PENDING payments and a transaction status query is sent; the
//   asynchronous result (Safaricom's own word, with the amount) is what credits them.
// Every route first checks the company's URL token: a wrong one is answered 404, nothing stored.

export type CallbackAnswer = { status: 200 | 400 | 404; body: unknown };

const NOT_FOUND: CallbackAnswer = { status: 404, body: { error: { code: "NOT_FOUND", message: "Not found." } } };
const bad = (message: string): CallbackAnswer => ({ status: 400, body: { error: { code: "BAD_REQUEST", message } } });

const actorOf = (provider: PaymentProvider, ip: string | null): Actor => ({
  type: "SYSTEM",
  label: provider === "STRIPE" ? "Stripe webhook" : "M-Pesa callback",
  ip,
});

/** The adapter when the token is the company's for the provider, else null (answered 404). */
async function adapterBehind(companyId: string, provider: PaymentProvider, token: string) {
  return withTenant(companyId, async (tx) =>
    (await urlTokenMatches(tx, companyId, provider, token)) ? adapterFor(tx, companyId, provider) : null,
  );
}

/** Finds the payment an outcome is about: our id when the provider echoed it, else its reference. */
async function paymentOf(scope: Scope, provider: PaymentProvider, outcome: ProviderOutcome): Promise<Payment | null> {
  if (outcome.paymentId) {
    const byId = await scope.tx.payment.findUnique({ where: { id: outcome.paymentId } });
    if (byId?.provider === provider) return byId;
  }
  return findByProviderRef(scope, provider, outcome.providerRef);
}

/** Applies one outcome to the payment it names; unknown payments and PENDING outcomes change nothing. */
export async function applyOutcome(
  scope: Scope,
  provider: PaymentProvider,
  outcome: ProviderOutcome,
  opts: { trustAmount: boolean } = { trustAmount: true },
): Promise<string> {
  const payment = await paymentOf(scope, provider, outcome);
  if (!payment) return "unknown payment";
  switch (outcome.status) {
    case "SUCCEEDED": {
      const { changed } = await markSucceeded(scope, payment.id, {
        amountMinor: opts.trustAmount ? outcome.amountMinor : null,
        reference: outcome.receipt ?? null,
      });
      return changed ? "succeeded" : "already settled";
    }
    case "FAILED": {
      const { changed } = await markFailed(scope, payment.id, outcome.failureReason ?? "The provider declined the payment."); // prettier-ignore
      return changed ? "failed" : "already settled";
    }
    case "REFUNDED":
      return providerRefund(scope, payment, outcome);
    case "DISPUTED":
    case "DISPUTE_WON":
    case "DISPUTE_LOST":
      return dispute(scope, payment, outcome);
    default:
      return "pending";
  }
}

/**
 * One refund the provider reports. A refund made at the provider (Stripe's dashboard) is booked
 * like ours: a Refund row, the invoices it paid owe again, once per provider refund id. A refund
 * we asked for was booked when we asked: only its status follows the provider's.
 */
async function providerRefund(scope: Scope, payment: Payment, outcome: ProviderOutcome): Promise<string> {
  const r = outcome.refund;
  if (!r) return "refund total only";
  const ours = await scope.tx.refund.findFirst({ where: { paymentId: payment.id, providerRef: r.ref } });
  if (ours) {
    if (ours.status === r.status || r.status === "PENDING") return "refund known";
    // A refund whose books were written (a card refund is booked when made) that then fails:
    // the books come back. An M-Pesa reversal is booked only once confirmed, so it never gets here.
    if (r.status === "FAILED" && ours.status !== "FAILED" && payment.provider !== "MPESA") {
      const restored = await restoreFailedRefund(scope, ours.id, outcome.failureReason ?? "The provider could not pay the refund out."); // prettier-ignore
      return `refund ${restored}`;
    }
    await scope.tx.refund.update({ where: { id: ours.id }, data: { status: r.status } });
    await audit.record(scope, {
      action: "payments.refund_status",
      entityType: "Payment",
      entityId: payment.id,
      before: { refundId: ours.id, status: ours.status },
      after: { refundId: ours.id, status: r.status, reason: outcome.failureReason ?? null },
    });
    return `refund ${r.status.toLowerCase()}`;
  }
  // Ours, but our transaction has not committed the Refund row yet: it books itself.
  if (r.ours || r.status !== "SUCCEEDED") return "refund not ours to book";
  return recordProviderRefund(scope, payment.id, {
    providerRef: r.ref,
    amountMinor: r.amountMinor,
    reason: "Refunded at Stripe (dashboard).",
    action: "payments.provider_refund",
  });
}

/**
 * A card holder's dispute: the payment shows DISPUTED while the bank decides. Lost, the disputed
 * amount is booked like a refund (the invoices owe again); won, the payment is what it was.
 */
async function dispute(scope: Scope, payment: Payment, outcome: ProviderOutcome): Promise<string> {
  if (outcome.status === "DISPUTE_LOST" && outcome.refund) {
    const booked = await recordProviderRefund(scope, payment.id, {
      providerRef: outcome.refund.ref,
      amountMinor: outcome.refund.amountMinor,
      reason: "The card holder's dispute was lost: the bank took the money back.",
      action: "payments.dispute_lost",
    });
    if (booked !== "booked") {
      // Already booked, or nothing left to take: the dispute is over all the same.
      const now = await scope.tx.payment.findUniqueOrThrow({ where: { id: payment.id } });
      if (now.status === "DISPUTED") await settleDispute(scope, now, "payments.dispute_lost");
    }
    return `dispute lost (${booked})`;
  }
  if (outcome.status === "DISPUTE_WON") {
    if (payment.status !== "DISPUTED") return "dispute won (not disputed here)";
    await settleDispute(scope, payment, "payments.dispute_won");
    return "dispute won";
  }
  if (payment.status === "DISPUTED") return "already disputed";
  if (payment.status !== "SUCCEEDED" && payment.status !== "PARTIALLY_REFUNDED") return `not disputable (${payment.status.toLowerCase()})`; // prettier-ignore
  await scope.tx.payment.update({
    where: { id: payment.id },
    data: { status: "DISPUTED", failureReason: outcome.failureReason?.slice(0, 500) ?? null },
  });
  await audit.record(scope, {
    action: "payments.provider_dispute",
    entityType: "Payment",
    entityId: payment.id,
    before: { status: payment.status },
    after: { status: "DISPUTED", amountMinor: outcome.amountMinor ?? null, reason: outcome.failureReason ?? null },
  });
  return "disputed";
}

/** The dispute is over and the money stayed (won) or was already booked back: the status follows the refunds. */
async function settleDispute(scope: Scope, payment: Payment, action: string) {
  const status = refundedStatus(payment.amountMinor, payment.refundedMinor);
  await scope.tx.payment.update({ where: { id: payment.id }, data: { status, failureReason: null } });
  await audit.record(scope, {
    action,
    entityType: "Payment",
    entityId: payment.id,
    before: { status: payment.status, reason: payment.failureReason },
    after: { status },
  });
}

// ── Stripe ───────────────────────────────────────────────────────────────────────────────────

export async function receiveStripe(
  companyId: string,
  token: string,
  rawBody: string,
  headers: Headers,
  ip: string | null = null,
): Promise<CallbackAnswer> {
  const adapter = await adapterBehind(companyId, "STRIPE", token);
  if (!adapter) return NOT_FOUND;
  let event;
  try {
    event = await adapter.handleWebhook({ rawBody, headers });
  } catch (err) {
    if (err instanceof InvalidSignature) return bad(`The Stripe signature does not verify: ${err.message}`);
    throw err;
  }
  const result = await withTenant(companyId, (tx) => {
    const scope: Scope = { tx, companyId, actor: actorOf("STRIPE", ip) };
    return processEventOnce(scope, "STRIPE", event.eventId, event.type, async () => {
      const applied: string[] = [];
      for (const outcome of event.outcomes) applied.push(await applyOutcome(scope, "STRIPE", outcome));
      return applied;
    });
  });
  return { status: 200, body: { received: true, duplicate: result.duplicate } };
}

// ── M-Pesa ───────────────────────────────────────────────────────────────────────────────────

export type MpesaCallbackKind = "stk-callback" | "c2b-validation" | "c2b-confirmation" | "status-result" | "status-timeout" | "reversal-result" | "reversal-timeout"; // prettier-ignore

export async function receiveMpesa(
  companyId: string,
  token: string,
  kind: MpesaCallbackKind,
  rawBody: string,
  ip: string | null = null,
): Promise<CallbackAnswer> {
  const adapter = (await adapterBehind(companyId, "MPESA", token)) as MpesaAdapter | null;
  if (!adapter) return NOT_FOUND;
  // A queue timeout says only that Safaricom did not answer our query in time: the sweep asks again.
  if (kind === "status-timeout") return { status: 200, body: CALLBACK_RECEIVED };
  let event;
  try {
    event = await adapter.handleWebhook({
      rawBody,
      headers: new Headers(),
      c2b: kind === "c2b-validation" ? "c2b_validation" : "c2b_confirmation",
      reversal: kind === "reversal-result" ? "result" : kind === "reversal-timeout" ? "timeout" : undefined,
    });
  } catch (err) {
    if (err instanceof MalformedCallback) return bad(err.message);
    throw err;
  }
  const expected = {
    "stk-callback": "stk_callback",
    "c2b-validation": "c2b_validation",
    "c2b-confirmation": "c2b_confirmation",
    "status-result": "transaction_status_result",
    "reversal-result": "reversal_result",
    "reversal-timeout": "reversal_timeout",
  }[kind];
  if (event.type !== expected) return bad(`This address takes ${expected.replaceAll("_", " ")} callbacks only.`);
  const [outcome] = event.outcomes;
  const scopeIn = (tx: Scope["tx"]): Scope => ({ tx, companyId, actor: actorOf("MPESA", ip) });

  switch (kind) {
    case "c2b-validation": {
      const known = await withTenant(companyId, (tx) => customerByReference(scopeIn(tx), outcome.billReference));
      return { status: 200, body: known ? C2B_ACCEPT : C2B_REJECT_ACCOUNT };
    }
    case "stk-callback": {
      // Safaricom's own answer before anything changes; a query that cannot tell yet leaves the
      // payment for the sweep (the event is not stored, so nothing is lost).
      const confirmed = await adapter.status(outcome.providerRef).catch(() => null);
      if (!confirmed || confirmed.status === "PENDING") return { status: 200, body: CALLBACK_RECEIVED };
      const merged: ProviderOutcome =
        confirmed.status === "SUCCEEDED" && outcome.status === "SUCCEEDED"
          ? { ...outcome, amountMinor: null }
          : { ...confirmed, receipt: null };
      await withTenant(companyId, (tx) =>
        processEventOnce(scopeIn(tx), "MPESA", event.eventId, event.type, () =>
          applyOutcome(scopeIn(tx), "MPESA", merged, { trustAmount: false }),
        ),
      );
      return { status: 200, body: CALLBACK_RECEIVED };
    }
    case "c2b-confirmation": {
      const result = await withTenant(companyId, (tx) =>
        processEventOnce(scopeIn(tx), "MPESA", event.eventId, event.type, () =>
          recordUnconfirmed(scopeIn(tx), outcome),
        ),
      );
      // Ask Safaricom about it now; if that fails (or no initiator is set), the sweep asks again.
      if (!result.duplicate) await adapter.queryTransactionStatus(outcome.providerRef).catch(() => null);
      return { status: 200, body: CALLBACK_RECEIVED };
    }
    case "status-result": {
      // About a reversal of ours (a refund waiting for confirmation), or else about a payment.
      await withTenant(companyId, (tx) =>
        processEventOnce(
          scopeIn(tx),
          "MPESA",
          event.eventId,
          event.type,
          async () => (await reversalConfirmed(scopeIn(tx), outcome)) ?? applyOutcome(scopeIn(tx), "MPESA", outcome),
        ),
      );
      return { status: 200, body: CALLBACK_RECEIVED };
    }
    case "reversal-result":
    case "reversal-timeout": {
      // A result and a timeout for the same request share the event id: whichever comes first applies.
      const result = await withTenant(companyId, (tx) =>
        processEventOnce(scopeIn(tx), "MPESA", event.eventId, event.type, () => reversalResult(scopeIn(tx), outcome)),
      );
      // Safaricom's own word on the reversal before it is booked; if the query cannot be sent
      // now, the refund stays PENDING with the reason shown.
      if (!result.duplicate && result.result.confirm)
        await adapter.queryTransactionStatus(result.result.confirm).catch(() => null);
      return { status: 200, body: CALLBACK_RECEIVED };
    }
  }
  return bad("Unknown callback.");
}

/** "1042", "ACC 1042", " 001042 ": the account number at the end of what the payer typed. */
function accountNumberOf(text: string | null | undefined): number | null {
  const digits = /(\d{1,9})\s*$/.exec(text?.trim() ?? "")?.[1];
  return digits ? Number(digits) : null;
}

async function customerByReference(scope: Scope, reference: string | null | undefined) {
  const account = accountNumberOf(reference);
  if (account === null) return null;
  return scope.tx.customer.findUnique({
    where: { companyId_accountNumber: { companyId: scope.companyId, accountNumber: account } },
    select: { id: true },
  });
}

/**
 * A paybill payment Safaricom says it received, not yet confirmed: kept PENDING (nothing credited,
 * no receipt number) with what the payer typed, until the transaction status result confirms it.
 * An account nobody has stays without a customer; once confirmed it is an unmatched payment.
 */
async function recordUnconfirmed(scope: Scope, outcome: ProviderOutcome) {
  const existing = await findByProviderRef(scope, "MPESA", outcome.providerRef);
  if (existing) return existing;
  const customer = await customerByReference(scope, outcome.billReference);
  const company = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { currency: true } }); // prettier-ignore
  const payment = await scope.tx.payment.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      customerId: customer?.id ?? null,
      method: "MPESA",
      provider: "MPESA",
      status: "PENDING",
      purpose: "INVOICES",
      amountMinor: outcome.amountMinor!,
      currency: company.currency,
      reference: outcome.receipt ?? outcome.providerRef,
      providerRef: outcome.providerRef,
      accountReference: outcome.billReference?.slice(0, 60) ?? null,
      payerPhone: outcome.payerPhone ?? null,
      payerName: outcome.payerName?.slice(0, 200) ?? null,
      failureReason: "Waiting for M-Pesa to confirm the transaction.",
    },
  });
  await audit.record(scope, {
    action: "payments.receive_unconfirmed",
    entityType: "Payment",
    entityId: payment.id,
    after: {
      provider: "MPESA",
      transId: outcome.providerRef,
      accountReference: payment.accountReference,
      amountMinor: payment.amountMinor,
      matched: !!customer,
    },
  });
  return payment;
}
