import type { Tx } from "../../db/tenant";
import { randomToken, safeEqual, seal, unseal } from "../../lib/crypto";
import { env } from "../../lib/env";
import { Invalid } from "../../lib/errors";
import { companyUrl } from "../../lib/urls";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { DARAJA_PRODUCTION_URL, DARAJA_SANDBOX_URL } from "./providers/daraja-client";
import { mpesaAdapter, type MpesaAdapter } from "./providers/mpesa";
import { stripeAdapter } from "./providers/stripe";
import type { PaymentProviderAdapter } from "./providers/types";
import {
  PROVIDER_OFF_MESSAGES,
  PROVIDER_SETUP_HINTS,
  saveMpesaSettingsSchema,
  saveStripeSettingsSchema,
  type PaymentProviderKey,
  type SaveMpesaSettingsInput,
  type SaveStripeSettingsInput,
} from "./schema";

// Billing → Payment methods: each company's own Stripe account and M-Pesa paybill or till.
// Keys and secrets are sealed at rest and never leave the server again (the console is told only
// whether each is set). Each method gets an unguessable URL token when it is first switched on:
// Stripe's webhook and Daraja's callbacks come to the company's address with it, and a post
// without the right token is answered 404. adapterFor() is the one place that turns settings
// into a working adapter; without settings it refuses with what to set.

async function slugOf(tx: Tx, companyId: string) {
  return (await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { slug: true } })).slug;
}

const stripeWebhookPath = (token: string) => `/api/webhooks/stripe/${token}`;
const mpesaBasePath = (token: string) => `/api/mpesa/${token}`;

export async function getMethods(scope: Scope) {
  const [stripe, mpesa, slug] = [
    await scope.tx.stripeSettings.findUnique({ where: { companyId: scope.companyId } }),
    await scope.tx.mpesaSettings.findUnique({ where: { companyId: scope.companyId } }),
    await slugOf(scope.tx, scope.companyId),
  ];
  const mpesaBase = mpesa ? companyUrl(slug, mpesaBasePath(unseal(mpesa.urlTokenSealed))) : null;
  return {
    stripe: {
      enabled: !!stripe,
      offMessage: stripe ? null : PROVIDER_SETUP_HINTS.STRIPE,
      secretKeySet: !!stripe,
      webhookSecretSet: !!stripe,
      /** Paste into Stripe → Developers → Webhooks as the endpoint URL. */
      webhookUrl: stripe ? companyUrl(slug, stripeWebhookPath(unseal(stripe.urlTokenSealed))) : null,
      updatedAt: stripe?.updatedAt ?? null,
    },
    mpesa: {
      enabled: !!mpesa,
      offMessage: mpesa ? null : PROVIDER_SETUP_HINTS.MPESA,
      environment: mpesa?.environment ?? null,
      shortcode: mpesa?.shortcode ?? "",
      till: mpesa?.till ?? "",
      consumerKey: mpesa?.consumerKey ?? "",
      consumerSecretSet: !!mpesa,
      passkeySet: !!mpesa,
      initiatorName: mpesa?.initiatorName ?? "",
      securityCredentialSet: !!mpesa?.securityCredentialSealed,
      /** Paybill payments are credited only once Daraja confirms them, which needs the initiator. */
      confirmsPaybill: !!(mpesa?.initiatorName && mpesa.securityCredentialSealed),
      callbackUrls: mpesaBase
        ? {
            stk: `${mpesaBase}/stk-callback`,
            validation: `${mpesaBase}/c2b/validation`,
            confirmation: `${mpesaBase}/c2b/confirmation`,
            statusResult: `${mpesaBase}/status/result`,
          }
        : null,
      updatedAt: mpesa?.updatedAt ?? null,
    },
  };
}

