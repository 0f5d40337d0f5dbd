import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { mailsTo } from "../../test/mail";
import { expectFailure, failure } from "../../test/trpc";
import { voidInvoice } from "../billing/invoices";
import { atAccepted, fakeSmsProvider, useProviderUrls } from "../sms/testing";
import * as subscriptions from "../subscriptions/service";
import { runDaily } from "./service";
import { daysFromToday, owingCustomer, pay, systemScope } from "./testing";

// Dunning end to end on the real database: reminders once, suspension after grace through the
// subscriptions state machine (RADIUS rejects the login), restore the moment the overdue balance
// is paid or voided, never a staff suspension, and payment arrangements that pause dunning.

type Company = Awaited<ReturnType<typeof makeCompany>>["company"];
let made = 0;
async function company() {
  const { company } = await makeCompany(`dunning-${++made}`, `Dunning ISP ${made}`);
  const admin = await callerAs(company, (await makeUser(company.id, "BILLING_ADMIN")).id);
  return { company, admin };
}

const statusOf = (c: Company, ids: string[]) =>
  withTenant(c.id, async (tx) =>
    (await tx.subscription.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).map((s) => s.status),
  );
const subscription = (c: Company, id: string) =>
  withTenant(c.id, (tx) => tx.subscription.findUniqueOrThrow({ where: { id } }));
const radiusOf = (c: Company, subscriptionId: string) =>
  withTenant(c.id, (tx) => tx.radiusAttribute.findMany({ where: { subscriptionId } }));
/** What dunning sent (the invoice itself is e-mailed on issue too). */
const dunningMails = (email: string) =>
  mailsTo(email).filter((m) => /^(Payment reminder|Your internet service|Your payment arrangement)/.test(m.subject));
const noticesOf = (c: Company, customerId: string) =>
  withTenant(c.id, (tx) => tx.dunningNotice.findMany({ where: { customerId }, orderBy: { sentAt: "asc" } }));

describe("reminders", () => {
  it("sends the step that is due once, however often the job runs, by e-mail and in the portal", async () => {
    const { company: c } = await company();
    // Issued 16 days ago with 14-day terms: due 2 days ago, inside the 7-day grace.
    const owing = await owingCustomer(c, 16, { email: "late@dunning.test", portal: true });

    const first = await runDaily(c.id);
    const second = await runDaily(c.id);
    expect(first).toMatchObject({ reminders: 1, suspended: 0, failures: 0 });
    expect(second).toMatchObject({ reminders: 0, suspended: 0, failures: 0 });

    const notices = await noticesOf(c, owing.customerId);
    expect(notices.map((n) => [n.kind, n.offsetDays, n.channels])).toEqual([["REMINDER", 0, ["EMAIL", "PORTAL"]]]);
    const mails = dunningMails("late@dunning.test");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Payment reminder: invoice INV-00001");
    expect(mails[0]!.text).toMatch(/was due on \d{4}-\d{2}-\d{2}|is due today/);
    const bell = await withTenant(c.id, (tx) => tx.notification.findMany({ where: { userId: owing.userId! } }));
    expect(bell.map((n) => n.title)).toEqual(["Payment reminder: invoice INV-00001"]);
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["ACTIVE"]);
  });

  it("texts the reminder with the company's PAYMENT_REMINDER template when SMS is set up", async () => {
    const at = await fakeSmsProvider((req) => ({ status: 201, body: atAccepted(req.form.to) }));
    useProviderUrls({ africasTalking: at.url });
    try {
      const { company: c } = await company();
      const owner = await callerAs(c, (await makeUser(c.id, "SUPER_ADMIN")).id);
      await owner.sms.settings.save({
        provider: "AFRICAS_TALKING",
        account: "dunningisp",
        secret: "atsk_dunning_key_1234567890",
        senderId: "DUNNING",
      });
      const owing = await owingCustomer(c, 16, { phone: "+1 555 867 0042" });
      expect(await runDaily(c.id)).toMatchObject({ reminders: 1 });
      await settleInline();
      const reminders = () => at.requests.filter((r) => r.form.message?.includes("a reminder that"));
      expect(reminders()).toHaveLength(1);
      expect(reminders()[0]!.form.to).toBe("+15558670042");
      expect(reminders()[0]!.form.message).toMatch(
        /^Hi Amina, a reminder that US\$[\d.]+ on account \d+ is due on \d{4}-\d{2}-\d{2}\. Pay here: http/,
      );
      expect((await noticesOf(c, owing.customerId))[0]!.channels).toEqual(["SMS"]);
      expect(await runDaily(c.id)).toMatchObject({ reminders: 0 });
      await settleInline();
      expect(reminders()).toHaveLength(1);
    } finally {
      useProviderUrls({});
      await at.close();
    }
  });

  it("sends nothing when the company switched dunning off, and nothing for a paid invoice", async () => {
    const { company: c, admin } = await company();
    const owing = await owingCustomer(c, 30, { email: "off@dunning.test" });
    await admin.dunning.settings.update({ enabled: false, graceDays: 7, steps: [] });
    expect(await runDaily(c.id)).toMatchObject({ reminders: 0, suspended: 0 });
    await admin.dunning.settings.update({
      enabled: true,
      graceDays: 7,
      steps: [{ offsetDays: 1, channels: ["EMAIL"] }],
    });
    await pay(c.id, owing.customerId, owing.invoice.id);
    expect(await runDaily(c.id)).toMatchObject({ reminders: 0, suspended: 0 });
    expect(mailsTo("off@dunning.test").filter((m) => m.subject.startsWith("Payment reminder"))).toEqual([]);
  });
});

