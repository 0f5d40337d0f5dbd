import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure } from "../../test/trpc";
import { billingFixture } from "../billing/isolation.cases";
import { methodsFixture, methodsIdsOfB, methodsProcedures, methodsRest, methodsSnapshotB } from "./methods.isolation";
import { paymentHistory, recordPayment } from "./rest";

// Tenant isolation of payments: B's payments, allocations, refunds and unmatched money.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export const paymentsFixture = fixture(async (w) => {
  const { billing, aCustomerPortal } = await billingFixture(w);
  const bPayment = await w.bAdmin.payments.record({
    customerId: billing.bCustomerId,
    method: "BANK_TRANSFER",
    amountMinor: 1_000,
    reference: "BRAVO-REF-1",
  });
  const bUnmatched = await withTenant(w.B.company.id, (tx) =>
    tx.payment.create({
      data: {
        id: "bravo-unmatched-payment",
        companyId: w.B.company.id,
        method: "MPESA",
        provider: "MPESA",
        status: "SUCCEEDED",
        amountMinor: 700,
        currency: "USD",
        providerRef: "BRAVO-TX-1",
        accountReference: "424242",
      },
    }),
  );
  const aPayment = await w.aAdmin.payments.record({
    customerId: billing.aCustomerId,
    method: "CASH",
    amountMinor: 500,
  });
  return {
    aCustomerPortal,
    pay: { ...billing, bPaymentId: bPayment.id, bUnmatchedId: bUnmatched.id, aPaymentId: aPayment.id },
  };
});

export default isolationCases({
  setup: async (w) => ({ ...(await paymentsFixture(w)), ...(await methodsFixture(w)) }),
  snapshotB: async (tx) => ({
    ...(await methodsSnapshotB(tx)),
    providerEvents: await tx.providerEvent.findMany({ orderBy: { id: "asc" } }),
    payments: await tx.payment.findMany({ orderBy: { id: "asc" }, omit: { receiptSentAt: true } }),
    allocations: await tx.paymentAllocation.findMany({ orderBy: { id: "asc" } }),
    refunds: await tx.refund.findMany({ orderBy: { id: "asc" } }),
    idempotency: await tx.idempotencyRecord.findMany({ orderBy: { id: "asc" } }),
    credit: await tx.creditEntry.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.payment.findMany()).flatMap((p) => [p.id, p.reference ?? p.id, p.providerRef ?? p.id]),
    ...(await tx.refund.findMany()).map((r) => r.id),
    ...methodsIdsOfB,
  ],
  procedures: {
    ...methodsProcedures,
    "payments.list": async (w, f) => {
      const page = await w.aAdmin.payments.list({ pageSize: 100 });
      expect(page.rows.map((r) => r.id)).toContain(f.pay.aPaymentId);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.payments.list({ search: "BRAVO-REF-1" })).toMatchObject({ total: 0 });
      expect(await w.aAdmin.payments.list({ customerId: f.pay.bCustomerId })).toMatchObject({ total: 0 });
      expect(await w.aAdmin.payments.list({ status: "UNMATCHED" })).toMatchObject({ total: 0 });
    },
    "payments.get": async (w, f) => {
      await expectFailure(w.aAdmin.payments.get({ id: f.pay.bPaymentId }), "NOT_FOUND");
      await w.expectNoneOfB(await w.aAdmin.payments.get({ id: f.pay.aPaymentId }));
    },
    "portal.billing.payments": async (w, f) => {
      // A's portal customer sees their own payment, and asking for B's customer changes nothing.
      const page = await f.aCustomerPortal.portal.billing.payments({ customerId: f.pay.bCustomerId });
      expect(page.rows.map((r) => r.id)).toEqual([f.pay.aPaymentId]);
      await w.expectNoneOfB(page);
    },
    "portal.billing.payment": async (w, f) => {
      await expectFailure(f.aCustomerPortal.portal.billing.payment({ id: f.pay.bPaymentId }), "NOT_FOUND");
      await expectFailure(f.aCustomerPortal.portal.billing.payment({ id: f.pay.bUnmatchedId }), "NOT_FOUND");
      await w.expectNoneOfB(await f.aCustomerPortal.portal.billing.payment({ id: f.pay.aPaymentId }));
    },
    "payments.ofInvoice": async (w, f) => {
      await expectFailure(w.aAdmin.payments.ofInvoice({ invoiceId: f.pay.bInvoiceId }), "NOT_FOUND");
      await w.expectNoneOfB(await w.aAdmin.payments.ofInvoice({ invoiceId: f.pay.aInvoiceId }));
    },
    "payments.openInvoices": async (w, f) => {
      await expectFailure(w.aAdmin.payments.openInvoices({ customerId: f.pay.bCustomerId }), "NOT_FOUND");
      await w.expectNoneOfB(await w.aAdmin.payments.openInvoices({ customerId: f.pay.aCustomerId }));
    },
    "payments.record": async (w, f) => {
      await expectFailure(
        w.aAdmin.payments.record({ customerId: f.pay.bCustomerId, method: "CASH", amountMinor: 100 }),
        "NOT_FOUND",
      );
      // A's customer, B's invoice: refused, nothing recorded.
      await expectFailure(
        w.aAdmin.payments.record({
          customerId: f.pay.aCustomerId,
          method: "CASH",
          amountMinor: 100,
          allocations: [{ invoiceId: f.pay.bInvoiceId, amountMinor: 100 }],
        }),
        "UNPROCESSABLE_CONTENT",
      );
    },
    "payments.refund": async (w, f) => {
      await expectFailure(
        w.aAdmin.payments.refund({ paymentId: f.pay.bPaymentId, amountMinor: 100, reason: "Not ours" }),
        "NOT_FOUND",
      );
    },
    "payments.assignCustomer": async (w, f) => {
      await expectFailure(
        w.aAdmin.payments.assignCustomer({ paymentId: f.pay.bUnmatchedId, customerId: f.pay.aCustomerId }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.payments.assignCustomer({ paymentId: f.pay.aPaymentId, customerId: f.pay.bCustomerId }),
        "NOT_FOUND",
      );
    },
  },
  rest: {
    ...methodsRest,
    "POST /api/payments": async (w, f) => {
      const res = await call(recordPayment, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        body: { customerId: f.pay.bCustomerId, method: "CASH", amountMinor: 100 },
        headers: { "Idempotency-Key": "isolation-1" },
      });
      expect(res.status).toBe(404);
      // Starting a card payment: not for B's customer, not for B's invoice on A's customer.
      const start = (body: object) =>
        call(recordPayment, { host: hostOf(w.A.company.slug), token: w.aToken, body: { provider: "STRIPE", amountMinor: 100, ...body } }); // prettier-ignore
      expect((await start({ customerId: f.pay.bCustomerId })).status).toBe(404);
      expect((await start({ customerId: f.pay.aCustomerId, invoiceIds: [f.pay.bInvoiceId] })).status).toBe(422);
    },
    "GET /api/payments/history": async (w, f) => {
      const res = await call(paymentHistory, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        query: { pageSize: "100" },
      });
      expect(res.body.rows.map((r: { id: string }) => r.id)).toContain(f.pay.aPaymentId);
      await w.expectNoneOfB(res.body);
    },
  },
});
