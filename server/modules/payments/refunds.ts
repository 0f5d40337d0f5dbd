import type { Payment } from "../../db/generated/prisma/client";
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
// instead (a reversal in the M-Pesa org portal), and nothing changes here.

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

  const customerId = payment.customerId!;
  const fromPayment = await scope.tx.creditEntry.aggregate({ where: { paymentId }, _sum: { amountMinor: true } });
  const fromCredit = Math.min(
    amountMinor,
    Math.max(0, fromPayment._sum.amountMinor ?? 0),
    await credit.creditBalance(scope, customerId),
  );
  const invoices = await reversible(scope, paymentId);
  const onInvoices = invoices.reduce((n, r) => n + r.amountMinor, 0);
  if (amountMinor - fromCredit > onInvoices)
    throw new Conflict(
      `Part of this payment's credit was already used on other invoices: at most ${money(fromCredit + onInvoices)} can be refunded now.`,
      { amountMinor: `At most ${money(fromCredit + onInvoices)}.` },
    );

  const refundId = newId();
  const atProvider = payment.provider ? await refundThroughProvider(scope, payment, amountMinor, reason) : null;
  const created = await scope.tx.refund.create({
    data: {
      id: refundId,
      companyId: scope.companyId,
      paymentId,
      amountMinor,
      reason,
      status: atProvider?.status ?? "SUCCEEDED",
      providerRef: atProvider?.refundRef ?? null,
      createdById: scope.actor.type === "USER" ? (scope.actor.id ?? null) : null,
    },
  });
  if (fromCredit > 0)
    await credit.addCreditEntry(scope, {
      customerId,
      kind: "REFUND",
      amountMinor: -fromCredit,
      paymentId,
      refundId,
      note: reason,
    });
  let rest = amountMinor - fromCredit;
  const reversed: { invoiceId: string; amountMinor: number }[] = [];
  for (const inv of invoices) {
    if (rest === 0) break;
    const take = Math.min(rest, inv.amountMinor);
    await credit.settleInvoice(scope, inv.invoiceId, -take);
    reversed.push({ invoiceId: inv.invoiceId, amountMinor: -take });
    rest -= take;
  }
  if (reversed.length)
    await scope.tx.paymentAllocation.createMany({
      data: reversed.map((r) => ({ id: newId(), companyId: scope.companyId, paymentId, refundId, ...r })),
    });
  const refunded = payment.refundedMinor + amountMinor;
  const moved = await scope.tx.payment.updateMany({
    where: { id: paymentId, refundedMinor: payment.refundedMinor },
    data: { refundedMinor: refunded, status: refunded === payment.amountMinor ? "REFUNDED" : "PARTIALLY_REFUNDED" },
  });
  if (moved.count !== 1) throw new Conflict("The payment changed meanwhile; reload it and try again.");
  await audit.record(scope, {
    action: "payments.refund",
    entityType: "Payment",
    entityId: paymentId,
    before: { status: payment.status, refundedMinor: payment.refundedMinor },
    after: { receipt: receiptNumber(payment.receiptNumber), refundId, amountMinor, reason, fromCredit, reversed },
  });
  return created;
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
