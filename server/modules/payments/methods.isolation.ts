import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { seal } from "../../lib/crypto";
import { resetEnvCache } from "../../lib/env";
import { fixture, type World } from "../../test/isolation";
import { call, hostOf } from "../../api/rest/testing";
import type { RestRoute } from "../../api/rest/route";
import * as callbacks from "./callbacks-rest";
import { startFakeDaraja } from "./providers/fake-daraja";

// Tenant isolation of Billing → Payment methods (spread into this module's isolation.cases.ts):
// B's Stripe and M-Pesa settings must neither show nor change when A manages its own.

export const B_TOKEN = "bravo-url-token-never-shown-to-alpha";

export const methodsFixture = fixture(async (w: World) => {
  // A's M-Pesa calls go to a local fake Daraja (never the internet).
  const daraja = await startFakeDaraja("alpha-consumer-key", "alpha-secret");
  process.env.MPESA_API_URL = daraja.url;
  resetEnvCache();
  await withTenant(w.B.company.id, async (tx) => {
    await tx.stripeSettings.create({
      data: {
        companyId: w.B.company.id,
        secretKeySealed: seal("sk_test_bravo"),
        webhookSecretSealed: seal("whsec_bravo"),
        urlTokenSealed: seal(B_TOKEN),
      },
    });
    await tx.mpesaSettings.create({
      data: {
        companyId: w.B.company.id,
        environment: "SANDBOX",
        shortcode: "778899",
        consumerKey: "bravo-consumer-key",
        consumerSecretSealed: seal("bravo-secret"),
        passkeySealed: seal("bravo-passkey"),
        urlTokenSealed: seal(B_TOKEN),
      },
    });
  });
  return { daraja };
});
type Made = Awaited<ReturnType<typeof methodsFixture>>;

export const methodsSnapshotB = async (tx: Parameters<NonNullable<Parameters<typeof withTenant>[1]>>[0]) => ({
  stripeSettings: await tx.stripeSettings.findMany(),
  mpesaSettings: await tx.mpesaSettings.findMany(),
});

export const methodsIdsOfB = [B_TOKEN, "bravo-consumer-key", "778899"];

const alphaMpesa = {
  environment: "SANDBOX" as const,
  shortcode: "174379",
  consumerKey: "alpha-consumer-key",
  consumerSecret: "alpha-secret",
  passkey: "alpha-passkey",
};

export const methodsProcedures = {
  "payments.methods.get": async (w: World) => {
    const mine = await w.aAdmin.payments.methods.get();
    await w.expectNoneOfB(mine);
  },
  "payments.methods.saveStripe": async (w: World) => {
    const saved = await w.aAdmin.payments.methods.saveStripe({
      secretKey: "sk_test_alpha",
      webhookSecret: "whsec_alpha",
    });
    expect(saved.stripe.webhookUrl).toContain("alpha-net");
    await w.expectNoneOfB(saved);
  },
  "payments.methods.saveMpesa": async (w: World) => {
    const saved = await w.aAdmin.payments.methods.saveMpesa(alphaMpesa);
    expect(saved.mpesa.shortcode).toBe("174379");
    await w.expectNoneOfB(saved);
  },
  "payments.methods.switchOff": async (w: World) => {
    const off = await w.aAdmin.payments.methods.switchOff({ provider: "STRIPE" });
    expect(off.stripe.enabled).toBe(false);
    await w.expectNoneOfB(off);
  },
  "payments.methods.registerMpesaUrls": async (w: World, f: Made) => {
    await w.aAdmin.payments.methods.saveMpesa(alphaMpesa);
    await w.aAdmin.payments.methods.registerMpesaUrls();
    // A's shortcode and A's URLs went to Safaricom, never B's.
    const sent = f.daraja.requests.filter((r) => r.path === "/mpesa/c2b/v1/registerurl").map((r) => r.body);
    expect(sent.map((b) => b.ShortCode)).toEqual(["174379"]);
    await w.expectNoneOfB(sent);
  },
};

/** B's URL token on A's address: 404, nothing stored, nothing of B in the answer. */
const refusedAtA = (route: RestRoute, raw: string) => async (w: World) => {
  const res = await call(route, { host: hostOf(w.A.company.slug), raw, params: { token: B_TOKEN } });
  expect(res.status).toBe(404);
  await w.expectNoneOfB(res.text);
};

const c2b = JSON.stringify({ TransID: "ISO0000001", TransAmount: "100.00", BillRefNumber: "1" });
const stk = JSON.stringify({ Body: { stkCallback: { CheckoutRequestID: "ws_CO_iso", ResultCode: 1032 } } });

export const methodsRest = {
  "POST /api/webhooks/stripe/{token}": refusedAtA(callbacks.stripeWebhook, JSON.stringify({ id: "evt_iso" })),
  "POST /api/mpesa/{token}/stk-callback": refusedAtA(callbacks.mpesaStkCallback, stk),
  "POST /api/mpesa/{token}/c2b/validation": refusedAtA(callbacks.mpesaC2bValidation, c2b),
  "POST /api/mpesa/{token}/c2b/confirmation": refusedAtA(callbacks.mpesaC2bConfirmation, c2b),
  "POST /api/mpesa/{token}/status/result": refusedAtA(callbacks.mpesaStatusResult, JSON.stringify({ Result: {} })),
  "POST /api/mpesa/{token}/status/timeout": refusedAtA(callbacks.mpesaStatusTimeout, "{}"),
  "POST /api/mpesa/{token}/reversal-result": refusedAtA(callbacks.mpesaReversalResult, JSON.stringify({ Result: { ConversationID: "AG_iso", ResultCode: 0, TransactionID: "ISO0000002" } })), // prettier-ignore
  "POST /api/mpesa/{token}/reversal-timeout": refusedAtA(callbacks.mpesaReversalTimeout, JSON.stringify({ Result: { ConversationID: "AG_iso" } })), // prettier-ignore
};
