import { InngestTestEngine } from "@inngest/test";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { sweepPendingPayments } from "../../jobs/functions/sweep-pending-payments";
import { call, hostOf } from "../../api/rest/testing";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { makeCustomer } from "../subscriptions/testing";
import { balanceOf } from "../wallet/testing";
import {
  mpesaC2bConfirmation,
  mpesaC2bValidation,
  mpesaReversalResult,
  mpesaReversalTimeout,
  mpesaStatusResult,
  mpesaStkCallback,
  stripeWebhook,
} from "./callbacks-rest";
import type { FakeDaraja } from "./providers/fake-daraja";
import type { FakeStripe } from "./providers/fake-stripe";
import { refund as refundPayment } from "./refunds";
import { get as getPayment, paymentsOfInvoice } from "./service";
import { startPayment } from "./start-payment";
import { sweepPending } from "./sweep";
import { fakeProviders, inTenant, invoiceState, openInvoice } from "./testing";

const WEBHOOK_SECRET = "whsec_acme_test";
const signer = new Stripe("sk_test_unused");

let stripe: FakeStripe;
let daraja: FakeDaraja;
let fakes: Awaited<ReturnType<typeof fakeProviders>>;
let company: Awaited<ReturnType<typeof makeCompany>>["company"];
let host: string;
let stripeToken: string;
let mpesaToken: string;

beforeAll(async () => {
  fakes = await fakeProviders("sk_test_acme", "ck-acme", "cs-acme");
  ({ stripe, daraja } = fakes);
  ({ company } = await makeCompany("acme-pay"));
  host = hostOf(company.slug);
  // M-Pesa moves Kenya shillings: the company bills in KES.
  await withTenant(company.id, (tx) => tx.company.update({ where: { id: company.id }, data: { currency: "KES" } }));
  const admin = await callerAs(company, (await makeUser(company.id, "BILLING_ADMIN")).id);
  const s = await admin.payments.methods.saveStripe({ secretKey: "sk_test_acme", webhookSecret: WEBHOOK_SECRET });
  stripeToken = s.stripe.webhookUrl!.split("/").at(-1)!;
  const m = await admin.payments.methods.saveMpesa({
    environment: "SANDBOX",
    shortcode: "174379",
    consumerKey: "ck-acme",
    consumerSecret: "cs-acme",
    passkey: "pk-acme",
    initiatorName: "apiop",
    securityCredential: "cred==",
  });
  mpesaToken = m.mpesa.callbackUrls!.stk.split("/").at(-2)!;
});
afterAll(() => fakes.close());

const tenant = () => ({ companyId: company.id, actor: { type: "USER" as const, id: null, label: "customer" } });
const paymentOf = (id: string) => withTenant(company.id, (tx) => tx.payment.findUniqueOrThrow({ where: { id } }));
const eventsStored = () => withTenant(company.id, (tx) => tx.providerEvent.count());

function signedEvent(id: string, type: string, object: object, secret = WEBHOOK_SECRET) {
  const raw = JSON.stringify({ id, object: "event", type, created: 1, livemode: false, data: { object } });
  return { raw, signature: signer.webhooks.generateTestHeaderString({ payload: raw, secret }) };
}

describe("Stripe webhook route", () => {
  it("posts a completed checkout once, however often Stripe delivers it; refuses bad signatures and unknown tokens", async () => {
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 250_000, dueDate: "2026-12-15" });
    const started = await startPayment(tenant(), {
      customerId: customer.id,
      provider: "STRIPE",
      amountMinor: 250_000,
      invoiceIds: [invoice.id],
    });
    expect(started).toMatchObject({ kind: "redirect", providerRef: expect.stringMatching(/^cs_test_/) });
    expect((await paymentOf(started.paymentId)).status).toBe("PENDING");

    const session = { ...stripe.sessions.get(started.providerRef)!, payment_status: "paid", status: "complete" };
    const event = signedEvent("evt_paid_1", "checkout.session.completed", session);
    const post = (raw: string, headers: Record<string, string>, token = stripeToken) =>
      call(stripeWebhook, { host, raw, headers, params: { token } });

    // A bad signature, a missing one, another endpoint's secret: 400 and nothing recorded.
    const before = await eventsStored();
    expect((await post(event.raw, { "stripe-signature": "t=1,v1=deadbeef" })).status).toBe(400);
    expect((await post(event.raw, {})).status).toBe(400);
    const forged = signedEvent("evt_paid_1", "checkout.session.completed", session, "whsec_other");
    expect((await post(forged.raw, { "stripe-signature": forged.signature })).status).toBe(400);
    // The right signature at another company's (or a made-up) token: 404.
    expect((await post(event.raw, { "stripe-signature": event.signature }, "not-our-token")).status).toBe(404);
    expect(await eventsStored()).toBe(before);
    expect((await paymentOf(started.paymentId)).status).toBe("PENDING");

    const first = await post(event.raw, { "stripe-signature": event.signature });
    expect(first).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
    const replay = await post(event.raw, { "stripe-signature": event.signature });
    expect(replay).toMatchObject({ status: 200, body: { received: true, duplicate: true } });

    const paid = await paymentOf(started.paymentId);
    expect(paid).toMatchObject({ status: "SUCCEEDED", amountMinor: 250_000, receiptNumber: expect.any(Number) });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PAID", amountPaidMinor: 250_000 });
    expect(await eventsStored()).toBe(before + 1);
  });
});

