import { describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { makeCompany } from "../../test/fixtures";
import * as payments from "../payments/service";
import { inTenant, invoiceState, openInvoice } from "../payments/testing";
import { makeCustomer } from "../subscriptions/testing";
import { creditBalance, settleInvoice } from "./credit";
import { creditableLines, issueCreditNote } from "./credit-notes";
import { run } from "./run";
import { activeSubscriber, makePackage, setUpBilling } from "./testing";

const staff = { type: "USER" as const, id: null, label: "billing admin" };

describe("credit notes and the credit balance", () => {
  it("credits lines with their tax in proportion, never above what is left, the excess to credit", async () => {
    const { company } = await makeCompany("credit-notes");
    await setUpBilling(company.id);
    const customer = await makeCustomer(company.id);
    // Line 1: 2,500 + 400 VAT = 2,900. Line 2: 1,000 + 160 VAT = 1,160. Total 4,060.
    const invoice = await openInvoice(company.id, customer.id, {
      totalMinor: 0,
      dueDate: "2026-03-15",
      lines: [
        { netMinor: 2_500, taxMinor: 400 },
        { netMinor: 1_000, taxMinor: 160 },
      ],
    });
    await inTenant(company.id, (s) =>
      payments.record(s, { customerId: customer.id, method: "CASH", amountMinor: 1_000 }),
    );
    const [one, two] = await inTenant(company.id, (s) => creditableLines(s, invoice.id));

    // Half of line 1 (1,450: tax 1,450 × 400 / 2,900 = 200) and all of line 2 (tax 160).
    const first = await inTenant(company.id, (s) =>
      issueCreditNote(s, {
        invoiceId: invoice.id,
        reason: "Outage 1–15 March",
        lines: [
          { invoiceLineId: one!.id, amountMinor: 1_450 },
          { invoiceLineId: two!.id, amountMinor: 1_160 },
        ],
      }),
    );
    expect(first).toMatchObject({
      displayNumber: "CN-00001",
      subtotalMinor: 2_250,
      taxMinor: 360,
      totalMinor: 2_610,
      appliedMinor: 2_610,
    });
    expect(first.lines.map((l) => [l.netMinor, l.taxMinor])).toEqual([
      [1_250, 200],
      [1_000, 160],
    ]);
    // 4,060 − 1,000 paid − 2,610 credited = 450 still owed.
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({
      status: "PARTIALLY_PAID",
      creditedMinor: 2_610,
    });

    await expect(
      inTenant(company.id, (s) =>
        issueCreditNote(s, {
          invoiceId: invoice.id,
          reason: "Too much",
          lines: [{ invoiceLineId: one!.id, amountMinor: 1_451 }],
        }),
      ),
    ).rejects.toThrow(/Line 1 .* has US\$14.50 left to credit/);

    // 1,000 on line 1: tax 1,000 × 400 / 2,900 = 137.93 → 138. 450 settles the invoice, 550 is credit.
    const second = await inTenant(company.id, (s) =>
      issueCreditNote(s, {
        invoiceId: invoice.id,
        reason: "Goodwill",
        lines: [{ invoiceLineId: one!.id, amountMinor: 1_000 }],
      }),
    );
    expect(second).toMatchObject({ displayNumber: "CN-00002", taxMinor: 138, subtotalMinor: 862, appliedMinor: 450 });
    expect(await invoiceState(company.id, invoice.id)).toMatchObject({ status: "PAID", creditedMinor: 3_060 });
    expect(await inTenant(company.id, (s) => creditBalance(s, customer.id))).toBe(550);

    // The last 450 of line 1 gives back exactly the tax left: 400 − 200 − 138 = 62.
    const last = await inTenant(company.id, (s) =>
      issueCreditNote(s, {
        invoiceId: invoice.id,
        reason: "Cancelled",
        lines: [{ invoiceLineId: one!.id, amountMinor: 450 }],
      }),
    );
    expect(last).toMatchObject({ taxMinor: 62, subtotalMinor: 388, appliedMinor: 0 });
    expect(await inTenant(company.id, (s) => creditBalance(s, customer.id))).toBe(1_000);
    expect((await inTenant(company.id, (s) => creditableLines(s, invoice.id))).map((l) => l.leftMinor)).toEqual([0, 0]);
    await settleInline();
  });

  it("a credit note on a void invoice, or a payment on one, is refused", async () => {
    const { company } = await makeCompany("credit-void");
    await setUpBilling(company.id);
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 1_000, dueDate: "2026-03-15" });
    const { voidInvoice } = await import("./invoices");
    await inTenant(company.id, (s) => voidInvoice(s, { id: invoice.id, reason: "Billed by mistake" }));
    const [line] = await inTenant(company.id, (s) => creditableLines(s, invoice.id));
    await expect(
      inTenant(company.id, (s) =>
        issueCreditNote(s, {
          invoiceId: invoice.id,
          reason: "Refund",
          lines: [{ invoiceLineId: line!.id, amountMinor: 100 }],
        }),
      ),
    ).rejects.toThrow(/void/);
    await expect(inTenant(company.id, (s) => settleInvoice(s, invoice.id, 100))).rejects.toThrow(
      /void: it takes no payments/,
    );
  });

  it("an issued invoice's lines and amounts cannot be edited", async () => {
    const { company } = await makeCompany("credit-final");
    const customer = await makeCustomer(company.id);
    const invoice = await openInvoice(company.id, customer.id, { totalMinor: 1_000, dueDate: "2026-03-15" });
    await expect(
      withTenant(company.id, (tx) =>
        tx.invoiceLine.updateMany({ where: { invoiceId: invoice.id }, data: { netMinor: 1 } }),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withTenant(company.id, (tx) => tx.invoice.update({ where: { id: invoice.id }, data: { totalMinor: 1 } })),
    ).rejects.toThrow(/corrections are credit notes/);
  });

  it("an overpayment pays the next invoice when it is issued", async () => {
    const { company } = await makeCompany("credit-next");
    await setUpBilling(company.id);
    const pkg = await makePackage(company.id);
    const { customerId } = await activeSubscriber(company.id, pkg.id, "2026-02-01");
    await run(company.id, { date: "2026-02-01", trigger: "MANUAL", actor: staff });
    const [february] = await withTenant(company.id, (tx) => tx.invoice.findMany());
    // February's invoice and 1,000 more.
    await inTenant(company.id, (s) =>
      payments.record(s, { customerId, method: "CASH", amountMinor: february!.totalMinor + 1_000 }),
    );
    expect(await inTenant(company.id, (s) => creditBalance(s, customerId))).toBe(1_000);

    await run(company.id, { date: "2026-03-01", trigger: "MANUAL", actor: staff });
    const march = await withTenant(company.id, (tx) => tx.invoice.findFirstOrThrow({ where: { number: 2 } }));
    // March: 2,500 + 16 % VAT = 2,900, of which the 1,000 credit pays 1,000.
    expect(march).toMatchObject({ totalMinor: 2_900, amountPaidMinor: 1_000, status: "PARTIALLY_PAID" });
    expect(await inTenant(company.id, (s) => creditBalance(s, customerId))).toBe(0);
    const ledger = await withTenant(company.id, (tx) =>
      tx.creditEntry.findMany({
        orderBy: { createdAt: "asc" },
        select: { kind: true, amountMinor: true, invoiceId: true },
      }),
    );
    expect(ledger).toEqual([
      { kind: "OVERPAYMENT", amountMinor: 1_000, invoiceId: null },
      { kind: "APPLIED", amountMinor: -1_000, invoiceId: march.id },
    ]);
    await settleInline();
  });
});
