import { changeLiveSessions } from "../bandwidth/live";
import { withTenant } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { newId } from "../../lib/ids";
import type { Scope } from "../scope";
import { systemActor } from "../scope";
import { toDateString } from "../subscriptions/dates";
import * as subscriptions from "../subscriptions/service";
import * as arrangements from "./arrangements";
import { activeArrangement, check, present as presentArrangement } from "./arrangements";
import {
  addDays,
  companyToday,
  overdue,
  pastGrace,
  sumMinor,
  UNPAID,
  unpaidInvoices,
  type UnpaidInvoice,
} from "./ledger";
import { ALL_CHANNELS, notify } from "./notices";
import * as settings from "./settings";
import type { DunningSchedule } from "./settings";

// Dunning: reminders before and after an invoice's due date, suspension once an invoice is still
// unpaid past the grace period, and restore the moment nothing past grace is left (or an
// arrangement is agreed). Suspension and restore go through the subscriptions state machine, so
// provisioning changes the RADIUS records. Dunning restores only what it suspended: each
// suspension is recorded (DunningSuspension) and its reason carries a marker that the
// subscription's latest suspension must still show.

const marker = (suspensionId: string) => `[dunning ${suspensionId}]`;

export interface CustomerOutcome {
  reminders: number;
  suspended: number;
  restored: number;
  arrangement?: "KEPT" | "BROKEN";
}

/** The latest step whose day has come for this invoice, if any: a backlog sends one reminder, not all. */
function dueStep(schedule: DunningSchedule, invoice: UnpaidInvoice, today: Date) {
  let due: DunningSchedule["steps"][number] | undefined;
  for (const step of schedule.steps) if (addDays(invoice.dueDate, step.offsetDays) <= today) due = step;
  return due;
}

async function remind(
  scope: Scope,
  customerId: string,
  invoice: UnpaidInvoice,
  step: DunningSchedule["steps"][number],
) {
  const amount = formatMoney(invoice.balanceMinor, invoice.currency);
  const dueDate = toDateString(invoice.dueDate);
  const when =
    step.offsetDays < 0
      ? `is due on ${dueDate}`
      : step.offsetDays === 0
        ? "is due today"
        : `was due on ${dueDate} and is overdue`;
  return notify(scope, {
    kind: "REMINDER",
    key: `reminder:${invoice.id}:${step.offsetDays}`,
    customerId,
    channels: step.channels,
    invoiceId: invoice.id,
    offsetDays: step.offsetDays,
    subject: `Payment reminder: invoice ${invoice.number}`,
    text: `${amount} on invoice ${invoice.number} ${when}. Pay in the customer portal to keep your service running.`,
    sms: { template: "PAYMENT_REMINDER", values: { amount, dueDate, invoiceNumber: invoice.number } },
  });
}

