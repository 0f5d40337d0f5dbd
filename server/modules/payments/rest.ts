import { z } from "zod";
import { defineRoute, holds, type ApiViewer } from "../../api/rest/route";
import { withTenant } from "../../db/tenant";
import { Forbidden, Invalid } from "../../lib/errors";
import { pageOf, pageSchema, queryOf } from "../../lib/schema";
import { customerIdOfUser, ownCustomerId } from "../customers/own";
import {
  createOnce,
  createOnceOutside,
  IDEMPOTENCY_CONFLICT,
  IDEMPOTENCY_DESCRIPTION,
  idempotencyHeaders,
} from "../idempotency/service";
import type { Tenant } from "../scope";
import {
  listPaymentsSchema,
  MANUAL_METHODS,
  paymentRequestSchema,
  PAYMENT_METHODS,
  PAYMENT_PROVIDERS,
  PAYMENT_PURPOSES,
  PAYMENT_STATUSES,
  type InitiatePaymentInput,
} from "./schema";
import * as payments from "./service";
import { startPayment } from "./start-payment";

// REST endpoints of payments. POST (honouring Idempotency-Key) records counter and bank payments
// (staff with billing:manage) or starts a card or M-Pesa payment (staff, or a customer's own token
// for its own account); the history serves staff (billing:read) and a customer's own token
// (portal:access), which sees only that customer's payments.

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

const startedPayment = z.object({
  paymentId: z.string().describe("The PENDING payment; GET /api/payments/history shows it settle."),
  status: z.literal("PENDING"),
  kind: z
    .enum(["redirect", "pending"])
    .describe("redirect: send the customer to url (Stripe Checkout). pending: the customer confirms on their phone."),
  url: z.string().optional().describe("Stripe Checkout's page, for kind redirect."),
  message: z.string().optional().describe("What to tell the customer, for kind pending."),
  providerRef: z.string().describe("The provider's id: a Checkout session or an M-Pesa CheckoutRequestID."),
});

const ROUTE = "POST /api/payments";

/**
 * A customer payment started with a provider, in startPayment's own transactions (never inside
 * one: the provider is called between them). Staff start one for any customer (an M-Pesa prompt
 * at the counter); a customer's token only for its own account, and startPayment accepts only
 * that account's open invoices.
 */
async function initiate(tenant: Tenant, viewer: ApiViewer, body: InitiatePaymentInput) {
  let customerId = body.customerId;
  if (!holds(viewer.role, "billing:manage")) {
    const own = await withTenant(tenant.companyId, (tx) => ownCustomerId({ tx, ...tenant }, viewer.userId));
    if (customerId && customerId !== own)
      throw new Forbidden("A customer's token pays only its own account: leave customerId out.");
    customerId = own;
  }
  if (!customerId) throw new Invalid("Choose the customer who pays.", { customerId: "Choose the customer who pays." });
  const started = await startPayment(tenant, { ...body, customerId });
  return { status: "PENDING" as const, ...started };
}

export const recordPayment = defineRoute({
  method: "POST",
  path: "/api/payments",
  summary: "Record or start a payment",
  description: `Two requests, told apart by \`provider\`.

**Without provider (staff, billing:manage): record money received** (${MANUAL_METHODS.join(", ")}) and post it at once, with a receipt number. With purpose INVOICES (the default) it pays the invoices given in allocations, else the customer's unpaid invoices oldest due first; anything above what is owed goes to the customer's credit. With purpose WALLET_TOPUP it is a counter top-up of the customer's prepaid wallet (no allocations): the wallet is credited with the whole amount once the payment is posted.

**With provider STRIPE or MPESA: start a customer payment**, as Pay now in the portal does. The answer is a PENDING payment and what the customer does next: open Stripe Checkout's url, or confirm the M-Pesa prompt on their phone. The provider's webhook or callback (or the sweep, when none arrives) settles it. A customer's token pays only its own account and its own open invoices; staff name the customer. A method that is not configured is refused (422) with what to set.

${IDEMPOTENCY_DESCRIPTION} While the first request that started a payment is still talking to the provider, a duplicate is answered 409 (send it again a moment later).`,
  tags: ["Payments"],
  auth: "bearer",
  permission: ["billing:manage", "portal:access"],
  headers: idempotencyHeaders,
  body: paymentRequestSchema,
  response: z.union([paymentDetail, startedPayment]),
  status: 201,
  errors: { 409: `${IDEMPOTENCY_CONFLICT} Or a duplicate of a payment start that is still running.` },
  // A provider must be called outside any transaction: the handler opens its own.
  transaction: "handler",
  handler: ({ tenant, viewer, body, req }) => {
    if (body.provider !== undefined)
      return createOnceOutside(tenant, req, ROUTE, body, () => initiate(tenant, viewer, body));
    if (!holds(viewer.role, "billing:manage"))
      throw new Forbidden("A customer's token can start a payment (send provider STRIPE or MPESA), not record one.");
    return withTenant(tenant.companyId, (tx) => {
      const scope = { tx, ...tenant };
      return createOnce(scope, req, ROUTE, body, async () => present(await payments.record(scope, body)));
    });
  },
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
