import type { z } from "zod";
import type { Payment, Prisma } from "../../db/generated/prisma/client";
import type { PaymentMethod, PaymentProvider, PaymentPurpose } from "../../db/generated/prisma/enums";
import { Conflict, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as credit from "../billing/credit";
import * as counters from "../counters/service";
import type { Scope } from "../scope";
import { parseDate, todayIn } from "../subscriptions/dates";
import { post, type ChosenAllocation } from "./posting";
import {
  assignCustomerSchema,
  listPaymentsSchema,
  receiptNumber,
  recordPaymentSchema,
  type ListPaymentsInput,
  type RecordPaymentInput,
} from "./schema";

export { processEventOnce } from "./provider-events";
export { refund } from "./refunds";
import { awaitingReversal } from "./refunds";

// Payments: money a customer paid or started to pay, by any rail. A provider payment is created
// PENDING (createPending), gets the provider's id (attachProviderRef), and is then marked
// succeeded or failed from a webhook, a callback or the sweep's status query. markSucceeded is
// idempotent: the first call claims the payment (PENDING → SUCCEEDED) and posts it, any later
// call finds it claimed and changes nothing. Staff record counter payments with record(), which
// posts at once. Posting (posting.ts) allocates to invoices and puts the rest on credit.

export interface PendingInput {
  customerId: string;
  method: PaymentMethod;
  provider: PaymentProvider | null;
  amountMinor: number;
  purpose: PaymentPurpose;
  /** The invoices the customer chose to pay; none: open invoices, oldest due first. */
  invoiceIds?: string[];
  payerPhone?: string | null;
}

async function currencyOf(scope: Scope): Promise<string> {
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { currency: true },
  });
  return company.currency;
}

function checkAmount(amountMinor: number) {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > 2_000_000_000)
    throw new Invalid("The amount must be a whole number of minor units above zero.", {
      amountMinor: "Enter an amount above zero.",
    });
}

async function checkCustomer(scope: Scope, customerId: string) {
  const found = await scope.tx.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!found) throw new NotFound("Customer");
}

const actorId = (scope: Scope) => (scope.actor.type === "USER" ? (scope.actor.id ?? null) : null);

/** A payment the customer started with a provider (portal card or M-Pesa): nothing posts until it succeeds. */
export async function createPending(scope: Scope, input: PendingInput): Promise<Payment> {
  checkAmount(input.amountMinor);
  await checkCustomer(scope, input.customerId);
  const payment = await scope.tx.payment.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      customerId: input.customerId,
      method: input.method,
      provider: input.provider,
      purpose: input.purpose,
      amountMinor: input.amountMinor,
      currency: await currencyOf(scope),
      chosenInvoiceIds: input.invoiceIds ?? [],
      payerPhone: input.payerPhone ?? null,
      recordedById: actorId(scope),
    },
  });
  await audit.record(scope, {
    action: "payments.create_pending",
    entityType: "Payment",
    entityId: payment.id,
    after: {
      customerId: payment.customerId,
      method: payment.method,
      provider: payment.provider,
      amountMinor: payment.amountMinor,
      purpose: payment.purpose,
    },
  });
  return payment;
}

/** Stores the provider's id for the attempt (Checkout session, CheckoutRequestID) once initiate() answered. */
export async function attachProviderRef(scope: Scope, paymentId: string, providerRef: string): Promise<Payment> {
  const payment = await scope.tx.payment.findUnique({ where: { id: paymentId } });
  if (!payment) throw new NotFound("Payment");
  if (payment.providerRef === providerRef) return payment;
  if (payment.providerRef) throw new Conflict("This payment already has a provider reference.");
  return onUnique(
    scope.tx.payment.update({ where: { id: paymentId }, data: { providerRef } }),
    () => new Conflict("Another payment already has this provider reference."),
  );
}

export async function findByProviderRef(scope: Scope, provider: PaymentProvider, providerRef: string) {
  return scope.tx.payment.findUnique({
    where: { companyId_provider_providerRef: { companyId: scope.companyId, provider, providerRef } },
  });
}

