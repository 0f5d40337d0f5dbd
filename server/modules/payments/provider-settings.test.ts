import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { resetEnvCache } from "../../lib/env";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { adapterFor, urlTokenMatches } from "./provider-settings";
import { startFakeDaraja, type FakeDaraja } from "./providers/fake-daraja";
import { PROVIDER_SETUP_HINTS } from "./schema";

let daraja: FakeDaraja;
let company: Awaited<ReturnType<typeof makeCompany>>;
let admin: Awaited<ReturnType<typeof callerAs>>;
let csm: Awaited<ReturnType<typeof callerAs>>;

beforeAll(async () => {
  daraja = await startFakeDaraja("ck-acme", "cs-acme");
  process.env.MPESA_API_URL = daraja.url;
  resetEnvCache();
  company = await makeCompany("pay-methods");
  admin = await callerAs(company.company, (await makeUser(company.company.id, "BILLING_ADMIN")).id);
  csm = await callerAs(company.company, (await makeUser(company.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
});
afterAll(async () => {
  delete process.env.MPESA_API_URL;
  resetEnvCache();
  await daraja.close();
});

const auditActions = () =>
  withTenant(company.company.id, async (tx) =>
    (
      await tx.auditEntry.findMany({ where: { action: { startsWith: "payments." } }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.action),
  );

describe("payment methods", () => {
  it("shows each method off with what to set, and refuses to use one that is off", async () => {
    const methods = await admin.payments.methods.get();
    expect(methods.stripe).toMatchObject({
      enabled: false,
      offMessage: PROVIDER_SETUP_HINTS.STRIPE,
      webhookUrl: null,
    });
    expect(methods.mpesa).toMatchObject({
      enabled: false,
      offMessage: PROVIDER_SETUP_HINTS.MPESA,
      callbackUrls: null,
    });
    await expect(withTenant(company.company.id, (tx) => adapterFor(tx, company.company.id, "MPESA"))).rejects.toThrow(
      /M-Pesa is off: a billing administrator enters/,
    );
  });

  it("only billing managers see or change them", async () => {
    expect((await failure(csm.payments.methods.get())).code).toBe("FORBIDDEN");
  });

  it("switches card payments on only with both secrets, seals them, and gives a webhook URL with a token", async () => {
    const refused = await failure(admin.payments.methods.saveStripe({ secretKey: "sk_test_abc123" }));
    expect(refused.fields).toEqual({ webhookSecret: "Enter the signing secret of the webhook endpoint." });
    const bad = await failure(admin.payments.methods.saveStripe({ secretKey: "pk_test_x", webhookSecret: "whsec_1" })); // prettier-ignore
    expect(bad.fields?.secretKey).toMatch(/starts with sk_live_/);

    const on = await admin.payments.methods.saveStripe({ secretKey: "sk_test_abc123", webhookSecret: "whsec_abc" });
    expect(on.stripe.enabled).toBe(true);
    const token = /^http:\/\/pay-methods\.localhost:3000\/api\/webhooks\/stripe\/([\w-]{32})$/.exec(on.stripe.webhookUrl!)?.[1]; // prettier-ignore
    expect(token).toBeTruthy();
    const row = await withTenant(company.company.id, (tx) => tx.stripeSettings.findUniqueOrThrow({ where: { companyId: company.company.id } })); // prettier-ignore
    expect(JSON.stringify(row)).not.toMatch(/sk_test_abc123|whsec_abc|token/);
    expect(JSON.stringify(row)).not.toContain(token);
    await withTenant(company.company.id, async (tx) => {
      expect(await urlTokenMatches(tx, company.company.id, "STRIPE", token!)).toBe(true);
      expect(await urlTokenMatches(tx, company.company.id, "STRIPE", `${token}x`)).toBe(false);
      expect(await urlTokenMatches(tx, company.company.id, "MPESA", token!)).toBe(false);
    });

    // A later save may replace one secret and keep the other; the URL stays the same.
    const again = await admin.payments.methods.saveStripe({ webhookSecret: "whsec_rotated" });
    expect(again.stripe.webhookUrl).toBe(on.stripe.webhookUrl);
    expect(JSON.stringify(again)).not.toMatch(/sk_test|whsec/);
  });

  it("switches M-Pesa on, registers its paybill URLs with Safaricom, and off again with a new token next time", async () => {
    const missing = await failure(
      admin.payments.methods.saveMpesa({ environment: "SANDBOX", shortcode: "174379", consumerKey: "ck-acme" }),
    );
    expect(Object.keys(missing.fields ?? {}).sort()).toEqual(["consumerSecret", "passkey"]);

    const on = await admin.payments.methods.saveMpesa({
      environment: "SANDBOX",
      shortcode: "174379",
      consumerKey: "ck-acme",
      consumerSecret: "cs-acme",
      passkey: "pk-acme",
    });
    expect(on.mpesa).toMatchObject({ enabled: true, shortcode: "174379", confirmsPaybill: false });
    expect(on.mpesa.callbackUrls!.confirmation).toMatch(/^http:\/\/pay-methods\.localhost:3000\/api\/mpesa\/[\w-]{32}\/c2b\/confirmation$/); // prettier-ignore

    await admin.payments.methods.registerMpesaUrls();
    const registered = daraja.requests.find((r) => r.path === "/mpesa/c2b/v1/registerurl")!;
    expect(registered.body).toMatchObject({
      ShortCode: "174379",
      ConfirmationURL: on.mpesa.callbackUrls!.confirmation,
      ValidationURL: on.mpesa.callbackUrls!.validation,
    });

    // Keeping the app, the stored secrets stay; the initiator turns paybill confirmation on.
    const withInitiator = await admin.payments.methods.saveMpesa({
      environment: "SANDBOX",
      shortcode: "174379",
      consumerKey: "ck-acme",
      initiatorName: "apiop",
      securityCredential: "cred==",
    });
    expect(withInitiator.mpesa).toMatchObject({ confirmsPaybill: true, securityCredentialSet: true });
    expect(withInitiator.mpesa.callbackUrls).toEqual(on.mpesa.callbackUrls);

    const off = await admin.payments.methods.switchOff({ provider: "MPESA" });
    expect(off.mpesa).toMatchObject({ enabled: false, offMessage: PROVIDER_SETUP_HINTS.MPESA });
    const back = await admin.payments.methods.saveMpesa({
      environment: "SANDBOX",
      shortcode: "174379",
      consumerKey: "ck-acme",
      consumerSecret: "cs-acme",
      passkey: "pk-acme",
    });
    expect(back.mpesa.callbackUrls!.confirmation).not.toBe(on.mpesa.callbackUrls!.confirmation);

    expect(await auditActions()).toEqual([
      "payments.stripe_on",
      "payments.stripe_update",
      "payments.mpesa_on",
      "payments.mpesa_register_urls",
      "payments.mpesa_update",
      "payments.mpesa_off",
      "payments.mpesa_on",
    ]);
  });
});
