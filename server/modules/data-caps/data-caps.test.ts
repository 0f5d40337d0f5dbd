import { InngestTestEngine } from "@inngest/test";
import { seedDataCaps } from "../../../prisma/seed-data-caps";
import { seedLifecycle } from "../../../prisma/seed-lifecycle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { dataCapNotices } from "../../jobs/functions/data-cap-notices";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { mailsTo } from "../../test/mail";
import { expectFailure } from "../../test/trpc";
import { run } from "../billing/run";
import * as access from "../radius/access";
import { makeCustomer, packageInput } from "../subscriptions/testing";
import { activeSubscriber, makePackage, setUpBilling } from "../billing/testing";
import { systemActor, type Scope } from "../scope";
import { atAccepted, fakeSmsProvider, useProviderUrls } from "../sms/testing";
import { parseDate, toDateString, todayIn } from "../subscriptions/dates";
import { balanceOf as walletBalance, prepaidPackage, topUp as topUpWallet } from "../wallet/testing";
import { sendDue } from "./notices";
import { periodContaining } from "./period";
import * as topUps from "./top-ups";
import * as view from "./view";

// Data caps on the real database: notices at 80 % and 100 % once per period, top-ups that raise
// the allowance (and with it what billing counts as overage), and rollover of unused data.

type Company = Awaited<ReturnType<typeof makeCompany>>["company"];
const MIB = 1_048_576n;
let sms: Awaited<ReturnType<typeof fakeSmsProvider>>;

beforeAll(async () => {
  sms = await fakeSmsProvider((req) => ({ status: 201, body: atAccepted(req.form.to) }));
  useProviderUrls({ africasTalking: sms.url });
});
afterAll(async () => {
  useProviderUrls({});
  await sms.close();
});

/** Noon UTC on `day`: the same date in the test company's zone (New York). */
const at = (day: string) => new Date(`${day}T15:00:00Z`);

async function use(companyId: string, subscriptionId: string, day: string, mb: number) {
  await withTenant(companyId, (tx) =>
    tx.usageDaily.upsert({
      where: { subscriptionId_day: { subscriptionId, day: parseDate(day) } },
      create: { companyId, subscriptionId, day: parseDate(day), downloadBytes: BigInt(mb) * MIB },
      update: { downloadBytes: { increment: BigInt(mb) * MIB } },
    }),
  );
}

const scopeOf =
  (companyId: string) =>
  (tx: Scope["tx"]): Scope => ({ tx, companyId, actor: systemActor });

async function usageOf(companyId: string, customerId: string, day: string) {
  const data = await withTenant(companyId, (tx) => view.forCustomer(scopeOf(companyId)(tx), customerId, at(day)));
  return data.subscriptions[0]!;
}

async function option(company: Company, name: string, mb: number, priceMinor: number) {
  const admin = await callerAs(company, (await makeUser(company.id, "BILLING_ADMIN")).id);
  return admin.dataCaps.options.create({ name, mb, priceMinor });
}

async function buyOn(companyId: string, subscriptionId: string, optionId: string, day: string) {
  return withTenant(companyId, (tx) =>
    topUps.buy(scopeOf(companyId)(tx), { subscriptionId, optionId, requestKey: `key-${day}-${optionId}` }, {}, at(day)),
  );
}

/** A capped subscriber with a phone, an e-mail and a portal sign-in. */
async function subscriber(company: Company, packageId: string, start: string, email: string) {
  const sub = await activeSubscriber(company.id, packageId, start, { firstName: "Amina" });
  const user = await makeUser(company.id, "CUSTOMER", { email, name: "Amina Otieno" });
  await withTenant(company.id, (tx) =>
    tx.customer.update({ where: { id: sub.customerId }, data: { userId: user.id, phone: "+254712345678", email } }),
  );
  return { ...sub, userId: user.id };
}

