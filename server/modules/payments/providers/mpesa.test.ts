import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DarajaError, forgetDarajaTokens } from "./daraja-client";
import { startFakeDaraja, type FakeDaraja } from "./fake-daraja";
import { darajaTimestamp, mpesaAdapter, MpesaAmountRefused, type MpesaAdapter } from "./mpesa";
import { C2B_ACCEPT, MalformedCallback, shillingsToMinor } from "./mpesa-callbacks";

const KEY = "consumer-key";
const SECRET = "consumer-secret";
const PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
// 12:30:05 UTC is 15:30:05 in Nairobi.
const NOW = new Date("2026-12-03T12:30:05Z");

let fake: FakeDaraja;
let mpesa: MpesaAdapter;

beforeAll(async () => {
  fake = await startFakeDaraja(KEY, SECRET);
});
afterAll(() => fake.close());
beforeEach(() => {
  forgetDarajaTokens();
  fake.requests.length = 0;
  fake.refuse = null;
  mpesa = adapter();
});

function adapter(overrides: Partial<Parameters<typeof mpesaAdapter>[0]> = {}) {
  return mpesaAdapter({
    baseUrl: fake.url,
    consumerKey: KEY,
    consumerSecret: SECRET,
    shortcode: "174379",
    passkey: PASSKEY,
    callbackBaseUrl: "https://acme.lastmile.test/api/mpesa/tok_abc/",
    initiatorName: "testapi",
    securityCredential: "sealed-by-safaricom-cert",
    now: () => NOW,
    ...overrides,
  });
}

const pay = (amountMinor = 150_000, phone = "254708374149") =>
  mpesa.initiate({
    paymentId: "pay_1",
    amountMinor,
    currency: "KES",
    accountNumber: "100042",
    description: "Internet bill December",
    phone,
  });

describe("STK push", () => {
  it("prompts the customer's phone with the password, whole shillings and the account number as reference", async () => {
    const result = await pay();
    expect(result).toMatchObject({
      kind: "pending",
      message:
        "We sent an M-Pesa prompt to 0708 374 149 to pay KES 1,500. Unlock the phone and enter your M-Pesa PIN to confirm.",
    });
    expect(result.providerRef).toMatch(/^ws_CO_/);
    const push = fake.requests.find((r) => r.path === "/mpesa/stkpush/v1/processrequest")!;
    expect(push.body).toEqual({
      BusinessShortCode: "174379",
      Password: Buffer.from(`174379${PASSKEY}20261203153005`).toString("base64"),
      Timestamp: "20261203153005",
      TransactionType: "CustomerPayBillOnline",
      Amount: 1500,
      PartyA: "254708374149",
      PartyB: "174379",
      PhoneNumber: "254708374149",
      CallBackURL: "https://acme.lastmile.test/api/mpesa/tok_abc/stk-callback",
      AccountReference: "100042",
      TransactionDesc: "Internet bill",
    });
    expect(push.authorization).toBe("Bearer token-" + fake.tokensIssued);
  });

  it("pays a till with Buy Goods to the till number", async () => {
    mpesa = adapter({ till: "5544332" });
    await pay();
    expect(fake.requests.find((r) => r.path === "/mpesa/stkpush/v1/processrequest")!.body).toMatchObject({
      TransactionType: "CustomerBuyGoodsOnline",
      PartyB: "5544332",
      BusinessShortCode: "174379",
    });
  });

  it("refuses cents, other currencies and a bad phone number before calling Safaricom", async () => {
    await expect(pay(150_050)).rejects.toThrow("M-Pesa takes whole shillings");
    await expect(pay(50)).rejects.toBeInstanceOf(MpesaAmountRefused);
    await expect(
      mpesa.initiate({ paymentId: "p", amountMinor: 1000, currency: "USD", accountNumber: "1", description: "x", phone: "254708374149" }), // prettier-ignore
    ).rejects.toThrow(/Kenya shillings/);
    await expect(pay(100_000, "0708374149")).rejects.toThrow(/2547XXXXXXXX/);
    expect(fake.requests).toHaveLength(0);
  });

  it("asks for a token once and reuses it until shortly before it expires", async () => {
    let clock = NOW.getTime();
    mpesa = adapter({ now: () => new Date(clock) });
    const issuedBefore = fake.tokensIssued;
    await Promise.all([pay(), pay()]);
    await pay();
    expect(fake.tokensIssued).toBe(issuedBefore + 1);
    // Daraja says 3599 s; the client renews a minute early.
    clock += 3500_000;
    await pay();
    expect(fake.tokensIssued).toBe(issuedBefore + 1);
    clock += 60_000;
    await pay();
    expect(fake.tokensIssued).toBe(issuedBefore + 2);
  });

  it("says what Safaricom refused, in its words", async () => {
    fake.refuse = { status: 400, errorCode: "400.002.02", errorMessage: "Bad Request - Invalid PhoneNumber" };
    const error = await pay().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DarajaError);
    expect((error as DarajaError).message).toBe("M-Pesa refused the request: Bad Request - Invalid PhoneNumber (400.002.02)"); // prettier-ignore
  });

  it("queries an STK payment whose callback never came: processing, paid, cancelled", async () => {
    const { providerRef } = await pay();
    expect(await mpesa.status(providerRef)).toEqual({ providerRef, status: "PENDING" });
    const query = fake.requests.find((r) => r.path === "/mpesa/stkpushquery/v1/query")!;
    expect(query.body).toMatchObject({ BusinessShortCode: "174379", Timestamp: "20261203153005", CheckoutRequestID: providerRef }); // prettier-ignore
    fake.stkResults.set(providerRef, { ResultCode: "0", ResultDesc: "The service request is processed successfully." });
    expect(await mpesa.status(providerRef)).toEqual({ providerRef, status: "SUCCEEDED" });
    fake.stkResults.set(providerRef, { ResultCode: "1032", ResultDesc: "Request cancelled by user" });
    expect(await mpesa.status(providerRef)).toEqual({
      providerRef,
      status: "FAILED",
      failureReason: "Request cancelled by user",
    });
  });
});