describe("suspension and restore", () => {
  it("suspends every active subscription after grace, removes the login from RADIUS, and restores on payment", async () => {
    const { company: c } = await company();
    // Due 16 days ago: 9 days past the 7-day grace.
    const owing = await owingCustomer(c, 30, { email: "cut@dunning.test", subscriptions: 2 });

    const result = await runDaily(c.id);
    expect(result).toMatchObject({ suspended: 2, failures: 0 });
    await settleInline();
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["SUSPENDED", "SUSPENDED"]);
    for (const id of owing.subscriptionIds) {
      expect((await subscription(c, id)).provisioning).toBe("DEPROVISIONED");
      expect((await radiusOf(c, id)).map((r) => `${r.attribute}=${r.value}`)).toEqual(["Auth-Type=Reject"]);
    }
    const history = await withTenant(c.id, (tx) =>
      tx.subscriptionEvent.findMany({ where: { subscriptionId: owing.subscriptionIds[0]!, toStatus: "SUSPENDED" } }),
    );
    expect(history[0]!.reason).toMatch(/^Unpaid balance of US\$[\d,.]+ overdue since \d{4}-\d{2}-\d{2} \[dunning /);
    expect(mailsTo("cut@dunning.test").map((m) => m.subject)).toContain("Your internet service is suspended");

    // Running again suspends nothing more and repeats no notice.
    const notices = (await noticesOf(c, owing.customerId)).length;
    expect(await runDaily(c.id)).toMatchObject({ suspended: 0, reminders: 0 });
    expect(await noticesOf(c, owing.customerId)).toHaveLength(notices);

    await pay(c.id, owing.customerId, owing.invoice.id);
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["ACTIVE", "ACTIVE"]);
    for (const id of owing.subscriptionIds)
      expect((await radiusOf(c, id)).map((r) => r.attribute)).toEqual(["Mikrotik-Rate-Limit"]);
    expect(mailsTo("cut@dunning.test").map((m) => m.subject)).toContain("Your internet service is back on");
    const audit = await withTenant(c.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: { in: ["subscription.suspend", "subscription.resume"] } } }),
    );
    expect(audit).toHaveLength(4);
  });

  it("suspends and notifies once when two runs start at the same moment", async () => {
    const { company: c } = await company();
    const owing = await owingCustomer(c, 30, { email: "twice@dunning.test", subscriptions: 2 });
    const [a, b] = await Promise.all([runDaily(c.id), runDaily(c.id)]);
    expect(a.failures + b.failures).toBe(0);
    expect(a.suspended + b.suspended).toBe(2);
    expect(a.reminders + b.reminders).toBe(1);
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["SUSPENDED", "SUSPENDED"]);
    expect(await withTenant(c.id, (tx) => tx.dunningSuspension.count())).toBe(2);
    expect(
      dunningMails("twice@dunning.test")
        .map((m) => m.subject)
        .sort(),
    ).toEqual(["Payment reminder: invoice INV-00001", "Your internet service is suspended"]);
  });

  it("keeps service suspended while part of the overdue balance is still past grace", async () => {
    const { company: c } = await company();
    const owing = await owingCustomer(c, 30);
    await runDaily(c.id);
    await pay(c.id, owing.customerId, owing.invoice.id, 100);
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["SUSPENDED"]);
  });

  it("restores at once when the overdue invoice is voided, RADIUS login back", async () => {
    const { company: c } = await company();
    const owing = await owingCustomer(c, 30);
    await runDaily(c.id);
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["SUSPENDED"]);
    await withTenant(c.id, (tx) =>
      voidInvoice(systemScope(c.id, tx), { id: owing.invoice.id, reason: "Billed in error" }),
    );
    // At once, without waiting for the next dunning run.
    await settleInline();
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["ACTIVE"]);
    expect((await radiusOf(c, owing.subscriptionIds[0]!)).map((r) => r.attribute)).toEqual(["Mikrotik-Rate-Limit"]);
  });

  it("restores at once when staff credit the overdue balance in full, and not while part is still owed", async () => {
    const { company: c, admin } = await company();
    const owing = await owingCustomer(c, 30, { email: "credited@dunning.test" });
    await runDaily(c.id);
    await settleInline();
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["SUSPENDED"]);
    const [line] = await admin.billing.creditNotes.creditable({ id: owing.invoice.id });

    await admin.billing.creditNotes.issue({
      invoiceId: owing.invoice.id,
      reason: "Outage in March",
      lines: [{ invoiceLineId: line!.id, amountMinor: 100 }],
    });
    await settleInline();
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["SUSPENDED"]);

    await admin.billing.creditNotes.issue({
      invoiceId: owing.invoice.id,
      reason: "Outage in March, the rest",
      lines: [{ invoiceLineId: line!.id, amountMinor: line!.leftMinor - 100 }],
    });
    await settleInline();
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["ACTIVE"]);
    expect((await radiusOf(c, owing.subscriptionIds[0]!)).map((r) => r.attribute)).toEqual(["Mikrotik-Rate-Limit"]);
    expect(mailsTo("credited@dunning.test").map((m) => m.subject)).toContain("Your internet service is back on");
  });

  it("never restores a suspension staff made, nor one staff replaced with their own", async () => {
    const { company: c } = await company();
    const owing = await owingCustomer(c, 30, { subscriptions: 3 });
    const [staffSuspended, replaced, dunned] = owing.subscriptionIds as [string, string, string];
    await withTenant(c.id, (tx) =>
      subscriptions.transition(systemScope(c.id, tx), "suspend", { id: staffSuspended, reason: "Abuse report" }),
    );
    expect(await runDaily(c.id)).toMatchObject({ suspended: 2 });
    // Staff resume one dunning suspended, then suspend it again for their own reason.
    await withTenant(c.id, async (tx) => {
      await subscriptions.transition(systemScope(c.id, tx), "resume", { id: replaced });
      await subscriptions.transition(systemScope(c.id, tx), "suspend", { id: replaced, reason: "Equipment recall" });
    });

    await pay(c.id, owing.customerId, owing.invoice.id);
    expect(await subscription(c, dunned)).toMatchObject({ status: "ACTIVE" });
    expect(await subscription(c, staffSuspended)).toMatchObject({ status: "SUSPENDED" });
    expect(await subscription(c, replaced)).toMatchObject({ status: "SUSPENDED" });
  });
});

