import { beforeAll, describe, expect, it } from "vitest";
import { openApiJson } from "../../api/rest/reference";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { login } from "../auth/rest";
import { makeCustomer } from "../subscriptions/testing";
import { paymentHistory, recordPayment } from "./rest";
import { balanceOf } from "../wallet/testing";
import { invoiceState, openInvoice } from "./testing";

// POST /api/payments with Idempotency-Key, and GET /api/payments/history for staff and customers.

const A = hostOf("rest-pay-a");
const B = hostOf("rest-pay-b");
let companyId: string;
let customerId: string;
let otherCustomerId: string;
let invoiceId: string;
const tokens = {} as Record<"billing" | "csm" | "customer" | "bBilling", string>;

async function tokenOf(host: string, email: string) {
  const res = await call(login, { host, body: { email, password: TEST_PASSWORD } });
  expect(res.status, res.text).toBe(200);
  return res.body.accessToken as string;
}

beforeAll(async () => {
  const a = await makeCompany("rest-pay-a");
  const b = await makeCompany("rest-pay-b");
  companyId = a.company.id;
  await makeUser(a.company.id, "BILLING_ADMIN", { email: "billing@a.test" });
  await makeUser(a.company.id, "CUSTOMER_SERVICE_MANAGER", { email: "csm@a.test" });
  const portalUser = await makeUser(a.company.id, "CUSTOMER", { email: "brian@a.test" });
  await makeUser(b.company.id, "BILLING_ADMIN", { email: "billing@b.test" });
  customerId = (await makeCustomer(a.company.id, { firstName: "Brian" })).id;
  otherCustomerId = (await makeCustomer(a.company.id, { firstName: "Other" })).id;
  await withTenant(a.company.id, (tx) =>
    tx.customer.update({ where: { id: customerId }, data: { userId: portalUser.id } }),
  );
  invoiceId = (await openInvoice(a.company.id, customerId, { totalMinor: 10_000, dueDate: "2026-02-15" })).id;
  tokens.billing = await tokenOf(A, "billing@a.test");
  tokens.csm = await tokenOf(A, "csm@a.test");
  tokens.customer = await tokenOf(A, "brian@a.test");
  tokens.bBilling = await tokenOf(B, "billing@b.test");
});

const payment = (amountMinor: number, reference = "EQ-778812") => ({
  customerId,
  method: "BANK_TRANSFER",
  amountMinor,
  reference,
});

describe("POST /api/payments", () => {
  it("records and posts a payment; the same Idempotency-Key answers the first result, another body is refused", async () => {
    const headers = { "Idempotency-Key": "pay-0001" };
    const first = await call(recordPayment, { host: A, token: tokens.billing, body: payment(3_000), headers });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      receipt: "RCT-00001",
      status: "SUCCEEDED",
      amountMinor: 3_000,
      allocations: [{ invoiceId, amountMinor: 3_000 }],
    });
    const again = await call(recordPayment, { host: A, token: tokens.billing, body: payment(3_000), headers });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    const other = await call(recordPayment, { host: A, token: tokens.billing, body: payment(4_000), headers });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/already used for a different request/);
    expect(await invoiceState(companyId, invoiceId)).toMatchObject({ amountPaidMinor: 3_000 });
    await settleInline();
  });

  it("documents the Idempotency-Key header for integrators", async () => {
    const doc = (await call(openApiJson, { host: A })).body;
    expect(doc.paths["/api/payments"].post.parameters).toEqual([
      expect.objectContaining({ name: "Idempotency-Key", in: "header", required: false }),
    ]);
  });

  it("truly parallel duplicates on the pool create one payment", async () => {
    const headers = { "Idempotency-Key": "pay-parallel-7" };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(recordPayment, { host: A, token: tokens.billing, body: payment(1_000, "EQ-PAR"), headers }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const made = await withTenant(companyId, (tx) => tx.payment.count({ where: { reference: "EQ-PAR" } }));
    expect(made).toBe(1);
    await settleInline();
  });

  it("refuses bad input with field errors, a reader's token, and another company's customer", async () => {
    const bad = await call(recordPayment, {
      host: A,
      token: tokens.billing,
      body: { customerId, method: "CHEQUE", amountMinor: -5 },
    });
    expect(bad.status).toBe(400);
    // Exactly the fields that are wrong: no invoices were chosen, so none are blamed.
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["amountMinor", "reference"]);
    expect((await call(recordPayment, { host: A, token: tokens.csm, body: payment(100) })).status).toBe(403);
    expect((await call(recordPayment, { host: B, token: tokens.bBilling, body: payment(100) })).status).toBe(404);
  });
});

describe("POST /api/payments: a counter wallet top-up", () => {
  it("credits the customer's wallet with a receipt and leaves the invoices alone; invoices cannot be chosen", async () => {
    const before = await invoiceState(companyId, invoiceId);
    const body = { customerId, method: "MPESA", amountMinor: 2_500, reference: "SLK7TOPUP1", purpose: "WALLET_TOPUP" };
    const res = await call(recordPayment, { host: A, token: tokens.billing, body });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      receipt: expect.stringMatching(/^RCT-/),
      purpose: "WALLET_TOPUP",
      status: "SUCCEEDED",
      amountMinor: 2_500,
      allocations: [],
    });
    await settleInline();
    expect(await balanceOf(companyId, customerId)).toBe(2_500);
    const [entry] = await withTenant(companyId, (tx) => tx.walletEntry.findMany({ where: { paymentId: res.body.id } })); // prettier-ignore
    expect(entry).toMatchObject({ kind: "TOP_UP", amountMinor: 2_500, reference: "M-Pesa SLK7TOPUP1" });
    expect(await invoiceState(companyId, invoiceId)).toEqual(before);
    const audited = await withTenant(companyId, (tx) => tx.auditEntry.findMany({ where: { entityId: res.body.id }, select: { action: true } })); // prettier-ignore
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(["payments.record", "payments.post"]));

    const withInvoices = await call(recordPayment, {
      host: A,
      token: tokens.billing,
      body: { ...body, reference: "SLK7TOPUP2", allocations: [{ invoiceId, amountMinor: 100 }] },
    });
    expect(withInvoices.status).toBe(400);
    expect(withInvoices.body.error.fields.allocations).toMatch(/wallet/);
    expect(await balanceOf(companyId, customerId)).toBe(2_500);
  });
});

describe("GET /api/payments/history", () => {
  it("staff see the company's payments with filters; a customer's token only its own", async () => {
    const mine = await call(recordPayment, {
      host: A,
      token: tokens.billing,
      body: { customerId: otherCustomerId, method: "CASH", amountMinor: 500 },
    });
    expect(mine.status, mine.text).toBe(201);
    const staff = await call(paymentHistory, { host: A, token: tokens.csm, query: { method: "CASH" } });
    expect(staff.status, staff.text).toBe(200);
    expect(staff.body.rows.map((r: { id: string }) => r.id)).toEqual([mine.body.id]);
    const customer = await call(paymentHistory, {
      host: A,
      token: tokens.customer,
      query: { customerId: otherCustomerId, pageSize: "100" },
    });
    expect(customer.status, customer.text).toBe(200);
    expect(customer.body.rows.length).toBeGreaterThan(0);
    expect(customer.body.rows.every((r: { customer: { id: string } }) => r.customer.id === customerId)).toBe(true);
    const bravo = await call(paymentHistory, { host: B, token: tokens.bBilling });
    expect(bravo.body).toMatchObject({ total: 0, rows: [] });
    await settleInline();
  });
});