describe("usage notices", () => {
  it("tells the customer once at 80 % and once at 100 % per period, by bell, e-mail and SMS, and again next period", async () => {
    const { company } = await makeCompany("caps-notices");
    await setUpBilling(company.id);
    const admin = await callerAs(company, (await makeUser(company.id, "SUPER_ADMIN")).id);
    await admin.sms.settings.save({
      provider: "AFRICAS_TALKING",
      account: "capsisp",
      secret: "atsk_caps_1234567890",
      senderId: "CAPSISP",
    });
    const pkg = await makePackage(company.id, { dataCapMb: 10_240 });
    const amina = await subscriber(company, pkg.id, "2026-02-01", "amina@caps.test");
    // An unlimited neighbour is never looked at.
    await activeSubscriber(company.id, (await makePackage(company.id, { code: "UNCAPPED" })).id, "2026-02-01");
    const bell = () =>
      withTenant(company.id, (tx) =>
        tx.notification.findMany({ where: { userId: amina.userId }, orderBy: { createdAt: "asc" } }),
      );
    const tick = async (day: string) => {
      const result = await sendDue(company.id, at(day));
      await settleInline();
      return result;
    };

    await use(company.id, amina.subscriptionId, "2026-02-10", 8_191); // 79.99 %
    expect(await tick("2026-02-12")).toEqual({ checked: 1, sent: 0 });
    await use(company.id, amina.subscriptionId, "2026-02-11", 1); // 8,192 MB: exactly 80 %
    expect(await tick("2026-02-12")).toEqual({ checked: 1, sent: 1 });
    expect(await tick("2026-02-12")).toEqual({ checked: 1, sent: 0 });
    expect((await bell()).map((n) => n.title)).toEqual(["You have used 80% of your data"]);
    expect((await bell())[0]!.body).toContain("8.0 GB of 10.0 GB used, 1 Feb 2026–28 Feb 2026");
    expect(mailsTo("amina@caps.test").map((m) => m.subject)).toEqual(["You have used 80% of your data"]);
    expect(sms.requests.map((r) => r.form.message)).toEqual([
      expect.stringMatching(/^Hi Amina, you have used 80% of your data for this period on account \d+/),
    ]);

    await use(company.id, amina.subscriptionId, "2026-02-20", 2_048); // 10,240: all of it
    expect(await tick("2026-02-21")).toEqual({ checked: 1, sent: 1 });
    expect(await tick("2026-02-22")).toEqual({ checked: 1, sent: 0 });
    expect((await bell()).map((n) => n.title)).toEqual([
      "You have used 80% of your data",
      "You have used all your data for this period",
    ]);
    expect(sms.requests).toHaveLength(2);
    expect(sms.requests[1]!.form.message).toMatch(/you have used all your data/);

    // March is a new period: 80 % is told again.
    await use(company.id, amina.subscriptionId, "2026-03-02", 9_000);
    expect(await tick("2026-03-03")).toEqual({ checked: 1, sent: 1 });
    const notices = await withTenant(company.id, (tx) =>
      tx.dataCapNotice.findMany({ orderBy: [{ periodStart: "asc" }, { thresholdPct: "asc" }] }),
    );
    expect(notices.map((n) => [toDateString(n.periodStart), n.thresholdPct])).toEqual([
      ["2026-02-01", 80],
      ["2026-02-01", 100],
      ["2026-03-01", 80],
    ]);
  });

  it("a jump past 100 % is told once; the scheduled function twice in a row sends nothing twice", async () => {
    const { company } = await makeCompany("caps-job");
    await setUpBilling(company.id);
    const pkg = await makePackage(company.id, { dataCapMb: 1_024 });
    const sub = await subscriber(company, pkg.id, "2026-01-01", "job@caps.test");
    const today = todayIn("America/New_York");
    await use(company.id, sub.subscriptionId, today, 2_000);
    const engine = () => new InngestTestEngine({ function: dataCapNotices }).execute();
    // Other test companies share the database: only this one's answer counts here.
    const mine = async () => ((await engine()).result as Record<string, unknown>)[company.id];
    expect(await mine()).toEqual({ checked: 1, sent: 1 });
    expect(await mine()).toEqual({ checked: 1, sent: 0 });
    await settleInline();
    expect(mailsTo("job@caps.test").map((m) => m.subject)).toEqual(["You have used all your data for this period"]);
    expect(
      await withTenant(company.id, (tx) => tx.dataCapNotice.findMany({ select: { thresholdPct: true } })),
    ).toHaveLength(2);
  });
});

