import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { seal } from "../../lib/crypto";
import { activeSubscriber, makePackage, setUpBilling } from "../../modules/billing/testing";
import { run as billingRun } from "../../modules/billing/run";
import { atAccepted, fakeSmsProvider, useProviderUrls } from "../../modules/sms/testing";
import { makeCompany } from "../../test/fixtures";
import { mailsTo } from "../../test/mail";
import { settleInline } from "../emit";
import { invoiceIssued } from "../events";
import { sendInvoice } from "./send-invoice";

// "billing/invoice.issued" through the Inngest function: the customer gets the e-mail with the PDF
// and, with SMS on, one text; the same event again sends neither a second time.

let fake: Awaited<ReturnType<typeof fakeSmsProvider>>;

beforeAll(async () => {
  fake = await fakeSmsProvider((req) => ({ status: 201, body: atAccepted(req.form.to, "ATXid_inv") }));
  useProviderUrls({ africasTalking: fake.url });
});
afterAll(async () => {
  useProviderUrls({});
  await fake.close();
});

const send = (data: { companyId: string; invoiceId: string }) =>
  new InngestTestEngine({ function: sendInvoice, events: [{ name: invoiceIssued.name, data }] }).execute();

it("e-mails and texts a new invoice once, however often the event arrives", async () => {
  const { company } = await makeCompany("invoice-job", "Lakeside Wireless");
  await setUpBilling(company.id, { mpesaPaybill: "888880" });
  await withTenant(company.id, (tx) =>
    tx.smsSettings.create({
      data: {
        companyId: company.id,
        provider: "AFRICAS_TALKING",
        account: "lakeside",
        secretSealed: seal("at-key"),
        senderId: "LAKESIDE",
      },
    }),
  );
  const pkg = await makePackage(company.id, { name: "Home 10" });
  const sub = await activeSubscriber(company.id, pkg.id, "2026-06-01", { firstName: "Wanjiru" });
  await withTenant(company.id, (tx) =>
    tx.customer.update({
      where: { id: sub.customerId },
      data: { email: "wanjiru@invoice-job.test", phone: "+254711000222" },
    }),
  );
  // Issuing the invoice emits the event; here it runs inline (no Inngest server in tests).
  await billingRun(company.id, { date: "2026-06-01", trigger: "MANUAL", actor: { type: "SYSTEM", label: "test" } });
  await settleInline();
  const invoice = await withTenant(company.id, (tx) => tx.invoice.findFirstOrThrow());

  // Delivered again through the Inngest function: already sent, nothing more goes out.
  const again = await send({ companyId: company.id, invoiceId: invoice.id });
  expect(again.result).toEqual({ invoiceId: invoice.id, skipped: "already_sent" });
  await settleInline();

  const mails = mailsTo("wanjiru@invoice-job.test");
  expect(mails.map((m) => m.subject)).toEqual(["Invoice INV-00001 from Lakeside Wireless: US$29.00 due 15 Jun 2026"]);
  expect(mails[0]!.attachments.map((a) => a.filename)).toEqual(["invoice-INV-00001.pdf"]);
  expect(fake.requests.map((r) => [r.form.to, r.form.message])).toEqual([
    [
      "+254711000222",
      expect.stringMatching(
        /^Hi Wanjiru, your Lakeside Wireless invoice INV-00001 for US\$29\.00 is due on 15 Jun 2026\./,
      ),
    ],
  ]);
  const logged = await withTenant(company.id, (tx) => tx.smsMessage.findMany());
  expect(logged.map((m) => [m.template, m.idempotencyKey, m.status])).toEqual([
    ["INVOICE_ISSUED", `invoice:${invoice.id}:issued`, "SENT"],
  ]);
});
