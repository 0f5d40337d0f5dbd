import { describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { Invalid } from "../../lib/errors";
import { makeCompany } from "../../test/fixtures";
import { makeCustomer } from "../subscriptions/testing";
import { collect } from "../privacy/collect";
import { adjust } from "./adjustments";
import * as wallet from "./service";
import { balanceOf, staff, topUp } from "./testing";

describe("the wallet ledger", () => {
  it("is the sum of its entries, with a running balance on each", async () => {
    const { company } = await makeCompany("wallet-maths");
    const { id: customerId } = await makeCustomer(company.id);
    expect(await balanceOf(company.id, customerId)).toBe(0);

    await topUp(company.id, customerId, 1_000);
    await withTenant(company.id, (tx) =>
      wallet.debit(staff(company.id, tx), {
        customerId,
        amountMinor: 300,
        kind: "VOUCHER_PURCHASE",
        reference: "Day pass",
        description: "Voucher",
      }),
    );
    await withTenant(company.id, (tx) =>
      wallet.credit(staff(company.id, tx), { customerId, amountMinor: 55, kind: "REFUND", reference: "Refund" }),
    );

    expect(await balanceOf(company.id, customerId)).toBe(755);
    const statement = await withTenant(company.id, (tx) => wallet.ledger(staff(company.id, tx), { customerId }));
    expect(statement.balanceMinor).toBe(755);
    expect(statement.rows.map((r) => [r.kind, r.amountMinor, r.balanceAfterMinor])).toEqual([
      ["REFUND", 55, 755],
      ["VOUCHER_PURCHASE", -300, 700],
      ["TOP_UP", 1_000, 1_000],
    ]);
  });

  it("refuses a debit the balance cannot cover, and writes nothing", async () => {
    const { company } = await makeCompany("wallet-short");
    const { id: customerId } = await makeCustomer(company.id);
    await topUp(company.id, customerId, 500);
    const attempt = withTenant(company.id, (tx) =>
      wallet.debit(staff(company.id, tx), {
        customerId,
        amountMinor: 501,
        kind: "RENEWAL",
        reference: "Home 20",
        description: "Renewal",
      }),
    );
    await expect(attempt).rejects.toThrow(Invalid);
    await expect(attempt).rejects.toThrow(/^Insufficient wallet balance: US\$5\.00 available, US\$5\.01 needed/);
    expect(await balanceOf(company.id, customerId)).toBe(500);
    expect(await withTenant(company.id, (tx) => tx.walletEntry.count())).toBe(1);
  });

  it("credits a payment once, however often it is posted", async () => {
    const { company } = await makeCompany("wallet-idem");
    const { id: customerId } = await makeCustomer(company.id);
    const first = await topUp(company.id, customerId, 700, "pay_1");
    const again = await topUp(company.id, customerId, 700, "pay_1");
    expect(again.duplicate).toBe(true);
    expect(again.entry.id).toBe(first.entry.id);
    // Even at the same moment.
    await Promise.all([topUp(company.id, customerId, 300, "pay_2"), topUp(company.id, customerId, 300, "pay_2")]);
    expect(await balanceOf(company.id, customerId)).toBe(1_000);
  });

  it("never goes below zero when debits race on separate connections", async () => {
    const { company } = await makeCompany("wallet-race");
    const { id: customerId } = await makeCustomer(company.id);
    await topUp(company.id, customerId, 1_000);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        withTenant(company.id, (tx) =>
          wallet.debit(staff(company.id, tx), {
            customerId,
            amountMinor: 300,
            kind: "VOUCHER_PURCHASE",
            reference: `Voucher ${i}`,
            description: "Race",
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(String(r.reason)).toMatch(/Insufficient wallet balance/);
    expect(await balanceOf(company.id, customerId)).toBe(100);
    const entries = await withTenant(company.id, (tx) => tx.walletEntry.findMany({ orderBy: { createdAt: "asc" } }));
    expect(entries.map((e) => Number(e.balanceAfterMinor))).toEqual([1_000, 700, 400, 100]);
  });

  it("lets staff adjust either way with a reason, audited, but not below zero", async () => {
    const { company } = await makeCompany("wallet-adjust");
    const { id: customerId } = await makeCustomer(company.id);
    await withTenant(company.id, (tx) =>
      adjust(staff(company.id, tx), { customerId, amountMinor: 400, reason: "Goodwill after the outage" }),
    );
    await withTenant(company.id, (tx) =>
      adjust(staff(company.id, tx), { customerId, amountMinor: -150, reason: "Duplicate top-up reversed" }),
    );
    await expect(
      withTenant(company.id, (tx) =>
        adjust(staff(company.id, tx), { customerId, amountMinor: -300, reason: "Too much" }),
      ),
    ).rejects.toThrow(/Insufficient wallet balance/);
    await expect(
      withTenant(company.id, (tx) => adjust(staff(company.id, tx), { customerId, amountMinor: 100, reason: "" })),
    ).rejects.toThrow(/Say why/);
    expect(await balanceOf(company.id, customerId)).toBe(250);
    const audit = await withTenant(company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: "wallet.adjust" }, orderBy: { createdAt: "asc" } }),
    );
    expect(audit.map((a) => (a.after as { reason: string }).reason)).toEqual([
      "Goodwill after the outage",
      "Duplicate top-up reversed",
    ]);
  });

  it("is part of the customer's data export, without staff names for the customer", async () => {
    const { company } = await makeCompany("wallet-export");
    const { id: customerId } = await makeCustomer(company.id);
    await withTenant(company.id, (tx) =>
      adjust(staff(company.id, tx), { customerId, amountMinor: 300, reason: "Goodwill credit" }),
    );
    const [forCustomer, forStaff] = await withTenant(company.id, async (tx) => [
      await collect(staff(company.id, tx), customerId, "customer"),
      await collect(staff(company.id, tx), customerId, "staff"),
    ]);
    expect(forCustomer.walletEntries).toEqual([
      expect.objectContaining({ kind: "ADJUSTMENT", amountMinor: 300, description: "Goodwill credit" }),
    ]);
    expect(forCustomer.walletEntries[0]).not.toHaveProperty("by");
    expect(forStaff.walletEntries[0]).toMatchObject({ by: "test" });
  });
});
