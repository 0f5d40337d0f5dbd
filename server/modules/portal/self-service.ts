import { inOrder, withTenant } from "../../db/tenant";
import type { z } from "zod";
import { NotFound } from "../../lib/errors";
import * as customers from "../customers/service";
import { enabledMethods } from "../payments/provider-settings";
import { listPaymentsSchema, payNowSchema, type ListPaymentsInput, type PayNowInput } from "../payments/schema";
import * as paymentsService from "../payments/service";
import { startPayment } from "../payments/start-payment";
import * as history from "../customers/history";
import { ownCustomerId } from "../customers/own";
import type { Scope, Tenant } from "../scope";
import { applyStateOf } from "../service-requests/schema";
import * as serviceRequests from "../service-requests/service";
import * as subscriptions from "../subscriptions/service";
import { portalChangeRequestSchema, portalContactSchema, portalCustomerSchema } from "./schema";

// The customer's own view of their account. Every function starts from the signed-in user and
// finds *their* customer record, so a customer can only ever reach their own services.

export async function overview(scope: Scope, userId: string) {
  const customerId = await ownCustomerId(scope, userId);
  const [customer, services, requests, usage] = await inOrder([
    () => customers.get(scope, customerId),
    () => subscriptions.customerSubscriptions(scope, customerId),
    () => serviceRequests.list(scope, { customerId, pageSize: 20 }),
    () => history.usage(scope, customerId, { from: new Date(Date.now() - 30 * 86_400_000) }),
  ]);
  const cycle = new Date().toISOString().slice(0, 7);
  const thisCycle = usage.cycles.find((c) => c.cycle === cycle) ?? { cycle, downloadBytes: 0, uploadBytes: 0 };
  return {
    customer: portalCustomerSchema.parse(customer),
    services: services.map((s) => ({
      id: s.id,
      status: s.status,
      startDate: s.startDate,
      installationAddress: s.installationAddress,
      package: s.package,
    })),
    requests: requests.rows.map((r) => {
      const apply = applyStateOf(r);
      return {
        id: r.id,
        kind: r.kind,
        status: r.status,
        effectiveDate: r.effectiveDate,
        createdAt: r.createdAt,
        decisionNote: r.decisionNote,
        // The same state staff see, but a failure's technical reason stays with staff, who act on it.
        apply: apply?.state === "failed" ? { state: "delayed" as const } : apply,
      };
    }),
    usage: { daily: usage.daily, thisCycle },
  };
}

export async function requestChange(scope: Scope, userId: string, input: z.input<typeof portalChangeRequestSchema>) {
  const data = portalChangeRequestSchema.parse(input);
  const customerId = await ownCustomerId(scope, userId);
  // serviceRequests.create checks that the subscription belongs to this customer.
  return serviceRequests.create(
    scope,
    { ...data, customerId, note: data.note ?? "Requested in the customer portal." },
    { byCustomer: true },
  );
}

export async function updateContact(scope: Scope, userId: string, input: z.input<typeof portalContactSchema>) {
  const data = portalContactSchema.parse(input);
  const customerId = await ownCustomerId(scope, userId);
  const current = await customers.get(scope, customerId);
  return portalCustomerSchema.parse(await customers.update(scope, { ...current, ...data, id: customerId }));
}

/**
 * The ways the customer can pay online now (the company's switched-on payment methods), the phone
 * an M-Pesa prompt goes to by default, and the bank details for paying by transfer instead.
 */
export async function paymentMethods(scope: Scope, userId: string) {
  const customerId = await ownCustomerId(scope, userId);
  const [methods, customer, settings, company] = await inOrder([
    () => enabledMethods(scope.tx, scope.companyId),
    () => scope.tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { phone: true } }),
    () => scope.tx.billingSettings.findUnique({ where: { companyId: scope.companyId }, select: { bankDetails: true } }),
    () => scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { currency: true } }),
  ]);
  return {
    methods,
    phone: customer.phone,
    bankDetails: settings?.bankDetails ?? null,
    currency: company.currency,
  };
}

/**
 * Pay now: a card payment (Stripe Checkout's page) or an M-Pesa prompt, always for the customer's
 * own account. Runs outside a transaction: startPayment opens its own around the provider's call.
 */
export async function payNow(tenant: Tenant, userId: string, input: PayNowInput) {
  const customerId = await withTenant(tenant.companyId, (tx) => ownCustomerId({ tx, ...tenant }, userId));
  return startPayment(tenant, { ...payNowSchema.parse(input), customerId, returnPath: "/portal" });
}

/** The customer's own payments, newest first (the payments module's list, always narrowed to them). */
export async function payments(scope: Scope, userId: string, input: ListPaymentsInput) {
  const customerId = await ownCustomerId(scope, userId);
  const page = await paymentsService.list(scope, { ...listPaymentsSchema.parse(input), customerId });
  return {
    ...page,
    rows: page.rows.map((p) => ({
      id: p.id,
      receipt: p.receipt,
      method: p.method,
      status: p.status,
      purpose: p.purpose,
      amountMinor: p.amountMinor,
      refundedMinor: p.refundedMinor,
      currency: p.currency,
      reference: p.reference,
      receivedAt: p.receivedAt,
      createdAt: p.createdAt,
    })),
  };
}

/**
 * One of the customer's own payments: its status (polled while an M-Pesa prompt waits) and its
 * receipt. Another customer's payment is "not found", never shown.
 */
export async function payment(scope: Scope, userId: string, paymentId: string) {
  const customerId = await ownCustomerId(scope, userId);
  const p = await paymentsService.get(scope, paymentId).catch(() => null);
  if (!p || p.customerId !== customerId) throw new NotFound("Payment");
  return {
    id: p.id,
    receipt: p.receipt,
    status: p.status,
    method: p.method,
    purpose: p.purpose,
    amountMinor: p.amountMinor,
    refundedMinor: p.refundedMinor,
    currency: p.currency,
    reference: p.reference,
    failureReason: p.failureReason,
    receivedAt: p.receivedAt,
    createdAt: p.createdAt,
    customer: p.customer && { name: p.customer.name, accountNumber: p.customer.accountNumber },
    allocations: p.allocations
      .filter((a) => a.amountMinor > 0)
      .map((a) => ({ number: a.number, amountMinor: a.amountMinor })),
    creditedMinor: p.creditedMinor,
  };
}