export async function saveStripe(scope: Scope, input: SaveStripeSettingsInput) {
  const data = saveStripeSettingsSchema.parse(input);
  const before = await scope.tx.stripeSettings.findUnique({ where: { companyId: scope.companyId } });
  if (!before && (!data.secretKey || !data.webhookSecret)) {
    throw new Invalid("Enter the secret key and the webhook signing secret to switch card payments on.", {
      ...(data.secretKey ? {} : { secretKey: "Enter the secret key (Stripe → Developers → API keys)." }),
      ...(data.webhookSecret ? {} : { webhookSecret: "Enter the signing secret of the webhook endpoint." }),
    });
  }
  const fields = {
    secretKeySealed: data.secretKey ? seal(data.secretKey) : before!.secretKeySealed,
    webhookSecretSealed: data.webhookSecret ? seal(data.webhookSecret) : before!.webhookSecretSealed,
  };
  await scope.tx.stripeSettings.upsert({
    where: { companyId: scope.companyId },
    create: { companyId: scope.companyId, ...fields, urlTokenSealed: seal(randomToken(24)) },
    update: fields,
  });
  await audit.record(scope, {
    action: before ? "payments.stripe_update" : "payments.stripe_on",
    entityType: "StripeSettings",
    entityId: scope.companyId,
    // Which credentials changed, never the credentials.
    after: { newSecretKey: !!data.secretKey, newWebhookSecret: !!data.webhookSecret },
  });
  return getMethods(scope);
}

export async function saveMpesa(scope: Scope, input: SaveMpesaSettingsInput) {
  const data = saveMpesaSettingsSchema.parse(input);
  const before = await scope.tx.mpesaSettings.findUnique({ where: { companyId: scope.companyId } });
  // Another app or environment makes the stored secret meaningless: a new one must come with it.
  const sameApp = before && before.consumerKey === data.consumerKey && before.environment === data.environment;
  const sameShortcode = before && before.shortcode === data.shortcode;
  const fields: Record<string, string> = {};
  if (!data.consumerSecret && !sameApp) fields.consumerSecret = "Enter the consumer secret of this Daraja app.";
  if (!data.passkey && !(sameApp && sameShortcode)) fields.passkey = "Enter the passkey Safaricom issued for this shortcode."; // prettier-ignore
  if (data.securityCredential && !data.initiatorName) fields.initiatorName = "Enter the initiator's user name.";
  if (Object.keys(fields).length) throw new Invalid("Some M-Pesa credentials are missing.", fields);
  const keepCredential = data.initiatorName && data.initiatorName === before?.initiatorName;
  const row = {
    environment: data.environment,
    shortcode: data.shortcode,
    till: data.till,
    consumerKey: data.consumerKey,
    consumerSecretSealed: data.consumerSecret ? seal(data.consumerSecret) : before!.consumerSecretSealed,
    passkeySealed: data.passkey ? seal(data.passkey) : before!.passkeySealed,
    initiatorName: data.initiatorName,
    securityCredentialSealed: data.securityCredential
      ? seal(data.securityCredential)
      : keepCredential
        ? (before?.securityCredentialSealed ?? null)
        : null,
  };
  await scope.tx.mpesaSettings.upsert({
    where: { companyId: scope.companyId },
    create: { companyId: scope.companyId, ...row, urlTokenSealed: seal(randomToken(24)) },
    update: row,
  });
  const shown = (r: { environment: string; shortcode: string; till: string | null; consumerKey: string; initiatorName: string | null }) => ({ environment: r.environment, shortcode: r.shortcode, till: r.till, consumerKey: r.consumerKey, initiatorName: r.initiatorName }); // prettier-ignore
  await audit.record(scope, {
    action: before ? "payments.mpesa_update" : "payments.mpesa_on",
    entityType: "MpesaSettings",
    entityId: scope.companyId,
    before: before ? shown(before) : null,
    after: {
      ...shown(row),
      newConsumerSecret: !!data.consumerSecret,
      newPasskey: !!data.passkey,
      newSecurityCredential: !!data.securityCredential,
    },
  });
  return getMethods(scope);
}