describe("data top-ups", () => {
  it("raise this period's allowance, suppress overage by as much, and are bought once per request", async () => {
    const { company } = await makeCompany("caps-topup");
    await setUpBilling(company.id);
    const pkg = await makePackage(company.id, { dataCapMb: 10_240, overagePerGbMinor: 500 });
    const boost = await option(company, "2 GB boost", 2_048, 300);
    const toppedUp = await activeSubscriber(company.id, pkg.id, "2026-02-01", { firstName: "Topped" });
    const plain = await activeSubscriber(company.id, pkg.id, "2026-02-01", { firstName: "Plain" });
    await run(company.id, { date: "2026-02-01", trigger: "MANUAL", actor: systemActor });

    const bought = await buyOn(company.id, toppedUp.subscriptionId, boost.id, "2026-02-15");
    expect(bought).toMatchObject({ mb: 2_048, priceMinor: 300, periodStart: parseDate("2026-02-01") });
    // The same request again (a double click) is the same purchase.
    expect((await buyOn(company.id, toppedUp.subscriptionId, boost.id, "2026-02-15")).id).toBe(bought.id);
    // Postpaid: one charge of 3.00 waits for the next invoice, once.
    const pending = await withTenant(company.id, (tx) => tx.pendingCharge.findMany());
    expect(pending).toMatchObject([{ id: bought.paymentRef, kind: "DATA_TOP_UP", unitPriceMinor: 300 }]);
    expect(await usageOf(company.id, toppedUp.customerId, "2026-02-16")).toMatchObject({
      capMb: 10_240,
      topUpMb: 2_048,
      allowanceMb: 12_288,
      topUps: [{ id: bought.id, name: "2 GB boost" }],
    });
    expect(await usageOf(company.id, plain.customerId, "2026-02-16")).toMatchObject({ allowanceMb: 10_240 });

    for (const s of [toppedUp, plain]) await use(company.id, s.subscriptionId, "2026-02-20", 13_000);
    await run(company.id, { date: "2026-03-01", trigger: "MANUAL", actor: systemActor });
    const overage = await withTenant(company.id, (tx) =>
      tx.invoiceLine.findMany({ where: { kind: "OVERAGE" }, orderBy: { subscriptionId: "asc" } }),
    );
    const bySub = Object.fromEntries(overage.map((l) => [l.subscriptionId, l]));
    // 13,000 − 12,288 = 712 MB × 5.00 / 1,024 = 3.4766 → 348; without: 2,760 MB → 1,347.66 → 1,348.
    expect(bySub[toppedUp.subscriptionId]).toMatchObject({ quantity: 712, netMinor: 348, includedMb: 12_288 });
    expect(bySub[toppedUp.subscriptionId]!.rule).toContain("12288 MB allowance (10240 MB cap + 2048 MB top-ups");
    expect(bySub[plain.subscriptionId]).toMatchObject({ quantity: 2_760, netMinor: 1_348, includedMb: 10_240 });

    // The top-up belonged to February only.
    expect(await usageOf(company.id, toppedUp.customerId, "2026-03-02")).toMatchObject({
      topUpMb: 0,
      allowanceMb: 10_240,
    });
  });

  it("the customer buys in the portal for their own subscription only; archived options and uncapped packages are refused", async () => {
    const { company } = await makeCompany("caps-portal");
    await setUpBilling(company.id);
    const pkg = await makePackage(company.id, { dataCapMb: 5_120 });
    const mine = await subscriber(company, pkg.id, "2026-01-01", "portal@caps.test");
    const theirs = await activeSubscriber(company.id, pkg.id, "2026-01-01", { firstName: "Other" });
    const boost = await option(company, "1 GB", 1_024, 100);
    const portal = await callerAs(company, mine.userId);

    const before = await portal.dataCaps.portal.usage();
    expect(before.options.map((o) => o.name)).toEqual(["1 GB"]);
    expect(before.subscriptions).toMatchObject([{ subscriptionId: mine.subscriptionId, allowanceMb: 5_120 }]);
    await portal.dataCaps.portal.buy({
      subscriptionId: mine.subscriptionId,
      optionId: boost.id,
      requestKey: "portal-1",
    });
    expect((await portal.dataCaps.portal.usage()).subscriptions[0]).toMatchObject({
      topUpMb: 1_024,
      allowanceMb: 6_144,
    });

    await expectFailure(
      portal.dataCaps.portal.buy({ subscriptionId: theirs.subscriptionId, optionId: boost.id, requestKey: "portal-2" }),
      "NOT_FOUND",
    );
    const billing = await callerAs(company, (await makeUser(company.id, "BILLING_ADMIN")).id);
    await billing.dataCaps.options.archive({ id: boost.id, archived: true });
    await expectFailure(
      portal.dataCaps.portal.buy({ subscriptionId: mine.subscriptionId, optionId: boost.id, requestKey: "portal-3" }),
      "NOT_FOUND",
    );
    const unlimited = await activeSubscriber(
      company.id,
      (await makePackage(company.id, { code: "UNL" })).id,
      "2026-01-01",
      {
        customerId: theirs.customerId,
      },
    );
    const other = await option(company, "2 GB", 2_048, 180);
    const refused = await expectFailure(
      billing.dataCaps.buy({ subscriptionId: unlimited.subscriptionId, optionId: other.id, requestKey: "staff-0001" }),
      "UNPROCESSABLE_CONTENT",
    );
    expect(refused.message).toMatch(/no data cap/);
    expect(await withTenant(company.id, (tx) => tx.dataTopUp.count())).toBe(1);
    // A customer service manager reads billing but may not sell.
    const csm = await callerAs(company, (await makeUser(company.id, "CUSTOMER_SERVICE_MANAGER")).id);
    await expectFailure(csm.dataCaps.options.create({ name: "Free", mb: 1, priceMinor: 0 }), "FORBIDDEN");
  });
});

