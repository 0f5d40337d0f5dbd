import type { Payment } from "../../db/generated/prisma/client";
import { emit } from "../../jobs/emit";
import { paymentPosted } from "../../jobs/events";
import { Conflict, Invalid } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import * as credit from "../billing/credit";
import type { Scope } from "../scope";

// Posting: a succeeded payment's money goes to invoices, and what is left to the customer's
// credit. It happens once per payment: the caller has claimed the payment (PENDING → SUCCEEDED,
// or created it SUCCEEDED), and postedAt is set here in the same transaction. The customer's row
// is locked first, so two payments of one customer posting at once fill invoices one after the
// other and never pay the same balance twice.

export interface ChosenAllocation {
  invoiceId: string;
  /** How much of the payment goes to this invoice; left out: as much as its balance takes. */
  amountMinor?: number;
}

export interface PostResult {
  allocations: { invoiceId: string; amountMinor: number }[];
  creditedMinor: number;
}

export async function post(scope: Scope, payment: Payment, chosen?: ChosenAllocation[]): Promise<PostResult> {
  if (!payment.customerId) throw new Invalid("The payment has no customer yet: assign it to one first.");
  if (payment.postedAt) throw new Conflict("This payment is already posted.");
  const customerId = payment.customerId;
  await credit.lockCustomer(scope, customerId);

  const result: PostResult = { allocations: [], creditedMinor: 0 };
  const byIdStatus = new Map<string, string>();
  if (payment.purpose === "INVOICES") {
    // What is owed now first; then invoices written off as bad debt (the payment recovers them).
    const open = [
      ...(await credit.openInvoices(scope, customerId)),
      ...(await credit.openInvoices(scope, customerId, { writtenOff: true })),
    ];
    const byId = new Map(open.map((i) => [i.id, i]));
    for (const i of open) byIdStatus.set(i.id, i.status);
    const plan: ChosenAllocation[] = chosen?.length ? chosen : open.map((i) => ({ invoiceId: i.id }));
    let left = payment.amountMinor;
    for (const want of plan) {
      if (left === 0) break;
      const invoice = byId.get(want.invoiceId);
      if (!invoice) {
        if (chosen?.length)
          throw new Invalid("A chosen invoice is not one of this customer's unpaid invoices.", {
            allocations: "Choose this customer's unpaid invoices.",
          });
        continue;
      }
      if (want.amountMinor !== undefined && want.amountMinor > invoice.balanceMinor)
        throw new Invalid(`${invoice.displayNumber} has ${invoice.balanceMinor} left to pay; allocate at most that.`, {
          allocations: `${invoice.displayNumber}: at most its balance.`,
        });
      const amount = Math.min(left, want.amountMinor ?? invoice.balanceMinor);
      if (amount <= 0) continue;
      await credit.settleInvoice(scope, invoice.id, amount);
      result.allocations.push({ invoiceId: invoice.id, amountMinor: amount });
      left -= amount;
    }
    if (result.allocations.length)
      await scope.tx.paymentAllocation.createMany({
        data: result.allocations.map((a) => ({ id: newId(), companyId: scope.companyId, paymentId: payment.id, ...a })),
      });
    if (left > 0) {
      await credit.addCreditEntry(scope, {
        customerId,
        kind: "OVERPAYMENT",
        amountMinor: left,
        paymentId: payment.id,
        note: "More than the invoices owed",
      });
      result.creditedMinor = left;
    }
  }
  // WALLET_TOPUP: the wallet module credits the wallet on paymentPosted; nothing is allocated here.

  const posted = await scope.tx.payment.updateMany({
    where: { id: payment.id, postedAt: null },
    data: { postedAt: new Date() },
  });
  if (posted.count !== 1) throw new Conflict("This payment is already posted.");
  const recovered = result.allocations.filter((a) => byIdStatus.get(a.invoiceId) === "UNCOLLECTIBLE");
  await audit.record(scope, {
    action: "payments.post",
    entityType: "Payment",
    entityId: payment.id,
    after: {
      customerId,
      amountMinor: payment.amountMinor,
      purpose: payment.purpose,
      ...result,
      ...(recovered.length ? { recoveredBadDebt: recovered } : {}),
    },
  });
  await emit(
    paymentPosted,
    { companyId: scope.companyId, paymentId: payment.id, customerId },
    { id: `payment-posted-${payment.id}` },
  );
  return result;
}
