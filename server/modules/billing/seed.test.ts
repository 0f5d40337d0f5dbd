import { expect, it } from "vitest";
import { seedBilling } from "../../../prisma/seed-billing";
import { SUSPENDED_PORTAL_CUSTOMER, seedHistory } from "../../../prisma/seed-history";
import { seedLifecycle } from "../../../prisma/seed-lifecycle";
import { seedWallet } from "../../../prisma/seed-wallet";
import { withTenant } from "../../db/tenant";
import { makeCompany, makeUser } from "../../test/fixtures";
import { overview } from "../revenue/service";
import { systemActor } from "../scope";
import { todayIn } from "../subscriptions/dates";
import { preview } from "./run";

// The demo's billing set-up (prisma/seed-billing.ts): seeded once, and a run previewed on the
// demo's subscribers invoices them with VAT and excise duty included in the price. Its history
// (prisma/seed-history.ts): months of invoices, payments and corrections, seeded once.

it("seeds the demo's billing settings and taxes once, ready for a first run", async () => {
  const { company } = await makeCompany("seed-billing");
  await makeUser(company.id, "CUSTOMER", { email: "brian.ouma@example.com", name: "Brian Ouma" });
  await seedLifecycle(company.id);
  await seedBilling(company.id);
  await seedBilling(company.id);
  const rates = await withTenant(company.id, (tx) => tx.taxRate.findMany({ orderBy: { name: "asc" } }));
  expect(rates.map((r) => [r.name, r.rateBps])).toEqual([
    ["Excise duty", 2_000],
    ["VAT", 1_600],
  ]);
  // The invoices print where the company is and how to pay it, from the first run.
  const settings = await withTenant(company.id, (tx) => tx.billingSettings.findUniqueOrThrow({ where: { companyId: company.id } })); // prettier-ignore
  expect(settings.invoiceAddress).toMatch(/Nairobi$/);
  expect(settings.mpesaPaybill).toBe("174379");
  expect(settings.bankDetails).toMatch(/account Acme Fiber Ltd \d+/);
  const shown = await preview(company.id, todayIn(company.timeZone));
  expect(shown.invoiceCount).toBeGreaterThan(0);
  const line = shown.invoices[0]!.lines[0]!;
  // Inclusive: the line's total is its price after discount, and the taxes are inside it.
  expect(line.totalMinor).toBe(line.grossMinor - line.discountMinor);
  // Kenya's way: excise duty on the price, then VAT on the price plus the excise.
  expect(line.taxes.map((t) => t.name)).toEqual(["Excise duty", "VAT"]);
  const [excise, vat] = line.taxes;
  expect(vat!.taxableMinor).toBe(excise!.taxableMinor + excise!.taxMinor);
});

