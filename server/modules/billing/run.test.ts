import { describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { makeCompany } from "../../test/fixtures";
import { parseDate } from "../subscriptions/dates";
import { getRun, preview, run, runScheduled } from "./run";
import { activeSubscriber, makePackage, setUpBilling } from "./testing";

const staff = { type: "USER" as const, id: null, label: "billing admin" };
const MIB = 1_048_576n;

async function invoicesOf(companyId: string) {
  return withTenant(companyId, (tx) =>
    tx.invoice.findMany({
      include: { lines: { orderBy: { position: "asc" }, include: { taxes: true } } },
      orderBy: { number: "asc" },
    }),
  );
}

describe("a billing run", () => {
  it("invoices each customer once for all their due subscriptions, with the rule behind every line", async () => {
    const { company } = await makeCompany("bill-run-a");
    await setUpBilling(company.id);
    const home20 = await makePackage(company.id, {
      setupFeeMinor: 1_000,
      dataCapMb: 10_240,
      overagePerGbMinor: 500,
    });
    const amina = await activeSubscriber(company.id, home20.id, "2026-02-10", { firstName: "Amina" });
    const office = await activeSubscriber(company.id, home20.id, "2026-02-01", { firstName: "Baraka" });
    await activeSubscriber(company.id, home20.id, "2026-02-01", { customerId: office.customerId });
    // Not yet started on the run date: not billed.
    await activeSubscriber(company.id, home20.id, "2026-02-20", { firstName: "Later" });

    const shown = await preview(company.id, "2026-02-10");
    expect(shown).toMatchObject({ invoiceCount: 2, periodCount: 3 });
    // Nothing written by the preview.
    expect(await invoicesOf(company.id)).toEqual([]);

    const first = await run(company.id, { date: "2026-02-10", trigger: "MANUAL", actor: staff });
    expect(first).toMatchObject({ invoicesCreated: 2, periodsBilled: 3, failureCount: 0 });
    expect(first.totalMinor).toBe(shown.totalMinor);

    const invoices = await invoicesOf(company.id);
    expect(invoices.map((i) => i.number)).toEqual([1, 2]);
    const aminas = invoices.find((i) => i.customerId === amina.customerId)!;
    // 10–28 Feb: 2,500 × 19/28 = 1,696; setup fee 1,000; VAT 16 %: 271 + 160; total 3,127.
    expect(aminas).toMatchObject({
      status: "OPEN",
      issueDate: parseDate("2026-02-10"),
      dueDate: parseDate("2026-02-24"),
      subtotalMinor: 2_696,
      taxMinor: 431,
      totalMinor: 3_127,
      companyTaxNumber: "P051234567X",
      prefix: "INV-",
    });
    expect(aminas.lines.map((l) => [l.kind, l.netMinor, l.taxMinor, l.totalMinor])).toEqual([
      ["PRORATION", 1_696, 271, 1_967],
      ["SETUP_FEE", 1_000, 160, 1_160],
    ]);
    expect(aminas.lines[0]!.rule).toMatch(/19\/28 days.*VAT 16 %/);
    expect(aminas.lines[0]!.taxes).toMatchObject([{ name: "VAT", rateBps: 1_600, taxMinor: 271 }]);
    const offices = invoices.find((i) => i.customerId === office.customerId)!;
    // Two whole Februaries and two setup fees: (2,500 + 1,000) × 2 = 7,000 + 16 % = 8,120.
    expect(offices).toMatchObject({ subtotalMinor: 7_000, taxMinor: 1_120, totalMinor: 8_120 });
    // Each line names its own subscription (the two recurring lines are priced alike).
    const officeSubscriptions = await withTenant(company.id, (tx) =>
      tx.subscription.findMany({ where: { customerId: office.customerId }, select: { id: true } }),
    );
    expect(
      offices.lines
        .filter((l) => l.kind === "RECURRING")
        .map((l) => l.subscriptionId)
        .sort(),
    ).toEqual(officeSubscriptions.map((s) => s.id).sort());

    // The same day again bills nothing twice.
    const again = await run(company.id, { date: "2026-02-10", trigger: "MANUAL", actor: staff });
    expect(again).toMatchObject({ invoicesCreated: 0, periodsBilled: 0 });
    expect(await invoicesOf(company.id)).toHaveLength(2);

    // March: Amina used 12,000 MB and 1 byte in February: 1,761 MB over at 5.00 per GB = 860.
    await withTenant(company.id, (tx) =>
      tx.usageDaily.create({
        data: {
          companyId: company.id,
          subscriptionId: amina.subscriptionId,
          day: parseDate("2026-02-20"),
          downloadBytes: 11_000n * MIB + 1n,
          uploadBytes: 1_000n * MIB,
        },
      }),
    );
    const march = await run(company.id, { date: "2026-03-01", trigger: "MANUAL", actor: staff });
    expect(march).toMatchObject({ invoicesCreated: 3, periodsBilled: 5 });
    const marchInvoices = (await invoicesOf(company.id)).filter(
      (i) => i.issueDate.getTime() === parseDate("2026-03-01").getTime(),
    );
    expect(marchInvoices.map((i) => i.number)).toEqual([3, 4, 5]);
    const aminaMarch = marchInvoices.find((i) => i.customerId === amina.customerId)!;
    expect(aminaMarch.lines.map((l) => [l.kind, l.netMinor, l.usedMb, l.periodStart])).toEqual([
      ["OVERAGE", 860, 12_001, parseDate("2026-02-10")],
      ["RECURRING", 2_500, null, parseDate("2026-03-01")],
    ]);
    // The late starter: 20–28 Feb (9/28 = 803.57 → 804) and March, and the setup fee, on one invoice.
    const later = marchInvoices.find((i) => i.customerId !== amina.customerId && i.customerId !== office.customerId)!;
    expect(later.lines.map((l) => [l.kind, l.netMinor])).toEqual([
      ["PRORATION", 804],
      ["SETUP_FEE", 1_000],
      ["RECURRING", 2_500],
    ]);
  });

  it("bills a promotion for its first cycles only and a corporate volume discount on the whole line, month by month", async () => {
    const { company } = await makeCompany("bill-run-promo");
    await setUpBilling(company.id);
    const promo = await makePackage(company.id, { promoPriceMinor: 1_500, promoCycles: 2 });
    const corporate = await makePackage(company.id, {
      name: "Corporate 50",
      code: "CORP-50",
      priceMinor: 30_000,
      volumeDiscounts: [
        { minQuantity: 5, discountBps: 500 },
        { minQuantity: 10, discountBps: 1_000 },
      ],
    });
    const home = await activeSubscriber(company.id, promo.id, "2026-01-01", { firstName: "Promo" });
    const office = await activeSubscriber(company.id, corporate.id, "2026-01-01", { firstName: "Office", quantity: 12 }); // prettier-ignore
    for (const date of ["2026-01-01", "2026-02-01", "2026-03-01"])
      expect(await run(company.id, { date, trigger: "MANUAL", actor: staff })).toMatchObject({ invoicesCreated: 2 });
    const invoices = await invoicesOf(company.id);
    const of = (customerId: string) =>
      invoices
        .filter((i) => i.customerId === customerId)
        .map((i) => [i.lines[0]!.unitPriceMinor, i.lines[0]!.discountMinor, i.taxMinor, i.totalMinor]);
    // 1,500 for January and February (cycles 1 and 2 of 2), then the price: 2,500; VAT 16 % on top.
    expect(of(home.customerId)).toEqual([
      [1_500, 0, 240, 1_740],
      [1_500, 0, 240, 1_740],
      [2_500, 0, 400, 2_900],
    ]);
    const promoRules = invoices.filter((i) => i.customerId === home.customerId).map((i) => i.lines[0]!.rule);
    expect(promoRules[0]).toMatch(/^Promotional price \(cycle 1 of 2\)/);
    expect(promoRules[1]).toMatch(/^Promotional price \(cycle 2 of 2\)/);
    expect(promoRules[2]).toMatch(/^monthly price/);
    // 12 × 30,000 = 360,000, 10 % off (12 reaches the 10-line tier) = 324,000; VAT 51,840; 375,840.
    expect(of(office.customerId)).toEqual(Array(3).fill([30_000, 36_000, 51_840, 375_840]));
    expect(invoices.find((i) => i.customerId === office.customerId)!.lines[0]!.rule).toMatch(
      /less 10 % volume discount/,
    );
  });

  it("under PAUSE, prorates a suspension by day: active days of a paused period charged, suspended days of a billed one credited", async () => {
    const { company } = await makeCompany("bill-run-pause");
    await setUpBilling(company.id, { suspendedBilling: "PAUSE" });
    const pkg = await makePackage(company.id);
    const sub = await activeSubscriber(company.id, pkg.id, "2026-03-01");
    const { transition } = await import("../subscriptions/service");
    // Each status change on the day it happened (noon in Nairobi).
    const change = async (action: "suspend" | "resume", day: string) => {
      await withTenant(company.id, (tx) =>
        transition({ tx, companyId: company.id, actor: staff }, action, { id: sub.subscriptionId, reason: "Asked" }),
      );
      await withTenant(company.id, async (tx) => {
        const last = await tx.subscriptionEvent.findFirstOrThrow({
          where: { subscriptionId: sub.subscriptionId },
          orderBy: { createdAt: "desc" },
        });
        await tx.subscriptionEvent.update({
          where: { id: last.id },
          data: { createdAt: new Date(`${day}T09:00:00Z`) },
        });
      });
    };
    await withTenant(company.id, (tx) =>
      tx.subscriptionEvent.updateMany({
        where: { subscriptionId: sub.subscriptionId },
        data: { createdAt: new Date("2026-03-01T06:00:00Z") },
      }),
    );
    await change("suspend", "2026-03-01");
    // Suspended on 1 March: March is claimed without a charge.
    expect(await run(company.id, { date: "2026-03-01", trigger: "MANUAL", actor: staff })).toMatchObject({
      invoicesCreated: 0,
      periodsSkipped: 1,
    });
    await change("resume", "2026-03-20");
    // April's invoice: the 12 active days of March (20–31): 2,500 × 12/31 = 967.7 → 968; April 2,500.
    expect(await run(company.id, { date: "2026-04-01", trigger: "MANUAL", actor: staff })).toMatchObject({
      invoicesCreated: 1,
      periodsBilled: 1,
    });
    await change("suspend", "2026-04-11");
    await change("resume", "2026-04-21");
    // May's invoice: 10 suspended days of April (11–20) credited: 2,500 × 10/30 = 833.3 → 833; May 2,500.
    await run(company.id, { date: "2026-05-01", trigger: "MANUAL", actor: staff });
    const [april, may] = await invoicesOf(company.id);
    expect(april!.lines.map((l) => [l.kind, l.periodStart, l.netMinor])).toEqual([
      ["PRORATION", parseDate("2026-03-01"), 968],
      ["RECURRING", parseDate("2026-04-01"), 2_500],
    ]);
    expect(april!.lines[0]!.rule).toContain("12/31 active days");
    expect(may!.lines.map((l) => [l.kind, l.netMinor, l.taxMinor])).toEqual([
      ["CREDIT", -833, -133],
      ["RECURRING", 2_500, 400],
    ]);
    expect(may!.totalMinor).toBe(2_500 - 833 + 400 - 133);
  });

  it("runs at the same moment on several connections give each customer one invoice and gapless numbers", async () => {
    const { company } = await makeCompany("bill-run-race");
    await setUpBilling(company.id);
    const pkg = await makePackage(company.id);
    const customers = 24;
    for (let i = 0; i < customers; i++) await activeSubscriber(company.id, pkg.id, "2026-05-01");

    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => run(company.id, { date: "2026-05-01", trigger: "MANUAL", actor: staff, batchSize: 5 })),
    );
    expect(runs.reduce((n, r) => n + r.invoicesCreated, 0)).toBe(customers);
    expect(runs.every((r) => r.failureCount === 0)).toBe(true);
    const invoices = await invoicesOf(company.id);
    expect(invoices.map((i) => i.number)).toEqual(Array.from({ length: customers }, (_, i) => i + 1));
    expect(new Set(invoices.map((i) => i.customerId)).size).toBe(customers);
    const periods = await withTenant(company.id, (tx) => tx.billingPeriod.count());
    expect(periods).toBe(customers);
  });

  it("numbers invoices in customer order across batches that write at the same time", async () => {
    const { company } = await makeCompany("bill-run-order");
    await setUpBilling(company.id);
    const pkg = await makePackage(company.id);
    const customers: string[] = [];
    for (let i = 0; i < 9; i++) customers.push((await activeSubscriber(company.id, pkg.id, "2026-05-01")).customerId);

    // Batches of 2: five transactions, two of them writing at any moment.
    const done = await run(company.id, { date: "2026-05-01", trigger: "MANUAL", actor: staff, batchSize: 2 });
    expect(done).toMatchObject({ invoicesCreated: 9, failureCount: 0 });
    const invoices = await invoicesOf(company.id);
    expect(invoices.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The run walks customers in id order, two at a time; numbers follow it batch after batch
    // (inside a batch, by account number).
    const inPairs = (ids: string[]) => [0, 2, 4, 6, 8].map((n) => ids.slice(n, n + 2).sort());
    expect(inPairs(invoices.map((i) => i.customerId))).toEqual(inPairs([...customers].sort()));
    expect(invoices.every((i) => i.lines.length === 1 && i.lines[0]!.taxes.length === 1)).toBe(true);
  });

  it("a customer whose invoice the database refuses is listed with its reason, and the rest of the batch is invoiced", async () => {
    const { company } = await makeCompany("bill-run-refused");
    await setUpBilling(company.id);
    const normal = await makePackage(company.id);
    // Each line fits (1,160,000,000 with VAT), but two of them on one invoice exceed what an
    // invoice's total can hold: the invoices' insert fails, after the lines' went out.
    const huge = await makePackage(company.id, { code: "HUGE", name: "Huge", priceMinor: 1_000_000_000 });
    const before = await activeSubscriber(company.id, normal.id, "2026-05-01");
    const big = await activeSubscriber(company.id, huge.id, "2026-05-01", { firstName: "Big" });
    await activeSubscriber(company.id, huge.id, "2026-05-01", { customerId: big.customerId });
    const after = await activeSubscriber(company.id, normal.id, "2026-05-01");

    const done = await run(company.id, { date: "2026-05-01", trigger: "MANUAL", actor: staff, batchSize: 10 });
    expect(done).toMatchObject({ invoicesCreated: 2, failureCount: 1 });
    const shown = await withTenant(company.id, (tx) => getRun({ tx, companyId: company.id, actor: staff }, done.id));
    expect(shown.failures).toEqual([
      expect.objectContaining({ customerId: big.customerId, reason: expect.stringMatching(/out of range/) }),
    ]);
    const invoices = await invoicesOf(company.id);
    // One batch: numbers follow account numbers, and `before` was opened first.
    expect(invoices.map((i) => [i.number, i.customerId])).toEqual([
      [1, before.customerId],
      [2, after.customerId],
    ]);
    // Nothing of the refused customer stays: their periods are due again on the next run.
    const periods = await withTenant(company.id, (tx) =>
      tx.billingPeriod.findMany({ select: { subscriptionId: true } }),
    );
    expect(periods.map((p) => p.subscriptionId).sort()).toEqual([before.subscriptionId, after.subscriptionId].sort());
  });

  it("the scheduled run bills today in the company's zone once a day", async () => {
    const { company } = await makeCompany("bill-run-daily");
    await setUpBilling(company.id);
    const pkg = await makePackage(company.id);
    await activeSubscriber(company.id, pkg.id, "2026-06-01");
    // 03:00 UTC on 2 June is still 1 June in New York.
    const now = new Date("2026-06-02T03:00:00Z");
    expect(await runScheduled(company.id, now)).toMatchObject({ date: "2026-06-01", invoicesCreated: 1 });
    expect(await runScheduled(company.id, new Date("2026-06-02T03:30:00Z"))).toBeNull();
    expect(await runScheduled(company.id, new Date("2026-06-02T05:00:00Z"))).toMatchObject({
      date: "2026-06-02",
      invoicesCreated: 0,
    });
  });
});
