import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { unseal } from "../../lib/crypto";
import { settleInline } from "../../jobs/emit";
import { systemActor } from "../scope";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure, failure } from "../../test/trpc";
import { SMS_OFF_MESSAGE } from "./schema";
import * as sms from "./service";
import { atAccepted, fakeSmsProvider, twilioQueued, useProviderUrls } from "./testing";

// SMS end to end on the real database and the real provider clients, against local fake
// Africa's Talking and Twilio servers: what is sent, what the log says, once per message,
// switched off until configured, and one company never sees another's.

type Company = Awaited<ReturnType<typeof makeCompany>>;
type Caller = Awaited<ReturnType<typeof callerAs>>;
type Fake = Awaited<ReturnType<typeof fakeSmsProvider>>;

let A: Company;
let B: Company;
let admin: Caller;
let adminB: Caller;
let at: Fake;
let tw: Fake;

const AT_KEY = "atsk_live_key_1234567890";
const TWILIO_TOKEN = "twilio-auth-token-abcdef";

const sendTest = async (caller: Caller, to: string) => {
  const queued = await caller.sms.settings.sendTest({ to });
  await settleInline();
  return caller.sms.log.get({ id: queued.id });
};
const logOf = (companyId: string) =>
  withTenant(companyId, (tx) => tx.smsMessage.findMany({ orderBy: { createdAt: "asc" } }));

beforeAll(async () => {
  at = await fakeSmsProvider((req) => ({ status: 201, body: atAccepted(req.form.to) }));
  tw = await fakeSmsProvider((req) => ({ status: 201, body: twilioQueued(req.form.To, req.form.From, req.form.Body) }));
  useProviderUrls({ africasTalking: at.url, twilio: tw.url });
  A = await makeCompany("sms-a", "Alpha Fibre");
  B = await makeCompany("sms-b", "Bravo Net");
  admin = await callerAs(A.company, (await makeUser(A.company.id, "SUPER_ADMIN")).id);
  adminB = await callerAs(B.company, (await makeUser(B.company.id, "SUPER_ADMIN")).id);
});

afterAll(async () => {
  useProviderUrls({});
  await at.close();
  await tw.close();
});

beforeEach(() => {
  at.requests.length = 0;
  tw.requests.length = 0;
});

describe("switched off until configured", () => {
  it("refuses to send with a message that says what to set, and logs nothing", async () => {
    const settings = await admin.sms.settings.get();
    expect(settings).toMatchObject({ enabled: false, offMessage: SMS_OFF_MESSAGE, secretSet: false });
    const f = await expectFailure(admin.sms.settings.sendTest({ to: "+254712345678" }), "UNPROCESSABLE_CONTENT");
    expect(f.message).toBe(SMS_OFF_MESSAGE);
    expect(f.message).toMatch(/Settings → SMS/);
    // Other modules get the same refusal from the service.
    const refused = withTenant(A.company.id, (tx) =>
      sms.send(
        { tx, companyId: A.company.id, actor: systemActor },
        { to: "+254712345678", key: "invoice:1:issued", body: "Hello" },
      ),
    );
    await expect(refused).rejects.toThrow(SMS_OFF_MESSAGE);
    expect(await logOf(A.company.id)).toEqual([]);
    expect(at.requests).toEqual([]);
    expect(await admin.sms.log.status()).toEqual({ enabled: false });
  });
});