/** Switches a method off: its credentials and URL token are forgotten (a later switch-on gets a new URL). */
export async function switchOff(scope: Scope, provider: PaymentProviderKey) {
  const where = { companyId: scope.companyId };
  const removed =
    provider === "STRIPE"
      ? await scope.tx.stripeSettings.deleteMany({ where })
      : await scope.tx.mpesaSettings.deleteMany({ where });
  if (removed.count) {
    await audit.record(scope, {
      action: provider === "STRIPE" ? "payments.stripe_off" : "payments.mpesa_off",
      entityType: provider === "STRIPE" ? "StripeSettings" : "MpesaSettings",
      entityId: scope.companyId,
    });
  }
  return getMethods(scope);
}

/** Which methods a customer can pay by now (the portal's pay-now offers only these). */
export async function enabledMethods(tx: Tx, companyId: string): Promise<PaymentProviderKey[]> {
  const [stripe, mpesa] = [
    await tx.stripeSettings.findUnique({ where: { companyId }, select: { companyId: true } }),
    await tx.mpesaSettings.findUnique({ where: { companyId }, select: { companyId: true } }),
  ];
  return [...(stripe ? (["STRIPE"] as const) : []), ...(mpesa ? (["MPESA"] as const) : [])];
}

/** True when `token` is the company's URL token for the provider (compared in constant time). */
export async function urlTokenMatches(tx: Tx, companyId: string, provider: PaymentProviderKey, token: string) {
  const row =
    provider === "STRIPE"
      ? await tx.stripeSettings.findUnique({ where: { companyId }, select: { urlTokenSealed: true } })
      : await tx.mpesaSettings.findUnique({ where: { companyId }, select: { urlTokenSealed: true } });
  return !!row && safeEqual(unseal(row.urlTokenSealed), token);
}

function stripeApi() {
  const url = env().STRIPE_API_URL;
  if (!url) return {};
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port) || (parsed.protocol === "http:" ? 80 : 443),
    protocol: parsed.protocol.replace(":", "") as "http" | "https",
  };
}

export function adapterFor(tx: Tx, companyId: string, provider: "MPESA"): Promise<MpesaAdapter>;
export function adapterFor(tx: Tx, companyId: string, provider: PaymentProviderKey): Promise<PaymentProviderAdapter>;
/** The company's adapter for the provider, credentials unsealed for this use; refused with what to set when off. */
export async function adapterFor(tx: Tx, companyId: string, provider: PaymentProviderKey) {
  if (provider === "STRIPE") {
    const row = await tx.stripeSettings.findUnique({ where: { companyId } });
    if (!row) throw new Invalid(PROVIDER_OFF_MESSAGES.STRIPE);
    return stripeAdapter({
      secretKey: unseal(row.secretKeySealed),
      webhookSecret: unseal(row.webhookSecretSealed),
      ...stripeApi(),
    });
  }
  const row = await tx.mpesaSettings.findUnique({ where: { companyId } });
  if (!row) throw new Invalid(PROVIDER_OFF_MESSAGES.MPESA);
  return mpesaAdapter({
    baseUrl: env().MPESA_API_URL ?? (row.environment === "PRODUCTION" ? DARAJA_PRODUCTION_URL : DARAJA_SANDBOX_URL),
    consumerKey: row.consumerKey,
    consumerSecret: unseal(row.consumerSecretSealed),
    shortcode: row.shortcode,
    passkey: unseal(row.passkeySealed),
    till: row.till,
    callbackBaseUrl: companyUrl(await slugOf(tx, companyId), mpesaBasePath(unseal(row.urlTokenSealed))),
    initiatorName: row.initiatorName,
    securityCredential: row.securityCredentialSealed ? unseal(row.securityCredentialSealed) : null,
  });
}

/** Tells Safaricom where to post paybill validation and confirmation (once per shortcode, or after a URL change). */
export async function registerMpesaUrls(scope: Scope) {
  const adapter = await adapterFor(scope.tx, scope.companyId, "MPESA");
  try {
    await adapter.registerC2BUrls();
  } catch (err) {
    throw new Invalid(err instanceof Error ? err.message : "M-Pesa refused to register the URLs.");
  }
  await audit.record(scope, {
    action: "payments.mpesa_register_urls",
    entityType: "MpesaSettings",
    entityId: scope.companyId,
  });
  return { registered: true as const };
}