export interface SucceededInput {
  /** What actually moved, when the provider says (M-Pesa may differ from what was asked). */
  amountMinor?: number | null;
  reference?: string | null;
  receivedAt?: Date | null;
}

/**
 * The money arrived: gives the receipt number and posts it. Idempotent: a payment that is no
 * longer PENDING is returned as it is, with `changed: false`.
 */
export async function markSucceeded(
  scope: Scope,
  paymentId: string,
  input: SucceededInput = {},
): Promise<{ payment: Payment; changed: boolean }> {
  if (input.amountMinor !== undefined && input.amountMinor !== null) checkAmount(input.amountMinor);
  const claimed = await scope.tx.payment.updateMany({
    where: { id: paymentId, status: "PENDING" },
    data: {
      status: "SUCCEEDED",
      receivedAt: input.receivedAt ?? new Date(),
      failureReason: null,
      ...(input.amountMinor ? { amountMinor: input.amountMinor } : {}),
      ...(input.reference ? { reference: input.reference } : {}),
    },
  });
  if (claimed.count === 0) {
    const existing = await scope.tx.payment.findUnique({ where: { id: paymentId } });
    if (!existing) throw new NotFound("Payment");
    return { payment: existing, changed: false };
  }
  const number = await counters.next(scope, "receipt");
  const payment = await scope.tx.payment.update({ where: { id: paymentId }, data: { receiptNumber: number } });
  await audit.record(scope, {
    action: "payments.succeed",
    entityType: "Payment",
    entityId: paymentId,
    before: { status: "PENDING" },
    after: {
      status: "SUCCEEDED",
      receipt: receiptNumber(number),
      amountMinor: payment.amountMinor,
      reference: payment.reference,
    },
  });
  if (payment.customerId) {
    const chosen = payment.chosenInvoiceIds.map((invoiceId) => ({ invoiceId }));
    await post(scope, payment, chosen);
  }
  return { payment: await scope.tx.payment.findUniqueOrThrow({ where: { id: paymentId } }), changed: true };
}

/** The attempt failed (declined card, cancelled STK push): nothing posts. A second call changes nothing. */
export async function markFailed(
  scope: Scope,
  paymentId: string,
  reason: string,
): Promise<{ payment: Payment; changed: boolean }> {
  const claimed = await scope.tx.payment.updateMany({
    where: { id: paymentId, status: "PENDING" },
    data: { status: "FAILED", failureReason: reason.slice(0, 500) },
  });
  const payment = await scope.tx.payment.findUnique({ where: { id: paymentId } });
  if (!payment) throw new NotFound("Payment");
  if (claimed.count === 1)
    await audit.record(scope, {
      action: "payments.fail",
      entityType: "Payment",
      entityId: paymentId,
      before: { status: "PENDING" },
      after: { status: "FAILED", reason: payment.failureReason },
    });
  return { payment, changed: claimed.count === 1 };
}

async function receivedAtFor(scope: Scope, receivedOn: string | undefined): Promise<Date> {
  if (!receivedOn) return new Date();
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true },
  });
  if (receivedOn > todayIn(company.timeZone))
    throw new Invalid("The payment cannot be received in the future.", {
      receivedOn: "Choose today or an earlier day.",
    });
  // The day in the company's zone; noon UTC keeps it on that day in every zone from −11 to +11.
  return new Date(parseDate(receivedOn).getTime() + 12 * 3_600_000);
}

/**
 * Staff record money received at the counter or in the bank: it succeeds and posts at once. A
 * wallet top-up (purpose WALLET_TOPUP) posts to no invoice: the wallet module credits the
 * customer's wallet when it is posted (wallet/topups.ts, on paymentPosted), once per payment.
 */
