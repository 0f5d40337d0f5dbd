import { inOrder } from "../../db/tenant";
import type { z } from "zod";
import { NotFound } from "../../lib/errors";
import * as customers from "../customers/service";
import { enabledMethods } from "../payments/provider-settings";
import { payNowSchema, type PayNowInput } from "../payments/schema";
import { startPayment } from "../payments/start-payment";
import * as history from "../customers/history";
import type { Scope } from "../scope";
import { applyStateOf } from "../service-requests/schema";
import * as serviceRequests from "../service-requests/service";
import * as subscriptions from "../subscriptions/service";
import { portalChangeRequestSchema, portalContactSchema, portalCustomerSchema } from "./schema";

// The customer's own view of their account. Every function starts from the signed-in user and
// finds *their* customer record, so a customer can only ever reach their own services.

async function ownCustomerId(scope: Scope, userId: string): Promise<string> {
  const row = await scope.tx.customer.findUnique({ where: { userId }, select: { id: true } });
  if (!row)
    throw new NotFound(
      "Customer",
      "This sign-in is not linked to a customer account yet. Ask your provider to link it to your customer record.",
    );
  return row.id;
}

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

/** The ways the customer can pay online now (the company's switched-on payment methods). */
export async function paymentMethods(scope: Scope) {
  return { methods: await enabledMethods(scope.tx, scope.companyId) };
}

/** Pay now: a card payment (Stripe Checkout's page) or an M-Pesa prompt, always for the customer's own account. */
export async function payNow(scope: Scope, userId: string, input: PayNowInput) {
  const customerId = await ownCustomerId(scope, userId);
  return startPayment(scope, { ...payNowSchema.parse(input), customerId, returnPath: "/portal" });
}
