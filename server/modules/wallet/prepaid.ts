import { createElement } from "react";
import { NotificationEmail } from "../../../emails/notification";
import type { TaxCategory } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import { Conflict, Invalid, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { sendMail } from "../../lib/mailer";
import { formatMoney } from "../../lib/money";
import * as audit from "../audit/service";
import { taxSale } from "../billing/taxes";
import * as notifications from "../notifications/service";
import type { Actor, Scope } from "../scope";
import * as sms from "../sms/service";
import { parseDate, todayIn, toDateString } from "../subscriptions/dates";
import * as subscriptions from "../subscriptions/service";
import * as wallet from "./service";
import { addDays, nextTermStart, termEndOf, termPrice } from "./terms";

// Prepaid subscriptions (a package marked prepaid) are never invoiced: each term is bought from
// the customer's wallet when the previous one runs out. A term is claimed once in the database
// (PrepaidTerm's unique subscription + term start), so the job running twice, or at the same
// time as a top-up, renews nothing twice. When the wallet cannot pay, the subscription is
// suspended through the subscriptions state machine and held (PrepaidHold); the next top-up
// that covers it renews and resumes it. Customers are told WARN_DAYS ahead, once per term, when
// their balance will not cover what renews by then.

export const WARN_DAYS = 3;
const actor: Actor = { type: "SYSTEM", label: "prepaid renewals" };

export type RenewalOutcome = "renewed" | "suspended" | "still-held" | "not-due" | "skipped";

/** Renews one prepaid subscription whose paid term has run out, or suspends it when the wallet cannot pay. */
export async function renewOne(scope: Scope, subscriptionId: string, today: Date): Promise<RenewalOutcome> {
  const sub = await scope.tx.subscription.findUnique({
    where: { id: subscriptionId },
    select: {
      id: true,
      customerId: true,
      status: true,
      startDate: true,
      quantity: true,
      prepaidHold: { select: { subscriptionId: true } },
      package: {
        select: {
          name: true,
          prepaid: true,
          billingCycle: true,
          validityMinutes: true,
          priceMinor: true,
          taxCategory: true,
        },
      },
    },
  });
  if (!sub || !sub.package.prepaid || sub.startDate > today) return "skipped";
  // Taken before anything is read, so a top-up or a second run sees this renewal whole or not at all.
  await wallet.lockWallet(scope, sub.customerId);
  let held = !!sub.prepaidHold;
  if (held && sub.status !== "SUSPENDED") {
    // Staff resumed it by hand (from here it renews like any active subscription) or ended it
    // (nothing more to renew): either way the wallet no longer holds it.
    await scope.tx.prepaidHold.delete({ where: { subscriptionId: sub.id } });
    held = false;
  }
  if (sub.status !== "ACTIVE" && !held) return "skipped";
  const last = await scope.tx.prepaidTerm.findFirst({
    where: { subscriptionId: sub.id },
    orderBy: { termStart: "desc" },
    select: { termEnd: true },
  });
  if (last && last.termEnd >= today) return "not-due";
  const start = nextTermStart(last?.termEnd ?? null, sub.startDate, today);
  if (start > today) return "not-due";
  const end = termEndOf(start, sub.package);
  const price = termPrice(sub.package.priceMinor, sub.quantity);
  // A free prepaid package has nothing to take from the wallet: it simply stays on.
  if (price === 0) return "skipped";
  const span = `${toDateString(start)} to ${toDateString(end)}`;

  let entryId: string;
  let paid: number;
  try {
    const entry = await wallet.debit(scope, {
      customerId: sub.customerId,
      amountMinor: price,
      kind: "RENEWAL",
      reference: `${sub.package.name}, ${span}`,
      description: `Prepaid renewal of ${sub.package.name} for ${span}`,
      taxCategory: sub.package.taxCategory,
    });
    entryId = entry.id;
    paid = -entry.amountMinor;
  } catch (err) {
    // debit() refuses before it writes anything, so the transaction carries on.
    if (!(err instanceof Invalid)) throw err;
    if (held) return "still-held";
    const company = await scope.tx.company.findUniqueOrThrow({
      where: { id: scope.companyId },
      select: { currency: true },
    });
    const available = await wallet.balance(scope, sub.customerId);
    const due = await renewalTotal(scope, sub.customerId, price, sub.package.taxCategory);
    await scope.tx.prepaidHold.create({
      data: { subscriptionId: sub.id, companyId: scope.companyId, customerId: sub.customerId, amountMinor: due },
    });
    await subscriptions.transition(scope, "suspend", {
      id: sub.id,
      reason:
        `Prepaid renewal due ${toDateString(start)}: the wallet holds ${formatMoney(available, company.currency)}, ` +
        `${sub.package.name} costs ${formatMoney(due, company.currency)}. Service resumes automatically after a top-up that covers it.`,
    });
    return "suspended";
  }

  const term = await onUnique(
    scope.tx.prepaidTerm.create({
      data: {
        id: newId(),
        companyId: scope.companyId,
        subscriptionId: sub.id,
        customerId: sub.customerId,
        termStart: start,
        termEnd: end,
        amountMinor: paid,
        walletEntryId: entryId,
      },
    }),
    () => new Conflict("This prepaid term has already been renewed."),
  );
  await audit.record(scope, {
    action: "wallet.prepaid_renew",
    entityType: "PrepaidTerm",
    entityId: term.id,
    after: { subscriptionId: sub.id, termStart: toDateString(start), termEnd: toDateString(end), amountMinor: paid },
  });
  if (held) {
    await scope.tx.prepaidHold.delete({ where: { subscriptionId: sub.id } });
    await subscriptions.transition(scope, "resume", {
      id: sub.id,
      reason: `Prepaid renewal paid from the wallet for ${span}.`,
    });
  }
  return "renewed";
}

/**
 * The customer's prepaid subscriptions as the wallet card shows them: paid until when, what the
 * next term costs, and whether one waits for a top-up.
 */
export async function prepaidServices(scope: Scope, customerId: string) {
  const subs = await scope.tx.subscription.findMany({
    where: { customerId, status: { in: ["ACTIVE", "SUSPENDED"] }, package: { prepaid: true } },
    select: {
      id: true,
      status: true,
      quantity: true,
      package: { select: { name: true, priceMinor: true, taxCategory: true } },
      prepaidHold: { select: { amountMinor: true } },
      prepaidTerms: { orderBy: { termStart: "desc" }, take: 1, select: { termEnd: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const services = [];
  for (const s of subs)
    services.push({
      subscriptionId: s.id,
      packageName: s.package.name,
      status: s.status,
      paidUntil: s.prepaidTerms[0] ? toDateString(s.prepaidTerms[0].termEnd) : null,
      renewalMinor: await renewalTotal(
        scope,
        customerId,
        termPrice(s.package.priceMinor, s.quantity),
        s.package.taxCategory,
      ),
      waitingForTopUp: !!s.prepaidHold,
    });
  return services;
}

/** What a renewal takes from the wallet: the term's price with tax (billing's rules). */
async function renewalTotal(scope: Scope, customerId: string, priceMinor: number, taxCategory: TaxCategory) {
  if (priceMinor === 0) return 0;
  return (await taxSale(scope, { customerId, priceMinor, taxCategory, description: "Prepaid renewal" })).totalMinor;
}

async function todayOf(scope: Scope, now: Date): Promise<Date> {
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true },
  });
  return parseDate(todayIn(company.timeZone, now));
}

/**
 * After money reached the wallet: renews and resumes the customer's subscriptions that were
 * suspended for want of it, oldest hold first, as far as the balance goes. Call it in the
 * transaction that credited the wallet.
 */
export async function renewHeld(scope: Scope, customerId: string, now = new Date()) {
  const holds = await scope.tx.prepaidHold.findMany({
    where: { customerId },
    orderBy: [{ createdAt: "asc" }, { subscriptionId: "asc" }],
    select: { subscriptionId: true },
  });
  if (holds.length === 0) return [];
  const today = await todayOf(scope, now);
  const outcomes = [];
  for (const h of holds)
    outcomes.push({ subscriptionId: h.subscriptionId, outcome: await renewOne(scope, h.subscriptionId, today) });
  return outcomes;
}

export interface RenewalRunResult {
  renewed: number;
  suspended: number;
  stillHeld: number;
  warned: number;
  failures: { subscriptionId: string; reason: string }[];
}

/** The daily job for one company: every prepaid term that has run out, then the advance warnings. */
export async function runDue(companyId: string, now = new Date()): Promise<RenewalRunResult> {
  const { today, ids } = await withTenant(companyId, async (tx) => {
    const today = await todayOf({ tx, companyId, actor }, now);
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT s.id FROM "Subscription" s
        JOIN "Package" p ON p.id = s."packageId"
        LEFT JOIN "PrepaidHold" h ON h."subscriptionId" = s.id
       WHERE p.prepaid AND s."startDate" <= ${toDateString(today)}::date
         AND (s.status = 'ACTIVE' OR (s.status = 'SUSPENDED' AND h."subscriptionId" IS NOT NULL))
         AND NOT EXISTS (SELECT 1 FROM "PrepaidTerm" t
                          WHERE t."subscriptionId" = s.id AND t."termEnd" >= ${toDateString(today)}::date)
       ORDER BY s.id`;
    return { today, ids: rows.map((r) => r.id) };
  });
  const result: RenewalRunResult = { renewed: 0, suspended: 0, stillHeld: 0, warned: 0, failures: [] };
  // One transaction per subscription: one customer's trouble never undoes another's renewal.
  for (const id of ids) {
    try {
      const outcome = await withTenant(companyId, (tx) => renewOne({ tx, companyId, actor }, id, today));
      if (outcome === "renewed") result.renewed++;
      else if (outcome === "suspended") result.suspended++;
      else if (outcome === "still-held") result.stillHeld++;
    } catch (err) {
      // Another run renewed the same term a moment earlier: that is the point of the unique key.
      if (err instanceof Conflict) continue;
      result.failures.push({ subscriptionId: id, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  result.warned = await warnAhead(companyId, today);
  return result;
}

interface ExpiringTerm {
  id: string;
  customerId: string;
  termEnd: Date;
  warnedAt: Date | null;
  packageName: string;
  priceMinor: number;
  quantity: number;
  taxCategory: TaxCategory;
}

/**
 * Tells each customer whose wallet will not cover the prepaid renewals due in the next WARN_DAYS
 * days, once per term: portal bell with an e-mail copy (or an e-mail when the customer has no
 * portal sign-in), and an SMS when the company has SMS on. Returns how many terms were warned about.
 */
export async function warnAhead(companyId: string, today: Date): Promise<number> {
  const horizon = addDays(today, WARN_DAYS - 1);
  const terms = await withTenant(
    companyId,
    (tx) => tx.$queryRaw<ExpiringTerm[]>`
      SELECT t.id, t."customerId", t."termEnd", t."warnedAt", p.name AS "packageName", p."priceMinor", p."taxCategory", s.quantity
        FROM "PrepaidTerm" t
        JOIN "Subscription" s ON s.id = t."subscriptionId"
        JOIN "Package" p ON p.id = s."packageId"
       WHERE s.status = 'ACTIVE' AND p.prepaid
         AND t."termEnd" BETWEEN ${toDateString(today)}::date AND ${toDateString(horizon)}::date
         AND NOT EXISTS (SELECT 1 FROM "PrepaidTerm" n
                          WHERE n."subscriptionId" = t."subscriptionId" AND n."termStart" > t."termStart")
       ORDER BY t."customerId", t."termEnd", t.id`,
  );
  const byCustomer = new Map<string, ExpiringTerm[]>();
  for (const t of terms) byCustomer.set(t.customerId, [...(byCustomer.get(t.customerId) ?? []), t]);
  let warned = 0;
  for (const [customerId, due] of byCustomer) {
    if (due.every((t) => t.warnedAt)) continue;
    warned += await withTenant(companyId, async (tx) => {
      const scope: Scope = { tx, companyId, actor };
      // Everything renewing in the window counts: two subscriptions may each fit, but not both.
      const totals = new Map<string, number>();
      for (const t of due)
        totals.set(t.id, await renewalTotal(scope, customerId, termPrice(t.priceMinor, t.quantity), t.taxCategory));
      const needed = [...totals.values()].reduce((sum, n) => sum + n, 0);
      const available = await wallet.balance(scope, customerId);
      if (available >= needed) return 0;
      let sent = 0;
      for (const t of due.filter((d) => !d.warnedAt)) {
        // The claim is the once-per-term key: a second run finds warnedAt set and sends nothing.
        const claimed = await tx.prepaidTerm.updateMany({
          where: { id: t.id, warnedAt: null },
          data: { warnedAt: new Date() },
        });
        if (claimed.count === 0) continue;
        await tellCustomer(scope, customerId, { ...t, totalMinor: totals.get(t.id)! }, available, needed);
        sent++;
      }
      return sent;
    });
  }
  return warned;
}

async function tellCustomer(
  scope: Scope,
  customerId: string,
  term: ExpiringTerm & { totalMinor: number },
  available: number,
  needed: number,
) {
  const [customer, company] = [
    await scope.tx.customer.findUniqueOrThrow({
      where: { id: customerId },
      select: { userId: true, email: true, phone: true, firstName: true, businessName: true },
    }),
    await scope.tx.company.findUniqueOrThrow({
      where: { id: scope.companyId },
      select: { name: true, currency: true },
    }),
  ];
  const money = (minor: number) => formatMoney(minor, company.currency);
  const renewsOn = toDateString(addDays(term.termEnd, 1));
  const title = "Top up your wallet to stay connected";
  const body =
    `${term.packageName} renews on ${renewsOn} for ${money(term.totalMinor)}. ` +
    `Your wallet holds ${money(available)}${needed > term.totalMinor ? ` and ${money(needed)} renews by then` : ""}. ` +
    `Top up before then, or the service is suspended until you do.`;
  if (customer.userId) {
    await notifications.notify(scope, {
      userIds: [customer.userId],
      kind: "wallet.renewal_warning",
      title,
      body,
      link: "/portal",
      email: true,
    });
  } else if (customer.email) {
    await sendMail(scope, {
      to: customer.email,
      subject: title,
      body: createElement(NotificationEmail, {
        companyName: company.name,
        recipientName: customer.businessName || customer.firstName || "customer",
        title,
        body,
        url: null,
      }),
    });
  }
  if (customer.phone && (await sms.isEnabled(scope))) {
    try {
      await sms.send(scope, {
        to: customer.phone,
        key: `prepaid-warning:${term.id}`,
        body: `${company.name}: ${body}`,
      });
    } catch (err) {
      // A number SMS cannot reach is refused before anything is written; the e-mail still goes.
      if (!(err instanceof Invalid)) throw err;
    }
  }
}

/**
 * Adds days to the current (latest) prepaid term of a subscription, so its next renewal comes that
 * much later: how an outage's compensation gives prepaid customers the days they lost. Returns the
 * new last day, or null when the subscription has no prepaid term to extend.
 */
export async function extendTerm(
  scope: Scope,
  input: { subscriptionId: string; days: number; reason: string },
): Promise<string | null> {
  if (!Number.isInteger(input.days) || input.days < 1) throw new Invalid("Add at least one whole day.");
  const last = await scope.tx.prepaidTerm.findFirst({
    where: { subscriptionId: input.subscriptionId },
    orderBy: { termStart: "desc" },
    select: { id: true, termEnd: true, customerId: true },
  });
  if (!last) return null;
  await wallet.lockWallet(scope, last.customerId);
  const termEnd = addDays(last.termEnd, input.days);
  await scope.tx.prepaidTerm.update({ where: { id: last.id }, data: { termEnd } });
  await audit.record(scope, {
    action: "wallet.prepaid_term_extended",
    entityType: "Subscription",
    entityId: input.subscriptionId,
    before: { termEnd: toDateString(last.termEnd) },
    after: { termEnd: toDateString(termEnd), days: input.days, reason: input.reason },
  });
  return toDateString(termEnd);
}
