import { describe, expect, it } from "vitest";
import type { ServiceRequest } from "../../db/generated/prisma/client";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure } from "../../test/trpc";
import { applyChange } from "../service-requests/apply";
import { parseDate } from "../subscriptions/dates";
import { repairPlanChange } from "./plan-change";
import { run } from "./run";
import { activeSubscriber, makePackage, setUpBilling } from "./testing";

// One-off charges and the repairs of plan changes in mid-period, through to the invoice that
// bills them. VAT 16 % exclusive, calendar months; every number is worked out beside it.

const staff = { type: "SYSTEM" as const, label: "billing test" };
const MIB = 1_048_576n;

async function linesOf(companyId: string, customerId: string) {
  return withTenant(companyId, (tx) =>
    tx.invoice.findMany({
      where: { customerId },
      include: { lines: { orderBy: { position: "asc" } } },
      orderBy: { number: "asc" },
    }),
  );
}

describe("one-off charges", () => {
  it("go on the customer's next invoice with tax, once; a cancelled one never; 'invoice now' bills at once", async () => {
    const { company } = await makeCompany("bill-charges");
    await setUpBilling(company.id);
    const admin = await callerAs(company, (await makeUser(company.id, "BILLING_ADMIN")).id);
    const pkg = await makePackage(company.id);
    const amina = await activeSubscriber(company.id, pkg.id, "2026-03-01");
    const router = await admin.billing.charges.add({
      customerId: amina.customerId,
      subscriptionId: amina.subscriptionId,
      kind: "EQUIPMENT",
      description: "TP-Link Archer C6 router",
      quantity: 2,
      unitPriceMinor: 3_250,
      taxCategory: "STANDARD",
    });
    const wrong = await admin.billing.charges.add({
      customerId: amina.customerId,
      kind: "OTHER",
      description: "Typed by mistake",
      quantity: 1,
      unitPriceMinor: 100,
      taxCategory: "STANDARD",
    });
    await admin.billing.charges.cancel({ id: wrong.id });
    await expectFailure(
      admin.billing.charges.add({
        customerId: amina.customerId,
        kind: "OTHER",
        description: "Free",
        quantity: 1,
        unitPriceMinor: 0,
        taxCategory: "STANDARD",
      }),
      "BAD_REQUEST",
    );

    await run(company.id, { date: "2026-03-01", trigger: "MANUAL", actor: staff });
    // March 2,500 + router 2 × 3,250 = 6,500; VAT 400 + 1,040; total 10,440.
    const [invoice] = await linesOf(company.id, amina.customerId);
    expect(invoice!.lines.map((l) => [l.kind, l.description, l.netMinor, l.taxMinor])).toEqual([
      ["RECURRING", "Home 20, 1 Mar 2026–31 Mar 2026", 2_500, 400],
      ["ONE_OFF", "TP-Link Archer C6 router", 6_500, 1_040],
    ]);
    expect(invoice!.totalMinor).toBe(10_440);
    const listed = await admin.billing.charges.forCustomer({ customerId: amina.customerId });
    expect(listed.waiting).toEqual([]);
    expect(listed.done.map((c) => [c.id, c.invoiceId !== null, c.cancelledAt !== null])).toEqual(
      expect.arrayContaining([
        [router.id, true, false],
        [wrong.id, false, true],
      ]),
    );
    await expectFailure(admin.billing.charges.cancel({ id: router.id }), "CONFLICT");
    // Billed once: the next run has nothing for it.
    expect((await run(company.id, { date: "2026-03-02", trigger: "MANUAL", actor: staff })).invoicesCreated).toBe(0);

    await admin.billing.charges.add({
      customerId: amina.customerId,
      kind: "INSTALLATION",
      description: "Outdoor antenna installation",
      quantity: 1,
      unitPriceMinor: 1_500,
      taxCategory: "STANDARD",
    });
    const now = await admin.billing.charges.invoiceNow({ customerId: amina.customerId });
    const detail = await admin.billing.invoices.get({ id: now.invoiceId! });
    // Invoiced on today's date, so the invoice also carries the periods due since March; the
    // installation is 1,500 + VAT 240.
    expect(detail.lines.find((l) => l.kind === "ONE_OFF")).toMatchObject({ netMinor: 1_500, taxMinor: 240 });
    expect(detail.number).toBe(2);
  });
});