export async function record(scope: Scope, input: RecordPaymentInput) {
  const data = recordPaymentSchema.parse(input);
  await checkCustomer(scope, data.customerId);
  const number = await counters.next(scope, "receipt");
  const payment = await scope.tx.payment.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      customerId: data.customerId,
      receiptNumber: number,
      method: data.method,
      provider: null,
      status: "SUCCEEDED",
      purpose: data.purpose,
      amountMinor: data.amountMinor,
      currency: await currencyOf(scope),
      reference: data.reference,
      receivedAt: await receivedAtFor(scope, data.receivedOn),
      recordedById: actorId(scope),
      note: data.note,
    },
  });
  await audit.record(scope, {
    action: "payments.record",
    entityType: "Payment",
    entityId: payment.id,
    after: {
      receipt: receiptNumber(number),
      customerId: payment.customerId,
      method: payment.method,
      purpose: payment.purpose,
      amountMinor: payment.amountMinor,
      reference: payment.reference,
    },
  });
  const chosen: ChosenAllocation[] | undefined = data.allocations?.map((a) => ({
    invoiceId: a.invoiceId,
    amountMinor: a.amountMinor,
  }));
  await post(scope, payment, chosen);
  return get(scope, payment.id);
}

export interface UnsolicitedInput {
  provider: PaymentProvider;
  method: PaymentMethod;
  /** What the payer typed as the account (M-Pesa BillRefNumber). */
  accountNumber: string;
  amountMinor: number;
  providerRef: string;
  reference?: string | null;
  payerPhone?: string | null;
  payerName?: string | null;
  receivedAt?: Date | null;
}

/** "1042", "ACC 1042", " 001042 ": the customer's account number, or null. */
function accountNumberOf(text: string): number | null {
  const digits = /(\d{1,9})\s*$/.exec(text.trim())?.[1];
  return digits ? Number(digits) : null;
}

/**
 * Money that arrived without us asking (M-Pesa paybill): found by the account number the payer
 * typed, posted at once. An account nobody has makes an unmatched payment (no customer) that a
 * person assigns later. The same providerRef twice is the same payment (returned, nothing new).
 */
export async function recordUnsolicited(
  scope: Scope,
  input: UnsolicitedInput,
): Promise<{ payment: Payment; created: boolean }> {
  checkAmount(input.amountMinor);
  const existing = await findByProviderRef(scope, input.provider, input.providerRef);
  if (existing) return { payment: existing, created: false };
  const account = accountNumberOf(input.accountNumber);
  const customer =
    account === null
      ? null
      : await scope.tx.customer.findUnique({
          where: { companyId_accountNumber: { companyId: scope.companyId, accountNumber: account } },
          select: { id: true },
        });
  const number = await counters.next(scope, "receipt");
  const payment = await onUnique(
    scope.tx.payment.create({
      data: {
        id: newId(),
        companyId: scope.companyId,
        customerId: customer?.id ?? null,
        receiptNumber: number,
        method: input.method,
        provider: input.provider,
        status: "SUCCEEDED",
        purpose: "INVOICES",
        amountMinor: input.amountMinor,
        currency: await currencyOf(scope),
        reference: input.reference ?? null,
        providerRef: input.providerRef,
        accountReference: input.accountNumber.slice(0, 60),
        receivedAt: input.receivedAt ?? new Date(),
        payerPhone: input.payerPhone ?? null,
        payerName: input.payerName ?? null,
      },
    }),
    () => new Conflict("This provider payment is already recorded."),
  );
  await audit.record(scope, {
    action: customer ? "payments.receive" : "payments.receive_unmatched",
    entityType: "Payment",
    entityId: payment.id,
    after: {
      receipt: receiptNumber(number),
      provider: input.provider,
      accountReference: payment.accountReference,
      amountMinor: payment.amountMinor,
      reference: payment.reference,
    },
  });
  if (customer) await post(scope, payment);
  return { payment: await scope.tx.payment.findUniqueOrThrow({ where: { id: payment.id } }), created: true };
}