describe("data top-ups on a prepaid package", () => {
  it("are paid from the wallet at once, and refused with what is available when the wallet is short", async () => {
    const { company } = await makeCompany("caps-wallet");
    await setUpBilling(company.id);
    const pkg = await prepaidPackage(company.id, 2_500, { dataCapMb: 5_120 });
    const mine = await subscriber(company, pkg.id, "2026-01-01", "wallet@caps.test");
    const boost = await option(company, "1 GB", 1_024, 300);
    const portal = await callerAs(company, mine.userId);
    await topUpWallet(company.id, mine.customerId, 250);

    const before = await portal.dataCaps.portal.usage();
    expect(before).toMatchObject({ walletBalanceMinor: 250, subscriptions: [{ prepaid: true }] });
    const short = await expectFailure(
      portal.dataCaps.portal.buy({ subscriptionId: mine.subscriptionId, optionId: boost.id, requestKey: "wallet-1" }),
      "UNPROCESSABLE_CONTENT",
    );
    expect(short.message).toBe(
      "Insufficient wallet balance: US$2.50 available, US$3.48 needed with tax. Top up the wallet first.",
    );
    expect(await withTenant(company.id, (tx) => tx.dataTopUp.count())).toBe(0);
    expect(await walletBalance(company.id, mine.customerId)).toBe(250);

    await topUpWallet(company.id, mine.customerId, 200);
    const bought = await portal.dataCaps.portal.buy({
      subscriptionId: mine.subscriptionId,
      optionId: boost.id,
      requestKey: "wallet-2",
    });
    expect(bought).toMatchObject({ payment: "WALLET", mb: 1_024 });
    // The same request again is the same purchase, paid once.
    await portal.dataCaps.portal.buy({
      subscriptionId: mine.subscriptionId,
      optionId: boost.id,
      requestKey: "wallet-2",
    });
    // 3.00 and the company's 16 % VAT (exclusive), as the same top-up on an invoice would be taxed.
    expect(await walletBalance(company.id, mine.customerId)).toBe(102);
    const entries = await withTenant(company.id, (tx) => tx.walletEntry.findMany({ where: { kind: "DATA_TOP_UP" } }));
    expect(entries).toMatchObject([
      { id: bought.paymentRef, amountMinor: -348, netMinor: 300, taxMinor: 48, reference: `data-top-up:${bought.id}` },
    ]);
    // Nothing waits for an invoice.
    expect(await withTenant(company.id, (tx) => tx.pendingCharge.count())).toBe(0);
    expect(await portal.dataCaps.portal.usage()).toMatchObject({
      walletBalanceMinor: 102,
      subscriptions: [{ allowanceMb: 6_144, topUps: [{ payment: "WALLET" }] }],
    });
    const audit = await withTenant(company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: { in: ["wallet.debit", "data_caps.top_up_bought"] } } }),
    );
    expect(audit.map((a) => a.action).sort()).toEqual(["data_caps.top_up_bought", "wallet.debit"]);
  });

  it("postpaid customers are not offered the wallet", async () => {
    const { company } = await makeCompany("caps-postpaid");
    await setUpBilling(company.id);
    const pkg = await makePackage(company.id, { dataCapMb: 5_120 });
    const mine = await subscriber(company, pkg.id, "2026-01-01", "post@caps.test");
    const portal = await callerAs(company, mine.userId);
    expect(await portal.dataCaps.portal.usage()).toMatchObject({
      walletBalanceMinor: null,
      subscriptions: [{ prepaid: false }],
    });
  });
});

