import { beforeAll, describe, expect, it } from "vitest";
import { settleInline } from "../../jobs/emit";
import { withTenant } from "../../db/tenant";
import { seal } from "../../lib/crypto";
import { makeCompany } from "../../test/fixtures";
import { fakeResend, mailsTo } from "../../test/mail";
import { formatAccountNumber } from "../customers/schema";
import { parseDate } from "../subscriptions/dates";
import { systemActor, type Scope } from "../scope";
import { sendAgain } from "./delivery";
import { invoiceDocument } from "./document";
import { renderInvoicePdf } from "./pdf";
import { statement } from "./statement";
import { renderStatementPdf } from "./statement-pdf";
import { run } from "./run";
import { activeSubscriber, makePackage, pdfText, setUpBilling } from "./testing";

// The invoice a customer receives: the PDF's text (parsed back with unpdf, as a reader would see
// it), the e-mail it comes with, and that it comes once.

const staff = { type: "USER" as const, id: null, label: "billing admin" };
const MIB = 1_048_576n;

let companyId: string;
let amina: { customerId: string; subscriptionId: string };
let marchInvoiceId: string;

beforeAll(async () => {
  const { company } = await makeCompany("invoice-docs", "Savannah Fibre");
  companyId = company.id;
  await setUpBilling(company.id, {
    invoiceAddress: "Plot 9, Moi Avenue, Nairobi",
    mpesaPaybill: "522533",
    bankDetails: "KCB Moi Avenue, account 1100223344.",
  });
  const home = await makePackage(company.id, {
    name: "Home 20",
    setupFeeMinor: 1_000,
    dataCapMb: 10_240,
    overagePerGbMinor: 500,
  });
  amina = await activeSubscriber(company.id, home.id, "2026-02-10", { firstName: "Amina" });
  await withTenant(company.id, async (tx) => {
    await tx.customer.update({
      where: { id: amina.customerId },
      data: { email: "amina@invoice-docs.test", taxIdSealed: seal("A009876543Z") },
    });
    await tx.usageDaily.create({
      data: {
        companyId: company.id,
        subscriptionId: amina.subscriptionId,
        day: parseDate("2026-02-20"),
        downloadBytes: 11_000n * MIB + 1n,
        uploadBytes: 1_000n * MIB,
      },
    });
  });
  await run(company.id, { date: "2026-02-10", trigger: "MANUAL", actor: staff });
  // February's e-mail sent before March's run (its sending overlaps whatever comes next).
  await settleInline();
  await run(company.id, { date: "2026-03-01", trigger: "MANUAL", actor: staff });
  await settleInline();
  const march = await withTenant(company.id, (tx) =>
    tx.invoice.findFirstOrThrow({ where: { customerId: amina.customerId, issueDate: parseDate("2026-03-01") } }),
  );
  marchInvoiceId = march.id;
});

const scopeOf = (tx: Scope["tx"]): Scope => ({ tx, companyId, actor: systemActor });

describe("the invoice PDF", () => {
  it("shows who bills whom, every line with its rule, the tax summary, totals and how to pay", async () => {
    const doc = await withTenant(companyId, (tx) => invoiceDocument(scopeOf(tx), marchInvoiceId));
    const text = await pdfText(await renderInvoicePdf(doc));
    for (const expected of [
      "Savannah Fibre",
      "Plot 9, Moi Avenue, Nairobi",
      "Tax number: P051234567X",
      "Amina Otieno",
      `Account number: ${formatAccountNumber(doc.invoice.customer.accountNumber)}`,
      "Tax number: A009876543Z",
      "Invoice number INV-00002",
      "Issue date 1 Mar 2026",
      "Due date 15 Mar 2026",
      // The overage: 12,001 MB used against a 10,240 MB cap, 1,761 MB over at 5.00 per GB = 8.60, + 16 % VAT.
      "Usage: 12001 MB used, 10240 MB included",
      "1761 MB",
      "Used 12001 MB against a 10240 MB cap",
      "US$9.98",
      // March's recurring charge: 25.00 + 4.00 VAT.
      "US$29.00",
      "VAT 16% on US$33.60 US$5.38",
      "Subtotal (without tax) US$33.60",
      "Tax US$5.38",
      "Total US$38.98",
      "Amount paid US$0.00",
      "Balance due US$38.98",
      `business number 522533, account number ${formatAccountNumber(doc.invoice.customer.accountNumber)}`,
      "KCB Moi Avenue, account 1100223344.",
      // February's usage behind the overage: 11,000 MiB down and 1,000 MiB up.
      "Usage summary",
      "10 Feb 2026 - 28 Feb 2026 (1 days online) 10.74 GB 0.98 GB 11.72 GB",
    ]) {
      expect(text).toContain(expected);
    }
  });
});

