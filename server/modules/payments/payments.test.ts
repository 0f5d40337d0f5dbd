import { describe, expect, it } from "vitest";
import { settleInline } from "../../jobs/emit";
import { withTenant } from "../../db/tenant";
import { makeCompany } from "../../test/fixtures";
import { creditBalance } from "../billing/credit";
import { makeCustomer } from "../subscriptions/testing";
import { recordPaymentSchema } from "./schema";
import * as payments from "./service";
import { inTenant, invoiceState, openInvoice } from "./testing";

const cash = (customerId: string, amountMinor: number) => ({ customerId, method: "CASH" as const, amountMinor });

describe("payments", () => {
  it("a partial payment leaves the invoice partly paid with the rest owed", async () => {
    const { company } = await makeCompany("pay-partial");
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, {
      totalMinor: 11_600,
      taxMinor: 1_600,
      dueDate: "2026-03-15",
    });

    const paid = await inTenant(company.id, (s) => payments.record(s, cash(customer.id, 4_000)));
    expect(paid).toMatchObject({ status: "SUCCEEDED", receipt: "RCT-00001", creditedMinor: 0 });
    expect(paid.allocations).toMatchObject([{ invoiceId: invoice.id, amountMinor: 4_000 }]);
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({
      status: "PARTIALLY_PAID",
      amountPaidMinor: 4_000,
    });

    await inTenant(company.id, (s) => payments.record(s, cash(customer.id, 7_600)));
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PAID", amountPaidMinor: 11_600 });
    await settleInline();
  });

  it("fills open invoices oldest due first, or the invoices chosen, and puts the rest on credit", async () => {
    const { company } = await makeCompany("pay-alloc");
    const customer = await makeCustomer(company.id);
    const march = await openInvoice(company.id, customer.id, { totalMinor: 3_000, dueDate: "2026-03-15" });
    const january = await openInvoice(company.id, customer.id, { totalMinor: 2_000, dueDate: "2026-01-15" });
    const february = await openInvoice(company.id, customer.id, { totalMinor: 2_500, dueDate: "2026-02-15" });

    // 5,000: January (2,000) and February (2,500) in full, 500 on March.
    const first = await inTenant(company.id, (s) => payments.record(s, cash(customer.id, 5_000)));
    expect(first.allocations.map((a) => [a.invoiceId, a.amountMinor])).toEqual([
      [january.id, 2_000],
      [february.id, 2_500],
      [march.id, 500],
    ]);
    expect(await invoiceState(company.id, january.id)).toMatchObject({ status: "PAID" });
    expect(await invoiceState(company.id, march.id)).toMatchObject({ status: "PARTIALLY_PAID", amountPaidMinor: 500 });

    // Chosen: 1,000 on the newest invoice although an older one is open; the rest is credit.
    const april = await openInvoice(company.id, customer.id, { totalMinor: 4_000, dueDate: "2026-04-15" });
    const chosen = await inTenant(company.id, (s) =>
      payments.record(s, { ...cash(customer.id, 1_500), allocations: [{ invoiceId: april.id, amountMinor: 1_000 }] }),
    );
    expect(chosen.allocations.map((a) => [a.invoiceId, a.amountMinor])).toEqual([[april.id, 1_000]]);
    expect(chosen.creditedMinor).toBe(500);
    expect(await invoiceState(company.id, march.id)).toMatchObject({ amountPaidMinor: 500 });

    // More than everything owed: 2,500 + 3,000 settle March and April, 1,000 more goes to credit.
    const over = await inTenant(company.id, (s) => payments.record(s, cash(customer.id, 6_500)));
    expect(over.allocations.map((a) => [a.invoiceId, a.amountMinor])).toEqual([
      [march.id, 2_500],
      [april.id, 3_000],
    ]);
    expect(over.creditedMinor).toBe(1_000);
    expect(await inTenant(company.id, (s) => creditBalance(s, customer.id))).toBe(1_500);
    await settleInline();
  });

  it("names every field to correct at once: no customer, no amount and a transfer without its reference", async () => {
    const result = recordPaymentSchema.safeParse({
      customerId: "",
      method: "BANK_TRANSFER",
      amountMinor: Number.NaN,
      reference: "",
    });
    expect(result.success).toBe(false);
    expect(Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]))).toEqual({
      customerId: "Choose the customer who paid.",
      amountMinor: "Enter the amount.",
      reference: "Enter the transaction reference.",
    });
  });

  it("refuses an allocation above the invoice's balance or to another customer's invoice, recording nothing", async () => {
    const { company } = await makeCompany("pay-alloc-bad");
    const customer = await makeCustomer(company.id);
    const other = await makeCustomer(company.id, { firstName: "Baraka" });
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 2_000, dueDate: "2026-01-15" });
    const theirs = await openInvoice(company.id, other.id, { totalMinor: 2_000, dueDate: "2026-01-15" });
    await expect(
      inTenant(company.id, (s) =>
        payments.record(s, {
          ...cash(customer.id, 3_000),
          allocations: [{ invoiceId: invoice.id, amountMinor: 2_500 }],
        }),
      ),
    ).rejects.toThrow(/INV-00001 has 2000 left to pay/);
    await expect(
      inTenant(company.id, (s) =>
        payments.record(s, {
          ...cash(customer.id, 1_000),
          allocations: [{ invoiceId: theirs.id, amountMinor: 1_000 }],
        }),
      ),
    ).rejects.toThrow(/not one of this customer's unpaid invoices/);
    expect(await withTenant(company.id, (tx) => tx.payment.count())).toBe(0);
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "OPEN", amountPaidMinor: 0 });
  });

  it("a provider payment posts once however many times it is marked succeeded, also at the same moment", async () => {
    const { company } = await makeCompany("pay-once");
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 5_000, dueDate: "2026-01-15" });
    const pending = await inTenant(company.id, (s) =>
      payments.createPending(s, {
        customerId: customer.id,
        method: "MPESA",
        provider: "MPESA",
        amountMinor: 3_000,
        purpose: "INVOICES",
      }),
    );
    await inTenant(company.id, (s) => payments.attachProviderRef(s, pending.id, "ws_CO_1"));
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ amountPaidMinor: 0 });

    const results = await Promise.all(
      [1, 2, 3].map(() =>
        inTenant(company.id, (s) =>
          payments.markSucceeded(s, pending.id, { reference: "QKX1ABC", amountMinor: 3_000 }),
        ),
      ),
    );
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    const again = await inTenant(company.id, (s) => payments.markSucceeded(s, pending.id));
    expect(again.changed).toBe(false);
    expect(again.payment).toMatchObject({ status: "SUCCEEDED", receiptNumber: 1, reference: "QKX1ABC" });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({
      status: "PARTIALLY_PAID",
      amountPaidMinor: 3_000,
    });
    // A failure reported after success changes nothing.
    expect((await inTenant(company.id, (s) => payments.markFailed(s, pending.id, "late callback"))).changed).toBe(
      false,
    );
    expect(await inTenant(company.id, (s) => payments.findByProviderRef(s, "MPESA", "ws_CO_1"))).toMatchObject({
      id: pending.id,
    });
    await settleInline();
  });

  it("payments of one customer posted at the same moment never pay the same balance twice", async () => {
    const { company } = await makeCompany("pay-race");
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 10_000, dueDate: "2026-01-15" });
    await Promise.all(
      [1, 2, 3, 4].map(() => inTenant(company.id, (s) => payments.record(s, cash(customer.id, 3_000)))),
    );
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PAID", amountPaidMinor: 10_000 });
    expect(await inTenant(company.id, (s) => creditBalance(s, customer.id))).toBe(2_000);
    const receipts = await withTenant(company.id, (tx) => tx.payment.findMany({ select: { receiptNumber: true } }));
    expect(receipts.map((r) => r.receiptNumber).sort()).toEqual([1, 2, 3, 4]);
    await settleInline();
  });

  it("refunds never more than was paid, taking credit first and then the newest invoice", async () => {
    const { company } = await makeCompany("pay-refund");
    const customer = await makeCustomer(company.id);
    const older = await openInvoice(company.id, customer.id, { totalMinor: 2_000, dueDate: "2026-01-15" });
    const newer = await openInvoice(company.id, customer.id, { totalMinor: 2_000, dueDate: "2026-02-15" });
    const paid = await inTenant(company.id, (s) => payments.record(s, cash(customer.id, 5_000)));
    expect(paid.creditedMinor).toBe(1_000);

    await expect(
      inTenant(company.id, (s) =>
        payments.refund(s, { paymentId: paid.id, amountMinor: 5_001, reason: "Double payment" }),
      ),
    ).rejects.toThrow(/At most USD 50.00|At most US\$50.00/);

    await inTenant(company.id, (s) =>
      payments.refund(s, { paymentId: paid.id, amountMinor: 1_500, reason: "Moved away" }),
    );
    expect(await inTenant(company.id, (s) => creditBalance(s, customer.id))).toBe(0);
    expect(await invoiceState(company.id, newer.id)).toMatchObject({
      status: "PARTIALLY_PAID",
      amountPaidMinor: 1_500,
    });
    expect(await invoiceState(company.id, older.id)).toMatchObject({ status: "PAID" });
    const after = await inTenant(company.id, (s) => payments.get(s, paid.id));
    expect(after).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 1_500, refundableMinor: 3_500 });

    await inTenant(company.id, (s) =>
      payments.refund(s, { paymentId: paid.id, amountMinor: 3_500, reason: "Moved away" }),
    );
    expect(await invoiceState(company.id, newer.id)).toMatchObject({ status: "OPEN", amountPaidMinor: 0 });
    expect(await invoiceState(company.id, older.id)).toMatchObject({ status: "OPEN", amountPaidMinor: 0 });
    await expect(
      inTenant(company.id, (s) => payments.refund(s, { paymentId: paid.id, amountMinor: 1, reason: "Again" })),
    ).rejects.toThrow(/refunded payment cannot be refunded/);
    await settleInline();
  });

  it("a paybill payment finds its customer by account number; an unknown account waits for a person", async () => {
    const { company } = await makeCompany("pay-c2b");
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 2_000, dueDate: "2026-01-15" });
    const base = {
      provider: "MPESA" as const,
      method: "MPESA" as const,
      amountMinor: 2_000,
      payerPhone: "254700000001",
    };
    const matched = await inTenant(company.id, (s) =>
      payments.recordUnsolicited(s, {
        ...base,
        accountNumber: ` ${customer.accountNumber} `,
        providerRef: "TX1",
        reference: "TX1",
      }),
    );
    expect(matched).toMatchObject({ created: true, payment: { customerId: customer.id, status: "SUCCEEDED" } });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PAID" });
    // The same confirmation again: the same payment, nothing new.
    const replay = await inTenant(company.id, (s) =>
      payments.recordUnsolicited(s, { ...base, accountNumber: String(customer.accountNumber), providerRef: "TX1" }),
    );
    expect(replay).toMatchObject({ created: false, payment: { id: matched.payment.id } });

    const stray = await inTenant(company.id, (s) =>
      payments.recordUnsolicited(s, { ...base, accountNumber: "99999", providerRef: "TX2", reference: "TX2" }),
    );
    expect(stray.payment).toMatchObject({ customerId: null, postedAt: null, accountReference: "99999" });
    const unmatched = await inTenant(company.id, (s) => payments.list(s, { status: "UNMATCHED" }));
    expect(unmatched.rows.map((r) => r.id)).toEqual([stray.payment.id]);
    const resolved = await inTenant(company.id, (s) =>
      payments.assignCustomer(s, { paymentId: stray.payment.id, customerId: customer.id }),
    );
    expect(resolved).toMatchObject({ unmatched: false, creditedMinor: 2_000 });
    await settleInline();
  });

  it("a webhook event is applied once, replays are acknowledged as duplicates", async () => {
    const { company } = await makeCompany("pay-events");
    let applied = 0;
    const apply = () =>
      inTenant(company.id, (s) =>
        payments.processEventOnce(s, "STRIPE", "evt_1", "payment_intent.succeeded", async () => ++applied),
      );
    const results = await Promise.all([apply(), apply(), apply()]);
    expect(applied).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    // An effect that fails rolls the event back: the provider's retry applies it.
    await expect(
      inTenant(company.id, (s) =>
        payments.processEventOnce(s, "STRIPE", "evt_2", "charge.refunded", async () => {
          throw new Error("database hiccup");
        }),
      ),
    ).rejects.toThrow("database hiccup");
    expect(
      await apply().then(() =>
        inTenant(company.id, (s) => payments.processEventOnce(s, "STRIPE", "evt_2", "x", async () => "ok")),
      ),
    ).toEqual({
      duplicate: false,
      result: "ok",
    });
  });
});