describe("rollover", () => {
  it("carries cap + top-ups − used into the next period only, never below zero, in 28-, 30- and 31-day months", async () => {
    const { company } = await makeCompany("caps-rollover");
    await setUpBilling(company.id);
    const pkg = await makePackage(company.id, { dataCapMb: 10_240, dataRollover: true });
    const boost = await option(company, "1 GB", 1_024, 100);
    const sub = await activeSubscriber(company.id, pkg.id, "2026-02-01");
    const on = (day: string) => usageOf(company.id, sub.customerId, day);

    // February (28 days): 3,000 on the 1st, 1,000 on the 28th, a 1,024 top-up; 1 March is March's.
    await use(company.id, sub.subscriptionId, "2026-02-01", 3_000);
    await use(company.id, sub.subscriptionId, "2026-02-28", 1_000);
    await use(company.id, sub.subscriptionId, "2026-03-01", 500);
    await buyOn(company.id, sub.subscriptionId, boost.id, "2026-02-14");
    expect(await on("2026-02-28")).toMatchObject({ rolloverMb: 0, allowanceMb: 11_264, usedMb: 4_000 });
    // Into March: 10,240 + 1,024 − 4,000 = 7,264.
    expect(await on("2026-03-01")).toMatchObject({ rolloverMb: 7_264, allowanceMb: 17_504, usedMb: 500 });

    // March (31 days) used 16,500: beyond its cap, so April gets nothing (not 17,504 − 16,500).
    await use(company.id, sub.subscriptionId, "2026-03-31", 16_000);
    expect(await on("2026-04-01")).toMatchObject({ rolloverMb: 0, allowanceMb: 10_240 });

    // April (30 days) used 2,000 on the 30th: May gets 8,240.
    await use(company.id, sub.subscriptionId, "2026-04-30", 2_000);
    expect(await on("2026-05-15")).toMatchObject({ rolloverMb: 8_240, allowanceMb: 18_480 });

    // May (31 days) used 240 on the 31st: June gets 10,000, not 10,000 + May's own 8,240.
    await use(company.id, sub.subscriptionId, "2026-05-31", 240);
    await use(company.id, sub.subscriptionId, "2026-06-01", 100);
    expect(await on("2026-06-01")).toMatchObject({ rolloverMb: 10_000, allowanceMb: 20_240, usedMb: 100 });

    const rows = await withTenant(company.id, (tx) => tx.dataRollover.findMany({ orderBy: { periodStart: "asc" } }));
    expect(
      rows.map((r) => [toDateString(r.fromStart), toDateString(r.fromEnd), toDateString(r.periodStart), r.mb]),
    ).toEqual([
      ["2026-02-01", "2026-02-28", "2026-03-01", 7_264],
      ["2026-03-01", "2026-03-31", "2026-04-01", 0],
      ["2026-04-01", "2026-04-30", "2026-05-01", 8_240],
      ["2026-05-01", "2026-05-31", "2026-06-01", 10_000],
    ]);
    // Written once: later usage of a closed period does not change what rolled over.
    await use(company.id, sub.subscriptionId, "2026-05-31", 5_000);
    expect(await on("2026-06-02")).toMatchObject({ rolloverMb: 10_000 });
  });
});