describe("a declined card", () => {
  it("leaves the payment open: the customer pays with another card in the same Checkout and is credited", async () => {
    const customer = await makeCustomer(company.id);
    const started = await startPayment(tenant(), { customerId: customer.id, provider: "STRIPE", amountMinor: 40_000 });
    const intent = stripe.intents.get(String(stripe.sessions.get(started.providerRef)!.payment_intent))!;
    const post = (e: { raw: string; signature: string }) =>
      call(stripeWebhook, { host, raw: e.raw, headers: { "stripe-signature": e.signature }, params: { token: stripeToken } }); // prettier-ignore
    const declined = { ...intent, status: "requires_payment_method", last_payment_error: { message: "Your card was declined." } }; // prettier-ignore
    expect((await post(signedEvent("evt_declined", "payment_intent.payment_failed", declined))).status).toBe(200);
    expect(await paymentOf(started.paymentId)).toMatchObject({ status: "PENDING" });

    stripe.pay(started.providerRef);
    await post(signedEvent("evt_second_card", "checkout.session.completed", stripe.sessions.get(started.providerRef)!));
    expect(await paymentOf(started.paymentId)).toMatchObject({ status: "SUCCEEDED", amountMinor: 40_000 });
  });
});

describe("card refunds", () => {
  it("refund through Stripe's Refunds API first, never above what was paid; the invoice owes again", async () => {
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 80_000, dueDate: "2026-12-15" });
    const started = await startPayment(tenant(), { customerId: customer.id, provider: "STRIPE", amountMinor: 80_000 });
    stripe.pay(started.providerRef);
    const event = signedEvent(
      "evt_refundable",
      "checkout.session.completed",
      stripe.sessions.get(started.providerRef)!,
    );
    await call(stripeWebhook, { host, raw: event.raw, headers: { "stripe-signature": event.signature }, params: { token: stripeToken } }); // prettier-ignore
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PAID" });

    const refund = await inTenant(company.id, (s) =>
      refundPayment(s, { paymentId: started.paymentId, amountMinor: 30_000, reason: "Outage credit" }),
    );
    expect(refund).toMatchObject({ status: "SUCCEEDED", providerRef: expect.stringMatching(/^re_test_/) });
    const sent = stripe.requests.filter((r) => r.path === "/v1/refunds");
    expect(sent.at(-1)!.form).toMatchObject({ amount: "30000", "metadata[reason]": "Outage credit" });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({
      status: "PARTIALLY_PAID",
      amountPaidMinor: 50_000,
    });

    await expect(
      inTenant(company.id, (s) => refundPayment(s, { paymentId: started.paymentId, amountMinor: 60_000, reason: "Too much" })), // prettier-ignore
    ).rejects.toThrow(/At most/);
    expect(stripe.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(sent.length);
    expect(await paymentOf(started.paymentId)).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 30_000 });
  });
});

