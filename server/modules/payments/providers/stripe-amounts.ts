import { currencyDigits } from "../../../lib/money";

// Our amounts are minor units of the currency as ISO 4217 counts them (server/lib/money.ts);
// Stripe's are "the smallest unit" as Stripe counts them, and the two disagree for a few
// currencies (docs.stripe.com/currencies): Stripe's zero-decimal list below takes whole units,
// the three-decimal ones take thousandths that must end in 0, ISK is whole krónur in ISO but
// two-decimal in Stripe's API, and everything else (KES, USD, TZS, ZAR…) is two-decimal.

const ZERO_DECIMAL = new Set([
  "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
]); // prettier-ignore
const THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);

export function stripeDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** An amount Stripe cannot charge exactly: refused before anything is sent. */
export class UnchargeableAmount extends Error {
  readonly code = "UNCHARGEABLE_AMOUNT";
}

/** Our minor units → Stripe's. Refuses (never rounds) an amount Stripe cannot represent exactly. */
export function toStripeAmount(amountMinor: number, currency: string): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new UnchargeableAmount(`The amount must be a positive whole number of minor units, not ${amountMinor}.`);
  }
  const shift = stripeDigits(currency) - currencyDigits(currency);
  const amount = shift >= 0 ? amountMinor * 10 ** shift : amountMinor / 10 ** -shift;
  if (!Number.isInteger(amount)) {
    throw new UnchargeableAmount(`Stripe charges ${currency.toUpperCase()} in whole units: the amount has a fraction.`);
  }
  if (THREE_DECIMAL.has(currency.toUpperCase()) && amount % 10 !== 0) {
    throw new UnchargeableAmount(`Stripe charges ${currency.toUpperCase()} only in multiples of 0.010.`);
  }
  return amount;
}

/** Stripe's smallest units → ours (what a webhook reports moved). */
export function fromStripeAmount(amount: number, currency: string): number {
  const shift = stripeDigits(currency) - currencyDigits(currency);
  return shift >= 0 ? Math.round(amount / 10 ** shift) : amount * 10 ** -shift;
}
