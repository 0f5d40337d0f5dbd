import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripe, type FakeStripe } from "./fake-stripe";
import { stripeAdapter } from "./stripe";
import { fromStripeAmount, toStripeAmount, UnchargeableAmount } from "./stripe-amounts";
import { InvalidSignature, type PaymentProviderAdapter } from "./types";

const SECRET_KEY = "sk_test_lastmile";
const WEBHOOK_SECRET = "whsec_test_lastmile";
// Only for its webhook helpers (generateTestHeaderString signs exactly as Stripe does).
const signer = new Stripe("sk_test_unused");

let fake: FakeStripe;
let adapter: PaymentProviderAdapter;

beforeAll(async () => {
  fake = await startFakeStripe(SECRET_KEY);
  adapter = stripeAdapter({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    host: fake.host,
    port: fake.port,
    protocol: "http",
  });
});
afterAll(() => fake.close());

function signed(event: object, secret = WEBHOOK_SECRET) {
  const rawBody = JSON.stringify(event);
  const header = signer.webhooks.generateTestHeaderString({ payload: rawBody, secret });
  return { rawBody, headers: new Headers({ "stripe-signature": header }) };
}

function event(type: string, object: object, id = `evt_${Math.random().toString(36).slice(2)}`) {
  return { id, object: "event", type, api_version: "2026-01-28", created: 1, data: { object }, livemode: false };
}

async function checkout(paymentId = "pay_1", amountMinor = 250_000, currency = "KES") {
  return adapter.initiate({
    paymentId,
    amountMinor,
    currency,
    accountNumber: "100042",
    description: "Invoice INV-0007",
    email: "wanjiku@example.com",
    returnUrl: "https://acme.example/portal/billing?paid=1",
    cancelUrl: "https://acme.example/portal/billing",
  });
}

describe("Stripe Checkout", () => {
  it("opens a Checkout session for the amount, the account and our payment, and sends the customer there", async () => {
    const result = await checkout("pay_checkout");
    expect(result.kind).toBe("redirect");
    if (result.kind !== "redirect") return;
    expect(result.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    const request = fake.requests.find((r) => r.path === "/v1/checkout/sessions" && r.form["metadata[paymentId]"] === "pay_checkout")!; // prettier-ignore
    expect(request.form).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][unit_amount]": "250000",
      "line_items[0][price_data][currency]": "kes",
      "line_items[0][quantity]": "1",
      client_reference_id: "100042",
      "payment_intent_data[metadata][paymentId]": "pay_checkout",
      success_url: "https://acme.example/portal/billing?paid=1",
      cancel_url: "https://acme.example/portal/billing",
    });
    // Card details are never sent by us: only the amount and where to come back.
    expect(Object.keys(request.form).some((k) => /card|number|cvc/.test(k))).toBe(false);
    expect(request.headers["idempotency-key"]).toBe("checkout-pay_checkout");
    expect(fake.sessions.get(result.providerRef)?.metadata).toEqual({
      paymentId: "pay_checkout",
      accountNumber: "100042",
    });
  });

  it("refuses an amount Stripe cannot charge exactly, before calling Stripe", async () => {
    const before = fake.requests.length;
    await expect(checkout("pay_bad", 0)).rejects.toBeInstanceOf(UnchargeableAmount);
    await expect(checkout("pay_bad", 1005, "KWD")).rejects.toThrow(/multiples of 0.010/);
    expect(fake.requests.length).toBe(before);
  });

  it("asks Stripe for the state of a session the webhook never reported", async () => {
    const started = await checkout("pay_status", 150_000);
    expect(await adapter.status(started.providerRef)).toMatchObject({ status: "PENDING", paymentId: "pay_status" });
    fake.pay(started.providerRef);
    expect(await adapter.status(started.providerRef)).toMatchObject({
      providerRef: started.providerRef,
      status: "SUCCEEDED",
      paymentId: "pay_status",
      amountMinor: 150_000,
    });
  });

  it("refunds through the Refunds API on the session's payment, never above what was paid", async () => {
    const started = await checkout("pay_refund", 100_000);
    fake.pay(started.providerRef);
    const refund = await adapter.refund(started.providerRef, 40_000, "Double payment", "rf_1");
    expect(refund).toMatchObject({ status: "SUCCEEDED" });
    const request = fake.requests.findLast((r) => r.path === "/v1/refunds")!;
    expect(request.form).toMatchObject({ amount: "40000", reason: "requested_by_customer", "metadata[reason]": "Double payment" }); // prettier-ignore
    expect(request.headers["idempotency-key"]).toBe("refund-rf_1");
    await expect(adapter.refund(started.providerRef, 70_000, "Too much")).rejects.toThrow();
  });
});