describe("Africa's Talking", () => {
  it("sends with the company's username, API key and sender ID, and logs the id and cost", async () => {
    await admin.sms.settings.save({
      provider: "AFRICAS_TALKING",
      account: "alphafibre",
      secret: AT_KEY,
      senderId: "ALPHAFIBRE",
    });
    const message = await sendTest(admin, "+254 712 345 678");
    expect(at.requests).toHaveLength(1);
    const [req] = at.requests;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/version1/messaging");
    expect(req.headers.apikey).toBe(AT_KEY);
    expect(req.headers.accept).toBe("application/json");
    expect(req.form).toEqual({
      username: "alphafibre",
      to: "+254712345678",
      message: "Test message from Alpha Fibre: SMS is set up and working.",
      from: "ALPHAFIBRE",
    });
    expect(message).toMatchObject({
      to: "+254712345678",
      provider: "AFRICAS_TALKING",
      status: "SENT",
      providerMessageId: "ATXid_test",
      error: null,
      segments: 1,
      cost: { currency: "KES", amount: "0.80" },
    });
    expect(message.sentAt).toBeInstanceOf(Date);
    const audited = await withTenant(A.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: "sms.test_send" }, select: { entityId: true, after: true } }),
    );
    expect(audited).toEqual([{ entityId: message.id, after: { to: "+254712345678" } }]);
  });

  it("records a refused recipient as failed with the provider's reason", async () => {
    at.answer((req) => ({
      status: 201,
      body: {
        SMSMessageData: {
          Message: "Sent to 0/1 Total Cost: 0",
          Recipients: [
            { statusCode: 405, number: req.form.to, status: "InsufficientBalance", cost: "0", messageId: "None" },
          ],
        },
      },
    }));
    const message = await sendTest(admin, "+254712000001");
    expect(message).toMatchObject({
      status: "FAILED",
      error: "Africa's Talking did not send the message: InsufficientBalance (status 405).",
      providerMessageId: null,
      cost: null,
    });
  });

  it("records a wrong API key (HTTP 401) as failed with the answer", async () => {
    at.answer(() => ({ status: 401, body: "The supplied authentication is invalid" }));
    const message = await sendTest(admin, "+254712000002");
    expect(message.status).toBe("FAILED");
    expect(message.error).toBe(
      "Africa's Talking refused the message (HTTP 401): The supplied authentication is invalid",
    );
  });

  it("records an unreachable provider as failed", async () => {
    const gone = await fakeSmsProvider(() => ({ status: 500, body: "" }));
    await gone.close(); // a port nothing listens on any more
    useProviderUrls({ africasTalking: gone.url, twilio: tw.url });
    try {
      const message = await sendTest(admin, "+254712000003");
      expect(message.status).toBe("FAILED");
      expect(message.error).toMatch(/^Could not reach Africa's Talking: .*ECONNREFUSED/);
    } finally {
      useProviderUrls({ africasTalking: at.url, twilio: tw.url });
      at.answer((req) => ({ status: 201, body: atAccepted(req.form.to) }));
    }
  });
});

describe("Twilio", () => {
  it("sends with basic authentication of the account SID and auth token", async () => {
    await admin.sms.settings.save({
      provider: "TWILIO",
      account: "AC0123456789abcdef0123456789abcdef",
      secret: TWILIO_TOKEN,
      senderId: "+15005550006",
    });
    const message = await sendTest(admin, "+15558675310");
    expect(tw.requests).toHaveLength(1);
    const [req] = tw.requests;
    expect(req.path).toBe("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json");
    const basic = Buffer.from(`AC0123456789abcdef0123456789abcdef:${TWILIO_TOKEN}`).toString("base64");
    expect(req.headers.authorization).toBe(`Basic ${basic}`);
    expect(req.form).toEqual({
      To: "+15558675310",
      From: "+15005550006",
      Body: "Test message from Alpha Fibre: SMS is set up and working.",
    });
    expect(message).toMatchObject({
      provider: "TWILIO",
      status: "SENT",
      providerMessageId: "SM0123456789abcdef0123456789abcdef",
      cost: null,
    });
    expect(at.requests).toEqual([]);
  });

  it("records Twilio's error as failed with its message and code", async () => {
    tw.answer(() => ({
      status: 400,
      body: { code: 21211, message: "The 'To' number +15550000000 is not a valid phone number.", status: 400 },
    }));
    try {
      const message = await sendTest(admin, "+15550000000");
      expect(message).toMatchObject({
        status: "FAILED",
        error:
          "Twilio refused the message (HTTP 400): The 'To' number +15550000000 is not a valid phone number. (error 21211)",
      });
    } finally {
      tw.answer((req) => ({ status: 201, body: twilioQueued(req.form.To, req.form.From, req.form.Body) }));
    }
  });
});

