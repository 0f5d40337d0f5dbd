import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { mailsTo } from "../../test/mail";
import { atAccepted, fakeSmsProvider, useProviderUrls } from "../sms/testing";
import { makeCustomer } from "../subscriptions/testing";
import { sendReceipt } from "./receipts";
import * as payments from "./service";
import { inTenant, openInvoice } from "./testing";

// The receipt a customer gets when their payment posts: by e-mail and by SMS, once.

let at: Awaited<ReturnType<typeof fakeSmsProvider>>;

beforeAll(async () => {
  at = await fakeSmsProvider((req) => ({ status: 201, body: atAccepted(req.form.to) }));
  useProviderUrls({ africasTalking: at.url });
});

afterAll(async () => {
  useProviderUrls({});
  await at.close();
});

describe("payment receipts", () => {
  it("e-mails and texts the receipt when a payment posts, and never twice", async () => {
    const { company } = await makeCompany("pay-receipts", "Alpha Fibre");
    const admin = await callerAs(company, (await makeUser(company.id, "SUPER_ADMIN")).id);
    await admin.sms.settings.save({
      provider: "AFRICAS_TALKING",
      account: "alpha",
      secret: "at-key-0123456789",
      senderId: "ALPHA",
    });
    const customer = await makeCustomer(company.id, { firstName: "Wanjiru" });
    await withTenant(company.id, (tx) =>
      tx.customer.update({
        where: { id: customer.id },
        data: { email: "wanjiru@example.test", phone: "+254712345678" },
      }),
    );
    await openInvoice(company.id, customer.id, { totalMinor: 2_000, dueDate: "2026-02-15" });
    const paid = await inTenant(company.id, (s) =>
      payments.record(s, { customerId: customer.id, method: "CASH", amountMinor: 2_500 }),
    );
    await settleInline();

    const [mail] = mailsTo("wanjiru@example.test");
    expect(mail?.subject).toBe("Receipt RCT-00001: US$25.00 received");
    expect(mail?.text).toMatch(/we received US\$25\.00 by Cash/);
    expect(mail?.text).toMatch(/Invoice INV-00001: US\$20\.00/);
    expect(mail?.text).toMatch(/US\$5\.00 is kept as credit/);
    expect(at.requests).toHaveLength(1);
    expect(at.requests[0]!.form.message).toMatch(
      /^Thank you Wanjiru\. Alpha Fibre received US\$25\.00 for account \d+/,
    );

    // A repeated paymentPosted event sends nothing more.
    expect(await sendReceipt(company.id, paid.id)).toEqual({ paymentId: paid.id, skipped: "already_sent" });
    await settleInline();
    expect(mailsTo("wanjiru@example.test")).toHaveLength(1);
    expect(at.requests).toHaveLength(1);
  });
});