/** Suspends the customer's active subscriptions for the overdue balance, recording each as dunning's. */
async function suspend(scope: Scope, customerId: string, late: UnpaidInvoice[]) {
  const overdueMinor = sumMinor(late);
  const currency = late[0]!.currency;
  const since = toDateString(late[0]!.dueDate);
  const active = await scope.tx.subscription.findMany({
    where: { customerId, status: "ACTIVE" },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const suspensionIds: string[] = [];
  for (const sub of active) {
    // The row lock: a second run at the same moment waits here, then finds it no longer ACTIVE.
    const [locked] = await scope.tx.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM "Subscription" WHERE id = ${sub.id} FOR UPDATE`;
    if (locked?.status !== "ACTIVE") continue;
    const id = newId();
    const reason = `Unpaid balance of ${formatMoney(overdueMinor, currency)} overdue since ${since} ${marker(id)}`;
    await subscriptions.transition(scope, "suspend", { id: sub.id, reason });
    await scope.tx.dunningSuspension.create({
      data: { id, companyId: scope.companyId, customerId, subscriptionId: sub.id, reason, overdueMinor },
    });
    suspensionIds.push(id);
  }
  if (suspensionIds.length > 0) {
    const amount = formatMoney(overdueMinor, currency);
    await notify(scope, {
      kind: "SUSPENDED",
      key: `suspended:${suspensionIds[0]}`,
      customerId,
      channels: ALL_CHANNELS,
      subject: "Your internet service is suspended",
      text: `${amount} has been overdue since ${since}, so your service is suspended. Pay the overdue balance and it is restored at once.`,
      sms: { template: "SERVICE_SUSPENDED", values: { amount } },
    });
  }
  return suspensionIds.length;
}

/**
 * Resumes the subscriptions dunning suspended and that are still in that suspension. One staff
 * resumed meanwhile, or suspended again for another reason, is left alone (and no longer counted
 * as dunning's).
 */
async function restore(scope: Scope, customerId: string, why: string) {
  const open = await scope.tx.dunningSuspension.findMany({
    where: { customerId, restoredAt: null },
    orderBy: { suspendedAt: "asc" },
  });
  let restored = 0;
  for (const s of open) {
    const [locked] = await scope.tx.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM "Subscription" WHERE id = ${s.subscriptionId} FOR UPDATE`;
    const lastSuspension = await scope.tx.subscriptionEvent.findFirst({
      where: { subscriptionId: s.subscriptionId, toStatus: "SUSPENDED", NOT: { fromStatus: "SUSPENDED" } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { reason: true },
    });
    const stillOurs = locked?.status === "SUSPENDED" && !!lastSuspension?.reason?.includes(marker(s.id));
    if (stillOurs) {
      await subscriptions.transition(scope, "resume", { id: s.subscriptionId, reason: `Restored by dunning: ${why}` });
      // A subscriber let into the walled garden while suspended is online there: end that session
      // so the router dials again and gets full service now, not at its next reconnect.
      await changeLiveSessions(scope, { subscriptionId: s.subscriptionId, action: "disconnect", reason: "RESTORE" });
      restored++;
    }
    await scope.tx.dunningSuspension.update({
      where: { id: s.id },
      data: { restoredAt: new Date(), closedReason: stillOurs ? why : "Changed by staff meanwhile; left as it is." },
    });
  }
  if (restored > 0)
    await notify(scope, {
      kind: "RESTORED",
      key: `restored:${open[0]!.id}`,
      customerId,
      channels: ALL_CHANNELS,
      subject: "Your internet service is back on",
      text: `Your service is active again (${why.toLowerCase()}). Thank you.`,
      sms: { template: "SERVICE_RESTORED", values: {} },
    });
  return restored;
}

/**
 * The whole of dunning for one customer on `today`: the arrangement checked, then either paused
 * (arrangement kept), or reminders due sent, suspension past grace, restore when nothing is past grace.
 */
export async function processCustomer(
  scope: Scope,
  customerId: string,
  today: Date,
  schedule: DunningSchedule,
  opts: { remind: boolean } = { remind: true },
): Promise<CustomerOutcome> {
  const outcome: CustomerOutcome = { reminders: 0, suspended: 0, restored: 0 };
  const arrangement = await activeArrangement(scope, customerId);
  if (arrangement) {
    const status = await check(scope, arrangement, today);
    if (status === "ACTIVE") {
      outcome.restored = await restore(scope, customerId, "Payment arrangement agreed");
      return outcome;
    }
    outcome.arrangement = status;
  }
  const unpaid = await unpaidInvoices(scope, customerId);
  const late = pastGrace(unpaid, today, schedule.graceDays);
  if (late.length === 0) {
    outcome.restored = await restore(scope, customerId, "Overdue balance settled");
  } else if (schedule.enabled) {
    outcome.suspended = await suspend(scope, customerId, overdue(unpaid, today));
  }
  if (schedule.enabled && opts.remind)
    for (const invoice of unpaid) {
      const step = dueStep(schedule, invoice, today);
      if (step && (await remind(scope, customerId, invoice, step))) outcome.reminders++;
    }
  return outcome;
}

/**
 * Looks at one customer again at once, e.g. after a payment, a voided invoice or a credit note:
 * restores what dunning suspended when nothing is past grace any more. Sends no reminders and,
 * outside the daily job, suspends only what the schedule would have suspended anyway.
 */
export async function reassess(scope: Scope, customerId: string) {
  const schedule = await settings.get(scope);
  return processCustomer(scope, customerId, await companyToday(scope), schedule, { remind: false });
}

/** What made the customer's balance go down: a posted payment, a voided invoice, a credit note. */
export type BalanceCause = { kind: "PAYMENT" | "INVOICE_VOIDED" | "CREDIT_NOTE" | "INVOICE_WRITTEN_OFF"; id: string };

/**
 * After the customer's balance went down (the "paymentPosted" and "balanceReduced" events): what
 * the event names must be visible first. Without Inngest the handler starts right after emit(),
 * possibly before the caller's transaction committed; NotFound makes the caller try again shortly
 * (emit's inline retries, or Inngest's), so the restore never misses the change it was told about.
 */
export async function reassessAfter(scope: Scope, customerId: string, cause: BalanceCause) {
  if (!(await causeVisible(scope, cause))) throw new NotFound(CAUSE_NAMES[cause.kind]);
  return reassess(scope, customerId);
}

const CAUSE_NAMES = { PAYMENT: "Payment", INVOICE_VOIDED: "Invoice", CREDIT_NOTE: "Credit note", INVOICE_WRITTEN_OFF: "Invoice" } as const; // prettier-ignore

async function causeVisible(scope: Scope, { kind, id }: BalanceCause): Promise<boolean> {
  if (kind === "PAYMENT")
    return !!(await scope.tx.payment.findUnique({ where: { id }, select: { postedAt: true } }))?.postedAt;
  if (kind === "INVOICE_VOIDED")
    return (await scope.tx.invoice.findUnique({ where: { id }, select: { status: true } }))?.status === "VOID";
  if (kind === "INVOICE_WRITTEN_OFF")
    return !!(await scope.tx.invoice.findUnique({ where: { id }, select: { writtenOffAt: true } }))?.writtenOffAt;
  return (await scope.tx.creditNote.count({ where: { id } })) === 1;
}

/** Customers dunning has something to do for on `today`: unpaid invoices, open suspensions, active arrangements. */
async function customersToProcess(scope: Scope, today: Date, schedule: DunningSchedule) {
  const earliest = Math.min(0, ...schedule.steps.map((s) => s.offsetDays));
  const [invoiced, suspended, arranged] = [
    await scope.tx.invoice.findMany({
      where: { status: { in: UNPAID }, dueDate: { lte: addDays(today, -earliest) } },
      select: { customerId: true },
      distinct: ["customerId"],
    }),
    await scope.tx.dunningSuspension.findMany({
      where: { restoredAt: null },
      select: { customerId: true },
      distinct: ["customerId"],
    }),
    await scope.tx.paymentArrangement.findMany({
      where: { status: "ACTIVE" },
      select: { customerId: true },
      distinct: ["customerId"],
    }),
  ];
  return [...new Set([...invoiced, ...suspended, ...arranged].map((r) => r.customerId))].sort();
}

/**
 * The daily job for one company, on its own "today" (its time zone) unless given. One transaction
 * per customer, so one customer's failure is reported and the others go on; every notice and
 * suspension is keyed in the database, so running it again (or twice at once) repeats nothing.
 */
export async function runDaily(companyId: string, date?: string) {
  const { schedule, today, customerIds } = await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: systemActor };
    const schedule = await settings.get(scope);
    const today = date ? new Date(`${date}T00:00:00Z`) : await companyToday(scope);
    return { schedule, today, customerIds: await customersToProcess(scope, today, schedule) };
  });
  const totals = { customers: customerIds.length, reminders: 0, suspended: 0, restored: 0, broken: 0, failures: 0 };
  const failures: { customerId: string; reason: string }[] = [];
  for (const customerId of customerIds) {
    try {
      const o = await withTenant(companyId, (tx) =>
        processCustomer({ tx, companyId, actor: { type: "SYSTEM", label: "dunning" } }, customerId, today, schedule),
      );
      totals.reminders += o.reminders;
      totals.suspended += o.suspended;
      totals.restored += o.restored;
      if (o.arrangement === "BROKEN") totals.broken++;
    } catch (err) {
      totals.failures++;
      if (failures.length < 50) failures.push({ customerId, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { date: toDateString(today), ...totals, failureDetails: failures };
}

/** A customer's dunning state for the console's customer page and, trimmed, the portal. */
export async function customerState(scope: Scope, customerId: string) {
  const customer = await scope.tx.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw new NotFound("Customer");
  const [schedule, today] = [await settings.get(scope), await companyToday(scope)];
  const unpaid = await unpaidInvoices(scope, customerId);
  const late = overdue(unpaid, today);
  const [suspensions, lastNotice, arrangement] = [
    await scope.tx.dunningSuspension.findMany({
      where: { customerId, restoredAt: null },
      select: { subscriptionId: true, suspendedAt: true, reason: true },
    }),
    await scope.tx.dunningNotice.findFirst({
      where: { customerId },
      orderBy: [{ sentAt: "desc" }, { id: "desc" }],
      select: { kind: true, summary: true, channels: true, sentAt: true },
    }),
    await scope.tx.paymentArrangement.findFirst({
      where: { customerId, status: { in: ["ACTIVE", "REQUESTED"] } },
      include: { instalments: { orderBy: { position: "asc" } } },
    }),
  ];
  const suspendOn =
    late.length > 0 && suspensions.length === 0 && arrangement?.status !== "ACTIVE" && schedule.enabled
      ? toDateString(addDays(late[0]!.dueDate, schedule.graceDays + 1))
      : null;
  const stage =
    arrangement?.status === "ACTIVE"
      ? "ARRANGEMENT"
      : suspensions.length > 0
        ? "SUSPENDED"
        : late.length > 0
          ? "OVERDUE"
          : unpaid.length > 0
            ? "OPEN"
            : "CLEAR";
  return {
    stage,
    currency: unpaid[0]?.currency ?? null,
    overdueMinor: sumMinor(late),
    openMinor: sumMinor(unpaid),
    overdueInvoices: late.map((i) => ({ ...i, dueDate: toDateString(i.dueDate) })),
    suspendOn,
    suspendedSubscriptionIds: suspensions.map((s) => s.subscriptionId),
    lastNotice,
    arrangement: arrangement ? presentArrangement(arrangement) : null,
  };
}

/** Staff put an account on an arrangement; dunning pauses (and restores what it suspended) at once. */
export const createArrangement = (scope: Scope, input: Parameters<typeof arrangements.create>[1]) =>
  arrangements.create(scope, input, (customerId) => reassess(scope, customerId));

export const decideArrangement = (scope: Scope, input: Parameters<typeof arrangements.decide>[1]) =>
  arrangements.decide(scope, input, (customerId) => reassess(scope, customerId));

/** Staff cancel an arrangement; an active one's customer is looked at again at once (suspended if past grace). */
export const cancelArrangement = (scope: Scope, input: Parameters<typeof arrangements.cancel>[1]) =>
  arrangements.cancel(scope, input, (customerId) => reassess(scope, customerId));