describe("refunds and disputes made at Stripe", () => {
  const post = (e: { raw: string; signature: string }) =>
    call(stripeWebhook, { host, raw: e.raw, headers: { "stripe-signature": e.signature }, params: { token: stripeToken } }); // prettier-ignore

  /** A customer with two invoices, a paid card payment of `amount` covering them (the rest on credit), and its intent. */
  async function paidByCard(amount: number) {
    const customer = await makeCustomer(company.id);
    const older = await openInvoice(company.id, customer.id, { totalMinor: 50_000, dueDate: "2026-11-15" });
    const newer = await openInvoice(company.id, customer.id, { totalMinor: 30_000, dueDate: "2026-12-15" });
    const started = await startPayment(tenant(), { customerId: customer.id, provider: "STRIPE", amountMinor: amount });
    stripe.pay(started.providerRef);
    await post(signedEvent(`evt_paid_${started.paymentId}`, "checkout.session.completed", stripe.sessions.get(started.providerRef)!)); // prettier-ignore
    const intentId = String(stripe.sessions.get(started.providerRef)!.payment_intent);
    return { customer, older, newer, paymentId: started.paymentId, intentId };
  }
  const creditOf = (customerId: string) =>
    withTenant(company.id, async (tx) => (await tx.creditEntry.aggregate({ where: { customerId }, _sum: { amountMinor: true } }))._sum.amountMinor ?? 0); // prettier-ignore
  const refundsOf = (paymentId: string) =>
    withTenant(company.id, (tx) => tx.refund.findMany({ where: { paymentId }, orderBy: { createdAt: "asc" } }));

  it("books a dashboard refund once: credit first, then the newest invoice owes again; charge.refunded after it changes nothing", async () => {
    const { customer, older, newer, paymentId, intentId } = await paidByCard(100_000);
    expect(await creditOf(customer.id)).toBe(20_000);

    const dashboard = stripe.dashboardRefund(intentId, 40_000);
    const created = signedEvent("evt_dash_refund", "refund.created", dashboard);
    expect((await post(created)).status).toBe(200);
    expect((await post(created)).body).toMatchObject({ duplicate: true });

    expect(await refundsOf(paymentId)).toEqual([
      expect.objectContaining({ amountMinor: 40_000, status: "SUCCEEDED", providerRef: dashboard.id, reason: expect.stringMatching(/Stripe/) }), // prettier-ignore
    ]);
    expect(await paymentOf(paymentId)).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 40_000 });
    expect(await creditOf(customer.id)).toBe(0);
    expect(await invoiceState(company.id, newer.id)).toMatchObject({ status: "PARTIALLY_PAID", amountPaidMinor: 10_000 }); // prettier-ignore
    expect(await invoiceState(company.id, older.id)).toMatchObject({ status: "PAID", amountPaidMinor: 50_000 });

    // The same refund again, as Stripe's charge.refunded (another event id): recognised by the refund's id.
    const charge = { id: `ch_${intentId}`, object: "charge", amount: 100_000, amount_refunded: 40_000, currency: "kes", payment_intent: intentId, metadata: {} }; // prettier-ignore
    expect((await post(signedEvent("evt_charge_refunded", "charge.refunded", charge))).status).toBe(200);
    expect(await refundsOf(paymentId)).toHaveLength(1);
    expect(await paymentOf(paymentId)).toMatchObject({ refundedMinor: 40_000 });

    // Staff see it on the payment page.
    const shown = await inTenant(company.id, (s) => getPayment(s, paymentId));
    expect(shown.refunds[0]).toMatchObject({ amountMinor: 40_000, reason: expect.stringMatching(/Stripe/) });
    expect(shown.allocations.find((a) => a.invoiceId === newer.id)).toMatchObject({ amountMinor: 10_000 });
  });

  it("does not book our own refund a second time when its webhook arrives", async () => {
    const { paymentId, newer } = await paidByCard(80_000);
    await inTenant(company.id, (s) => refundPayment(s, { paymentId, amountMinor: 20_000, reason: "Outage credit" }));
    const ours = stripe.refunds.at(-1)!;
    expect((await post(signedEvent("evt_our_refund", "refund.created", ours))).status).toBe(200);
    expect(await refundsOf(paymentId)).toHaveLength(1);
    expect(await paymentOf(paymentId)).toMatchObject({ refundedMinor: 20_000 });
    expect(await invoiceState(company.id, newer.id)).toMatchObject({ amountPaidMinor: 10_000 });
  });

  it("a refund of ours that fails at Stripe later gives the books back once, with Stripe's reason on the refund", async () => {
    const { customer, older, newer, paymentId } = await paidByCard(90_000);
    // 10,000 on credit; the refund takes it, then 20,000 of the newer invoice.
    const refund = await inTenant(company.id, (s) => refundPayment(s, { paymentId, amountMinor: 30_000, reason: "Outage credit" })); // prettier-ignore
    expect(await invoiceState(company.id, newer.id)).toMatchObject({ status: "PARTIALLY_PAID", amountPaidMinor: 10_000 }); // prettier-ignore
    expect(await creditOf(customer.id)).toBe(0);

    const atStripe = stripe.refunds.find((r) => r.id === refund.providerRef)!;
    Object.assign(atStripe, { status: "failed", failure_reason: "expired_or_canceled_card" });
    const updated = signedEvent("evt_refund_failed_1", "charge.refund.updated", atStripe);
    expect((await post(updated)).status).toBe(200);
    // Stripe also sends refund.failed for the same refund, and may deliver either again.
    await post(signedEvent("evt_refund_failed_2", "refund.failed", atStripe));
    await post(updated);

    expect(await refundsOf(paymentId)).toEqual([
      expect.objectContaining({ id: refund.id, status: "FAILED", failureReason: expect.stringMatching(/expired or canceled card/) }), // prettier-ignore
    ]);
    expect(await paymentOf(paymentId)).toMatchObject({ status: "SUCCEEDED", refundedMinor: 0 });
    expect(await invoiceState(company.id, newer.id)).toMatchObject({ status: "PAID", amountPaidMinor: 30_000 });
    expect(await invoiceState(company.id, older.id)).toMatchObject({ status: "PAID", amountPaidMinor: 50_000 });
    expect(await creditOf(customer.id)).toBe(10_000);
    const shown = await inTenant(company.id, (s) => getPayment(s, paymentId));
    expect(shown).toMatchObject({ refundableMinor: 90_000 });
    expect(shown.refunds[0]).toMatchObject({ status: "FAILED", failureReason: expect.stringMatching(/Stripe/) });
    // The invoice's page lists the payment and its failed refund with Stripe's reason.
    expect(await inTenant(company.id, (s) => paymentsOfInvoice(s, newer.id))).toEqual([
      expect.objectContaining({
        id: paymentId,
        onInvoiceMinor: 30_000,
        refunds: [expect.objectContaining({ status: "FAILED", failureReason: expect.stringMatching(/expired or canceled card/) })], // prettier-ignore
      }),
    ]);
    const audits = await withTenant(company.id, (tx) =>
      tx.auditEntry.count({ where: { action: "payments.refund_failed", entityId: paymentId } }),
    );
    expect(audits).toBe(1);
  });

  it("a failed refund whose invoice was paid by another payment meanwhile puts the money on credit instead", async () => {
    const { customer, newer, paymentId } = await paidByCard(80_000);
    const refund = await inTenant(company.id, (s) => refundPayment(s, { paymentId, amountMinor: 30_000, reason: "Moved" })); // prettier-ignore
    expect(await invoiceState(company.id, newer.id)).toMatchObject({ amountPaidMinor: 0, status: "OPEN" });
    // The customer pays the newer invoice again in cash.
    const admin = await callerAs(company, (await makeUser(company.id, "BILLING_ADMIN")).id);
    await admin.payments.record({ customerId: customer.id, method: "CASH", amountMinor: 30_000 });
    expect(await invoiceState(company.id, newer.id)).toMatchObject({ status: "PAID" });

    const atStripe = stripe.refunds.find((r) => r.id === refund.providerRef)!;
    Object.assign(atStripe, { status: "failed", failure_reason: "lost_or_stolen_card" });
    await post(signedEvent("evt_refund_failed_3", "refund.failed", atStripe));
    expect(await invoiceState(company.id, newer.id)).toMatchObject({ status: "PAID", amountPaidMinor: 30_000 });
    expect(await creditOf(customer.id)).toBe(30_000);
    expect(await paymentOf(paymentId)).toMatchObject({ status: "SUCCEEDED", refundedMinor: 0 });
  });

  it("a lost dispute takes back what is left of the payment, never an invoice below zero; a won one restores it", async () => {
    const lost = await paidByCard(80_000);
    const dispute = (d: { intentId: string }, id: string, amount: number, status: string) => ({
      id, object: "dispute", amount, currency: "kes", charge: `ch_${d.intentId}`, payment_intent: d.intentId,
      reason: "fraudulent", status, metadata: {},
    }); // prettier-ignore
    await post(signedEvent("evt_dispute_1", "charge.dispute.created", dispute(lost, "dp_lost", 80_000, "needs_response"))); // prettier-ignore
    expect(await paymentOf(lost.paymentId)).toMatchObject({ status: "DISPUTED", failureReason: expect.stringMatching(/disputed/) }); // prettier-ignore
    // Still on the invoices while the bank decides.
    expect(await invoiceState(company.id, lost.older.id)).toMatchObject({ status: "PAID" });

    const closed = signedEvent("evt_dispute_1_lost", "charge.dispute.closed", dispute(lost, "dp_lost", 80_000, "lost"));
    expect((await post(closed)).status).toBe(200);
    // Delivered again under another event id (Stripe re-sends): the dispute's id books it once.
    await post(signedEvent("evt_dispute_1_lost_again", "charge.dispute.closed", dispute(lost, "dp_lost", 80_000, "lost"))); // prettier-ignore
    expect(await paymentOf(lost.paymentId)).toMatchObject({ status: "REFUNDED", refundedMinor: 80_000 });
    expect(await refundsOf(lost.paymentId)).toEqual([
      expect.objectContaining({ amountMinor: 80_000, providerRef: "dp_lost", reason: expect.stringMatching(/dispute was lost/) }), // prettier-ignore
    ]);
    expect(await invoiceState(company.id, lost.older.id)).toMatchObject({ status: "OPEN", amountPaidMinor: 0 });
    expect(await invoiceState(company.id, lost.newer.id)).toMatchObject({ status: "OPEN", amountPaidMinor: 0 });

    const won = await paidByCard(80_000);
    await post(signedEvent("evt_dispute_2", "charge.dispute.created", dispute(won, "dp_won", 80_000, "needs_response"))); // prettier-ignore
    expect(await paymentOf(won.paymentId)).toMatchObject({ status: "DISPUTED" });
    await post(signedEvent("evt_dispute_2_won", "charge.dispute.closed", dispute(won, "dp_won", 80_000, "won")));
    expect(await paymentOf(won.paymentId)).toMatchObject({ status: "SUCCEEDED", refundedMinor: 0, failureReason: null }); // prettier-ignore
    expect(await invoiceState(company.id, won.older.id)).toMatchObject({ status: "PAID", amountPaidMinor: 50_000 });
    expect(await refundsOf(won.paymentId)).toHaveLength(0);
  });
});