describe("Stripe webhooks", () => {
  const session = {
    id: "cs_test_hook",
    object: "checkout.session",
    amount_total: 250_000,
    currency: "kes",
    metadata: { paymentId: "pay_hook" },
    payment_intent: "pi_test_hook",
    payment_status: "paid",
    status: "complete",
    customer_details: { name: "Wanjiku Kamau" },
  };

  it("verifies the signature over the raw body and reports a completed checkout as succeeded", async () => {
    const result = await adapter.handleWebhook(signed(event("checkout.session.completed", session, "evt_done")));
    expect(result).toEqual({
      eventId: "evt_done",
      type: "checkout.session.completed",
      outcomes: [
        {
          providerRef: "cs_test_hook",
          status: "SUCCEEDED",
          paymentId: "pay_hook",
          amountMinor: 250_000,
          receipt: "pi_test_hook",
          payerName: "Wanjiku Kamau",
          failureReason: null,
        },
      ],
    });
  });

  it("refuses a bad signature, a missing one, one made with another secret, and a body changed after signing", async () => {
    const good = signed(event("checkout.session.completed", session));
    await expect(
      adapter.handleWebhook({ rawBody: good.rawBody, headers: new Headers({ "stripe-signature": "t=1,v1=abc" }) }),
    ).rejects.toBeInstanceOf(InvalidSignature);
    await expect(adapter.handleWebhook({ rawBody: good.rawBody, headers: new Headers() })).rejects.toBeInstanceOf(
      InvalidSignature,
    );
    await expect(
      adapter.handleWebhook(signed(event("checkout.session.completed", session), "whsec_someone_else")),
    ).rejects.toBeInstanceOf(InvalidSignature);
    const tampered = good.rawBody.replace("250000", "999999");
    await expect(adapter.handleWebhook({ rawBody: tampered, headers: good.headers })).rejects.toBeInstanceOf(
      InvalidSignature,
    );
  });

  it("maps intent success, a declined card (still payable) and a cancelled intent", async () => {
    const intent = {
      id: "pi_x",
      object: "payment_intent",
      amount: 5000,
      amount_received: 5000,
      currency: "usd",
      status: "succeeded",
      metadata: { paymentId: "pay_x" },
      last_payment_error: null,
    };
    const ok = await adapter.handleWebhook(signed(event("payment_intent.succeeded", intent)));
    expect(ok.outcomes[0]).toMatchObject({
      providerRef: "pi_x",
      status: "SUCCEEDED",
      paymentId: "pay_x",
      amountMinor: 5000,
    });
    const failed = await adapter.handleWebhook(
      signed(
        event("payment_intent.payment_failed", {
          ...intent,
          amount_received: 0,
          status: "requires_payment_method",
          last_payment_error: { message: "Your card was declined." },
        }),
      ),
    );
    // The customer may still pay with another card in the same Checkout session: not a failure yet.
    expect(failed.outcomes[0]).toMatchObject({
      status: "PENDING",
      paymentId: "pay_x",
      amountMinor: null,
      failureReason: "Your card was declined.",
    });
    const cancelled = await adapter.handleWebhook(
      signed(event("payment_intent.canceled", { ...intent, amount_received: 0, status: "canceled", cancellation_reason: "abandoned" })), // prettier-ignore
    );
    expect(cancelled.outcomes[0]).toMatchObject({ status: "FAILED", failureReason: "The card payment was abandoned." });
  });

  it("maps refunds and disputes to our payment through the intent's metadata, one outcome per refund", async () => {
    const started = await checkout("pay_disputed", 80_000);
    fake.pay(started.providerRef);
    const intentId = String(fake.sessions.get(started.providerRef)!.payment_intent);
    const dashboard = fake.dashboardRefund(intentId, 30_000);
    const ours = await adapter.refund(started.providerRef, 10_000, "Outage", "pay_disputed-0-10000");
    const charge = {
      id: `ch_${intentId}`,
      object: "charge",
      amount: 80_000,
      amount_refunded: 40_000,
      currency: "kes",
      payment_intent: intentId,
      metadata: {},
    };
    // The charge gives only the total: the refunds behind it are listed, each with its own id.
    const refunded = await adapter.handleWebhook(signed(event("charge.refunded", charge)));
    expect(refunded.outcomes).toEqual([
      expect.objectContaining({ status: "REFUNDED", paymentId: "pay_disputed", refund: { ref: dashboard.id, amountMinor: 30_000, status: "SUCCEEDED", ours: false } }), // prettier-ignore
      expect.objectContaining({ status: "REFUNDED", paymentId: "pay_disputed", refund: { ref: ours.refundRef, amountMinor: 10_000, status: "SUCCEEDED", ours: true } }), // prettier-ignore
    ]);
    const created = await adapter.handleWebhook(signed(event("refund.created", { ...dashboard, metadata: {} })));
    expect(created.outcomes).toEqual([
      expect.objectContaining({ providerRef: intentId, paymentId: "pay_disputed", refund: expect.objectContaining({ ref: dashboard.id, ours: false }) }), // prettier-ignore
    ]);

    const dispute = {
      id: "dp_1",
      object: "dispute",
      amount: 80_000,
      currency: "kes",
      charge: "ch_1",
      payment_intent: intentId,
      reason: "fraudulent",
      status: "needs_response",
      metadata: {},
    };
    const disputed = await adapter.handleWebhook(signed(event("charge.dispute.created", dispute)));
    expect(disputed.outcomes[0]).toMatchObject({
      providerRef: intentId,
      status: "DISPUTED",
      paymentId: "pay_disputed",
      failureReason: "The card holder disputed the payment (fraudulent).",
    });
    const lost = await adapter.handleWebhook(signed(event("charge.dispute.closed", { ...dispute, status: "lost" })));
    expect(lost.outcomes[0]).toMatchObject({
      status: "DISPUTE_LOST",
      paymentId: "pay_disputed",
      refund: { ref: "dp_1", amountMinor: 80_000, ours: false },
    });
    const won = await adapter.handleWebhook(signed(event("charge.dispute.closed", { ...dispute, status: "won" })));
    expect(won.outcomes[0]).toMatchObject({ status: "DISPUTE_WON", paymentId: "pay_disputed", refund: null });
    const inquiry = await adapter.handleWebhook(signed(event("charge.dispute.closed", { ...dispute, status: "warning_closed" }))); // prettier-ignore
    expect(inquiry.outcomes).toEqual([]);
  });

  it("acknowledges an event type it does not act on with no outcomes", async () => {
    const result = await adapter.handleWebhook(signed(event("customer.created", { id: "cus_1" }, "evt_other")));
    expect(result).toEqual({ eventId: "evt_other", type: "customer.created", outcomes: [] });
  });
});

describe("Stripe amounts", () => {
  it("keeps two-decimal currencies (KES has cents at Stripe) and zero-decimal ones as they are", () => {
    expect(toStripeAmount(250_050, "KES")).toBe(250_050);
    expect(toStripeAmount(5000, "UGX")).toBe(5000);
    expect(toStripeAmount(1200, "JPY")).toBe(1200);
    expect(fromStripeAmount(250_050, "kes")).toBe(250_050);
  });

  it("converts where ISO and Stripe count differently, and refuses what cannot be charged exactly", () => {
    // ISK: whole krónur in ISO 4217, two-decimal in Stripe's API.
    expect(toStripeAmount(1500, "ISK")).toBe(150_000);
    expect(fromStripeAmount(150_000, "isk")).toBe(1500);
    expect(toStripeAmount(12_340, "KWD")).toBe(12_340);
    expect(() => toStripeAmount(-100, "KES")).toThrow(UnchargeableAmount);
    expect(() => toStripeAmount(10.5, "KES")).toThrow(UnchargeableAmount);
  });
});