describe("once per message", () => {
  it("a duplicate event, even at the same moment, sends one SMS", async () => {
    tw.answer((req) => ({ status: 201, body: twilioQueued(req.form.To, req.form.From, req.form.Body), delayMs: 200 }));
    try {
      const queued = await withTenant(A.company.id, (tx) =>
        sms.send(
          { tx, companyId: A.company.id, actor: systemActor },
          { to: "+15558670001", key: "invoice:inv-1:issued", body: "Invoice INV-1 for USD 25.00" },
        ),
      );
      // The emitted event's own delivery, plus two more of the same event at once.
      const repeats = await Promise.all([sms.deliver(A.company.id, queued.id), sms.deliver(A.company.id, queued.id)]);
      await settleInline();
      expect(repeats.filter((r) => "skipped" in r).length).toBeGreaterThanOrEqual(1);
      expect(await sms.deliver(A.company.id, queued.id)).toEqual({ messageId: queued.id, skipped: "already_claimed" });
      expect(tw.requests.map((r) => r.form.Body)).toEqual(["Invoice INV-1 for USD 25.00"]);
      expect((await admin.sms.log.get({ id: queued.id })).status).toBe("SENT");
    } finally {
      tw.answer((req) => ({ status: 201, body: twilioQueued(req.form.To, req.form.From, req.form.Body) }));
    }
  });

  it("the same request twice (a retried job) is one message", async () => {
    const request = { to: "+15558670002", key: "payment:pay-9:receipt", body: "Received USD 10.00" };
    const scoped = () =>
      withTenant(A.company.id, (tx) => sms.send({ tx, companyId: A.company.id, actor: systemActor }, request));
    const first = await scoped();
    const second = await scoped();
    await settleInline();
    expect(second.id).toBe(first.id);
    expect(tw.requests).toHaveLength(1);
    const log = await logOf(A.company.id);
    expect(log.filter((m) => m.idempotencyKey === request.key)).toHaveLength(1);
  });
});

describe("templates", () => {
  it("sends the built-in text until the company rewords it, then its own", async () => {
    const send = (key: string) =>
      withTenant(A.company.id, (tx) =>
        sms.send(
          { tx, companyId: A.company.id, actor: systemActor },
          {
            to: "+15558670003",
            key,
            template: "PAYMENT_RECEIVED",
            values: {
              firstName: "Wanjiru",
              accountNumber: "ACC-0042",
              companyName: "Alpha Fibre",
              amount: "KES 2,500.00",
              link: "https://x.test/r/1",
            },
          },
        ),
      );
    expect((await send("receipt:1")).body).toBe(
      "Thank you Wanjiru. Alpha Fibre received KES 2,500.00 for account ACC-0042. Your receipt: https://x.test/r/1",
    );
    await admin.sms.templates.save({
      key: "PAYMENT_RECEIVED",
      body: "Asante {{ firstName }}! {{amount}} received. {{link}}",
    });
    expect((await send("receipt:2")).body).toBe("Asante Wanjiru! KES 2,500.00 received. https://x.test/r/1");
    const listed = (await admin.sms.templates.list()).find((t) => t.key === "PAYMENT_RECEIVED")!;
    expect(listed).toMatchObject({ edited: true, body: "Asante {{ firstName }}! {{amount}} received. {{link}}" });
    await admin.sms.templates.reset({ key: "PAYMENT_RECEIVED" });
    expect((await send("receipt:3")).body).toMatch(/^Thank you Wanjiru\. Alpha Fibre received/);
    await settleInline();
  });

  it("refuses a placeholder the template does not have, and keeps the old text", async () => {
    const f = await failure(
      admin.sms.templates.save({ key: "SERVICE_RESTORED", body: "Hi {{firstName}}, you owe {{amount}}" }),
    );
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fields?.body).toBe(
      "Unknown placeholder {{amount}}. This message can use {{firstName}}, {{accountNumber}}, {{companyName}}.",
    );
    const unclosed = await failure(admin.sms.templates.save({ key: "SERVICE_RESTORED", body: "Hi {{firstName}" }));
    expect(unclosed.fields?.body).toBe("A placeholder is not closed: write it as {{name}}.");
    const restored = (await admin.sms.templates.list()).find((t) => t.key === "SERVICE_RESTORED")!;
    expect(restored.edited).toBe(false);
  });
});

