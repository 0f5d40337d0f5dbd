import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiJson } from "../../api/rest/reference";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { login } from "../auth/rest";
import { makeCustomer } from "../subscriptions/testing";
import type { FakeDaraja } from "./providers/fake-daraja";
import type { FakeStripe } from "./providers/fake-stripe";
import { recordPayment } from "./rest";
import { fakeProviders, openInvoice } from "./testing";

// POST /api/payments starting a customer payment (card via Stripe Checkout, M-Pesa STK push),
// against local fake Stripe and Daraja servers: the provider is called outside the request's
// transaction, Idempotency-Key replays and refuses, and a customer's token pays only its own account.

const SLUG = "rest-init-a";
const host = hostOf(SLUG);
let stripe: FakeStripe;
let daraja: FakeDaraja;
let fakes: Awaited<ReturnType<typeof fakeProviders>>;
let companyId: string;
let brianId: string;
let otherId: string;
let brianInvoice: string;
let otherInvoice: string;
const tokens = {} as Record<"billing" | "brian" | "csm", string>;

async function tokenOf(email: string) {
  const res = await call(login, { host, body: { email, password: TEST_PASSWORD } });
  expect(res.status, res.text).toBe(200);
  return res.body.accessToken as string;
}

const checkoutRequests = () => stripe.requests.filter((r) => r.path === "/v1/checkout/sessions").length;
const paymentsOf = (customerId: string) =>
  withTenant(companyId, (tx) =>
    tx.payment.findMany({
      where: { customerId },
      select: { id: true, status: true, provider: true, amountMinor: true },
    }),
  );

beforeAll(async () => {
  fakes = await fakeProviders("sk_test_rest", "ck-rest", "cs-rest");
  ({ stripe, daraja } = fakes);
  const { company } = await makeCompany(SLUG);
  companyId = company.id;
  // M-Pesa moves Kenya shillings: the company bills in KES.
  await withTenant(companyId, (tx) => tx.company.update({ where: { id: companyId }, data: { currency: "KES" } }));
  const admin = await callerAs(company, (await makeUser(companyId, "BILLING_ADMIN", { email: "billing@init.test" })).id); // prettier-ignore
  await admin.payments.methods.saveStripe({ secretKey: "sk_test_rest", webhookSecret: "whsec_rest" });
  await admin.payments.methods.saveMpesa({
    environment: "SANDBOX",
    shortcode: "174379",
    consumerKey: "ck-rest",
    consumerSecret: "cs-rest",
    passkey: "pk-rest",
  });
  await makeUser(companyId, "CUSTOMER_SERVICE_MANAGER", { email: "csm@init.test" });
  const portalUser = await makeUser(companyId, "CUSTOMER", { email: "brian@init.test" });
  brianId = (await makeCustomer(companyId, { firstName: "Brian" })).id;
  otherId = (await makeCustomer(companyId, { firstName: "Other" })).id;
  await withTenant(companyId, (tx) =>
    tx.customer.update({ where: { id: brianId }, data: { userId: portalUser.id, phone: "0712 345 678" } }),
  );
  brianInvoice = (await openInvoice(companyId, brianId, { totalMinor: 250_000, dueDate: "2026-12-15" })).id;
  otherInvoice = (await openInvoice(companyId, otherId, { totalMinor: 90_000, dueDate: "2026-12-15" })).id;
  tokens.billing = await tokenOf("billing@init.test");
  tokens.brian = await tokenOf("brian@init.test");
  tokens.csm = await tokenOf("csm@init.test");
});
afterAll(() => fakes.close());