describe("plan changes and terminations in mid-period, through the service-request apply path", () => {
  async function setUp(slug: string) {
    const { company } = await makeCompany(slug);
    await setUpBilling(company.id);
    const home20 = await makePackage(company.id);
    const home50 = await makePackage(company.id, { code: "HOME-50", name: "Home 50", priceMinor: 4_000 });
    const home10 = await makePackage(company.id, { code: "HOME-10", name: "Home 10", priceMinor: 1_500 });
    const apply = (request: Partial<ServiceRequest>) =>
      withTenant(company.id, (tx) =>
        applyChange({ tx, companyId: company.id, actor: staff }, {
          decisionNote: null,
          packageId: null,
          ...request,
        } as ServiceRequest),
      );
    return { company, home20, home50, home10, apply };
  }

  it("upgrade on 15 Feb (28 days), 16 Apr (30 days), downgrade on 20 Jan (31 days): credit and new charge, once", async () => {
    const { company, home20, home50, home10, apply } = await setUp("bill-plan-change");
    const cases = [
      { start: "2026-02-01", on: "2026-02-15", to: home50.id, next: "2026-03-01", credit: -1_250, charge: 2_000 },
      { start: "2026-04-01", on: "2026-04-16", to: home50.id, next: "2026-05-01", credit: -1_250, charge: 2_000 },
      // 2,500 × 12/31 = 967.7 → 968 credited; 1,500 × 12/31 = 580.6 → 581 charged.
      { start: "2026-01-01", on: "2026-01-20", to: home10.id, next: "2026-02-01", credit: -968, charge: 581 },
    ];
    for (const [n, c] of cases.entries()) {
      const sub = await activeSubscriber(company.id, home20.id, c.start);
      await run(company.id, { date: c.start, trigger: "MANUAL", actor: staff });
      const request = { id: `sr-${n}`, kind: "UPGRADE" as const, subscriptionId: sub.subscriptionId };
      await apply({ ...request, packageId: c.to, effectiveDate: parseDate(c.on) });
      // Applying the same request's repair again records nothing.
      expect(
        await withTenant(company.id, (tx) =>
          repairPlanChange(
            { tx, companyId: company.id, actor: staff },
            {
              subscriptionId: sub.subscriptionId,
              effectiveDate: c.on,
              newPackageId: c.to,
              sourceKey: `service-request:sr-${n}`,
            },
          ),
        ),
      ).toBe(0);
      await run(company.id, { date: c.next, trigger: "MANUAL", actor: staff });
      const [, next] = await linesOf(company.id, sub.customerId);
      expect(next!.lines.map((l) => [l.kind, l.netMinor])).toEqual([
        ["RECURRING", c.to === home50.id ? 4_000 : 1_500],
        ["CREDIT", c.credit],
        ["PRORATION", c.charge],
      ]);
    }
  });

  it("termination on 21 Mar (31 days) credits 11 unused days and bills the final period's data above the cap", async () => {
    const { company, apply } = await setUp("bill-terminate");
    const capped = await makePackage(company.id, {
      code: "CAP-10",
      name: "Capped 10",
      dataCapMb: 10_240,
      overagePerGbMinor: 500,
    });
    const sub = await activeSubscriber(company.id, capped.id, "2026-03-01");
    await run(company.id, { date: "2026-03-01", trigger: "MANUAL", actor: staff });
    // 11 GB used by 20 March: 1,024 MB over × 500 per GB = 500.
    await withTenant(company.id, (tx) =>
      tx.usageDaily.create({
        data: {
          companyId: company.id,
          subscriptionId: sub.subscriptionId,
          day: parseDate("2026-03-05"),
          downloadBytes: 11_264n * MIB,
          uploadBytes: 0n,
        },
      }),
    );
    await apply({
      id: "sr-term",
      kind: "TERMINATION",
      subscriptionId: sub.subscriptionId,
      effectiveDate: parseDate("2026-03-21"),
    });
    // Terminated: no subscription is due, but the waiting charges are. 2,500 × 11/31 = 887.1 → 887 credited.
    const result = await run(company.id, { date: "2026-04-01", trigger: "MANUAL", actor: staff });
    expect(result.invoicesCreated).toBe(1);
    const [, last] = await linesOf(company.id, sub.customerId);
    expect(last!.lines.map((l) => [l.kind, l.netMinor, l.usedMb])).toEqual([
      ["CREDIT", -887, null],
      ["OVERAGE", 500, 11_264],
    ]);
    // −887 + 500 = −387 net, VAT −142 + 80 = −62: the customer is owed 449.
    expect(last!.totalMinor).toBe(-449);
  });
});