describe("payment arrangements", () => {
  it("pauses dunning while kept (restoring at once), and breaking it resumes dunning with a notice", async () => {
    const { company: c, admin } = await company();
    const owing = await owingCustomer(c, 30, { email: "promise@dunning.test" });
    await runDaily(c.id);
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["SUSPENDED"]);
    const balance = owing.invoice.totalMinor;

    const promiseDate = daysFromToday(c.timeZone, 5);
    const arrangement = await admin.dunning.arrangements.create({
      customerId: owing.customerId,
      kind: "PROMISE",
      instalments: [{ dueDate: promiseDate, amountMinor: balance }],
      note: "Salary on the 25th",
    });
    expect(arrangement).toMatchObject({ status: "ACTIVE", coveredMinor: balance });
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["ACTIVE"]);
    expect(await admin.dunning.customer({ customerId: owing.customerId })).toMatchObject({
      stage: "ARRANGEMENT",
      suspendOn: null,
    });

    const before = (await noticesOf(c, owing.customerId)).length;
    expect(await runDaily(c.id, daysFromToday(c.timeZone, 5))).toMatchObject({ reminders: 0, suspended: 0 });
    expect(await noticesOf(c, owing.customerId)).toHaveLength(before);

    // The day after the promised date, nothing paid: broken, dunning resumes.
    expect(await runDaily(c.id, daysFromToday(c.timeZone, 6))).toMatchObject({ broken: 1, suspended: 1 });
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["SUSPENDED"]);
    const [after] = (await admin.dunning.arrangements.list({ customerId: owing.customerId })).rows;
    expect(after).toMatchObject({ status: "BROKEN" });
    expect(after!.closedReason).toMatch(/was due by .* was paid/);
    expect(mailsTo("promise@dunning.test").map((m) => m.subject)).toContain("Your payment arrangement has ended");
    const audit = await withTenant(c.id, (tx) =>
      tx.auditEntry.findMany({ where: { entityId: arrangement.id }, orderBy: { createdAt: "asc" } }),
    );
    expect(audit.map((a) => a.action)).toEqual(["dunning.arrangement_create", "dunning.arrangement_broken"]);
  });

  it("cancelling an active arrangement applies dunning again at once: service past grace is suspended", async () => {
    const { company: c, admin } = await company();
    const owing = await owingCustomer(c, 30);
    await runDaily(c.id);
    const arrangement = await admin.dunning.arrangements.create({
      customerId: owing.customerId,
      kind: "PROMISE",
      instalments: [{ dueDate: daysFromToday(c.timeZone, 5), amountMinor: owing.invoice.totalMinor }],
    });
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["ACTIVE"]);
    expect(
      await admin.dunning.arrangements.cancel({ id: arrangement.id, reason: "Customer changed their mind" }),
    ).toMatchObject({ status: "CANCELLED" });
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["SUSPENDED"]);
    expect(await admin.dunning.customer({ customerId: owing.customerId })).toMatchObject({ stage: "SUSPENDED" });
  });

  it("counts instalments paid so far, and is kept once everything is paid", async () => {
    const { company: c, admin } = await company();
    const owing = await owingCustomer(c, 30);
    const balance = owing.invoice.totalMinor;
    const half = Math.floor(balance / 2);
    await admin.dunning.arrangements.create({
      customerId: owing.customerId,
      kind: "INSTALMENTS",
      instalments: [
        { dueDate: daysFromToday(c.timeZone, 2), amountMinor: half },
        { dueDate: daysFromToday(c.timeZone, 10), amountMinor: balance - half },
      ],
    });
    await pay(c.id, owing.customerId, owing.invoice.id, half);
    expect(await runDaily(c.id, daysFromToday(c.timeZone, 4))).toMatchObject({ broken: 0, suspended: 0 });
    await pay(c.id, owing.customerId, owing.invoice.id);
    expect((await admin.dunning.arrangements.list({ customerId: owing.customerId })).rows[0]).toMatchObject({
      status: "KEPT",
    });
  });

  it("refuses a plan that does not add up to the overdue balance, or when nothing is overdue, writing nothing", async () => {
    const { company: c, admin } = await company();
    const owing = await owingCustomer(c, 30);
    const wrong = await failure(
      admin.dunning.arrangements.create({
        customerId: owing.customerId,
        kind: "PROMISE",
        instalments: [{ dueDate: daysFromToday(c.timeZone, 3), amountMinor: 1 }],
      }),
    );
    expect(wrong.code).toBe("UNPROCESSABLE_CONTENT");
    expect(wrong.message).toMatch(/add up to US\$0\.01, but US\$[\d,.]+ is overdue/);
    await pay(c.id, owing.customerId, owing.invoice.id);
    expect(
      (
        await failure(
          admin.dunning.arrangements.create({
            customerId: owing.customerId,
            kind: "PROMISE",
            instalments: [{ dueDate: daysFromToday(c.timeZone, 3), amountMinor: 100 }],
          }),
        )
      ).message,
    ).toMatch(/Nothing is overdue/);
    expect(await withTenant(c.id, (tx) => tx.paymentArrangement.count())).toBe(0);
  });

  it("a customer asks in the portal, staff approve it in the queue, and service is restored", async () => {
    const { company: c, admin } = await company();
    const owing = await owingCustomer(c, 30, { portal: true });
    await runDaily(c.id);
    const customer = await callerAs(c, owing.userId!);
    const state = await customer.dunning.portal.state();
    expect(state).toMatchObject({ stage: "SUSPENDED", suspended: true, overdueMinor: owing.invoice.totalMinor });
    expect(state.overdueInvoices.map((i) => i.number)).toEqual(["INV-00001"]);

    const asked = await customer.dunning.portal.requestArrangement({
      kind: "PROMISE",
      instalments: [{ dueDate: daysFromToday(c.timeZone, 7), amountMinor: owing.invoice.totalMinor }],
    });
    expect(asked.status).toBe("REQUESTED");
    await expectFailure(
      customer.dunning.portal.requestArrangement({
        kind: "PROMISE",
        instalments: [{ dueDate: daysFromToday(c.timeZone, 7), amountMinor: owing.invoice.totalMinor }],
      }),
      "CONFLICT",
    );
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["SUSPENDED"]);

    const queue = await admin.dunning.arrangements.list({ status: "REQUESTED" });
    expect(queue.rows.map((r) => r.customerId)).toEqual([owing.customerId]);
    await admin.dunning.arrangements.decide({ id: queue.rows[0]!.id, approve: true, note: "OK" });
    expect(await statusOf(c, owing.subscriptionIds)).toEqual(["ACTIVE"]);
    expect((await customer.dunning.portal.state()).arrangement).toMatchObject({ status: "ACTIVE" });
  });
});

