import type { Payment } from "../../db/generated/prisma/client";
import type { RefundStatus } from "../../db/generated/prisma/enums";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { formatMoney } from "../../lib/money";
import * as audit from "../audit/service";
import * as credit from "../billing/credit";
import type { Scope } from "../scope";
import { adapterFor } from "./provider-settings";
import type { RefundResult } from "./providers/types";
import { receiptNumber, refundSchema, type RefundInput } from "./schema";

// Giving money back. Never more than was paid minus what was refunded before. The money comes
// first from what the payment left on the customer's credit (if still there), then out of the
// invoices it paid, the newest first: those invoices owe again. A card payment is refunded through
// Stripe's Refunds API first (refundThroughProvider); M-Pesa's adapter refuses with what to do
// instead (a reversal in the M-Pesa org portal), and nothing changes here. A refund made at the
// provider (Stripe's dashboard, a lost dispute) is booked the same way by recordProviderRefund.

/** What the payment still has on invoices, per invoice, newest invoice first. */
async function reversible(scope: Scope, paymentId: string) {
  const rows = await scope.tx.paymentAllocation.findMany({
    where: { paymentId },
    include: { invoice: { select: { dueDate: true, number: true } } },
  });
  const net = new Map<string, { invoiceId: string; amountMinor: number; dueDate: Date; number: number }>();
  for (const r of rows) {
    const row = net.get(r.invoiceId) ?? {
      invoiceId: r.invoiceId,
      amountMinor: 0,
      dueDate: r.invoice.dueDate,
      number: r.invoice.number ?? 0,
    };
    row.amountMinor += r.amountMinor;
    net.set(r.invoiceId, row);
  }
  return [...net.values()]
    .filter((r) => r.amountMinor > 0)
    .sort((a, b) => b.dueDate.getTime() - a.dueDate.getTime() || b.number - a.number);
}

export async function refund(scope: Scope, input: RefundInput) {
  const { paymentId, amountMinor, reason } = refundSchema.parse(input);
  const found = await scope.tx.payment.findUnique({ where: { id: paymentId } });
  if (!found) throw new NotFound("Payment");
  if (!found.customerId || !found.postedAt) throw new Conflict("Only a posted payment can be refunded.");
  await credit.lockCustomer(scope, found.customerId);
  const payment: Payment = await scope.tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
  if (payment.status !== "SUCCEEDED" && payment.status !== "PARTIALLY_REFUNDED")
    throw new Conflict(`A ${payment.status.toLowerCase().replace("_", " ")} payment cannot be refunded.`);
  const left = payment.amountMinor - payment.refundedMinor;
  const money = (n: number) => formatMoney(n, payment.currency);
  if (amountMinor > left)
    throw new Invalid(
      left === 0
        ? "This payment has already been refunded in full."
        : `At most ${money(left)} of this payment can be refunded (paid ${money(payment.amountMinor)}, refunded ${money(payment.refundedMinor)}).`,
      { amountMinor: `At most ${money(left)}.` },
    );
  const plan = await planReversal(scope, payment, amountMinor);
  if (plan.unreversedMinor > 0)
    throw new Conflict(
      `Part of this payment's credit was already used on other invoices: at most ${money(amountMinor - plan.unreversedMinor)} can be refunded now.`,
      { amountMinor: `At most ${money(amountMinor - plan.unreversedMinor)}.` },
    );

  const refundId = newId();
  const atProvider = payment.provider ? await refundThroughProvider(scope, payment, amountMinor, reason) : null;
  return bookRefund(scope, payment, plan, {
    refundId,
    amountMinor,
    reason,
    status: atProvider?.status ?? "SUCCEEDED",
    providerRef: atProvider?.refundRef ?? null,
    action: "payments.refund",
  });
}

interface ReversalPlan {
  fromCredit: number;
  invoices: { invoiceId: string; amountMinor: number }[];
  /** What neither the payment's credit nor its invoices can give back any more. */
  unreversedMinor: number;
}

/**
 * Where `amountMinor` of the payment comes back from: first what the payment left on the
 * customer's credit (if still there), then the invoices it paid, newest first. The caller holds
 * lockCustomer(). Never takes an invoice below what this payment put on it.
 */
async function planReversal(scope: Scope, payment: Payment, amountMinor: number): Promise<ReversalPlan> {
  const fromPayment = await scope.tx.creditEntry.aggregate({
    where: { paymentId: payment.id },
    _sum: { amountMinor: true },
  });
  const fromCredit = Math.min(
    amountMinor,
    Math.max(0, fromPayment._sum.amountMinor ?? 0),
    Math.max(0, await credit.creditBalance(scope, payment.customerId!)),
  );
  let rest = amountMinor - fromCredit;
  const invoices: ReversalPlan["invoices"] = [];
  for (const inv of await reversible(scope, payment.id)) {
    if (rest === 0) break;
    const take = Math.min(rest, inv.amountMinor);
    invoices.push({ invoiceId: inv.invoiceId, amountMinor: take });
    rest -= take;
  }
  return { fromCredit, invoices, unreversedMinor: rest };
}

interface BookRefundInput {
  refundId: string;
  amountMinor: number;
  reason: string;
  status: RefundStatus;
  providerRef: string | null;
  action: string;
  /** Anything more the audit entry should say. */
  extraAudit?: Record<string, unknown>;
}

