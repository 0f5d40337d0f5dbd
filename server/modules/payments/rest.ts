import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { pageOf, pageSchema, queryOf } from "../../lib/schema";
import { customerIdOfUser } from "../customers/own";
import { createOnce, IDEMPOTENCY_CONFLICT, IDEMPOTENCY_DESCRIPTION, idempotencyHeaders } from "../idempotency/service";
import {
  listPaymentsSchema,
  MANUAL_METHODS,
  PAYMENT_METHODS,
  PAYMENT_PROVIDERS,
  PAYMENT_PURPOSES,
  PAYMENT_STATUSES,
  recordPaymentSchema,
} from "./schema";
import * as payments from "./service";

// REST endpoints of payments. Staff tokens with billing:manage record counter and bank payments
// (POST honours Idempotency-Key); the history serves staff (billing:read) and a customer's own
// token (portal:access), which sees only that customer's payments.

const timestamp = z.iso.datetime();

const paymentRow = z.object({
  id: z.string(),
  receipt: z.string().nullable().describe('The receipt number, e.g. "RCT-00042"; null until the payment succeeded.'),
  customer: z.object({ id: z.string(), accountNumber: z.number().int(), name: z.string() }).nullable(),
  method: z.enum(PAYMENT_METHODS),
  provider: z.enum(PAYMENT_PROVIDERS).nullable(),
  status: z.enum(PAYMENT_STATUSES),
  unmatched: z.boolean().describe("Received for an account number nobody has; a person assigns it."),
  purpose: z.enum(PAYMENT_PURPOSES),
  amountMinor: z.number().int().describe("In minor units of the currency."),
  refundedMinor: z.number().int(),
  currency: z.string(),
  reference: z.string().nullable().describe("Bank reference, cheque number, M-Pesa receipt or card charge id."),
  receivedAt: timestamp.nullable(),
  createdAt: timestamp,
});

const paymentDetail = paymentRow.extend({
  allocations: z
    .array(z.object({ invoiceId: z.string(), number: z.string(), amountMinor: z.number().int() }))
    .describe("What the payment paid on each invoice, net of refunds."),
  creditedMinor: z.number().int().describe("What went to the customer's credit balance (net of refunds)."),
  refundableMinor: z.number().int(),
  note: z.string().nullable(),
});

function present(p: Awaited<ReturnType<typeof payments.get>>): z.input<typeof paymentDetail> {
  return {
    id: p.id,
    receipt: p.receipt,
    customer: p.customer && { id: p.customer.id, accountNumber: p.customer.accountNumber, name: p.customer.name },
    method: p.method,
    provider: p.provider,
    status: p.status,
    unmatched: p.unmatched,
    purpose: p.purpose,
    amountMinor: p.amountMinor,
    refundedMinor: p.refundedMinor,
    currency: p.currency,
    reference: p.reference,
    receivedAt: p.receivedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    allocations: p.allocations.map((a) => ({ invoiceId: a.invoiceId, number: a.number, amountMinor: a.amountMinor })),
    creditedMinor: p.creditedMinor,
    refundableMinor: p.refundableMinor,
    note: p.note,
  };
}

export const recordPayment = defineRoute({
  method: "POST",
  path: "/api/payments",
  summary: "Record a payment",
  description: `Records money the company received (${MANUAL_METHODS.join(", ")}) and posts it at once, with a receipt number. With purpose INVOICES (the default) it pays the invoices given in allocations, else the customer's unpaid invoices oldest due first; anything above what is owed goes to the customer's credit. With purpose WALLET_TOPUP it is a counter top-up of the customer's prepaid wallet (no allocations): the wallet is credited with the whole amount once the payment is posted. ${IDEMPOTENCY_DESCRIPTION}`,
  tags: ["Payments"],
  auth: "bearer",
  permission: "billing:manage",
  headers: idempotencyHeaders,
  body: recordPaymentSchema,
  response: paymentDetail,
  status: 201,
  errors: { 409: IDEMPOTENCY_CONFLICT },
  handler: ({ scope, body, req }) =>
    createOnce(scope, req, "POST /api/payments", body, async () => present(await payments.record(scope, body))),
});

export const paymentHistory = defineRoute({
  method: "GET",
  path: "/api/payments/history",
  summary: "Payment history",
  description:
    "Staff: the company's payments a page at a time, with search and filters. A customer's token: only that customer's own payments (the customer filter is ignored).",
  tags: ["Payments"],
  auth: "bearer",
  permission: ["billing:read", "portal:access"],
  query: queryOf(listPaymentsSchema),
  response: pageSchema(paymentRow),
  handler: async ({ scope, viewer, query }) => {
    let filter = query;
    if (viewer.role === "CUSTOMER") {
      // A customer's REST token sees only their own payments.
      const customerId = await customerIdOfUser(scope, viewer.userId);
      if (!customerId) return { ...pageOf(0, query.page, query.pageSize), rows: [] };
      filter = { ...query, customerId };
    }
    return payments.list(scope, filter);
  },
});
