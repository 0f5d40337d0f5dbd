import Stripe from "stripe";
import { fromStripeAmount, toStripeAmount } from "./stripe-amounts";
import {
  InvalidSignature,
  type InitiateRequest,
  type InitiateResult,
  type PaymentProviderAdapter,
  type ProviderEvent,
  type ProviderOutcome,
  type RefundResult,
  type WebhookInput,
} from "./types";

// Card payments through Stripe Checkout: the customer types the card on Stripe's page, so card
// numbers never touch our server. One Checkout Session per payment; our Payment.id travels in the
// session's and the PaymentIntent's metadata, so every event (session, intent, charge, dispute)
// finds the payment again even when its own id is not the session id we stored at initiate.

export interface StripeAdapterConfig {
  secretKey: string;
  /** The endpoint's signing secret (whsec_…) from the Stripe dashboard. */
  webhookSecret: string;
  /** Tests point the real SDK at a local fake; production leaves these unset (api.stripe.com). */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
}

export function stripeAdapter(config: StripeAdapterConfig): PaymentProviderAdapter {
  const stripe = new Stripe(config.secretKey, {
    host: config.host,
    port: config.port,
    protocol: config.protocol,
    maxNetworkRetries: 1,
    timeout: 20_000,
    telemetry: false,
  });

  /** charge.* and dispute events carry the intent, not always its metadata: ask for it. */
  async function paymentIdOfIntent(intent: string | Stripe.PaymentIntent | null): Promise<string | null> {
    if (!intent) return null;
    if (typeof intent !== "string") return intent.metadata?.paymentId ?? null;
    const retrieved = await stripe.paymentIntents.retrieve(intent);
    return retrieved.metadata?.paymentId ?? null;
  }

  async function outcomesOf(event: Stripe.Event): Promise<ProviderOutcome[]> {
    switch (event.type) {
      case "checkout.session.completed":
      case "checkout.session.async_payment_succeeded":
      case "checkout.session.async_payment_failed":
      case "checkout.session.expired":
        return [sessionOutcome(event.data.object)];
      case "payment_intent.succeeded":
      case "payment_intent.payment_failed":
      case "payment_intent.canceled":
        return [intentOutcome(event.data.object)];
      case "charge.refunded": {
        // The charge says only the total refunded: each refund behind it is one outcome, so the
        // same refund reported again by refund.created is recognised by its id.
        const charge = event.data.object;
        const intent = idOf(charge.payment_intent);
        const paymentId = charge.metadata?.paymentId ?? (await paymentIdOfIntent(charge.payment_intent));
        const refunds = await stripe.refunds.list(intent ? { payment_intent: intent, limit: 100 } : { charge: charge.id, limit: 100 }); // prettier-ignore
        return refunds.data.map((r) => refundOutcome(r, paymentId, intent ?? charge.id));
      }
      case "refund.created":
      case "refund.updated":
      // A refund that fails after it was made (the card was closed): the books it changed come back.
      case "refund.failed":
      case "charge.refund.updated": {
        const refund = event.data.object;
        const intent = idOf(refund.payment_intent);
        const paymentId = refund.metadata?.paymentId || (await paymentIdOfIntent(refund.payment_intent));
        return [refundOutcome(refund, paymentId, intent ?? idOf(refund.charge) ?? refund.id)];
      }
      case "charge.dispute.created": {
        const dispute = event.data.object;
        return [
          {
            providerRef: idOf(dispute.payment_intent) ?? idOf(dispute.charge) ?? dispute.id,
            status: "DISPUTED",
            paymentId: dispute.metadata?.paymentId ?? (await paymentIdOfIntent(dispute.payment_intent)),
            amountMinor: fromStripeAmount(dispute.amount, dispute.currency),
            failureReason: `The card holder disputed the payment (${dispute.reason.replaceAll("_", " ")}).`,
          },
        ];
      }
      case "charge.dispute.closed": {
        const dispute = event.data.object;
        // "warning_closed" (an inquiry that never became a chargeback) moves no money.
        if (dispute.status !== "won" && dispute.status !== "lost") return [];
        const amountMinor = fromStripeAmount(dispute.amount, dispute.currency);
        return [
          {
            providerRef: idOf(dispute.payment_intent) ?? idOf(dispute.charge) ?? dispute.id,
            status: dispute.status === "won" ? "DISPUTE_WON" : "DISPUTE_LOST",
            paymentId: dispute.metadata?.paymentId ?? (await paymentIdOfIntent(dispute.payment_intent)),
            amountMinor,
            refund:
              dispute.status === "lost" ? { ref: dispute.id, amountMinor, status: "SUCCEEDED", ours: false } : null,
          },
        ];
      }
      default:
        return [];
    }
  }

  /** A session id (cs_…) or a PaymentIntent id (pi_…) → the intent, for refunds. */
  async function intentOf(providerRef: string): Promise<Stripe.PaymentIntent> {
    if (providerRef.startsWith("cs_")) {
      const session = await stripe.checkout.sessions.retrieve(providerRef, { expand: ["payment_intent"] });
      const intent = session.payment_intent;
      if (!intent) throw new Error("This Checkout session has no payment to refund yet.");
      return typeof intent === "string" ? stripe.paymentIntents.retrieve(intent) : intent;
    }
    return stripe.paymentIntents.retrieve(providerRef);
  }

  return {
    name: "STRIPE",

    async initiate(request: InitiateRequest): Promise<InitiateResult> {
      if (!request.returnUrl) throw new Error("Stripe Checkout needs a return URL for the customer.");
      const metadata = { paymentId: request.paymentId, accountNumber: request.accountNumber };
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency.toLowerCase(),
                unit_amount: toStripeAmount(request.amountMinor, request.currency),
                product_data: { name: request.description },
              },
            },
          ],
          client_reference_id: request.accountNumber,
          customer_email: request.email ?? undefined,
          metadata,
          payment_intent_data: { metadata, description: request.description },
          success_url: request.returnUrl,
          cancel_url: request.cancelUrl ?? request.returnUrl,
        },
        // A retried initiate (double click, network retry) reuses the first session.
        { idempotencyKey: `checkout-${request.paymentId}` },
      );
      if (!session.url) throw new Error("Stripe created the Checkout session without a page to send the customer to.");
      return { kind: "redirect", url: session.url, providerRef: session.id };
    },

    async handleWebhook({ rawBody, headers }: WebhookInput): Promise<ProviderEvent> {
      const signature = headers.get("stripe-signature");
      if (!signature) throw new InvalidSignature("The request has no Stripe-Signature header.");
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, config.webhookSecret);
      } catch (err) {
        throw new InvalidSignature(err instanceof Error ? err.message : "The Stripe signature does not verify.");
      }
      return { eventId: event.id, type: event.type, outcomes: await outcomesOf(event) };
    },

    async refund(providerRef: string, amountMinor: number, reason: string, key?: string): Promise<RefundResult> {
      const intent = await intentOf(providerRef);
      const refund = await stripe.refunds.create(
        {
          payment_intent: intent.id,
          amount: toStripeAmount(amountMinor, intent.currency),
          reason: "requested_by_customer",
          // refundKey marks the refund as ours: its webhook events then change no books a second time.
          metadata: { reason: reason.slice(0, 500), paymentId: intent.metadata?.paymentId ?? "", refundKey: key ?? "" },
        },
        key ? { idempotencyKey: `refund-${key}` } : undefined,
      );
      return { refundRef: refund.id, status: refundStatusOf(refund.status) };
    },

    async status(providerRef: string): Promise<ProviderOutcome> {
      if (providerRef.startsWith("cs_")) return sessionOutcome(await stripe.checkout.sessions.retrieve(providerRef));
      return intentOutcome(await stripe.paymentIntents.retrieve(providerRef));
    },
  };
}