describe("the RADIUS quota of a hard cap", () => {
  it("is what is left of the period's allowance, refused at nothing left, and lifted by a top-up", async () => {
    const { company } = await makeCompany("caps-radius");
    const admin = await callerAs(company, (await makeUser(company.id, "SUPER_ADMIN")).id);
    const pkg = await admin.packages.create(packageInput("PPPOE", { code: "HARD1G", dataCapMb: 1_024 }));
    const customer = await makeCustomer(company.id);
    const { subscription } = await admin.subscriptions.create({
      customerId: customer.id,
      packageId: pkg.id,
      startDate: "2026-01-01",
    });
    await admin.subscriptions.activate({ id: subscription.id });
    await settleInline();
    const radius = { type: "API" as const, label: "radius" };
    const login = () => access.authorize(company.id, radius, { username: subscription.pppoeUsername! });
    const limit = async () => {
      const answer = await login();
      return answer.accept ? answer.items.find((i) => i.attribute === "Mikrotik-Total-Limit")?.value : answer.message;
    };
    const today = todayIn(company.timeZone);

    expect(await limit()).toBe(String(1_024 * 1_048_576));
    // What is left changes with every session, so FreeRADIUS must ask at every login.
    expect(await login()).toMatchObject({ accept: true, freshSeconds: 0 });
    await use(company.id, subscription.id, today, 1_000);
    expect(await limit()).toBe(String(24 * 1_048_576));
    await use(company.id, subscription.id, today, 24);
    expect(await limit()).toBe(
      "You have used all your data for this period. Buy a data top-up in the customer portal.",
    );

    const boost = await admin.dataCaps.options.create({ name: "512 MB", mb: 512, priceMinor: 50 });
    await admin.dataCaps.buy({ subscriptionId: subscription.id, optionId: boost.id, requestKey: "radius-boost" });
    expect(await limit()).toBe(String(512 * 1_048_576));
  });
});

describe("the period an allowance belongs to", () => {
  it("is billing's period: calendar months, or anniversaries anchored on the start date", () => {
    const monthly = (startDate: string, alignment: "CALENDAR" | "ANNIVERSARY") => ({
      startDate: parseDate(startDate),
      cycle: "MONTHLY" as const,
      alignment,
    });
    const span = (p: { start: Date; end: Date }) => [toDateString(p.start), toDateString(p.end)];
    // A mid-month start: the first calendar period is the stub from the start date.
    expect(span(periodContaining(parseDate("2026-02-20"), monthly("2026-02-10", "CALENDAR")))).toEqual([
      "2026-02-10",
      "2026-02-28",
    ]);
    // 31 Jan anniversaries: 28 Feb – 30 Mar, then 31 Mar – 29 Apr (never drifting to the 28th).
    expect(span(periodContaining(parseDate("2026-03-01"), monthly("2026-01-31", "ANNIVERSARY")))).toEqual([
      "2026-02-28",
      "2026-03-30",
    ]);
    expect(span(periodContaining(parseDate("2026-04-15"), monthly("2026-01-31", "ANNIVERSARY")))).toEqual([
      "2026-03-31",
      "2026-04-29",
    ]);
  });

  it("rollover needs a cap on the package", async () => {
    const { company } = await makeCompany("caps-package");
    const admin = await callerAs(company, (await makeUser(company.id, "SUPER_ADMIN")).id);
    const failed = await expectFailure(
      admin.packages.create(packageInput("PPPOE", { code: "ROLL", dataRollover: true })),
      "BAD_REQUEST",
    );
    expect(failed.fields).toMatchObject({ dataRollover: expect.stringMatching(/cap/) });
  });
});

it("the demo sells its data top-ups once, and its capped package rolls data over", async () => {
  const { company } = await makeCompany("caps-seed");
  await makeUser(company.id, "CUSTOMER", { email: "brian.ouma@example.com", name: "Brian Ouma" });
  await seedLifecycle(company.id);
  await settleInline();
  await seedDataCaps(company.id);
  await seedDataCaps(company.id);
  const options = await withTenant(company.id, (tx) => tx.dataTopUpOption.findMany({ orderBy: { mb: "asc" } }));
  expect(options.map((o) => [o.name, o.mb])).toEqual([
    ["Daily boost 2 GB", 2_048],
    ["Weekly boost 10 GB", 10_240],
    ["Month saver 50 GB", 51_200],
  ]);
  const lite = await withTenant(company.id, (tx) => tx.package.findFirstOrThrow({ where: { code: "PPP-10" } }));
  expect(lite).toMatchObject({ dataCapMb: 204_800, dataRollover: true });
});