/** A person resolves an unmatched payment: it becomes the customer's and posts. */
export async function assignCustomer(scope: Scope, input: z.input<typeof assignCustomerSchema>) {
  const { paymentId, customerId } = assignCustomerSchema.parse(input);
  await checkCustomer(scope, customerId);
  const claimed = await scope.tx.payment.updateMany({
    where: { id: paymentId, customerId: null, status: "SUCCEEDED", postedAt: null },
    data: { customerId },
  });
  if (claimed.count === 0) {
    const found = await scope.tx.payment.findUnique({ where: { id: paymentId } });
    if (!found) throw new NotFound("Payment");
    throw new Conflict("This payment already belongs to a customer.");
  }
  const payment = await scope.tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
  await audit.record(scope, {
    action: "payments.assign",
    entityType: "Payment",
    entityId: paymentId,
    before: { customerId: null },
    after: { customerId },
  });
  await post(scope, payment);
  return get(scope, paymentId);
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────

const CUSTOMER = {
  select: {
    id: true,
    accountNumber: true,
    firstName: true,
    lastName: true,
    businessName: true,
    email: true,
    phone: true,
  },
} as const;
type CustomerRef = {
  id: string;
  accountNumber: number;
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
};
export const customerName = (c: CustomerRef) =>
  c.businessName || [c.firstName, c.lastName].filter(Boolean).join(" ") || `#${c.accountNumber}`;

export async function list(scope: Scope, input: ListPaymentsInput) {
  const f = listPaymentsSchema.parse(input);
  const where: Prisma.PaymentWhereInput = {
    method: f.method,
    createdAt: {
      gte: f.from ? parseDate(f.from) : undefined,
      lt: f.to ? new Date(parseDate(f.to).getTime() + 86_400_000) : undefined,
    },
    ...(f.status === "UNMATCHED" ? { customerId: null, status: "SUCCEEDED" } : f.status ? { status: f.status } : {}),
  };
  if (f.customerId) where.customerId = f.customerId;
  if (f.search) {
    const text = f.search.toLowerCase();
    // "RCT-00042" or "42": a receipt or account number; any other text is a reference or a name.
    const digits = /^(?:RCT-?)?(\d{1,9})$/i.exec(f.search.trim())?.[1];
    const number = digits ? Number(digits) : undefined;
    where.OR = [
      ...(number !== undefined ? [{ receiptNumber: number }, { customer: { accountNumber: number } }] : []),
      { reference: { contains: f.search, mode: "insensitive" } },
      { providerRef: { equals: f.search } },
      { customer: { searchText: { contains: text } } },
    ];
  }
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.payment.count({ where }),
    rows: (window) =>
      scope.tx.payment.findMany({
        where,
        include: { customer: CUSTOMER },
        orderBy: [{ [f.sort]: f.direction }, { id: f.direction }],
        ...window,
      }),
  });
  return {
    ...paging,
    rows: rows.map((p) => ({
      id: p.id,
      receipt: receiptNumber(p.receiptNumber),
      customer: p.customer && {
        id: p.customer.id,
        accountNumber: p.customer.accountNumber,
        name: customerName(p.customer),
      },
      method: p.method,
      provider: p.provider,
      status: p.status,
      unmatched: p.customerId === null && p.status === "SUCCEEDED",
      purpose: p.purpose,
      amountMinor: p.amountMinor,
      refundedMinor: p.refundedMinor,
      currency: p.currency,
      reference: p.reference,
      accountReference: p.accountReference,
      receivedAt: p.receivedAt,
      createdAt: p.createdAt,
    })),
  };
}