describe("sending an issued invoice", () => {
  it("e-mails the customer once, with the PDF attached", async () => {
    const mails = mailsTo("amina@invoice-docs.test");
    // February's invoice and March's: one e-mail each, though the event may arrive again.
    expect(mails.map((m) => m.subject)).toEqual([
      "Invoice INV-00002 from Savannah Fibre: US$38.98 due 15 Mar 2026",
      "Invoice INV-00001 from Savannah Fibre: US$31.27 due 24 Feb 2026",
    ]);
    const [march] = mails;
    expect(march!.text).toContain("Balance due: US$38.98");
    expect(march!.text).toContain("Pay with M-Pesa: Pay Bill, business number 522533");
    expect(march!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ["invoice-INV-00002.pdf", "application/pdf"],
    ]);
    expect(await pdfText(march!.attachments[0]!.content)).toContain("Balance due US$38.98");

    const { deliverInvoice } = await import("../../jobs/functions/send-invoice");
    expect(await deliverInvoice.handle({ companyId, invoiceId: marchInvoiceId })).toEqual({
      invoiceId: marchInvoiceId,
      skipped: "already_sent",
    });
    await settleInline();
    expect(mailsTo("amina@invoice-docs.test")).toHaveLength(2);
  });

  it("sends again on request, and says so when the customer has no e-mail address", async () => {
    const before = fakeResend().mails.length;
    const sent = await withTenant(companyId, (tx) => sendAgain(scopeOf(tx), marchInvoiceId));
    expect(sent).toEqual({ email: "amina@invoice-docs.test" });
    expect(fakeResend().mails.length).toBe(before + 1);
    expect(mailsTo("amina@invoice-docs.test")[0]!.attachments[0]!.filename).toBe("invoice-INV-00002.pdf");

    await withTenant(companyId, (tx) => tx.customer.update({ where: { id: amina.customerId }, data: { email: null } }));
    await expect(withTenant(companyId, (tx) => sendAgain(scopeOf(tx), marchInvoiceId))).rejects.toThrow(
      /no e-mail address/,
    );
    await withTenant(companyId, (tx) =>
      tx.customer.update({ where: { id: amina.customerId }, data: { email: "amina@invoice-docs.test" } }),
    );
  });
});

describe("the statement of account", () => {
  it("opens with what was owed, lists each invoice with the running balance, and closes with the total", async () => {
    const march = await withTenant(companyId, (tx) =>
      statement(scopeOf(tx), { customerId: amina.customerId, from: "2026-03-01", to: "2026-03-31" }),
    );
    expect(march).toMatchObject({
      openingMinor: 3_127,
      debitsMinor: 3_898,
      creditsMinor: 0,
      closingMinor: 7_025,
      entries: [{ date: "2026-03-01", reference: "INV-00002", debitMinor: 3_898, balanceMinor: 7_025 }],
    });
    const text = await pdfText(await renderStatementPdf(march));
    for (const expected of [
      "STATEMENT OF ACCOUNT",
      "Savannah Fibre",
      "Amina Otieno",
      "1 Mar 2026 - Opening balance - - US$31.27",
      "1 Mar 2026 INV-00002 Invoice, due 15 Mar 2026 US$38.98 - US$70.25",
      "Balance on 31 Mar 2026 US$70.25",
      "business number 522533",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("credits payments, and the invoice shows what was paid and what is left", async () => {
    const payments = await import("../payments/service");
    await withTenant(companyId, (tx) =>
      payments.record(scopeOf(tx), {
        customerId: amina.customerId,
        method: "MPESA",
        amountMinor: 5_000,
        reference: "QKT7Y2ZABC",
        receivedOn: "2026-03-10",
      }),
    );
    await settleInline();
    const march = await withTenant(companyId, (tx) =>
      statement(scopeOf(tx), { customerId: amina.customerId, from: "2026-03-01", to: "2026-03-31" }),
    );
    expect(
      march.entries.map((e) => [e.date, e.kind, e.reference, e.debitMinor, e.creditMinor, e.balanceMinor]),
    ).toEqual([
      ["2026-03-01", "INVOICE", "INV-00002", 3_898, 0, 7_025],
      ["2026-03-10", "PAYMENT", "RCT-00001", 0, 5_000, 2_025],
    ]);
    expect(march.closingMinor).toBe(2_025);
    const text = await pdfText(await renderStatementPdf(march));
    expect(text).toContain("10 Mar 2026 RCT-00001 M-Pesa payment, QKT7Y2ZABC - US$50.00 US$20.25");
    expect(text).toContain("Balance on 31 Mar 2026 US$20.25");

    // Oldest first: INV-00001 is paid in full (31.27), INV-00002 gets the other 18.73.
    const doc = await withTenant(companyId, (tx) => invoiceDocument(scopeOf(tx), marchInvoiceId));
    const invoice = await pdfText(await renderInvoicePdf(doc));
    expect(invoice).toContain("Amount paid US$18.73");
    expect(invoice).toContain("Balance due US$20.25");
    // Still owed after its due date (the test runs long after March 2026).
    expect(invoice).toContain("Status Overdue");
  });

  it("refuses a range that ends before it starts", async () => {
    await expect(
      withTenant(companyId, (tx) =>
        statement(scopeOf(tx), { customerId: amina.customerId, from: "2026-03-31", to: "2026-03-01" }),
      ),
    ).rejects.toThrow(/start on or before/);
  });
});
