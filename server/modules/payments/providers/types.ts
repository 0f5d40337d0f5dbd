// The one interface every payment rail implements (Stripe and M-Pesa today; Paystack, Flutterwave,
// MTN MoMo and Airtel Money fit the same shape). An adapter only talks to its provider: it never
// touches our database. The payments module turns what an adapter reports into payments,
// allocations and refunds, so the billing engine never learns which rail the money came by.

/** The rails that have an adapter. MANUAL rails (cash, cheque, bank transfer) need none. */
export type ProviderName = "STRIPE" | "MPESA";

/** What the provider says about one payment (or one refund) it handled. */
export type ProviderStatus =
  | "PENDING"
  | "SUCCEEDED"
  | "FAILED"
  /** One refund the provider made (`refund` says which), or a refund total (`refundedMinor`). */
  | "REFUNDED"
  /** The card holder disputed the payment: the money is held until the dispute closes. */
  | "DISPUTED"
  /** The dispute closed in our favour: the payment stands. */
  | "DISPUTE_WON"
  /** The dispute closed against us: the disputed amount is gone, like a refund (`refund` says how much). */
  | "DISPUTE_LOST";

export interface InitiateRequest {
  /** Our Payment.id, sent to the provider as metadata / reference so its answers find the payment again. */
  paymentId: string;
  amountMinor: number;
  /** ISO 4217, upper case (the company's currency). */
  currency: string;
  /** The customer's account number: M-Pesa's AccountReference, Stripe's client_reference_id. */
  accountNumber: string;
  description: string;
  email?: string | null;
  /** E.164 without "+" for M-Pesa (2547XXXXXXXX). */
  phone?: string | null;
  /** Where a hosted page sends the customer back (Stripe Checkout). */
  returnUrl?: string;
  cancelUrl?: string;
}

export type InitiateResult =
  /** The customer continues on the provider's page (Stripe Checkout). */
  | { kind: "redirect"; url: string; providerRef: string }
  /** The customer confirms on their phone (M-Pesa STK push); the answer comes by callback or status query. */
  | { kind: "pending"; providerRef: string; message: string };

/** One payment's state as the provider reports it, from a webhook, a callback or a status query. */
export interface ProviderOutcome {
  /** The provider's id for the attempt we initiated (Checkout session / PaymentIntent, CheckoutRequestID). */
  providerRef: string;
  status: ProviderStatus;
  /** Our Payment.id when the provider echoed it back (Stripe metadata). */
  paymentId?: string | null;
  /** Money actually moved, in minor units; absent when the provider did not say. */
  amountMinor?: number | null;
  /** The provider's receipt (M-Pesa receipt number, Stripe PaymentIntent id). */
  receipt?: string | null;
  /** For unsolicited money (M-Pesa paybill C2B): the bill reference the payer typed, i.e. our account number. */
  billReference?: string | null;
  payerPhone?: string | null;
  payerName?: string | null;
  failureReason?: string | null;
  /** For REFUNDED: how much has been refunded in total. */
  refundedMinor?: number | null;
  /**
   * For REFUNDED and DISPUTE_LOST: the one refund (or lost dispute) this is about, by the
   * provider's id for it. `ours`: a refund we asked for (its books were written when we asked).
   */
  refund?: { ref: string; amountMinor: number; status: "PENDING" | "SUCCEEDED" | "FAILED"; ours: boolean } | null;
  /**
   * True when this came from an unsigned callback (M-Pesa): anyone who learns the URL can post
   * it, so credit nothing until the provider itself confirms it (`status`, or for M-Pesa paybill
   * the asynchronous transaction status result, see mpesa.ts).
   */
  requiresConfirmation?: boolean;
  /** M-Pesa: the ConversationID of the transaction status query this result answers. */
  queryRef?: string | null;
}

/** A verified webhook or callback: its id (processed once, stored) and what it says. */
export interface ProviderEvent {
  /** Unique per provider: Stripe's evt_… id, M-Pesa's CheckoutRequestID or TransID. */
  eventId: string;
  type: string;
  /** Empty for event types we do not act on (acknowledged and stored all the same). */
  outcomes: ProviderOutcome[];
}

export interface WebhookInput {
  /** The body exactly as received: signatures are over these bytes, never over re-serialised JSON. */
  rawBody: string;
  headers: Headers;
}

export interface RefundResult {
  refundRef: string;
  /** M-Pesa: the request's OriginatorConversationID, by which a status query can find the reversal. */
  requestRef?: string | null;
  status: "PENDING" | "SUCCEEDED" | "FAILED";
}

export interface PaymentProviderAdapter {
  readonly name: ProviderName;
  initiate(request: InitiateRequest): Promise<InitiateResult>;
  /** Verifies the signature (or, for unsigned callbacks, nothing: the caller checked the URL token) and parses. Throws InvalidSignature. */
  handleWebhook(input: WebhookInput): Promise<ProviderEvent>;
  /** `key` (our refund's id) makes a retried call the same refund at the provider, never a second one. */
  refund(providerRef: string, amountMinor: number, reason: string, key?: string): Promise<RefundResult>;
  /** Asks the provider directly: the sweep and M-Pesa's confirmation before crediting use this. */
  status(providerRef: string): Promise<ProviderOutcome>;
}

/** A webhook whose signature does not verify: answered 400, nothing recorded. */
export class InvalidSignature extends Error {
  readonly code = "INVALID_SIGNATURE";
}
