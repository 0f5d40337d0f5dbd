import { z } from "zod";
import { Invalid, NotFound } from "../../lib/errors";
import { companyUrl } from "../../lib/urls";
import { withTenant, type Tx } from "../../db/tenant";
import type { Scope, Tenant } from "../scope";
import { adapterFor } from "./provider-settings";
import { MpesaAmountRefused, wholeShillings } from "./providers/mpesa";
import { toStripeAmount, UnchargeableAmount } from "./providers/stripe-amounts";
import type { InitiateRequest, InitiateResult } from "./providers/types";
import { payNowSchema } from "./schema";
import { attachProviderRef, createPending, markFailed } from "./service";

// "Pay now" from the portal: a PENDING payment, then the provider's part (Stripe Checkout's page,
// or an M-Pesa prompt on the customer's phone). Three steps, never one transaction around the
// provider: the PENDING payment is committed first (so every attempt the provider may know of has
// a row the sweep can settle), the provider is called outside any transaction (a slow provider
// holds no connection and no lock), and its id is attached in a second short transaction. A
// provider that refuses or does not answer leaves the payment FAILED with its reason, and the
// customer is told why. The webhook, the callback or the sweep settles the payment later.

export const startPaymentSchema = payNowSchema.extend({
  customerId: z.string().min(1).max(64),
  /** Where Stripe Checkout sends the customer back (a path on the company's address). */
  returnPath: z
    .string()
    .regex(/^\/[\w\-/?=&.]*$/, "A path on this site.")
    .max(200)
    .default("/portal"),
});
export type StartPaymentInput = z.input<typeof startPaymentSchema>;

export type StartedPayment = { paymentId: string } & InitiateResult;

/** "0712 345 678", "+254712345678", "254712345678" → "254712345678"; null when not a Kenyan mobile. */
export function mpesaPhone(text: string | null | undefined): string | null {
  const digits = (text ?? "").replace(/[\s()+-]/g, "");
  const m = /^(?:254|0)?([17]\d{8})$/.exec(digits);
  return m ? `254${m[1]}` : null;
}

export async function startPayment(tenant: Tenant, input: StartPaymentInput): Promise<StartedPayment> {
  const data = startPaymentSchema.parse(input);
  const scopeIn = (tx: Tx): Scope => ({ tx, ...tenant });

  // 1. Checks and the PENDING payment, committed before the provider hears of it.
  const { payment, adapter, request } = await withTenant(tenant.companyId, async (tx) => {
    const scope = scopeIn(tx);
    const [customer, company] = [
      await tx.customer.findUnique({
        where: { id: data.customerId },
        select: { id: true, accountNumber: true, email: true, phone: true },
      }),
      await tx.company.findUniqueOrThrow({
        where: { id: tenant.companyId },
        select: { slug: true, currency: true, name: true },
      }),
    ];
    if (!customer) throw new NotFound("Customer");
    // A top-up goes to the wallet whole; naming invoices with it would promise what posting never does.
    if (data.purpose === "WALLET_TOPUP" && data.invoiceIds?.length)
      throw new Invalid("A wallet top-up pays no invoices: pay invoices with Pay now instead.");
    if (data.invoiceIds?.length) {
      const owned = await tx.invoice.count({
        where: { id: { in: data.invoiceIds }, customerId: customer.id, status: { in: ["OPEN", "PARTIALLY_PAID"] } },
      });
      if (owned !== new Set(data.invoiceIds).size) throw new Invalid("Choose open invoices of this account to pay.");
    }
    const adapter = await adapterFor(tx, tenant.companyId, data.provider);

    // Refuse what the rail cannot take before anything is written.
    const phone = data.provider === "MPESA" ? mpesaPhone(data.phone ?? customer.phone) : null;
    try {
      if (data.provider === "MPESA") {
        wholeShillings(data.amountMinor, company.currency);
        if (!phone) throw new Invalid("Enter the M-Pesa phone number to pay from.", { phone: "Enter a Safaricom number, e.g. 0712 345 678." }); // prettier-ignore
      } else {
        toStripeAmount(data.amountMinor, company.currency);
      }
    } catch (err) {
      if (err instanceof MpesaAmountRefused || err instanceof UnchargeableAmount)
        throw new Invalid(err.message, { amountMinor: err.message });
      throw err;
    }

    const payment = await createPending(scope, {
      customerId: customer.id,
      method: data.provider === "STRIPE" ? "CARD" : "MPESA",
      provider: data.provider,
      amountMinor: data.amountMinor,
      purpose: data.purpose,
      invoiceIds: data.invoiceIds,
      payerPhone: phone,
    });
    const account = String(customer.accountNumber);
    const request: InitiateRequest = {
      paymentId: payment.id,
      amountMinor: data.amountMinor,
      currency: company.currency,
      accountNumber: account,
      description:
        data.purpose === "WALLET_TOPUP" ? `${company.name} wallet top-up` : `${company.name} account ${account}`,
      email: customer.email,
      phone,
      returnUrl: companyUrl(
        company.slug,
        `${data.returnPath}${data.returnPath.includes("?") ? "&" : "?"}payment=${payment.id}`,
      ),
      cancelUrl: companyUrl(company.slug, data.returnPath),
    };
    return { payment, adapter, request };
  });

  // 2. The provider, outside any transaction.
  let started: InitiateResult;
  try {
    started = await adapter.initiate(request);
  } catch (err) {
    // 3a. Refused or unanswered: the payment fails with the provider's words, and the customer hears them.
    const reason = `${data.provider === "STRIPE" ? "The card payment" : "The M-Pesa payment"} could not be started: ${err instanceof Error ? err.message : "the provider did not answer"}`; // prettier-ignore
    await withTenant(tenant.companyId, (tx) => markFailed(scopeIn(tx), payment.id, reason));
    throw new Invalid(reason);
  }
  // 3b. The provider's id, in its own short transaction.
  await withTenant(tenant.companyId, (tx) => attachProviderRef(scopeIn(tx), payment.id, started.providerRef));
  return { paymentId: payment.id, ...started };
}
