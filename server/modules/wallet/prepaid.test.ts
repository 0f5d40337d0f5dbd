import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { prepaidRenewals } from "../../jobs/functions/prepaid-renewals";
import { makeCompany, makeUser } from "../../test/fixtures";
import { mailsTo } from "../../test/mail";
import { activeSubscriber, setUpBilling } from "../billing/testing";
import { run as billingRun } from "../billing/run";
import { todayIn } from "../subscriptions/dates";
import { transition } from "../subscriptions/service";
import { adjust } from "./adjustments";
import { runDue } from "./prepaid";
import { statement } from "./statement";
import { balanceOf, prepaidPackage, staff, topUp } from "./testing";

// Companies in these tests are in America/New_York: 17:00 UTC is the same calendar day there.
const at = (day: string) => new Date(`${day}T17:00:00Z`);

async function subscriber(slug: string, priceMinor = 2_500, startDate = "2026-03-10") {
  const { company } = await makeCompany(slug);
  const pkg = await prepaidPackage(company.id, priceMinor);
  const { customerId, subscriptionId } = await activeSubscriber(company.id, pkg.id, startDate);
  return { company, companyId: company.id, customerId, subscriptionId };
}

const termsOf = (companyId: string) =>
  withTenant(companyId, (tx) => tx.prepaidTerm.findMany({ orderBy: { termStart: "asc" } }));
const statusOf = (companyId: string, id: string) =>
  withTenant(companyId, async (tx) => (await tx.subscription.findUniqueOrThrow({ where: { id } })).status);
const day = (d: Date) => d.toISOString().slice(0, 10);