describe("callbacks", () => {
  const stk = (ResultCode: number, extra: object = {}) =>
    JSON.stringify({
      Body: {
        stkCallback: {
          MerchantRequestID: "29115-34620561-1",
          CheckoutRequestID: "ws_CO_191220191020363925",
          ResultCode,
          ResultDesc: ResultCode === 0 ? "The service request is processed successfully." : "Request cancelled by user",
          ...extra,
        },
      },
    });

  it("reads a paid STK callback: receipt, amount in cents, phone; keyed by CheckoutRequestID", async () => {
    const body = stk(0, {
      CallbackMetadata: {
        Item: [
          { Name: "Amount", Value: 1500.0 },
          { Name: "MpesaReceiptNumber", Value: "NLJ7RT61SV" },
          { Name: "Balance" },
          { Name: "TransactionDate", Value: 20191219102115 },
          { Name: "PhoneNumber", Value: 254708374149 },
        ],
      },
    });
    expect(await mpesa.handleWebhook({ rawBody: body, headers: new Headers() })).toEqual({
      eventId: "ws_CO_191220191020363925",
      type: "stk_callback",
      outcomes: [
        {
          providerRef: "ws_CO_191220191020363925",
          status: "SUCCEEDED",
          amountMinor: 150_000,
          receipt: "NLJ7RT61SV",
          payerPhone: "254708374149",
          requiresConfirmation: true,
        },
      ],
    });
  });

  it("reads a cancelled STK callback as failed with Safaricom's reason", async () => {
    const event = await mpesa.handleWebhook({ rawBody: stk(1032), headers: new Headers() });
    expect(event.outcomes[0]).toMatchObject({ status: "FAILED", failureReason: "Request cancelled by user" });
  });

  it("reads a paybill confirmation: TransID, amount, the bill reference as typed, names", async () => {
    const body = JSON.stringify({
      TransactionType: "Pay Bill",
      TransID: "RKTQDM7W6S",
      TransTime: "20261203153005",
      TransAmount: "2500.00",
      BusinessShortCode: "600638",
      BillRefNumber: " 100042 ",
      InvoiceNumber: "",
      OrgAccountBalance: "49197.00",
      ThirdPartyTransID: "",
      MSISDN: "2547 ***** 126",
      FirstName: "WANJIKU",
      MiddleName: "",
      LastName: "KAMAU",
    });
    const event = await mpesa.handleWebhook({ rawBody: body, headers: new Headers(), c2b: "c2b_confirmation" });
    expect(event).toEqual({
      eventId: "RKTQDM7W6S",
      type: "c2b_confirmation",
      outcomes: [
        {
          providerRef: "RKTQDM7W6S",
          status: "SUCCEEDED",
          amountMinor: 250_000,
          receipt: "RKTQDM7W6S",
          billReference: "100042",
          payerPhone: null,
          payerName: "WANJIKU KAMAU",
          requiresConfirmation: true,
        },
      ],
    });
    expect(C2B_ACCEPT).toEqual({ ResultCode: "0", ResultDesc: "Accepted" });
  });

  it("refuses a body that is not one of Daraja's callbacks", async () => {
    for (const rawBody of [
      "not json",
      "{}",
      JSON.stringify({ TransID: "X" }),
      JSON.stringify({ Body: { stkCallback: {} } }),
    ]) {
      await expect(mpesa.handleWebhook({ rawBody, headers: new Headers() })).rejects.toBeInstanceOf(MalformedCallback);
    }
  });

  it("reads amounts as decimal text, exactly", () => {
    expect(shillingsToMinor("10.00")).toBe(1000);
    expect(shillingsToMinor(1.1)).toBe(110);
    expect(shillingsToMinor("1,250.5")).toBe(125_050);
    expect(shillingsToMinor("-5")).toBeNull();
    expect(shillingsToMinor("1.005")).toBeNull();
  });
});