describe("credentials", () => {
  it("are sealed in the database, shown only as set, and kept when the form leaves them blank", async () => {
    await admin.sms.settings.save({
      provider: "AFRICAS_TALKING",
      account: "alphafibre",
      secret: AT_KEY,
      senderId: "ALPHA",
    });
    const row = await withTenant(A.company.id, (tx) =>
      tx.smsSettings.findUniqueOrThrow({ where: { companyId: A.company.id } }),
    );
    expect(row.secretSealed).not.toContain(AT_KEY);
    expect(row.secretSealed).toMatch(/^v1\./);
    expect(unseal(row.secretSealed)).toBe(AT_KEY);

    const shown = await admin.sms.settings.save({
      provider: "AFRICAS_TALKING",
      account: "alphafibre",
      secret: "",
      senderId: "ALPHA2",
    });
    expect(shown).toMatchObject({ enabled: true, secretSet: true, senderId: "ALPHA2" });
    expect(JSON.stringify(shown)).not.toContain(AT_KEY);
    expect(JSON.stringify(await admin.sms.settings.get())).not.toContain(AT_KEY);
    const kept = await withTenant(A.company.id, (tx) =>
      tx.smsSettings.findUniqueOrThrow({ where: { companyId: A.company.id } }),
    );
    expect(unseal(kept.secretSealed)).toBe(AT_KEY);

    // Another account needs its own key.
    const f = await failure(
      admin.sms.settings.save({ provider: "TWILIO", account: "AC1", secret: "", senderId: "ALPHA" }),
    );
    expect(f).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      fields: { secret: "Enter the API key or auth token for this account." },
    });

    // The audit says what changed, never the key.
    const entries = await withTenant(A.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: "sms.settings_update" }, orderBy: { createdAt: "asc" } }),
    );
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(entries)).not.toContain(AT_KEY);
    expect(JSON.stringify(entries)).not.toContain(TWILIO_TOKEN);
    expect(entries.at(-1)!.after).toMatchObject({ senderId: "ALPHA2", newApiKey: false });
  });

  it("switching off forgets the account and refuses sending again; the log stays", async () => {
    const before = (await admin.sms.log.list({})).total;
    expect(await admin.sms.settings.switchOff()).toMatchObject({ enabled: false, secretSet: false });
    expect(await withTenant(A.company.id, (tx) => tx.smsSettings.count())).toBe(0);
    expect((await failure(admin.sms.settings.sendTest({ to: "+15558670004" }))).message).toBe(SMS_OFF_MESSAGE);
    expect((await admin.sms.log.list({})).total).toBe(before);
  });
});

describe("the log", () => {
  it("pages, searches and filters by status", async () => {
    const all = await admin.sms.log.list({ pageSize: 100 });
    expect(all.total).toBeGreaterThanOrEqual(8);
    const failed = await admin.sms.log.list({ status: "FAILED" });
    expect(failed.rows.length).toBeGreaterThanOrEqual(4);
    expect(failed.rows.every((m) => m.status === "FAILED")).toBe(true);
    const byNumber = await admin.sms.log.list({ search: "+1 555 867 0002" });
    expect(byNumber.rows.map((m) => m.body)).toEqual(["Received USD 10.00"]);
    const byText = await admin.sms.log.list({ search: "invoice inv-1" });
    expect(byText.rows.map((m) => m.to)).toEqual(["+15558670001"]);
    const paged = await admin.sms.log.list({ pageSize: 3, page: 2 });
    expect(paged).toMatchObject({ page: 2, pageSize: 3, total: all.total });
    expect(paged.rows.map((r) => r.id)).toEqual(all.rows.slice(3, 6).map((r) => r.id));
  });

  it("another company's log and settings are invisible", async () => {
    await adminB.sms.settings.save({
      provider: "AFRICAS_TALKING",
      account: "bravo",
      secret: "bravo-key-000000",
      senderId: "BRAVO",
    });
    const bMessage = await sendTest(adminB, "+254733000000");
    expect(bMessage.status).toBe("SENT");
    expect((await admin.sms.log.list({ pageSize: 100 })).rows.some((m) => m.id === bMessage.id)).toBe(false);
    expect((await admin.sms.log.list({ search: "254733" })).total).toBe(0);
    await expectFailure(admin.sms.log.get({ id: bMessage.id }), "NOT_FOUND");
    expect(await admin.sms.settings.get()).toMatchObject({ enabled: false, account: "" });
    expect(await adminB.sms.settings.get()).toMatchObject({ enabled: true, account: "bravo" });
  });
});
