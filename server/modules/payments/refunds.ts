import type { Payment } from "../../db/generated/prisma/client";
import type { RefundStatus } from "../../db/generated/prisma/enums";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { formatMoney } from "../../lib/money";
import * as audit from "../audit/service";
import * as credit from "../billing/credit";
import type { Scope } from "../scope";
import { adapterFor } from "./provider-settings";
import { isTransId } from "./providers/mpesa";
import type { RefundResult } from "./providers/types";
import { receiptNumber, refundSchema, type RefundInput } from "./schema";

// Giving money back. Never more than was paid minus what was refunded before. The money comes
// first from what the payment left on the customer's credit (if still there), then out of the
// invoices it paid, the newest first: those invoices owe again. A card payment is refunded through
// Stripe's Refunds API first (refundThroughProvider) and booked at once. An M-Pesa payment is
// refunded by a reversal, which Safaricom answers later: the refund is created PENDING with no
// books (startReversal); its result (reversalResult) and then a transaction status query on the
// reversal (reversalConfirmed) book it, or it ends FAILED with the reason and the books as they
// were. A queue timeout is no answer: the refund stays PENDING and the sweep asks Daraja until it
// gets a definite one. Until then its amount is held: nothing more than what was paid, minus what
// is refunded and what is being reversed, can be refunded. A refund made at the provider (Stripe's
// dashboard, a lost dispute) is booked the same way by recordProviderRefund; a booked refund the
// provider later reports failed gives its books back (restoreFailedRefund).

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
  const left = payment.amountMinor - payment.refundedMinor - (await awaitingReversal(scope, payment));
  const money = (n: number) => formatMoney(n, payment.currency);
  if (amountMinor > left)
    throw new Invalid(
      left === 0
        ? "This payment has already been refunded in full."
        : `At most ${money(left)} of this payment can be refunded (paid ${money(payment.amountMinor)}, refunded ${money(payment.amountMinor - left)}).`,
      { amountMinor: `At most ${money(left)}.` },
    );
  const plan = await planReversal(scope, payment, amountMinor);
  if (plan.unreversedMinor > 0)
    throw new Conflict(
      `Part of this payment's credit was already used on other invoices: at most ${money(amountMinor - plan.unreversedMinor)} can be refunded now.`,
      { amountMinor: `At most ${money(amountMinor - plan.unreversedMinor)}.` },
    );

  const refundId = newId();
  if (payment.provider === "MPESA") return startReversal(scope, payment, { refundId, amountMinor, reason });
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

/**
 * Writes the refund and its reversal (credit debit, negative allocations) and moves the payment's
 * refunded total. `pending`: the refund row exists already (an M-Pesa reversal now confirmed).
 */
