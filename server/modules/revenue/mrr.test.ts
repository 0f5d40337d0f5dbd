import { describe, expect, it } from "vitest";
import { makeCompany } from "../../test/fixtures";
import { activeSubscriber, makePackage, setUpBilling } from "../billing/testing";
import { companyBasics, packagePrices, subscriptionHistories } from "./load";
import { monthlyMinor, mrrSeries } from "./mrr";
import { overview } from "./service";
import { as, changePackage, changeStatusAt, startedAt } from "./testing";

// MRR and its movements over five months of a small ISP (America/New_York, prices in cents),
// every number worked out by hand below.
//
//   Basic 20.00/month, Premium 35.00/month, Business 90.00/quarter (= 30.00/month).
//   Amina   Basic from 10 Jan.                                         new in Jan
//   Baraka  Basic from 5 Jan, upgraded to Premium from 15 Feb.        new Jan, expansion +15.00 Feb
//   Chege   Premium from 20 Jan, downgraded to Basic from 1 Mar.      new Jan, contraction −15.00 Mar
//   Daudi   Business from 1 Feb, terminated 10 Mar.                   new Feb, churn −30.00 Mar
//   Esther  Basic from 3 Jan, terminated 20 Feb; Basic again 5 Apr.   new Jan, churn Feb, reactivation Apr
//   Faith   Basic from 2 Jan, suspended 15 Mar, resumed 2 May.        suspended ones are not billed
//                                                                     (PAUSE): churn Mar, reactivation May

const NOW = new Date("2026-06-15T16:00:00Z");

async function smallIsp() {
  const { company } = await makeCompany("rev-mrr");
  const id = company.id;
  await setUpBilling(id, { suspendedBilling: "PAUSE" });
  const basic = await makePackage(id, { code: "BASIC", name: "Basic", priceMinor: 2_000 });
  const premium = await makePackage(id, { code: "PREMIUM", name: "Premium", priceMinor: 3_500 });
  const business = await makePackage(id, {
    code: "BIZ",
    name: "Business",
    priceMinor: 9_000,
    billingCycle: "QUARTERLY",
  });
  await activeSubscriber(id, basic.id, "2026-01-10", { firstName: "Amina" });
  const baraka = await activeSubscriber(id, basic.id, "2026-01-05", { firstName: "Baraka" });
  await changePackage(id, baraka.subscriptionId, premium.id, "2026-02-15");
  const chege = await activeSubscriber(id, premium.id, "2026-01-20", { firstName: "Chege" });
  await changePackage(id, chege.subscriptionId, basic.id, "2026-03-01");
  const daudi = await activeSubscriber(id, business.id, "2026-02-01", { firstName: "Daudi" });
  await startedAt(id, daudi.subscriptionId, "2026-02-01T09:00:00-05:00");
  await changeStatusAt(id, daudi.subscriptionId, "terminate", "2026-03-10T11:00:00-05:00");
  const esther = await activeSubscriber(id, basic.id, "2026-01-03", { firstName: "Esther" });
  await startedAt(id, esther.subscriptionId, "2026-01-03T09:00:00-05:00");
  await changeStatusAt(id, esther.subscriptionId, "terminate", "2026-02-20T10:00:00-05:00");
  await activeSubscriber(id, basic.id, "2026-04-05", { customerId: esther.customerId });
  const faith = await activeSubscriber(id, basic.id, "2026-01-02", { firstName: "Faith" });
  await startedAt(id, faith.subscriptionId, "2026-01-02T09:00:00-05:00");
  await changeStatusAt(id, faith.subscriptionId, "suspend", "2026-03-15T08:00:00-04:00");
  await changeStatusAt(id, faith.subscriptionId, "resume", "2026-05-02T08:00:00-04:00");
  return id;
}