describe("M-Pesa callbacks", () => {
  const stkBody = (checkoutRequestId: string, resultCode: number, amount = 1500) =>
    JSON.stringify({
      Body: {
        stkCallback: {
          MerchantRequestID: "mr-1",
          CheckoutRequestID: checkoutRequestId,
          ResultCode: resultCode,
          ResultDesc: resultCode === 0 ? "The service request is processed successfully." : "Request cancelled by user",
          CallbackMetadata: {
            Item: [
              { Name: "Amount", Value: amount },
              { Name: "MpesaReceiptNumber", Value: "SLK4ABC123" },
              { Name: "PhoneNumber", Value: 254708374149 },
            ],
          },
        },
      },
    });

  it("applies an STK result once, only after the STK query confirms it, for the amount we asked", async () => {
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 150_000, dueDate: "2026-12-15" });
    const started = await startPayment(tenant(), {
      customerId: customer.id,
      provider: "MPESA",
      amountMinor: 150_000,
      phone: "0708 374 149",
    });
    expect(started).toMatchObject({ kind: "pending", providerRef: expect.stringMatching(/^ws_CO_/) });
    const push = daraja.requests.findLast((r) => r.path === "/mpesa/stkpush/v1/processrequest")!;
    expect(push.body).toMatchObject({ Amount: 1500, PhoneNumber: "254708374149" });
    expect(String(push.body.CallBackURL)).toBe(`http://${host}/api/mpesa/${mpesaToken}/stk-callback`);

    const post = (raw: string, token = mpesaToken) => call(mpesaStkCallback, { host, raw, params: { token } });
    // A callback while Safaricom still says "processing" changes nothing and stores nothing.
    expect((await post(stkBody(started.providerRef, 0))).status).toBe(200);
    expect((await paymentOf(started.paymentId)).status).toBe("PENDING");

    daraja.stkResults.set(started.providerRef, { ResultCode: "0", ResultDesc: "Processed" });
    // A forged amount in the callback is not what gets credited.
    const first = await post(stkBody(started.providerRef, 0, 999_999));
    const again = await post(stkBody(started.providerRef, 0, 999_999));
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(first.body).toEqual({ ResultCode: 0, ResultDesc: "Accepted" });
    const paid = await paymentOf(started.paymentId);
    expect(paid).toMatchObject({ status: "SUCCEEDED", amountMinor: 150_000, reference: "SLK4ABC123" });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PAID", amountPaidMinor: 150_000 });

    expect((await post(stkBody(started.providerRef, 0), "wrong-token")).status).toBe(404);
    expect((await post("{not json")).status).toBe(400);
  });

  it("tops up the customer's wallet from the portal: the prompt says where it went, and the confirmed money lands in the wallet, not on invoices", async () => {
    const customer = await makeCustomer(company.id);
    const user = await makeUser(company.id, "CUSTOMER");
    await withTenant(company.id, (tx) => tx.customer.update({ where: { id: customer.id }, data: { userId: user.id } }));
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 80_000, dueDate: "2026-12-15" });
    const portal = await callerAs(company, user.id);

    // Invoices named with a top-up are refused, and nothing is sent to Safaricom.
    const pushes = daraja.stkPushes.length;
    await expect(
      portal.portal.payNow({ provider: "MPESA", amountMinor: 50_000, purpose: "WALLET_TOPUP", invoiceIds: [invoice.id], phone: "0708 374 149" }), // prettier-ignore
    ).rejects.toThrow("A wallet top-up pays no invoices");
    expect(daraja.stkPushes).toHaveLength(pushes);

    const started = await portal.portal.payNow({
      provider: "MPESA",
      amountMinor: 50_000,
      purpose: "WALLET_TOPUP",
      phone: "0708 374 149",
    });
    expect(started).toMatchObject({
      kind: "pending",
      message: "We sent an M-Pesa prompt to 0708 374 149 to pay KES 500. Unlock the phone and enter your M-Pesa PIN to confirm.", // prettier-ignore
    });
    expect(daraja.stkPushes.at(-1)).toMatchObject({ amount: 500, phone: "254708374149" });

    daraja.stkResults.set(started.providerRef, { ResultCode: "0", ResultDesc: "Processed" });
    const answer = await call(mpesaStkCallback, { host, raw: stkBody(started.providerRef, 0, 500), params: { token: mpesaToken } }); // prettier-ignore
    expect(answer.status).toBe(200);
    await settleInline();
    expect(await portal.portal.billing.payment({ id: started.paymentId })).toMatchObject({
      status: "SUCCEEDED",
      purpose: "WALLET_TOPUP",
      amountMinor: 50_000,
    });
    expect(await balanceOf(company.id, customer.id)).toBe(50_000);
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "OPEN", amountPaidMinor: 0 });
  });

  it("refuses a portal payment M-Pesa cannot take, leaving nothing behind", async () => {
    const customer = await makeCustomer(company.id);
    await expect(
      startPayment(tenant(), { customerId: customer.id, provider: "MPESA", amountMinor: 150_050, phone: "0708374149" }),
    ).rejects.toThrow("M-Pesa takes whole shillings");
    expect(await withTenant(company.id, (tx) => tx.payment.count({ where: { customerId: customer.id } }))).toBe(0);
  });

  it("a provider that refuses the prompt leaves the payment failed with its reason, the invoice untouched", async () => {
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 30_000, dueDate: "2026-12-15" });
    daraja.refuse = { status: 500, errorCode: "500.001.1001", errorMessage: "Unable to lock subscriber" };
    try {
      await expect(
        startPayment(tenant(), {
          customerId: customer.id,
          provider: "MPESA",
          amountMinor: 30_000,
          phone: "0708374149",
        }),
      ).rejects.toThrow(/The M-Pesa payment could not be started: .*Unable to lock subscriber/);
    } finally {
      daraja.refuse = null;
    }
    // The attempt was committed before the provider was asked, so it stays on record, failed, with the reason.
    const attempts = await withTenant(company.id, (tx) => tx.payment.findMany({ where: { customerId: customer.id } }));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({
      status: "FAILED",
      providerRef: null,
      receiptNumber: null,
      failureReason: expect.stringMatching(/Unable to lock subscriber/),
    });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "OPEN", amountPaidMinor: 0 });
  });

  it("validates paybill account numbers, records a confirmation once, and credits it when Safaricom confirms", async () => {
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 200_000, dueDate: "2026-12-15" });
    const c2b = (BillRefNumber: string, TransID = "SLC9XYZ001") =>
      JSON.stringify({
        TransactionType: "Pay Bill",
        TransID,
        TransTime: "20261203120000",
        TransAmount: "2000.00",
        BusinessShortCode: "174379",
        BillRefNumber,
        MSISDN: "hashed-msisdn",
        FirstName: "AMINA",
        LastName: "OTIENO",
      });
    const params = { token: mpesaToken };

    expect((await call(mpesaC2bValidation, { host, raw: c2b(` ${customer.accountNumber} `), params })).body).toEqual({
      ResultCode: "0",
      ResultDesc: "Accepted",
    });
    expect((await call(mpesaC2bValidation, { host, raw: c2b("999999"), params })).body).toMatchObject({
      ResultCode: "C2B00012",
    });

    const statusQueriesBefore = daraja.requests.filter((r) => r.path === "/mpesa/transactionstatus/v1/query").length;
    for (let i = 0; i < 2; i++) {
      const res = await call(mpesaC2bConfirmation, { host, raw: c2b(String(customer.accountNumber)), params });
      expect(res).toMatchObject({ status: 200, body: { ResultCode: 0 } });
    }
    const recorded = await withTenant(company.id, (tx) =>
      tx.payment.findMany({ where: { providerRef: "SLC9XYZ001" } }),
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ status: "PENDING", customerId: customer.id, amountMinor: 200_000, receiptNumber: null }); // prettier-ignore
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "OPEN", amountPaidMinor: 0 });
    const queries = daraja.requests.filter((r) => r.path === "/mpesa/transactionstatus/v1/query");
    expect(queries.length - statusQueriesBefore).toBe(1);
    expect(queries.at(-1)!.body).toMatchObject({ TransactionID: "SLC9XYZ001", Initiator: "apiop" });

    const result = JSON.stringify({
      Result: {
        ResultType: 0,
        ResultCode: 0,
        ResultDesc: "The service request is processed successfully.",
        OriginatorConversationID: "oc-9",
        ConversationID: "AG_20261203_9",
        TransactionID: "SLC0000000",
        ResultParameters: {
          ResultParameter: [
            { Key: "TransactionStatus", Value: "Completed" },
            { Key: "Amount", Value: 2000 },
            { Key: "ReceiptNo", Value: "SLC9XYZ001" },
          ],
        },
      },
    });
    for (let i = 0; i < 2; i++) expect((await call(mpesaStatusResult, { host, raw: result, params })).status).toBe(200);
    const credited = await paymentOf(recorded[0].id);
    expect(credited).toMatchObject({ status: "SUCCEEDED", amountMinor: 200_000, failureReason: null });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PAID", amountPaidMinor: 200_000 });
  });
});