const refundStatusOf = (status: string | null): "PENDING" | "SUCCEEDED" | "FAILED" =>
  status === "succeeded" ? "SUCCEEDED" : status === "failed" || status === "canceled" ? "FAILED" : "PENDING";

function refundOutcome(refund: Stripe.Refund, paymentId: string | null, providerRef: string): ProviderOutcome {
  return {
    providerRef,
    status: "REFUNDED",
    paymentId,
    refund: {
      ref: refund.id,
      amountMinor: fromStripeAmount(refund.amount, refund.currency),
      status: refundStatusOf(refund.status),
      ours: Boolean(refund.metadata?.refundKey),
    },
    failureReason: refund.failure_reason
      ? `The refund failed at Stripe (${refund.failure_reason.replaceAll("_", " ")}).`
      : null,
  };
}

function idOf(ref: string | { id: string } | null | undefined): string | null {
  if (!ref) return null;
  return typeof ref === "string" ? ref : ref.id;
}

function sessionOutcome(session: Stripe.Checkout.Session): ProviderOutcome {
  const paid = session.payment_status === "paid" || session.payment_status === "no_payment_required";
  // "complete" but "unpaid" is a delayed method (bank debit) still settling: its async events follow.
  const status = paid ? "SUCCEEDED" : session.status === "expired" ? "FAILED" : "PENDING";
  return {
    providerRef: session.id,
    status,
    paymentId: session.metadata?.paymentId ?? null,
    amountMinor:
      paid && session.amount_total !== null && session.currency
        ? fromStripeAmount(session.amount_total, session.currency)
        : null,
    receipt: idOf(session.payment_intent),
    payerName: session.customer_details?.name ?? null,
    failureReason: status === "FAILED" ? "The customer did not complete the card payment in time." : null,
  };
}

/**
 * A declined card is not a failed payment: Checkout lets the customer try another card in the same
 * session, so only a cancelled intent (or an expired session) fails it. The decline's words ride
 * along on the PENDING outcome.
 */
function intentOutcome(intent: Stripe.PaymentIntent): ProviderOutcome {
  const status = intent.status === "succeeded" ? "SUCCEEDED" : intent.status === "canceled" ? "FAILED" : "PENDING";
  const cancelled = `The card payment was ${intent.cancellation_reason ?? "cancelled"}.`;
  return {
    providerRef: intent.id,
    status,
    paymentId: intent.metadata?.paymentId ?? null,
    amountMinor: status === "SUCCEEDED" ? fromStripeAmount(intent.amount_received, intent.currency) : null,
    receipt: intent.id,
    failureReason:
      status === "SUCCEEDED" ? null : (intent.last_payment_error?.message ?? (status === "FAILED" ? cancelled : null)),
  };
}