/** Writes the refund and its reversal (credit debit, negative allocations) and moves the payment's refunded total. */
async function bookRefund(scope: Scope, payment: Payment, plan: ReversalPlan, input: BookRefundInput) {
  const { refundId, amountMinor, reason } = input;
  const customerId = payment.customerId!;
  const created = await scope.tx.refund.create({
    data: {
      id: refundId,
      companyId: scope.companyId,
      paymentId: payment.id,
      amountMinor,
      reason,
      status: input.status,
      providerRef: input.providerRef,
      createdById: scope.actor.type === "USER" ? (scope.actor.id ?? null) : null,
    },
  });
  if (plan.fromCredit > 0)
    await credit.addCreditEntry(scope, {
      customerId,
      kind: "REFUND",
      amountMinor: -plan.fromCredit,
      paymentId: payment.id,
      refundId,
      note: reason,
    });
  const reversed = plan.invoices.map((r) => ({ invoiceId: r.invoiceId, amountMinor: -r.amountMinor }));
  for (const r of reversed) await credit.settleInvoice(scope, r.invoiceId, r.amountMinor);
  if (reversed.length)
    await scope.tx.paymentAllocation.createMany({
      data: reversed.map((r) => ({ id: newId(), companyId: scope.companyId, paymentId: payment.id, refundId, ...r })),
    });
  const refunded = payment.refundedMinor + amountMinor;
  const moved = await scope.tx.payment.updateMany({
    where: { id: payment.id, refundedMinor: payment.refundedMinor },
    data: { refundedMinor: refunded, status: refundedStatus(payment.amountMinor, refunded) },
  });
  if (moved.count !== 1) throw new Conflict("The payment changed meanwhile; reload it and try again.");
  await audit.record(scope, {
    action: input.action,
    entityType: "Payment",
    entityId: payment.id,
    before: { status: payment.status, refundedMinor: payment.refundedMinor },
    after: {
      receipt: receiptNumber(payment.receiptNumber),
      refundId,
      amountMinor,
      reason,
      fromCredit: plan.fromCredit,
      reversed,
      ...(plan.unreversedMinor ? { unreversedMinor: plan.unreversedMinor } : {}),
      ...input.extraAudit,
    },
  });
  return created;
}

/** A payment's status from how much of it was given back. */
export function refundedStatus(amountMinor: number, refundedMinor: number) {
  return refundedMinor === 0 ? "SUCCEEDED" : refundedMinor >= amountMinor ? "REFUNDED" : "PARTIALLY_REFUNDED";
}

/**
 * Money the provider gave back without us asking (a refund made in the Stripe dashboard, a
 * dispute the card holder won): the books follow. Idempotent on the provider's id for it
 * (Refund.providerRef): the same refund reported twice (charge.refunded and refund.created) is
 * booked once. Never more than what is left of the payment; what the payment's credit and
 * invoices cannot give back any more is said in the refund's reason for a person to settle.
 */
export async function recordProviderRefund(
  scope: Scope,
  paymentId: string,
  input: { providerRef: string; amountMinor: number; reason: string; action: string },
): Promise<"booked" | "already booked" | "nothing left"> {
  const found = await scope.tx.payment.findUnique({ where: { id: paymentId } });
  if (!found) throw new NotFound("Payment");
  if (found.customerId) await credit.lockCustomer(scope, found.customerId);
  const payment = await scope.tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
  const known = await scope.tx.refund.findFirst({ where: { paymentId, providerRef: input.providerRef } });
  if (known) return "already booked";
  const amountMinor = Math.min(input.amountMinor, payment.amountMinor - payment.refundedMinor);
  if (amountMinor <= 0 || !payment.customerId || !payment.postedAt) return "nothing left";
  const plan = await planReversal(scope, payment, amountMinor);
  const money = (n: number) => formatMoney(n, payment.currency);
  const reason = plan.unreversedMinor
    ? `${input.reason} ${money(plan.unreversedMinor)} of it was already used from the customer's credit on other invoices: settle that by hand.`
    : input.reason;
  await bookRefund(scope, payment, plan, {
    refundId: newId(),
    amountMinor,
    reason: reason.slice(0, 500),
    status: "SUCCEEDED",
    providerRef: input.providerRef,
    action: input.action,
  });
  return "booked";
}

/**
 * The provider gives the money back before our books change; a refusal changes nothing. The
 * provider's idempotency key is the payment and how much it had refunded before, so a retry of
 * this same refund (after our transaction failed) is the same refund at the provider, never a second.
 */
async function refundThroughProvider(scope: Scope, payment: Payment, amountMinor: number, reason: string) {
  if (!payment.providerRef) throw new Conflict("This payment has no provider reference to refund against.");
  const adapter = await adapterFor(scope.tx, scope.companyId, payment.provider!);
  let result: RefundResult;
  try {
    result = await adapter.refund(payment.providerRef, amountMinor, reason, `${payment.id}-${payment.refundedMinor}-${amountMinor}`); // prettier-ignore
  } catch (err) {
    throw new Invalid(`The refund was not made: ${err instanceof Error ? err.message : "the provider did not answer"}`);
  }
  if (result.status === "FAILED") throw new Invalid("The provider refused the refund; nothing was refunded.");
  return result;
}