describe("paybill confirmation by transaction status", () => {
  it("registers the validation and confirmation URLs under the company's token", async () => {
    await mpesa.registerC2BUrls();
    expect(fake.requests.find((r) => r.path === "/mpesa/c2b/v1/registerurl")!.body).toEqual({
      ShortCode: "174379",
      ResponseType: "Completed",
      ConfirmationURL: "https://acme.lastmile.test/api/mpesa/tok_abc/c2b/confirmation",
      ValidationURL: "https://acme.lastmile.test/api/mpesa/tok_abc/c2b/validation",
    });
  });

  it("status of a TransID starts the asynchronous query and stays pending until the result arrives", async () => {
    expect(await mpesa.status("RKTQDM7W6S")).toMatchObject({ providerRef: "RKTQDM7W6S", status: "PENDING" });
    expect(fake.requests.find((r) => r.path === "/mpesa/transactionstatus/v1/query")!.body).toEqual({
      Initiator: "testapi",
      SecurityCredential: "sealed-by-safaricom-cert",
      CommandID: "TransactionStatusQuery",
      TransactionID: "RKTQDM7W6S",
      PartyA: "174379",
      IdentifierType: "4",
      ResultURL: "https://acme.lastmile.test/api/mpesa/tok_abc/status/result",
      QueueTimeOutURL: "https://acme.lastmile.test/api/mpesa/tok_abc/status/timeout",
      Remarks: "Confirm payment",
      Occasion: "RKTQDM7W6S",
    });
  });

  it("refuses to query without initiator credentials, saying what to set", async () => {
    mpesa = adapter({ initiatorName: null });
    await expect(mpesa.queryTransactionStatus("RKTQDM7W6S")).rejects.toThrow(/initiator name and security credential/);
  });

  const result = (ResultCode: number, params: { Key: string; Value?: unknown }[]) =>
    JSON.stringify({
      Result: {
        ResultType: 0,
        ResultCode,
        ResultDesc:
          ResultCode === 0 ? "The service request is processed successfully." : "Initiator information is invalid",
        OriginatorConversationID: "oc-1",
        ConversationID: "AG_20261203_1",
        TransactionID: "SLC0000000",
        ResultParameters: { ResultParameter: params },
      },
    });

  it("confirms a completed transaction with its amount and payer", async () => {
    const event = await mpesa.handleWebhook({
      rawBody: result(0, [
        { Key: "DebitPartyName", Value: "254708374149 - WANJIKU KAMAU" },
        { Key: "TransactionStatus", Value: "Completed" },
        { Key: "Amount", Value: 2500 },
        { Key: "ReceiptNo", Value: "RKTQDM7W6S" },
      ]),
      headers: new Headers(),
    });
    expect(event).toMatchObject({
      eventId: "status:AG_20261203_1",
      type: "transaction_status_result",
      outcomes: [
        {
          providerRef: "RKTQDM7W6S",
          status: "SUCCEEDED",
          amountMinor: 250_000,
          payerPhone: "254708374149",
          payerName: "WANJIKU KAMAU",
        },
      ],
    });
    expect(event.outcomes[0].requiresConfirmation).toBeUndefined();
  });

  it("a failed query leaves the payment pending (unknown), a declined transaction fails it", async () => {
    const failedQuery = await mpesa.handleWebhook({
      rawBody: result(2001, [{ Key: "ReceiptNo", Value: "RKTQDM7W6S" }]),
      headers: new Headers(),
    });
    expect(failedQuery.outcomes[0]).toMatchObject({ status: "PENDING", failureReason: expect.stringMatching(/Initiator information/) }); // prettier-ignore
    const declined = await mpesa.handleWebhook({
      rawBody: result(0, [
        { Key: "TransactionStatus", Value: "Declined" },
        { Key: "ReceiptNo", Value: "RKTQDM7W6S" },
      ]),
      headers: new Headers(),
    });
    expect(declined.outcomes[0]).toMatchObject({ status: "FAILED", amountMinor: null });
  });

  it("names Kenya's time in the timestamp", () => {
    expect(darajaTimestamp(new Date("2026-12-31T22:15:00Z"))).toBe("20270101011500");
  });

  it("refunds by asking Daraja to reverse the transaction; the result comes later to the company's URLs", async () => {
    const started = await mpesa.refund("NLJ7RT61SV", 50_000, "Moved away", "ref_1");
    expect(started).toEqual({ refundRef: fake.reversals.at(-1)!.conversationId, status: "PENDING", requestRef: expect.stringMatching(/^oc-/) }); // prettier-ignore
    expect(fake.requests.at(-1)).toMatchObject({
      path: "/mpesa/reversal/v1/request",
      body: {
        Initiator: "testapi",
        SecurityCredential: "sealed-by-safaricom-cert",
        CommandID: "TransactionReversal",
        TransactionID: "NLJ7RT61SV",
        Amount: 500,
        ReceiverParty: "174379",
        RecieverIdentifierType: "11",
        ResultURL: "https://acme.lastmile.test/api/mpesa/tok_abc/reversal-result",
        QueueTimeOutURL: "https://acme.lastmile.test/api/mpesa/tok_abc/reversal-timeout",
        Remarks: "Moved away",
        Occasion: "ref_1",
      },
    });
    await expect(mpesa.refund("NLJ7RT61SV", 50_050, "x")).rejects.toThrow(/whole shillings/);
    await expect(adapter({ initiatorName: null }).refund("NLJ7RT61SV", 1000, "x")).rejects.toThrow(/initiator name/);
  });

  it("parses a reversal's result: done (with the reversal's TransactionID), refused with Daraja's reason, or timed out", async () => {
    await mpesa.refund("NLJ7RT61SV", 50_000, "Moved away");
    const { conversationId } = fake.reversals.at(-1)!;
    const parse = (answer: Parameters<FakeDaraja["reversalResult"]>[1], reversal: "result" | "timeout" = "result") =>
      mpesa.handleWebhook({ rawBody: JSON.stringify(fake.reversalResult(conversationId, answer).body), headers: new Headers(), reversal }); // prettier-ignore
    expect(await parse({ done: true, transactionId: "OKR5XQ9ZZA" })).toMatchObject({
      eventId: `reversal:${conversationId}`,
      outcomes: [{ providerRef: conversationId, status: "SUCCEEDED", receipt: "OKR5XQ9ZZA", amountMinor: 50_000 }],
    });
    expect((await parse({ done: false, code: "R000002", reason: "The OriginalTransactionID is invalid." })).outcomes[0]).toMatchObject({ status: "FAILED", failureReason: expect.stringMatching(/OriginalTransactionID is invalid/) }); // prettier-ignore
    // A timeout is no answer: the reversal may still be made. Its own event id, so a late result still applies.
    expect(await parse({ timeout: true }, "timeout")).toMatchObject({ eventId: `reversal-timeout:${conversationId}`, outcomes: [{ status: "PENDING", failureReason: expect.stringMatching(/in time/) }] }); // prettier-ignore
  });
});