describe("schedule", () => {
  let c: Company;
  let admin: Awaited<ReturnType<typeof callerAs>>;
  beforeAll(async () => ({ company: c, admin } = await company()));

  it("starts with a sensible default, is edited with billing:manage and audited", async () => {
    expect(await admin.dunning.settings.get()).toEqual({
      enabled: true,
      graceDays: 7,
      steps: [
        { offsetDays: -3, channels: ["EMAIL", "PORTAL"] },
        { offsetDays: 0, channels: ["EMAIL", "SMS", "PORTAL"] },
        { offsetDays: 3, channels: ["EMAIL", "SMS", "PORTAL"] },
      ],
    });
    const saved = await admin.dunning.settings.update({
      enabled: true,
      graceDays: 10,
      steps: [
        { offsetDays: 5, channels: ["SMS"] },
        { offsetDays: -1, channels: ["EMAIL"] },
      ],
    });
    expect(saved.steps.map((s) => s.offsetDays)).toEqual([-1, 5]);
    const entry = await withTenant(c.id, (tx) =>
      tx.auditEntry.findFirstOrThrow({ where: { action: "dunning.settings_update" } }),
    );
    expect(entry.after).toMatchObject({ graceDays: 10 });
  });

  it("refuses two reminders on one day and a negative grace, with the field that is wrong", async () => {
    const f = await expectFailure(
      admin.dunning.settings.update({
        enabled: true,
        graceDays: -1,
        steps: [
          { offsetDays: 2, channels: ["EMAIL"] },
          { offsetDays: 2, channels: ["SMS"] },
        ],
      }),
      "BAD_REQUEST",
    );
    expect(f.fields).toMatchObject({
      graceDays: "Grace cannot be negative.",
      "steps.1.offsetDays": expect.any(String),
    });
  });

  it("lets customer service read but not edit it", async () => {
    const manager = await callerAs(c, (await makeUser(c.id, "CUSTOMER_SERVICE_MANAGER")).id);
    expect((await manager.dunning.settings.get()).enabled).toBe(true);
    await expectFailure(manager.dunning.settings.update({ enabled: false, graceDays: 1, steps: [] }), "FORBIDDEN");
  });
});