describe("M-Pesa refunds (reversals)", () => {
  const params = () => ({ token: mpesaToken });
  const statusResult = (transId: string, conversation: string, status = "Completed", amount = 0) =>
    JSON.stringify({
      Result: {
        ResultType: 0,
        ResultCode: 0,
        ResultDesc: "The service request is processed successfully.",
        ConversationID: conversation,
        TransactionID: transId,
        ResultParameters: {
          ResultParameter: [
            { Key: "TransactionStatus", Value: status },
            { Key: "Amount", Value: amount },
            { Key: "ReceiptNo", Value: transId },
          ],
        },
      },
    });

  /** A paybill payment of `amount` shillings, confirmed by Safaricom, paying the customer's invoice. */
  async function paidByMpesa(transId: string, amount: number) {
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: amount * 100, dueDate: "2026-12-15" });
    const c2b = JSON.stringify({ TransactionType: "Pay Bill", TransID: transId, TransAmount: `${amount}.00`, BusinessShortCode: "174379", BillRefNumber: String(customer.accountNumber) }); // prettier-ignore
    await call(mpesaC2bConfirmation, { host, raw: c2b, params: params() });
    await call(mpesaStatusResult, { host, raw: statusResult(transId, `AG_pay_${transId}`, "Completed", amount), params: params() }); // prettier-ignore
    const payment = await withTenant(company.id, (tx) =>
      tx.payment.findFirstOrThrow({ where: { providerRef: transId } }),
    );
    expect(payment.status).toBe("SUCCEEDED");
    return { payment, invoice };
  }
  const refundOf = (id: string) => withTenant(company.id, (tx) => tx.refund.findUniqueOrThrow({ where: { id } }));
  const refundIt = (paymentId: string, amountMinor: number) =>
    inTenant(company.id, (s) => refundPayment(s, { paymentId, amountMinor, reason: "Moved away" }));
  const post = (route: typeof mpesaReversalResult, body: unknown, token = mpesaToken) =>
    call(route, { host, raw: JSON.stringify(body), params: { token } });

  it("a reversal Safaricom completes is booked once, after a status query confirms it, however often the result comes", async () => {
    const { payment, invoice } = await paidByMpesa("SLR1000001", 2000);
    const refund = await refundIt(payment.id, 80_000);
    expect(refund).toMatchObject({ status: "PENDING", amountMinor: 80_000 });
    const rev = daraja.reversals.at(-1)!;
    expect(rev).toMatchObject({ transactionId: "SLR1000001", amount: 800, resultUrl: `http://${host}/api/mpesa/${mpesaToken}/reversal-result` }); // prettier-ignore
    // Nothing is booked while Safaricom works on it, and the pending amount is held.
    expect(await paymentOf(payment.id)).toMatchObject({ status: "SUCCEEDED", refundedMinor: 0 });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PAID" });
    expect((await inTenant(company.id, (s) => getPayment(s, payment.id))).refundableMinor).toBe(120_000);
    await expect(refundIt(payment.id, 120_100)).rejects.toThrow(/At most KES/);

    // A token of another company (or a wrong one) touches nothing.
    expect((await post(mpesaReversalResult, daraja.reversalResult(rev.conversationId, { done: true, transactionId: "SLR9REV001" }).body, "not-the-token")).status).toBe(404); // prettier-ignore
    const queries = () => daraja.requests.filter((r) => r.path === "/mpesa/transactionstatus/v1/query").length;
    const before = queries();
    const result = daraja.reversalResult(rev.conversationId, { done: true, transactionId: "SLR9REV001" }).body;
    for (let i = 0; i < 2; i++) expect((await post(mpesaReversalResult, result)).status).toBe(200);
    expect(queries() - before).toBe(1);
    expect(daraja.requests.findLast((r) => r.path === "/mpesa/transactionstatus/v1/query")!.body).toMatchObject({ TransactionID: "SLR9REV001" }); // prettier-ignore
    // The callback alone (unsigned) books nothing.
    expect(await refundOf(refund.id)).toMatchObject({ status: "PENDING", failureReason: expect.stringMatching(/confirm the reversal/) }); // prettier-ignore
    expect((await paymentOf(payment.id)).refundedMinor).toBe(0);

    for (let i = 0; i < 2; i++)
      await call(mpesaStatusResult, { host, raw: statusResult("SLR9REV001", "AG_conf_1", "Completed", 800), params: params() }); // prettier-ignore
    expect(await refundOf(refund.id)).toMatchObject({ status: "SUCCEEDED", receipt: "SLR9REV001", failureReason: null }); // prettier-ignore
    expect(await paymentOf(payment.id)).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 80_000 });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({
      status: "PARTIALLY_PAID",
      amountPaidMinor: 120_000,
    });
    // Never above what was paid: 1,200 shillings are left.
    await expect(refundIt(payment.id, 120_100)).rejects.toThrow(/At most KES/);
  });

  it("a refused or timed-out reversal leaves the books as they were, with the reason on the refund", async () => {
    const { payment, invoice } = await paidByMpesa("SLR1000002", 1000);
    const refused = await refundIt(payment.id, 100_000);
    await post(mpesaReversalResult, daraja.reversalResult(daraja.reversals.at(-1)!.conversationId, { done: false, code: "R000002", reason: "The OriginalTransactionID is invalid." }).body); // prettier-ignore
    expect(await refundOf(refused.id)).toMatchObject({ status: "FAILED", failureReason: expect.stringMatching(/OriginalTransactionID is invalid/) }); // prettier-ignore
    const shown = await inTenant(company.id, (s) => getPayment(s, payment.id));
    expect(shown.refunds[0]).toMatchObject({ status: "FAILED", failureReason: expect.stringMatching(/refused the reversal/) }); // prettier-ignore
    expect(shown).toMatchObject({ status: "SUCCEEDED", refundedMinor: 0, refundableMinor: 100_000 });

    // A queue timeout is no answer: the refund waits (its amount held) for a definite one.
    const timedOut = await refundIt(payment.id, 100_000);
    await post(mpesaReversalTimeout, daraja.reversalResult(daraja.reversals.at(-1)!.conversationId, { timeout: true }).body); // prettier-ignore
    expect(await refundOf(timedOut.id)).toMatchObject({ status: "PENDING", failureReason: expect.stringMatching(/in time/) }); // prettier-ignore
    expect(await paymentOf(payment.id)).toMatchObject({ status: "SUCCEEDED", refundedMinor: 0 });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PAID", amountPaidMinor: 100_000 });
    expect((await inTenant(company.id, (s) => getPayment(s, payment.id))).refundableMinor).toBe(0);
  });

  const lastQueryRef = async (refundId: string) => (await refundOf(refundId)).statusQueryRef!;
  const later = () => new Date(Date.now() + 15 * 60_000);

  it("a late success after a queue timeout is still booked once Safaricom confirms it", async () => {
    const { payment, invoice } = await paidByMpesa("SLR1000004", 1000);
    const refund = await refundIt(payment.id, 40_000);
    const { conversationId } = daraja.reversals.at(-1)!;
    await post(mpesaReversalTimeout, daraja.reversalResult(conversationId, { timeout: true }).body);
    expect(await refundOf(refund.id)).toMatchObject({ status: "PENDING" });

    await post(mpesaReversalResult, daraja.reversalResult(conversationId, { done: true, transactionId: "SLR9REV004" }).body); // prettier-ignore
    expect(daraja.requests.findLast((r) => r.path === "/mpesa/transactionstatus/v1/query")!.body).toMatchObject({ TransactionID: "SLR9REV004" }); // prettier-ignore
    await call(mpesaStatusResult, { host, raw: statusResult("SLR9REV004", "AG_conf_4", "Completed", 400), params: params() }); // prettier-ignore
    expect(await refundOf(refund.id)).toMatchObject({ status: "SUCCEEDED", receipt: "SLR9REV004", failureReason: null }); // prettier-ignore
    expect(await paymentOf(payment.id)).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 40_000 });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PARTIALLY_PAID", amountPaidMinor: 60_000 }); // prettier-ignore
    // A timeout delivered again afterwards changes nothing.
    await post(mpesaReversalTimeout, daraja.reversalResult(conversationId, { timeout: true }).body);
    expect(await refundOf(refund.id)).toMatchObject({ status: "SUCCEEDED", failureReason: null });
  });

  it("the sweep asks again about a reversal whose confirmation failed, and books it once when Safaricom confirms", async () => {
    const { payment, invoice } = await paidByMpesa("SLR1000005", 1000);
    const refund = await refundIt(payment.id, 100_000);
    const { conversationId } = daraja.reversals.at(-1)!;
    // The status query cannot be sent now (Daraja refuses everything for a moment).
    daraja.refuse = { status: 500, errorCode: "500.003.02", errorMessage: "System is busy" };
    await post(mpesaReversalResult, daraja.reversalResult(conversationId, { done: true, transactionId: "SLR9REV005" }).body); // prettier-ignore
    daraja.refuse = null;
    expect(await refundOf(refund.id)).toMatchObject({ status: "PENDING", receipt: "SLR9REV005" });
    // Too young for the sweep.
    expect(await sweepPending(company.id)).toMatchObject({ reversalsAsked: 0 });

    const swept = await sweepPending(company.id, later());
    expect(swept.reversalsAsked).toBeGreaterThanOrEqual(1);
    expect(daraja.requests.findLast((r) => r.path === "/mpesa/transactionstatus/v1/query" && r.body.TransactionID === "SLR9REV005")).toBeTruthy(); // prettier-ignore
    const first = await lastQueryRef(refund.id);
    // The query itself fails at Safaricom: still pending, with the reason, and asked again next run.
    const failedQuery = JSON.stringify({ Result: { ResultType: 0, ResultCode: 2001, ResultDesc: "The initiator information is invalid.", ConversationID: first, TransactionID: "" } }); // prettier-ignore
    await call(mpesaStatusResult, { host, raw: failedQuery, params: params() });
    expect(await refundOf(refund.id)).toMatchObject({ status: "PENDING", failureReason: expect.stringMatching(/initiator information/) }); // prettier-ignore

    await sweepPending(company.id, later());
    const second = await lastQueryRef(refund.id);
    expect(second).not.toBe(first);
    for (let i = 0; i < 2; i++)
      await call(mpesaStatusResult, { host, raw: statusResult("SLR9REV005", second, "Completed", 1000), params: params() }); // prettier-ignore
    expect(await refundOf(refund.id)).toMatchObject({ status: "SUCCEEDED", failureReason: null });
    expect(await paymentOf(payment.id)).toMatchObject({ status: "REFUNDED", refundedMinor: 100_000 });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "OPEN", amountPaidMinor: 0 });
    // Settled: the next sweep does not ask about it again.
    const asked = daraja.requests.length;
    await sweepPending(company.id, later());
    expect(daraja.requests.slice(asked).some((r) => r.body.TransactionID === "SLR9REV005")).toBe(false);
  });

  it("the sweep asks about a reversal whose result never came by its request, and fails it when M-Pesa says it was not made", async () => {
    const { payment, invoice } = await paidByMpesa("SLR1000006", 700);
    const refund = await refundIt(payment.id, 70_000);
    await post(mpesaReversalTimeout, daraja.reversalResult(daraja.reversals.at(-1)!.conversationId, { timeout: true }).body); // prettier-ignore
    const stored = await refundOf(refund.id);
    expect(stored.requestRef).toMatch(/^oc-/);

    await sweepPending(company.id, later());
    expect(daraja.requests.findLast((r) => r.path === "/mpesa/transactionstatus/v1/query")!.body).toMatchObject({ OriginatorConversationID: stored.requestRef }); // prettier-ignore
    const queryRef = await lastQueryRef(refund.id);
    const notMade = statusResult("SLR9REV006", queryRef, "Failed", 700);
    for (let i = 0; i < 2; i++) await call(mpesaStatusResult, { host, raw: notMade, params: params() });
    expect(await refundOf(refund.id)).toMatchObject({ status: "FAILED", failureReason: expect.stringMatching(/Failed/) }); // prettier-ignore
    expect(await paymentOf(payment.id)).toMatchObject({ status: "SUCCEEDED", refundedMinor: 0 });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PAID", amountPaidMinor: 70_000 });
    // Its amount is no longer held.
    expect((await inTenant(company.id, (s) => getPayment(s, payment.id))).refundableMinor).toBe(70_000);
  });

  it("a company's token never reaches another company's refund", async () => {
    const { payment } = await paidByMpesa("SLR1000003", 500);
    const refund = await refundIt(payment.id, 50_000);
    const { conversationId } = daraja.reversals.at(-1)!;
    const { company: other } = await makeCompany("other-pay");
    const otherAdmin = await callerAs(other, (await makeUser(other.id, "BILLING_ADMIN")).id);
    const m = await otherAdmin.payments.methods.saveMpesa({ environment: "SANDBOX", shortcode: "600000", consumerKey: "ck-acme", consumerSecret: "cs-acme", passkey: "pk-other", initiatorName: "apiop", securityCredential: "cred==" }); // prettier-ignore
    const otherToken = m.mpesa.callbackUrls!.stk.split("/").at(-2)!;
    // The other company's token on its own address, naming our reversal: unknown there, nothing changes here.
    const res = await call(mpesaReversalResult, { host: hostOf(other.slug), raw: JSON.stringify(daraja.reversalResult(conversationId, { done: false, code: "R1", reason: "forged" }).body), params: { token: otherToken } }); // prettier-ignore
    expect(res.status).toBe(200);
    // And on our address it is refused outright.
    expect((await post(mpesaReversalResult, { Result: { ConversationID: conversationId } }, otherToken)).status).toBe(
      404,
    );
    expect(await refundOf(refund.id)).toMatchObject({ status: "PENDING" });
  });
});

