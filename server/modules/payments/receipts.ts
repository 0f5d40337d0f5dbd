import { createElement } from "react";
import { PaymentReceiptEmail } from "../../../emails/payment-receipt";
import { withTenant } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { sendMail } from "../../lib/mailer";
import { formatMoney } from "../../lib/money";
import { companyUrl } from "../../lib/urls";
import { formatAccountNumber } from "../customers/schema";
import * as sms from "../sms/service";
import { todayIn } from "../subscriptions/dates";
import type { Scope } from "../scope";
import { METHOD_LABELS } from "./schema";
import { get } from "./service";

// The receipt a customer gets when their payment posts: an e-mail (when we have their address)
// and an SMS with the PAYMENT_RECEIVED template (when the company has SMS switched on and we have
// their phone). Once per payment: receiptSentAt is claimed in the same transaction that queues
// both, so a repeated paymentPosted event (retry, replay) sends nothing more.

export type ReceiptResult =
  { paymentId: string; email: boolean; sms: boolean } | { paymentId: string; skipped: "already_sent" | "not_posted" };

export async function sendReceipt(companyId: string, paymentId: string): Promise<ReceiptResult> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "payments.receipt" } };
    const payment = await get(scope, paymentId);
    // Not committed yet, or not yet posted by the transaction that emitted the event: retried inline.
    if (!payment.postedAt || !payment.customer) throw new NotFound("Posted payment");
    const claimed = await tx.payment.updateMany({
      where: { id: paymentId, receiptSentAt: null },
      data: { receiptSentAt: new Date() },
    });
    if (claimed.count === 0) return { paymentId, skipped: "already_sent" as const };

    const company = await tx.company.findUniqueOrThrow({
      where: { id: companyId },
      select: { name: true, slug: true, timeZone: true },
    });
    const money = (n: number) => formatMoney(n, payment.currency);
    const receipt = payment.receipt ?? "";
    const customer = payment.customer;
    let email = false;
    if (customer.email) {
      await sendMail(scope, {
        to: customer.email,
        subject: `Receipt ${receipt}: ${money(payment.amountMinor)} received`,
        body: createElement(PaymentReceiptEmail, {
          companyName: company.name,
          customerName: customer.name,
          accountNumber: formatAccountNumber(customer.accountNumber),
          receipt,
          amount: money(payment.amountMinor),
          method: METHOD_LABELS[payment.method],
          receivedOn: todayIn(company.timeZone, payment.receivedAt ?? payment.createdAt),
          reference: payment.reference,
          allocations: payment.allocations
            .filter((a) => a.amountMinor > 0)
            .map((a) => ({ invoice: a.number, amount: money(a.amountMinor) })),
          credit: payment.creditedMinor > 0 ? money(payment.creditedMinor) : null,
        }),
      });
      email = true;
    }
    let texted = false;
    if (customer.phone && (await sms.isEnabled(scope))) {
      try {
        await sms.send(scope, {
          to: customer.phone,
          key: `payment:${paymentId}:receipt`,
          template: "PAYMENT_RECEIVED",
          values: {
            firstName: customer.firstName ?? customer.name,
            // SMS keep the short number, like every other text (dunning, data caps).
            accountNumber: String(customer.accountNumber),
            companyName: company.name,
            amount: money(payment.amountMinor),
            link: companyUrl(company.slug, "/portal"),
          },
        });
        texted = true;
      } catch (err) {
        // A phone number SMS cannot reach must not stop the e-mailed receipt.
        if (!(err instanceof Error && (err as { code?: string }).code === "INVALID")) throw err;
      }
    }
    return { paymentId, email, sms: texted };
  });
}