describe("POST /api/payments with a provider", () => {
  it("a customer's token starts a card payment for its own invoice; the same key replays it, another body is refused", async () => {
    const headers = { "Idempotency-Key": "card-brian-1" };
    const body = { provider: "STRIPE", amountMinor: 250_000, invoiceIds: [brianInvoice] };
    const first = await call(recordPayment, { host, token: tokens.brian, body, headers });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      status: "PENDING",
      kind: "redirect",
      url: expect.stringMatching(/^https?:\/\//),
      providerRef: expect.stringMatching(/^cs_test_/),
    });
    expect(checkoutRequests()).toBe(1);
    expect(await paymentsOf(brianId)).toEqual([
      { id: first.body.paymentId, status: "PENDING", provider: "STRIPE", amountMinor: 250_000 },
    ]);

    const again = await call(recordPayment, { host, token: tokens.brian, body, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);

    const other = await call(recordPayment, { host, token: tokens.brian, body: { ...body, amountMinor: 1_000 }, headers }); // prettier-ignore
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/already used for a different request/);
    // Stripe heard of one payment, and one payment exists.
    expect(checkoutRequests()).toBe(1);
    expect(await paymentsOf(brianId)).toHaveLength(1);
  });

  it("a customer's token cannot pay another customer's invoice, name another customer, or record a payment", async () => {
    const before = checkoutRequests();
    const foreign = await call(recordPayment, {
      host,
      token: tokens.brian,
      body: { provider: "STRIPE", amountMinor: 90_000, invoiceIds: [otherInvoice] },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.message).toBe("Choose open invoices of this account to pay.");
    const named = await call(recordPayment, {
      host,
      token: tokens.brian,
      body: { provider: "STRIPE", amountMinor: 90_000, customerId: otherId },
    });
    expect(named.status).toBe(403);
    expect(named.body.error.message).toMatch(/only its own account/);
    const recorded = await call(recordPayment, {
      host,
      token: tokens.brian,
      body: { customerId: brianId, method: "CASH", amountMinor: 500 },
    });
    expect(recorded.status).toBe(403);
    expect(checkoutRequests()).toBe(before);
    expect(await paymentsOf(otherId)).toEqual([]);
    expect(await paymentsOf(brianId)).toHaveLength(1);
  });

  it("staff start an M-Pesa prompt on the customer's phone; a customer must be named; readers are refused", async () => {
    const res = await call(recordPayment, {
      host,
      token: tokens.billing,
      body: { provider: "MPESA", amountMinor: 150_000, customerId: brianId, purpose: "WALLET_TOPUP" },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: "PENDING", kind: "pending", message: expect.any(String) });
    expect(daraja.stkPushes.at(-1)).toMatchObject({
      checkoutRequestId: res.body.providerRef,
      amount: 1_500,
      phone: "254712345678",
    });

    const nobody = await call(recordPayment, {
      host,
      token: tokens.billing,
      body: { provider: "MPESA", amountMinor: 100 },
    });
    expect(nobody.status).toBe(422);
    expect(nobody.body.error.fields).toEqual({ customerId: "Choose the customer who pays." });
    const reader = await call(recordPayment, {
      host,
      token: tokens.csm,
      body: { provider: "MPESA", amountMinor: 100, customerId: brianId },
    });
    expect(reader.status).toBe(403);
    const unknown = await call(recordPayment, { host, token: tokens.billing, body: { provider: "PAYPAL", amountMinor: 100 } }); // prettier-ignore
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.provider).toMatch(/STRIPE or MPESA/);
  });

  it("a provider that refuses fails the payment with its reason and releases the key, so a retry runs again", async () => {
    const headers = { "Idempotency-Key": "mpesa-refused-1" };
    const body = { provider: "MPESA", amountMinor: 2_000, customerId: brianId, purpose: "WALLET_TOPUP" };
    daraja.refuse = { status: 500, errorCode: "500.001.1001", errorMessage: "Unable to lock subscriber" };
    try {
      const refused = await call(recordPayment, { host, token: tokens.billing, body, headers });
      expect(refused.status).toBe(422);
      expect(refused.body.error.message).toMatch(/could not be started/);
    } finally {
      daraja.refuse = null;
    }
    const retried = await call(recordPayment, { host, token: tokens.billing, body, headers });
    expect(retried.status, retried.text).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    const attempts = (await paymentsOf(brianId)).filter((p) => p.amountMinor === 2_000).map((p) => p.status);
    expect(attempts.sort()).toEqual(["FAILED", "PENDING"]);
  });

  it("a key whose first request died before its answer is refused as in progress, then taken over once it is abandoned", async () => {
    const headers = { "Idempotency-Key": "card-crashed-1" };
    const body = { provider: "STRIPE", amountMinor: 3_000, customerId: brianId, purpose: "WALLET_TOPUP" };
    const before = checkoutRequests();
    const first = await call(recordPayment, { host, token: tokens.billing, body, headers });
    expect(first.status, first.text).toBe(201);
    // As if the instance had died after the provider call, before the answer was stored.
    const lose = (age: string) =>
      withTenant(companyId, (tx) =>
        tx.$executeRawUnsafe(
          `UPDATE "IdempotencyRecord" SET response = NULL, "createdAt" = now() - interval '${age}' WHERE key = 'card-crashed-1'`,
        ),
      );
    await lose("1 minute");
    const early = await call(recordPayment, { host, token: tokens.billing, body, headers });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/still being processed/);
    expect(checkoutRequests()).toBe(before + 1);

    await lose("11 minutes");
    const late = await call(recordPayment, { host, token: tokens.billing, body, headers });
    expect(late.status, late.text).toBe(201);
    expect(late.headers.get("idempotent-replayed")).toBeNull();
    expect(checkoutRequests()).toBe(before + 2);
    // Its answer is stored now: the next retry replays it.
    const replay = await call(recordPayment, { host, token: tokens.billing, body, headers });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(late.body);
  });

  it("documents both requests in the OpenAPI body", async () => {
    const doc = (await call(openApiJson, { host })).body;
    const op = doc.paths["/api/payments"].post;
    const schema = op.requestBody.content["application/json"].schema;
    const variants = schema.oneOf ?? schema.anyOf;
    expect(variants).toHaveLength(2);
    expect(JSON.stringify(variants)).toContain("STRIPE");
    expect(op.security).toBeDefined();
  });
});