describe("the sweep", () => {
  it("settles a payment whose callback never came, once, through the Inngest function", async () => {
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 50_000, dueDate: "2026-12-15" });
    const started = await startPayment(tenant(), {
      customerId: customer.id,
      provider: "MPESA",
      amountMinor: 50_000,
      phone: "254708374149",
    });
    const cancelled = await startPayment(tenant(), {
      customerId: customer.id,
      provider: "MPESA",
      amountMinor: 10_000,
      phone: "254708374149",
    });
    // Too young: left to its callback.
    expect(await sweepPending(company.id)).toMatchObject({ checked: 0 });

    daraja.stkResults.set(started.providerRef, { ResultCode: "0", ResultDesc: "Processed" });
    daraja.stkResults.set(cancelled.providerRef, { ResultCode: "1032", ResultDesc: "Request cancelled by user" });
    const later = new Date(Date.now() + 15 * 60_000);
    expect(await sweepPending(company.id, later)).toMatchObject({ succeeded: 1, failed: 1 });
    expect(await paymentOf(started.paymentId)).toMatchObject({ status: "SUCCEEDED", amountMinor: 50_000 });
    expect(await paymentOf(cancelled.paymentId)).toMatchObject({ status: "FAILED", failureReason: "Request cancelled by user" }); // prettier-ignore
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PAID" });

    // Through Inngest (the payments are 0 minutes old by the real clock: nothing is due, nothing changes).
    const run = await new InngestTestEngine({ function: sweepPendingPayments }).execute();
    expect((run.result as Record<string, { succeeded: number }>)[company.id]).toMatchObject({
      succeeded: 0,
      failed: 0,
    });
    expect(await sweepPending(company.id, later)).toMatchObject({ succeeded: 0, failed: 0 });
  });
});