export async function get(scope: Scope, id: string) {
  const payment = await scope.tx.payment.findUnique({
    where: { id },
    include: {
      customer: CUSTOMER,
      allocations: {
        orderBy: { createdAt: "asc" },
        include: {
          invoice: { select: { id: true, prefix: true, number: true, totalMinor: true, status: true, dueDate: true } },
        },
      },
      refunds: { orderBy: { createdAt: "desc" } },
    },
  });
  if (!payment) throw new NotFound("Payment");
  // Net per invoice (a refund's reversal is a negative row on the same invoice).
  const perInvoice = new Map<
    string,
    { invoiceId: string; number: string; amountMinor: number; status: string; dueDate: Date }
  >();
  for (const a of payment.allocations) {
    const row = perInvoice.get(a.invoiceId) ?? {
      invoiceId: a.invoiceId,
      number: `${a.invoice.prefix}${String(a.invoice.number ?? 0).padStart(5, "0")}`,
      amountMinor: 0,
      status: a.invoice.status,
      dueDate: a.invoice.dueDate,
    };
    row.amountMinor += a.amountMinor;
    perInvoice.set(a.invoiceId, row);
  }
  const creditRows = await scope.tx.creditEntry.findMany({ where: { paymentId: id }, select: { amountMinor: true } });
  const { customer, allocations: _raw, ...rest } = payment;
  return {
    ...rest,
    receipt: receiptNumber(payment.receiptNumber),
    unmatched: payment.customerId === null && payment.status === "SUCCEEDED",
    customer: customer && { ...customer, name: customerName(customer) },
    allocations: [...perInvoice.values()],
    creditedMinor: creditRows.reduce((n, e) => n + e.amountMinor, 0),
    // A pending M-Pesa reversal has no books yet, but its money is spoken for.
    refundableMinor: Math.max(0, refundable(payment) - (await awaitingReversal(scope, payment))),
  };
}

/** What can still be given back: paid − refunded, on a posted manual payment. */
export function refundable(p: Pick<Payment, "status" | "amountMinor" | "refundedMinor" | "postedAt">): number {
  if (!p.postedAt || (p.status !== "SUCCEEDED" && p.status !== "PARTIALLY_REFUNDED")) return 0;
  return p.amountMinor - p.refundedMinor;
}

/** The customer's unpaid invoices, oldest due first (refused for a customer of another company). */
export async function openInvoicesOf(scope: Scope, customerId: string) {
  await checkCustomer(scope, customerId);
  return credit.openInvoices(scope, customerId);
}

/** The customer's credit balance and recent ledger (billing owns it; shown beside payments). */
export const creditOf = (scope: Scope, customerId: string) => credit.creditLedger(scope, customerId);

/**
 * The payments that paid (or paid and took back) an invoice, for its page: what each put on it
 * net of refunds, and each payment's refunds with their status and the provider's reason when one
 * failed or waits (a pending M-Pesa reversal, a card refund Stripe could not pay out).
 */
export async function paymentsOfInvoice(scope: Scope, invoiceId: string) {
  const invoice = await scope.tx.invoice.findUnique({ where: { id: invoiceId }, select: { id: true } });
  if (!invoice) throw new NotFound("Invoice");
  const rows = await scope.tx.paymentAllocation.findMany({
    where: { invoiceId },
    select: { paymentId: true, amountMinor: true },
  });
  const onInvoice = new Map<string, number>();
  for (const r of rows) onInvoice.set(r.paymentId, (onInvoice.get(r.paymentId) ?? 0) + r.amountMinor);
  const payments = await scope.tx.payment.findMany({
    where: { id: { in: [...onInvoice.keys()] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { refunds: { orderBy: { createdAt: "asc" } } },
  });
  return payments.map((p) => ({
    id: p.id,
    receipt: receiptNumber(p.receiptNumber),
    method: p.method,
    status: p.status,
    currency: p.currency,
    amountMinor: p.amountMinor,
    onInvoiceMinor: onInvoice.get(p.id) ?? 0,
    receivedAt: p.receivedAt ?? p.postedAt ?? p.createdAt,
    refunds: p.refunds.map((r) => ({
      id: r.id,
      amountMinor: r.amountMinor,
      status: r.status,
      reason: r.reason,
      failureReason: r.failureReason,
      createdAt: r.createdAt,
    })),
  }));
}