describe("MRR and its movements", () => {
  it("follows new, upgrade, downgrade, churn and reactivation month by month", async () => {
    const companyId = await smallIsp();
    const report = await as(companyId, (scope) => overview(scope, { from: "2026-01", to: "2026-05" }, NOW));
    const rows = report.mrr.map((m) => ({
      month: m.month,
      mrr: m.mrrMinor,
      paying: m.payingCustomers,
      arpu: m.arpuMinor,
      new: m.newMinor,
      expansion: m.expansionMinor,
      contraction: m.contractionMinor,
      churn: m.churnMinor,
      reactivation: m.reactivationMinor,
    }));
    expect(rows).toEqual([
      // Amina 20 + Baraka 20 + Chege 35 + Esther 20 + Faith 20 = 115.00 over 5 customers.
      {
        month: "2026-01",
        mrr: 11_500,
        paying: 5,
        arpu: 2_300,
        new: 11_500,
        expansion: 0,
        contraction: 0,
        churn: 0,
        reactivation: 0,
      },
      // + Daudi 30 (new), Baraka +15, − Esther 20: 140.00, 5 customers.
      {
        month: "2026-02",
        mrr: 14_000,
        paying: 5,
        arpu: 2_800,
        new: 3_000,
        expansion: 1_500,
        contraction: 0,
        churn: 2_000,
        reactivation: 0,
      },
      // Chege −15, Daudi −30 and Faith −20 gone: 75.00, 3 customers.
      {
        month: "2026-03",
        mrr: 7_500,
        paying: 3,
        arpu: 2_500,
        new: 0,
        expansion: 0,
        contraction: 1_500,
        churn: 5_000,
        reactivation: 0,
      },
      // Esther is back: 95.00 over 4 (23.75).
      {
        month: "2026-04",
        mrr: 9_500,
        paying: 4,
        arpu: 2_375,
        new: 0,
        expansion: 0,
        contraction: 0,
        churn: 0,
        reactivation: 2_000,
      },
      // Faith resumed: 115.00 over 5.
      {
        month: "2026-05",
        mrr: 11_500,
        paying: 5,
        arpu: 2_300,
        new: 0,
        expansion: 0,
        contraction: 0,
        churn: 0,
        reactivation: 2_000,
      },
    ]);
    const [jan, feb, mar] = report.mrr;
    expect([jan!.newCustomers, feb!.newCustomers, feb!.churnedCustomers, mar!.churnedCustomers]).toEqual([5, 1, 1, 2]);
    // February: 1 of 5 customers left (20 %); (20 churned + 0 contraction) / 115 = 17.39 %; net of
    // the 15 expansion: 5 / 115 = 4.35 %.
    expect([feb!.logoChurnBps, feb!.revenueChurnBps, feb!.netRevenueChurnBps]).toEqual([2_000, 1_739, 435]);
    // March: 2 of 5 (40 %); (50 + 15) / 140 = 46.43 %.
    expect([mar!.logoChurnBps, mar!.revenueChurnBps, mar!.netRevenueChurnBps]).toEqual([4_000, 4_643, 4_643]);
    // January starts from nothing: no base to churn from.
    expect(jan!.logoChurnBps).toBeNull();
    // Every month adds up: start + new + reactivation + expansion − contraction − churn = end.
    let start = 0;
    for (const m of report.mrr) {
      expect(start + m.newMinor + m.reactivationMinor + m.expansionMinor - m.contractionMinor - m.churnMinor).toBe(
        m.mrrMinor,
      );
      start = m.mrrMinor;
    }
  });

  it("keeps a suspended subscriber in MRR when the company still bills suspended subscriptions", async () => {
    const companyId = (await makeCompany("rev-mrr-bill")).company.id;
    await setUpBilling(companyId, { suspendedBilling: "BILL" });
    const basic = await makePackage(companyId, { code: "BASIC", name: "Basic", priceMinor: 2_000 });
    const faith = await activeSubscriber(companyId, basic.id, "2026-01-02", { firstName: "Faith" });
    await startedAt(companyId, faith.subscriptionId, "2026-01-02T09:00:00-05:00");
    await changeStatusAt(companyId, faith.subscriptionId, "suspend", "2026-03-15T08:00:00-04:00");
    const report = await as(companyId, (scope) => overview(scope, { from: "2026-02", to: "2026-04" }, NOW));
    expect(report.mrr.map((m) => [m.month, m.mrrMinor, m.churnMinor])).toEqual([
      ["2026-02", 2_000, 0],
      ["2026-03", 2_000, 0],
      ["2026-04", 2_000, 0],
    ]);
    // The same history read with suspensions left out: churned in March.
    const pauses = await as(companyId, async (scope) => {
      const basics = await companyBasics(scope, NOW);
      const histories = await subscriptionHistories(scope, basics.timeZone, basics.today);
      return mrrSeries(histories, await packagePrices(scope), ["2026-03"], basics.today, false);
    });
    expect(pauses[0]).toMatchObject({ mrrMinor: 0, churnMinor: 2_000, churnedCustomers: 1 });
  });

  it("reads the current month up to today and never past it", async () => {
    const companyId = (await makeCompany("rev-mrr-today")).company.id;
    const basic = await makePackage(companyId, { code: "BASIC", name: "Basic", priceMinor: 2_000 });
    await activeSubscriber(companyId, basic.id, "2026-06-20", { firstName: "Later" });
    const report = await as(companyId, (scope) => overview(scope, { from: "2026-05", to: "2026-09" }, NOW));
    // June is read on 15 June (the subscription starts on the 20th); July to September do not exist yet.
    expect(report.mrr.map((m) => [m.month, m.asOf, m.mrrMinor])).toEqual([
      ["2026-05", "2026-05-31", 0],
      ["2026-06", "2026-06-15", 0],
    ]);
    // A start alone, years back, is cut to the last 36 months; no range at all is the last 12.
    const long = await as(companyId, (scope) => overview(scope, { from: "2020-01" }, NOW));
    expect([long.range.from, long.range.to, long.mrr.length]).toEqual(["2023-07", "2026-06", 36]);
    const plain = await as(companyId, (scope) => overview(scope, {}, NOW));
    expect([plain.range.from, plain.range.to, plain.mrr.length]).toEqual(["2025-07", "2026-06", 12]);
  });

  it("normalises quarterly and yearly prices to a month, half-up in whole minor units", () => {
    expect(monthlyMinor({ priceMinor: 9_000, billingCycle: "QUARTERLY" }, 1)).toBe(3_000);
    expect(monthlyMinor({ priceMinor: 1_000, billingCycle: "QUARTERLY" }, 1)).toBe(333);
    expect(monthlyMinor({ priceMinor: 1_001, billingCycle: "QUARTERLY" }, 2)).toBe(667);
    expect(monthlyMinor({ priceMinor: 12_006, billingCycle: "YEARLY" }, 1)).toBe(1_001);
    expect(monthlyMinor({ priceMinor: 6, billingCycle: "YEARLY" }, 1)).toBe(1);
    expect(monthlyMinor({ priceMinor: 5, billingCycle: "YEARLY" }, 1)).toBe(0);
    expect(monthlyMinor({ priceMinor: 2_000, billingCycle: "MONTHLY" }, 3)).toBe(6_000);
    expect(monthlyMinor({ priceMinor: 500, billingCycle: "VALIDITY" }, 1)).toBe(0);
  });
});