describe("prepaid renewals", () => {
  it("buy the term from the wallet once, however often and however concurrently the job runs", async () => {
    const { companyId, customerId } = await subscriber("prepaid-once");
    await topUp(companyId, customerId, 6_000);

    const first = await runDue(companyId, at("2026-03-10"));
    expect(first).toMatchObject({ renewed: 1, suspended: 0, failures: [] });
    await Promise.all([runDue(companyId, at("2026-03-10")), runDue(companyId, at("2026-03-10"))]);
    await runDue(companyId, at("2026-03-25"));

    const terms = await termsOf(companyId);
    expect(terms.map((t) => [day(t.termStart), day(t.termEnd), t.amountMinor])).toEqual([
      ["2026-03-10", "2026-04-09", 2_500],
    ]);
    expect(await balanceOf(companyId, customerId)).toBe(3_500);

    // The next term starts the day after the last one ends.
    await runDue(companyId, at("2026-04-10"));
    expect((await termsOf(companyId)).map((t) => [day(t.termStart), day(t.termEnd)])).toEqual([
      ["2026-03-10", "2026-04-09"],
      ["2026-04-10", "2026-05-09"],
    ]);
    expect(await balanceOf(companyId, customerId)).toBe(1_000);
    const renewals = await withTenant(companyId, (tx) => tx.walletEntry.findMany({ where: { kind: "RENEWAL" } }));
    expect(renewals.map((e) => e.description)).toContain("Prepaid renewal of Prepaid 20 for 2026-04-10 to 2026-05-09");
  });

  it("suspend a subscription the wallet cannot pay, and resume and renew it once a top-up covers it", async () => {
    const { companyId, customerId, subscriptionId } = await subscriber("prepaid-short");
    await topUp(companyId, customerId, 1_000);

    expect(await runDue(companyId, at("2026-03-10"))).toMatchObject({ renewed: 0, suspended: 1 });
    expect(await statusOf(companyId, subscriptionId)).toBe("SUSPENDED");
    const [suspension] = await withTenant(companyId, (tx) =>
      tx.subscriptionEvent.findMany({ where: { subscriptionId, toStatus: "SUSPENDED" } }),
    );
    expect(suspension!.reason).toBe(
      "Prepaid renewal due 2026-03-10: the wallet holds US$10.00, Prepaid 20 costs US$25.00. " +
        "Service resumes automatically after a top-up that covers it.",
    );
    // Running again changes nothing: still suspended once, nothing taken.
    expect(await runDue(companyId, at("2026-03-11"))).toMatchObject({ suspended: 0, stillHeld: 1 });
    expect(await balanceOf(companyId, customerId)).toBe(1_000);
    const prepaidOf = async () =>
      (await withTenant(companyId, (tx) => statement(staff(companyId, tx), { customerId }))).prepaid;
    expect(await prepaidOf()).toEqual([
      expect.objectContaining({ status: "SUSPENDED", waitingForTopUp: true, paidUntil: null, renewalMinor: 2_500 }),
    ]);

    // A top-up that does not cover it leaves it suspended; one that does resumes it the same moment.
    await withTenant(companyId, (tx) =>
      adjust(staff(companyId, tx), { customerId, amountMinor: 500, reason: "Part payment at the counter" }),
    );
    expect(await statusOf(companyId, subscriptionId)).toBe("SUSPENDED");
    const covered = await withTenant(companyId, (tx) =>
      adjust(staff(companyId, tx), { customerId, amountMinor: 1_000, reason: "Rest paid at the counter" }),
    );
    expect(covered.renewals).toEqual([{ subscriptionId, outcome: "renewed" }]);
    expect(await statusOf(companyId, subscriptionId)).toBe("ACTIVE");
    expect(await balanceOf(companyId, customerId)).toBe(0);
    expect(await withTenant(companyId, (tx) => tx.prepaidHold.count())).toBe(0);
    const [term] = await termsOf(companyId);
    expect(term!.amountMinor).toBe(2_500);
    expect(await prepaidOf()).toEqual([
      expect.objectContaining({ status: "ACTIVE", waitingForTopUp: false, paidUntil: day(term!.termEnd) }),
    ]);
  });

  it("leave a subscription staff suspended for another reason alone", async () => {
    const { companyId, customerId, subscriptionId } = await subscriber("prepaid-staff");
    await topUp(companyId, customerId, 5_000);
    await withTenant(companyId, (tx) =>
      transition(staff(companyId, tx), "suspend", { id: subscriptionId, reason: "Customer travelling" }),
    );
    expect(await runDue(companyId, at("2026-03-10"))).toMatchObject({ renewed: 0, suspended: 0 });
    await withTenant(companyId, (tx) =>
      adjust(staff(companyId, tx), { customerId, amountMinor: 100, reason: "Bonus" }),
    );
    expect(await statusOf(companyId, subscriptionId)).toBe("SUSPENDED");
    expect(await balanceOf(companyId, customerId)).toBe(5_100);
  });

  it("let a top-up through when a held subscription has since been terminated", async () => {
    const { companyId, customerId, subscriptionId } = await subscriber("prepaid-ended");
    await runDue(companyId, at("2026-03-10"));
    expect(await statusOf(companyId, subscriptionId)).toBe("SUSPENDED");
    await withTenant(companyId, (tx) =>
      transition(staff(companyId, tx), "terminate", { id: subscriptionId, reason: "Moved away" }),
    );
    const result = await withTenant(companyId, (tx) =>
      adjust(staff(companyId, tx), { customerId, amountMinor: 5_000, reason: "Deposit refund pending" }),
    );
    expect(result.renewals).toEqual([{ subscriptionId, outcome: "skipped" }]);
    expect(await balanceOf(companyId, customerId)).toBe(5_000);
    expect(await statusOf(companyId, subscriptionId)).toBe("TERMINATED");
    expect(await withTenant(companyId, (tx) => tx.prepaidHold.count())).toBe(0);
  });

  it("warn the customer once per term, three days ahead, when the wallet will not cover the renewal", async () => {
    const { companyId, customerId } = await subscriber("prepaid-warn");
    const user = await makeUser(companyId, "CUSTOMER", { email: "amina@warn.test", name: "Amina" });
    await withTenant(companyId, (tx) => tx.customer.update({ where: { id: customerId }, data: { userId: user.id } }));
    await topUp(companyId, customerId, 3_000);
    await runDue(companyId, at("2026-03-10")); // term to 9 April, 5.00 left

    expect(await runDue(companyId, at("2026-04-06"))).toMatchObject({ warned: 0 }); // four days ahead
    expect(await runDue(companyId, at("2026-04-07"))).toMatchObject({ warned: 1 });
    expect(await runDue(companyId, at("2026-04-08"))).toMatchObject({ warned: 0 });
    expect(await runDue(companyId, at("2026-04-09"))).toMatchObject({ warned: 0 });

    const mails = mailsTo("amina@warn.test");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Top up your wallet to stay connected");
    expect(mails[0]!.text).toContain("Prepaid 20 renews on 2026-04-10 for US$25.00. Your wallet holds US$5.00.");
    const bell = await withTenant(companyId, (tx) => tx.notification.findMany({ where: { userId: user.id } }));
    expect(bell.map((n) => [n.kind, n.link])).toEqual([["wallet.renewal_warning", "/portal"]]);
  });

  it("do not warn a customer whose wallet covers the renewal", async () => {
    const { companyId, customerId } = await subscriber("prepaid-covered");
    await withTenant(companyId, (tx) =>
      tx.customer.update({ where: { id: customerId }, data: { email: "covered@warn.test" } }),
    );
    await topUp(companyId, customerId, 5_000);
    await runDue(companyId, at("2026-03-10"));
    expect(await runDue(companyId, at("2026-04-08"))).toMatchObject({ warned: 0 });
    expect(mailsTo("covered@warn.test")).toHaveLength(0);
  });

  it("are never invoiced by the billing run", async () => {
    const { companyId, customerId } = await subscriber("prepaid-no-invoice");
    await setUpBilling(companyId);
    await topUp(companyId, customerId, 5_000);
    const result = await billingRun(companyId, {
      date: "2026-03-10",
      trigger: "MANUAL",
      actor: { type: "SYSTEM", label: "test" },
    });
    expect(result.invoicesCreated).toBe(0);
    expect(await withTenant(companyId, (tx) => tx.invoice.count())).toBe(0);
  });

  it("run from the hourly Inngest function for every company, once per term", async () => {
    const { company } = await makeCompany("prepaid-job");
    const today = todayIn(company.timeZone);
    const pkg = await prepaidPackage(company.id);
    const { customerId } = await activeSubscriber(company.id, pkg.id, today);
    await topUp(company.id, customerId, 3_000);
    const engine = () => new InngestTestEngine({ function: prepaidRenewals }).execute();
    expect((await engine()).error).toBeUndefined();
    expect((await engine()).error).toBeUndefined();
    expect(await termsOf(company.id)).toHaveLength(1);
    expect(await balanceOf(company.id, customerId)).toBe(500);
  });
});