async function bookRefund(
  scope: Scope,
  payment: Payment,
  plan: ReversalPlan,
  input: BookRefundInput & { pending?: { receipt: string } },
) {
  const { refundId, amountMinor, reason } = input;
  const customerId = payment.customerId!;
  const created = input.pending
    ? await scope.tx.refund.update({
        where: { id: refundId },
        data: { status: input.status, amountMinor, reason, receipt: input.pending.receipt, failureReason: null },
      })
    : await scope.tx.refund.create({
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
async function refundThroughProvider(
  scope: Scope,
  payment: Payment,
  amountMinor: number,
  reason: string,
  opts: { key?: string; ref?: string | null } = {},
) {
  const ref = opts.ref === undefined ? payment.providerRef : opts.ref;
  if (!ref) throw new Conflict("This payment has no provider reference to refund against.");
  const adapter = await adapterFor(scope.tx, scope.companyId, payment.provider!);
  let result: RefundResult;
  try {
    result = await adapter.refund(ref, amountMinor, reason, opts.key ?? `${payment.id}-${payment.refundedMinor}-${amountMinor}`); // prettier-ignore
  } catch (err) {
    throw new Invalid(`The refund was not made: ${err instanceof Error ? err.message : "the provider did not answer"}`);
  }
  if (result.status === "FAILED") throw new Invalid("The provider refused the refund; nothing was refunded.");
  return result;
}

// ── M-Pesa reversals ─────────────────────────────────────────────────────────────────────────

/** What PENDING reversals of an M-Pesa payment hold back (they have no books yet). */
export async function awaitingReversal(scope: Scope, payment: Pick<Payment, "id" | "provider">): Promise<number> {
  if (payment.provider !== "MPESA") return 0;
  const held = await scope.tx.refund.aggregate({
    where: { paymentId: payment.id, status: "PENDING" },
    _sum: { amountMinor: true },
  });
  return held._sum.amountMinor ?? 0;
}

/**
 * Asks Safaricom to reverse part of the payment and records the refund PENDING: nothing is
 * booked until the result says it happened and a status query confirms it. A refusal to even
 * accept the request changes nothing.
 */
async function startReversal(
  scope: Scope,
  payment: Payment,
  input: { refundId: string; amountMinor: number; reason: string },
) {
  // A paybill payment's providerRef is its TransID; an STK push's is the CheckoutRequestID, and
  // its TransID is the M-Pesa receipt kept as the payment's reference.
  const transId = payment.providerRef && isTransId(payment.providerRef) ? payment.providerRef : payment.reference;
  const atProvider = await refundThroughProvider(scope, payment, input.amountMinor, input.reason, { key: input.refundId, ref: transId }); // prettier-ignore
  const created = await scope.tx.refund.create({
    data: {
      id: input.refundId,
      companyId: scope.companyId,
      paymentId: payment.id,
      amountMinor: input.amountMinor,
      reason: input.reason,
      status: "PENDING",
      providerRef: atProvider.refundRef,
      requestRef: atProvider.requestRef ?? null,
      failureReason: "Waiting for M-Pesa to reverse the transaction.",
      createdById: scope.actor.type === "USER" ? (scope.actor.id ?? null) : null,
    },
  });
  await audit.record(scope, {
    action: "payments.refund_requested",
    entityType: "Payment",
    entityId: payment.id,
    after: { receipt: receiptNumber(payment.receiptNumber), refundId: created.id, amountMinor: input.amountMinor, reason: input.reason, providerRef: atProvider.refundRef }, // prettier-ignore
  });
  return created;
}

async function failRefund(
  scope: Scope,
  refund: { id: string; paymentId: string; status: RefundStatus },
  reason: string,
) {
  await scope.tx.refund.update({ where: { id: refund.id }, data: { status: "FAILED", failureReason: reason.slice(0, 500) } }); // prettier-ignore
  await audit.record(scope, {
    action: "payments.refund_failed",
    entityType: "Payment",
    entityId: refund.paymentId,
    before: { refundId: refund.id, status: refund.status },
    after: { refundId: refund.id, status: "FAILED", reason },
  });
}

/**
 * Safaricom's result for a reversal we asked for (by the request's ConversationID). A refusal ends
 * the refund FAILED with the reason, the books untouched. A queue timeout is no answer: M-Pesa may
 * still make the reversal (and its result may still come), so the refund stays PENDING, its amount
 * held, with the reason shown, and the sweep asks Daraja about it until it gets a definite answer.
 * A success is not booked on this unsigned callback's word: the reversal's TransactionID is kept
 * and returned, for the caller to confirm by a transaction status query (reversalConfirmed books it).
 */
export async function reversalResult(
  scope: Scope,
  outcome: { providerRef: string; status: string; receipt?: string | null; failureReason?: string | null },
): Promise<{ applied: string; confirm: string | null }> {
  const refund = await scope.tx.refund.findFirst({
    where: { providerRef: outcome.providerRef, payment: { provider: "MPESA" } },
  });
  if (!refund) return { applied: "unknown refund", confirm: null };
  if (refund.status !== "PENDING") return { applied: "already settled", confirm: null };
  if (outcome.status === "PENDING") {
    // A timeout after a success result changes nothing: the confirmation is under way.
    if (!refund.receipt)
      await scope.tx.refund.update({
        where: { id: refund.id },
        data: { failureReason: outcome.failureReason ?? "M-Pesa did not answer the reversal in time." },
      });
    return { applied: "timed out, asking again", confirm: null };
  }
  if (outcome.status !== "SUCCEEDED" || !outcome.receipt) {
    await failRefund(scope, refund, outcome.failureReason ?? "M-Pesa did not reverse the transaction.");
    return { applied: "failed", confirm: null };
  }
  await scope.tx.refund.update({
    where: { id: refund.id },
    data: { receipt: outcome.receipt, failureReason: "Waiting for M-Pesa to confirm the reversal." },
  });
  return { applied: "awaiting confirmation", confirm: outcome.receipt };
}

/**
 * A transaction status result about a reversal's TransactionID: Safaricom's own word. Completed:
 * the refund is booked (allocations reversed, invoices owe again), never above what is left of the
 * payment. Not completed: FAILED, books unchanged. Null when the transaction is no reversal of ours.
 */
export async function reversalConfirmed(
  scope: Scope,
  outcome: { providerRef: string; status: string; failureReason?: string | null; queryRef?: string | null },
): Promise<string | null> {
  // By the reversal's TransactionID, or, for a reversal whose result never came (the sweep asked
  // by the request's OriginatorConversationID), by the query it answers.
  const pending = await scope.tx.refund.findFirst({
    where: {
      OR: [{ receipt: outcome.providerRef }, ...(outcome.queryRef ? [{ statusQueryRef: outcome.queryRef }] : [])],
      payment: { provider: "MPESA" },
    },
  });
  if (!pending) return null;
  if (pending.status !== "PENDING") return "refund already settled";
  if (outcome.status === "PENDING") {
    await scope.tx.refund.update({
      where: { id: pending.id },
      data: { failureReason: (outcome.failureReason ?? "M-Pesa could not confirm the reversal yet.").slice(0, 500) },
    });
    return "refund not confirmed yet";
  }
  if (outcome.status !== "SUCCEEDED") {
    await failRefund(scope, pending, outcome.failureReason ?? "M-Pesa does not confirm the reversal.");
    return "refund failed";
  }
  const found = await scope.tx.payment.findUniqueOrThrow({ where: { id: pending.paymentId } });
  await credit.lockCustomer(scope, found.customerId!);
  const payment = await scope.tx.payment.findUniqueOrThrow({ where: { id: pending.paymentId } });
  // The money has left: book it, but never above what is left of the payment.
  const amountMinor = Math.min(pending.amountMinor, payment.amountMinor - payment.refundedMinor);
  const plan = await planReversal(scope, payment, amountMinor);
  const money = (n: number) => formatMoney(n, payment.currency);
  const reason = plan.unreversedMinor
    ? `${pending.reason} ${money(plan.unreversedMinor)} of it was already used from the customer's credit on other invoices: settle that by hand.`
    : pending.reason;
  await bookRefund(scope, payment, plan, {
    refundId: pending.id,
    amountMinor,
    reason: reason.slice(0, 500),
    status: "SUCCEEDED",
    providerRef: pending.providerRef,
    action: "payments.refund",
    pending: { receipt: pending.receipt ?? outcome.providerRef },
    extraAudit: { reversal: pending.receipt ?? outcome.providerRef },
  });
  return "refund booked";
}

// ── a booked refund the provider could not pay out ─────────────────────────────────────────

/**
 * A refund whose books were written (ours through Stripe, or one made at Stripe) that the provider
 * later reports as failed: the money never left, so the books come back, once. What the refund
 * took from invoices goes back on them as far as each still owes (another payment may have paid it
 * meanwhile, or it was written off or voided); what it took from the credit, and whatever an invoice
 * cannot take back, goes on the customer's credit. The payment's refunded total drops by the refund
 * and the refund ends FAILED with the provider's reason. Claimed by its status under the customer's
 * lock, so the same failure reported twice (charge.refund.updated and refund.failed) restores once.
 */
export async function restoreFailedRefund(
  scope: Scope,
  refundId: string,
  reason: string,
): Promise<"restored" | "already failed"> {
  const found = await scope.tx.refund.findUnique({ where: { id: refundId }, include: { payment: true } });
  if (!found) throw new NotFound("Refund");
  if (found.payment.customerId) await credit.lockCustomer(scope, found.payment.customerId);
  const claimed = await scope.tx.refund.updateMany({
    where: { id: refundId, status: { in: ["SUCCEEDED", "PENDING"] } },
    data: { status: "FAILED", failureReason: reason.slice(0, 500) },
  });
  if (claimed.count === 0) return "already failed";
  const payment = await scope.tx.payment.findUniqueOrThrow({ where: { id: found.paymentId } });
  const customerId = payment.customerId!;

  const taken = await scope.tx.paymentAllocation.findMany({ where: { refundId, amountMinor: { lt: 0 } } });
  const backOnInvoices: { invoiceId: string; amountMinor: number }[] = [];
  let toCredit = 0;
  for (const a of taken) {
    const invoice = await scope.tx.invoice.findUniqueOrThrow({
      where: { id: a.invoiceId },
      select: { status: true, totalMinor: true, amountPaidMinor: true, creditedMinor: true },
    });
    const owes =
      invoice.status === "OPEN" || invoice.status === "PARTIALLY_PAID"
        ? invoice.totalMinor - invoice.amountPaidMinor - invoice.creditedMinor
        : 0;
    const back = Math.min(-a.amountMinor, Math.max(0, owes));
    if (back > 0) {
      await credit.settleInvoice(scope, a.invoiceId, back);
      backOnInvoices.push({ invoiceId: a.invoiceId, amountMinor: back });
    }
    toCredit += -a.amountMinor - back;
  }
  // The restoring allocations carry the refund's id too: with its negative ones they net to zero,
  // and the accounting export (allocations without a refund) keeps showing the payment as paid.
  if (backOnInvoices.length)
    await scope.tx.paymentAllocation.createMany({
      data: backOnInvoices.map((r) => ({ id: newId(), companyId: scope.companyId, paymentId: payment.id, refundId, ...r })), // prettier-ignore
    });
  const fromCredit = await scope.tx.creditEntry.aggregate({
    where: { refundId, amountMinor: { lt: 0 } },
    _sum: { amountMinor: true },
  });
  toCredit += -(fromCredit._sum.amountMinor ?? 0);
  if (toCredit > 0)
    await credit.addCreditEntry(scope, {
      customerId,
      kind: "OVERPAYMENT",
      amountMinor: toCredit,
      paymentId: payment.id,
      refundId,
      note: "A refund failed at the provider: the money stayed with us.",
    });
  const refunded = Math.max(0, payment.refundedMinor - found.amountMinor);
  await scope.tx.payment.update({
    where: { id: payment.id },
    data: {
      refundedMinor: refunded,
      // A payment under dispute stays disputed; otherwise its status follows what is refunded.
      ...(payment.status === "DISPUTED" ? {} : { status: refundedStatus(payment.amountMinor, refunded) }),
    },
  });
  await audit.record(scope, {
    action: "payments.refund_failed",
    entityType: "Payment",
    entityId: payment.id,
    before: { refundId, status: found.status, refundedMinor: payment.refundedMinor },
    after: { refundId, status: "FAILED", reason, refundedMinor: refunded, backOnInvoices, toCreditMinor: toCredit },
  });
  return "restored";
}