it("seeds months of billing history once: invoices, payments, corrections, overdue accounts and a suspension", async () => {
  const { company } = await makeCompany("seed-history");
  await makeUser(company.id, "CUSTOMER", { email: "brian.ouma@example.com", name: "Brian Ouma" });
  await makeUser(company.id, "CUSTOMER", SUSPENDED_PORTAL_CUSTOMER);
  await makeUser(company.id, "BILLING_ADMIN", { email: "billing@acme.example", name: "Linda Achieng" });
  await seedLifecycle(company.id);
  await seedBilling(company.id);
  await seedWallet(company.id);
  await seedHistory(company.id);
  const counts = () =>
    withTenant(company.id, async (tx) => ({
      runs: await tx.billingRun.count(),
      invoices: await tx.invoice.count(),
      payments: await tx.payment.count(),
      creditNotes: await tx.creditNote.count(),
      refunds: await tx.refund.count(),
      suspensions: await tx.dunningSuspension.count(),
      arrangements: await tx.paymentArrangement.count(),
    }));
  const first = await counts();
  await seedHistory(company.id);
  expect(await counts()).toEqual(first);
  expect(first).toMatchObject({ creditNotes: 2, refunds: 1, suspensions: 1, arrangements: 1 });

  const today = todayIn(company.timeZone);
  await withTenant(company.id, async (tx) => {
    const invoices = await tx.invoice.findMany({ include: { lines: { include: { taxes: true } } } });
    // Five months and more, all before this month (left for a run in the console).
    const months = new Set(invoices.map((i) => i.issueDate.toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(5);
    expect([...months].every((m) => m < today.slice(0, 7))).toBe(true);
    for (const i of invoices) {
      expect(i.lines.reduce((n, l) => n + l.totalMinor, 0)).toBe(i.totalMinor);
      expect(i.lines.flatMap((l) => l.taxes).reduce((n, t) => n + t.taxMinor, 0)).toBe(i.taxMinor);
    }
    const kinds = new Set(invoices.flatMap((i) => i.lines.map((l) => l.kind)));
    for (const kind of ["RECURRING", "PRORATION", "SETUP_FEE", "CREDIT", "OVERAGE"] as const)
      expect(kinds).toContain(kind);

    // Per-GB overage, billed in arrears from the metered subscriber's own usage of the period:
    // every started MiB counts; MiB over the 100 GB cap × KES 50 per GB ÷ 1,024, rounded half-up.
    const lines = invoices.flatMap((i) => i.lines);
    const overage = lines.filter((l) => l.kind === "OVERAGE");
    expect(overage.length).toBeGreaterThanOrEqual(2);
    const MIB = 1024n * 1024n;
    for (const l of overage) {
      const days = await tx.usageDaily.findMany({
        where: { subscriptionId: l.subscriptionId!, day: { gte: l.periodStart!, lte: l.periodEnd! } },
      });
      const bytes = days.reduce((n, d) => n + d.downloadBytes + d.uploadBytes, 0n);
      const usedMb = Number((bytes + MIB - 1n) / MIB);
      const overMb = usedMb - 100 * 1024;
      expect(overMb).toBeGreaterThan(0);
      expect(l).toMatchObject({ usedMb, includedMb: 100 * 1024, quantity: overMb, unitPriceMinor: 5_000 });
      expect(l.grossMinor).toBe(Math.round((overMb * 5_000) / 1024));
      // Prices include the taxes: the customer pays exactly the charge.
      expect(l.totalMinor).toBe(l.grossMinor);
    }

    // A corporate volume discount: six links of Business 100 (KES 15,000 each) reach the 5-link
    // tier, so each month's line is 6 × 15,000 = 90,000 less 5 % = 4,500.
    const discounted = lines.filter((l) => l.discountBps > 0);
    expect(discounted.length).toBeGreaterThanOrEqual(2);
    for (const l of discounted) {
      expect(l).toMatchObject({ quantity: 6, unitPriceMinor: 1_500_000, discountBps: 500 });
      expect(l.discountMinor).toBe(Math.round(l.grossMinor * 0.05));
      expect(l.totalMinor).toBe(l.grossMinor - l.discountMinor);
      expect(l.rule).toMatch(/volume discount/);
    }
    expect(discounted.some((l) => l.grossMinor === 9_000_000 && l.discountMinor === 450_000)).toBe(true);

    const payments = await tx.payment.findMany({ where: { status: { in: ["SUCCEEDED", "REFUNDED"] } } });
    expect(new Set(payments.map((p) => `${p.method}/${p.provider ?? "counter"}`))).toEqual(
      new Set(["CASH/counter", "BANK_TRANSFER/counter", "MPESA/counter", "MPESA/MPESA"]),
    );
    expect(payments.every((p) => p.receivedAt! <= new Date())).toBe(true);

    // The customer who stopped paying is suspended by dunning, and can sign in to the portal.
    const kiprono = await tx.customer.findFirstOrThrow({
      where: { email: SUSPENDED_PORTAL_CUSTOMER.email },
      include: { subscriptions: true, user: true },
    });
    expect(kiprono.user?.email).toBe(SUSPENDED_PORTAL_CUSTOMER.email);
    expect(kiprono.subscriptions.map((s) => s.status)).toEqual(["SUSPENDED"]);

    const scope = { tx, companyId: company.id, actor: systemActor };
    const report = await overview(scope, {});
    const owed = report.aging.filter((b) => b.bucket !== "CURRENT" && b.bucket !== "D90_PLUS");
    expect(owed.reduce((n, b) => n + b.balanceMinor, 0)).toBeGreaterThan(0);
    expect(report.aging.find((b) => b.bucket === "D90_PLUS")!.balanceMinor).toBe(0);
    expect(report.mrr.filter((m) => m.newMinor > 0).length).toBeGreaterThanOrEqual(4);
    expect(report.mrr.some((m) => m.expansionMinor > 0)).toBe(true);
    expect(report.collection.rateBps).toBeGreaterThan(7_000);
    expect(report.collection.rateBps).toBeLessThan(10_000);
  });
});
