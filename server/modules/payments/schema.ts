import { z } from "zod";
import { optionalText } from "../../lib/schema";

// Payment schemas: pure zod, shared by the console's forms and the server.

// ── payment methods (provider settings) ─────────────────────────────────────────────────────

export const PAYMENT_PROVIDERS = ["STRIPE", "MPESA"] as const;
export type PaymentProviderKey = (typeof PAYMENT_PROVIDERS)[number];
export const PAYMENT_PROVIDER_LABELS: Record<PaymentProviderKey, string> = { STRIPE: "Card (Stripe)", MPESA: "M-Pesa" };

/** What to set, said wherever a method is refused or shown as off. */
export const PROVIDER_OFF_MESSAGES: Record<PaymentProviderKey, string> = {
  STRIPE:
    "Card payments are off: a billing administrator enters the Stripe secret key and the webhook signing secret in Billing → Payment methods.",
  MPESA:
    "M-Pesa is off: a billing administrator enters the paybill or till number, the Daraja consumer key and secret and the Lipa na M-Pesa Online passkey in Billing → Payment methods.",
};

/** A write-only secret: empty keeps the stored one. */
const secret = (label: string) => optionalText(300, label);

export const saveStripeSettingsSchema = z.object({
  secretKey: secret("The secret key").refine((v) => !v || /^(sk|rk)_(test|live)_\w+$/.test(v), {
    message: "A Stripe secret key starts with sk_live_, sk_test_ (or rk_ for a restricted key).",
  }),
  webhookSecret: secret("The signing secret").refine((v) => !v || /^whsec_\w+$/.test(v), {
    message: "The webhook signing secret starts with whsec_.",
  }),
});
export type SaveStripeSettingsInput = z.input<typeof saveStripeSettingsSchema>;

const digits = (label: string, min: number, max: number) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .regex(new RegExp(`^\\d{${min},${max}}$`), `The ${label} is ${min} to ${max} digits.`);

export const MPESA_ENVIRONMENTS = ["SANDBOX", "PRODUCTION"] as const;
export const MPESA_ENVIRONMENT_LABELS: Record<(typeof MPESA_ENVIRONMENTS)[number], string> = {
  SANDBOX: "Sandbox (testing)",
  PRODUCTION: "Production",
};

export const saveMpesaSettingsSchema = z.object({
  environment: z.enum(MPESA_ENVIRONMENTS, { error: "Choose sandbox or production." }),
  shortcode: digits("paybill or store number", 5, 7),
  till: z
    .string()
    .trim()
    .regex(/^(\d{5,8})?$/, "A till number is 5 to 8 digits.")
    .nullish()
    .transform((v) => v || null),
  consumerKey: z
    .string({ error: "Enter the consumer key." })
    .trim()
    .min(1, "Enter the Daraja app's consumer key.")
    .max(200),
  consumerSecret: secret("The consumer secret"),
  passkey: secret("The passkey"),
  initiatorName: optionalText(100, "The initiator name"),
  securityCredential: optionalText(2000, "The security credential"),
});
export type SaveMpesaSettingsInput = z.input<typeof saveMpesaSettingsSchema>;

export const paymentProviderSchema = z.object({ provider: z.enum(PAYMENT_PROVIDERS) });
