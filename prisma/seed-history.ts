// The demo's billing history: the months since its subscribers started (prisma/seed-lifecycle.ts
// backdates them over the last six months), billed and collected through the real services, so
// that invoices, receivables aging, dunning and revenue analytics have something to show.
//
// - Billing: the billing run itself (server/modules/billing/run.ts) on each day the daily
//   schedule would have invoiced something: each subscriber's start date and each month's 1st,
//   up to last month. The current month is left for whoever tries the demo to preview and run.
// - Payments: the payments service, on the day they were received, each customer in their habit
//   (HABITS below): M-Pesa paybill, M-Pesa keyed in at the counter, bank transfer and cash.
// - Usage: daily data of the subscribers on the capped packages: fair use above the cap on PPPoE
//   Lite 10 (the demo sells data top-ups for it, prisma/seed-data-caps.ts), and a per-GB overage
//   line on the metered package's invoices (prisma/seed-history-accounts.ts, with a corporate
//   account whose six links earn a volume discount).
// - Changes: an upgrade in the middle of a month, through a service request (proration).
// - Corrections: a credit note for a fibre cut, a waived setup fee, an invoice paid twice and the
//   second payment refunded.
// - Today: one customer who stopped paying three months ago is suspended by dunning; one who
//   stopped two months ago is on a payment arrangement (dunning paused).
//
// The customer to pay overdue invoices in the portal (the portal-pay journey): Kiprono Koech,
// kiprono.koech@example.com, password Lastmile-demo-2026 (prisma/seed.ts), account ACC-000004 in
// a fresh demo (M-Pesa account number 4). Home Fibre 20 suspended by dunning; paid, it is restored.
//
// Messages belong to their day: while the past is written, issued invoices are not e-mailed and
// payments are neither receipted nor judged by dunning against today's balance (withoutFollowUps).
// Idempotent: does nothing once the company has a billing run.
import { withTenant, type Tx } from "../server/db/tenant";
import { withoutFollowUps } from "../server/jobs";
import { settleInline } from "../server/jobs/emit";
import * as creditNotes from "../server/modules/billing/credit-notes";
import { run } from "../server/modules/billing/run";
import { overdue, unpaidInvoices, sumMinor } from "../server/modules/dunning/ledger";
import * as dunning from "../server/modules/dunning/service";
import * as dunningSettings from "../server/modules/dunning/settings";
import * as payments from "../server/modules/payments/service";
import * as serviceRequests from "../server/modules/service-requests/service";
import type { Actor, Scope } from "../server/modules/scope";
import { addMonths, parseDate, toDateString, todayIn } from "../server/modules/subscriptions/dates";
import { CORPORATE_CUSTOMER, METERED_CUSTOMER, METERED_DAILY_GB, seedShowcaseAccounts } from "./seed-history-accounts";
import { monthsBack } from "./seed-lifecycle";

export const SUSPENDED_PORTAL_CUSTOMER = { email: "kiprono.koech@example.com", name: "Kiprono Koech" } as const;

type Method = "PAYBILL" | "MPESA" | "BANK_TRANSFER" | "CASH";

/**
 * How each customer pays an invoice: `days` after its issue date (all of its balance, or `share`
 * of it, basis points), and then the rest `restDays` after issue. `stopsBefore`: pays only
 * invoices due more than that many days before today, and nothing since.
 */
interface Habit {
  method: Method;
  days: number;
  share?: number;
  restDays?: number;
  stopsBefore?: number;
}

const HABITS: Record<string, Habit> = {
  // Pays late: a few days past the due date (14 days after issue), still within dunning's grace.
  "wanjiru.kamau@example.com": { method: "CASH", days: 19 },
  "otieno.odhiambo@example.com": { method: "BANK_TRANSFER", days: 8 },
  // Pays part at once and the rest after the due date.
  "achieng.were@example.com": { method: "PAYBILL", days: 4, share: 6_000, restDays: 19 },
  [SUSPENDED_PORTAL_CUSTOMER.email]: { method: "CASH", days: 10, stopsBefore: 90 },
  "njeri.maina@example.com": { method: "MPESA", days: 6, stopsBefore: 60 },
  "mutua.mutiso@example.com": { method: "PAYBILL", days: 3 },
  "brian.ouma@example.com": { method: "PAYBILL", days: 2 },
  [METERED_CUSTOMER]: { method: "MPESA", days: 5 },
  [CORPORATE_CUSTOMER]: { method: "BANK_TRANSFER", days: 12 },
};

/** Something that happened on a day, after that day's billing run. */
interface Step {
  date: string;
  seq: number;
  act: (scope: Scope) => Promise<void>;
}

const DAY_MS = 86_400_000;
/** 11:00 in Nairobi on `date`: when the office did what the history says it did that day. */
const officeHours = (date: string) => new Date(`${date}T08:00:00Z`);
const shift = (date: string, days: number) => toDateString(new Date(parseDate(date).getTime() + days * DAY_MS));

/** M-Pesa receipt codes look like "QJK4T7W2PX": ten letters and digits, made up from the payment. */
function mpesaCode(n: number, date: string): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let x = 2_166_136_261;
  let code = String.fromCharCode(81 + Math.min(Number(date.slice(5, 7)) % 8, 8)); // Q, R, S… by month
  for (let i = 0; i < 9; i++) {
    for (const ch of `${date}#${n}#${i}`) x = Math.imul(x ^ ch.charCodeAt(0), 16_777_619) >>> 0;
    code += alphabet[x % alphabet.length];
  }
  return code;
}

/** The billing days: every billed subscription's start date and every month's 1st since, before this month. */
async function billingDays(tx: Tx, thisMonth: string): Promise<string[]> {
  const subs = await tx.subscription.findMany({
    where: { status: { in: ["ACTIVE", "SUSPENDED"] }, package: { billingCycle: { not: "VALIDITY" }, prepaid: false } },
    select: { startDate: true },
  });
  const starts = subs.map((s) => toDateString(s.startDate)).filter((d) => d < thisMonth);
  if (starts.length === 0) return [];
  const days = new Set(starts);
  const earliest = starts.reduce((a, b) => (a < b ? a : b));
  for (let m = addMonths(parseDate(`${earliest.slice(0, 7)}-01`), 1); toDateString(m) < thisMonth; m = addMonths(m, 1))
    days.add(toDateString(m));
  return [...days].sort();
}

/** GB a day on the capped packages (PPPoE Lite 10: 200 GB a month, then fair-use speed; PPPoE Metered 10). */
const DAILY_GB: Record<string, number> = {
  "achieng.were@example.com": 6.6,
  "njeri.maina@example.com": 3.1,
  [METERED_CUSTOMER]: METERED_DAILY_GB,
};

/**
 * Usage of the capped subscribers since they started, as RADIUS accounting would have counted it
 * (normally it arrives from the network): a weekly rhythm around each one's average, so that a
 * heavy user passes the cap in some months and the data-caps pages have history to show.
 */
async function seedUsage(companyId: string, today: string) {
  await withTenant(companyId, async (tx) => {
    const subs = await tx.subscription.findMany({
      where: { customer: { email: { in: Object.keys(DAILY_GB) } }, package: { dataCapMb: { not: null } } },
      select: { id: true, startDate: true, customer: { select: { email: true } } },
    });
    const rows = subs.flatMap((s) => {
      const days = Math.round((parseDate(today).getTime() - s.startDate.getTime()) / DAY_MS);
      return Array.from({ length: days }, (_, d) => {
        const day = new Date(s.startDate.getTime() + d * DAY_MS);
        const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6 ? 1.35 : 0.86;
        const gb = DAILY_GB[s.customer.email!]! * weekend * (0.9 + ((d * 37) % 21) / 100);
        return {
          companyId,
          subscriptionId: s.id,
          day,
          downloadBytes: BigInt(Math.round(gb * 0.88 * 1024 ** 3)),
          uploadBytes: BigInt(Math.round(gb * 0.12 * 1024 ** 3)),
        };
      });
    });
    await tx.usageDaily.createMany({ data: rows, skipDuplicates: true });
  });
}

export async function seedHistory(companyId: string, now: Date = new Date()): Promise<void> {
  const setup = await withTenant(companyId, async (tx) => {
    if ((await tx.billingRun.count()) > 0) return null;
    const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } });
    const today = todayIn(company.timeZone, now);
    await seedShowcaseAccounts({ tx, companyId, actor: { type: "SYSTEM", label: "seed" } }, today);
    const clerk = await tx.user.findFirst({ where: { email: "billing@acme.example" }, select: { id: true } });
    const customers = await tx.customer.findMany({
      where: { email: { in: Object.keys(HABITS) } },
      select: { id: true, email: true, accountNumber: true, phone: true, firstName: true, lastName: true },
    });
    return { today, clerk, customers, days: await billingDays(tx, `${today.slice(0, 7)}-01`) };
  });
  if (!setup || setup.days.length === 0) return;
  const { today, customers, days } = setup;
  const byId = new Map(customers.map((c) => [c.id, c]));
  const idOf = (email: string) => customers.find((c) => c.email === email)?.id;
  // Money at the counter is recorded by the billing clerk; the rest arrives by itself.
  const clerk: Actor = setup.clerk
    ? { type: "USER", id: setup.clerk.id, label: "Linda Achieng" }
    : { type: "SYSTEM", label: "seed" };
  const system: Actor = { type: "SYSTEM", label: "seed" };

  const queue: Step[] = [];
  let seq = 0;
  let paid = 0;
  const later = (date: string, act: Step["act"]) => {
    if (date <= today) queue.push({ date, seq: seq++, act });
  };
  const flush = async (before: string | null) => {
    queue.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq));
    while (queue.length && (before === null || queue[0]!.date < before)) {
      const step = queue.shift()!;
      await withTenant(companyId, (tx) => step.act({ tx, companyId, actor: clerk }));
    }
  };
  const balanceOf = async (tx: Tx, invoiceId: string) => {
    const i = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    return i.totalMinor - i.amountPaidMinor - i.creditedMinor;
  };
  /** Pays `share` (basis points; all by default) of what is left on the invoice, on `date`, the customer's way. */
  const pay = (customerId: string, invoiceId: string, date: string, share = 10_000) =>
    later(date, async (scope) => {
      const left = await balanceOf(scope.tx, invoiceId);
      const amount = share >= 10_000 ? left : Math.round((left * share) / 10_000 / 100) * 100;
      if (amount <= 0) return;
      await receive(scope, customerId, invoiceId, amount, date);
    });
  const receive = async (scope: Scope, customerId: string, invoiceId: string, amountMinor: number, date: string) => {
    const c = byId.get(customerId)!;
    const { method } = HABITS[c.email!]!;
    const n = paid++;
    if (method === "PAYBILL") {
      // Paid to the paybill with the account number, as the M-Pesa callback records it.
      const code = mpesaCode(n, date);
      const at = new Date(parseDate(date).getTime() + (5 + (n % 10)) * 3_600_000 + (n % 60) * 60_000);
      await payments.recordUnsolicited(
        { ...scope, actor: system },
        {
          provider: "MPESA",
          method: "MPESA",
          accountNumber: String(c.accountNumber),
          amountMinor,
          providerRef: `ws_CO_${date.replaceAll("-", "")}${String(n).padStart(6, "0")}`,
          reference: code,
          payerPhone: c.phone,
          payerName: [c.firstName, c.lastName].filter(Boolean).join(" "),
          receivedAt: at < now ? at : now,
        },
      );
      return;
    }
    await payments.record(scope, {
      customerId,
      method: method === "MPESA" ? "MPESA" : method,
      amountMinor,
      receivedOn: date,
      reference:
        method === "MPESA"
          ? mpesaCode(n, date)
          : method === "BANK_TRANSFER"
            ? `FT${date.slice(2).replaceAll("-", "")}${String(4_100 + n)}`
            : undefined,
      note: method === "CASH" ? "Paid at the counter" : undefined,
      allocations: [{ invoiceId, amountMinor }],
    });
  };

  await seedUsage(companyId, today);

  const mutua = idOf("mutua.mutiso@example.com");
  const otieno = idOf("otieno.odhiambo@example.com");
  const seen = new Map<string, number>();

  // Wanjiru moved up to Home Fibre 50 in the middle of a month already invoiced: her next invoice
  // credits the unused days of Home Fibre 20 and charges Home Fibre 50 for them (engine rule 9).
  const wanjiru = idOf("wanjiru.kamau@example.com");
  const upgradeDay = monthsBack(today, 2, 18);
  if (wanjiru)
    later(upgradeDay, async (scope) => {
      const sub = await scope.tx.subscription.findFirst({ where: { customerId: wanjiru, status: "ACTIVE" } });
      const target = await scope.tx.package.findFirst({ where: { code: "FIB-50" }, select: { id: true } });
      if (!sub || !target || sub.packageId === target.id || sub.startDate >= parseDate(upgradeDay)) return;
      const at = officeHours(upgradeDay);
      const request = await serviceRequests.create(
        scope,
        {
          customerId: wanjiru,
          kind: "UPGRADE",
          subscriptionId: sub.id,
          packageId: target.id,
          effectiveDate: upgradeDay,
          note: "Works from home now; wants the faster line from today.",
        },
        { now: at },
      );
      await serviceRequests.approve(scope, { id: request.id, note: "Same fibre, new speed profile." }, at);
    });

  await withoutFollowUps(async () => {
    for (const day of days) {
      await flush(day);
      await run(companyId, {
        date: day,
        trigger: "SCHEDULE",
        actor: { type: "SYSTEM", label: "billing.run" },
        now: new Date(`${day}T00:30:00Z`),
      });
      const issued = await withTenant(companyId, (tx) =>
        tx.invoice.findMany({
          where: { issueDate: parseDate(day) },
          select: {
            id: true,
            customerId: true,
            dueDate: true,
            lines: { select: { id: true, kind: true, totalMinor: true } },
          },
          orderBy: { number: "asc" },
        }),
      );
      for (const invoice of issued) {
        const customer = byId.get(invoice.customerId);
        const habit = customer && HABITS[customer.email!];
        if (!habit) continue;
        const nth = (seen.get(invoice.customerId) ?? 0) + 1;
        seen.set(invoice.customerId, nth);
        const due = toDateString(invoice.dueDate);
        if (habit.stopsBefore !== undefined && due >= shift(today, -habit.stopsBefore)) continue;

        if (invoice.customerId === mutua && nth === 1) {
          // A referral promotion: the setup fee waived on the first invoice, before it was paid.
          const fee = invoice.lines.find((l) => l.kind === "SETUP_FEE");
          if (fee)
            later(day, (scope) =>
              creditNotes
                .issueCreditNote(
                  scope,
                  {
                    invoiceId: invoice.id,
                    reason: "Setup fee waived: referred by a neighbour (referral promotion)",
                    lines: [{ invoiceLineId: fee.id, amountMinor: fee.totalMinor }],
                  },
                  officeHours(day),
                )
                .then(() => undefined),
            );
        }
        pay(invoice.customerId, invoice.id, shift(day, habit.days), habit.share);
        if (habit.share !== undefined && habit.restDays !== undefined)
          pay(invoice.customerId, invoice.id, shift(day, habit.restDays));

        if (invoice.customerId === mutua && nth === 2) {
          // Paid twice: by M-Pesa, and by his company's bank the same day. The transfer lands on
          // his credit and is sent back to the bank.
          const date = shift(day, habit.days);
          later(date, async (scope) => {
            const amountMinor = invoice.lines.reduce((n, l) => n + l.totalMinor, 0);
            const dup = await payments.record(scope, {
              customerId: mutua,
              method: "BANK_TRANSFER",
              amountMinor,
              receivedOn: date,
              reference: `FT${date.slice(2).replaceAll("-", "")}${String(4_100 + paid++)}`,
            });
            await payments.refund(scope, {
              paymentId: dup.id,
              amountMinor: dup.creditedMinor,
              reason: "Paid twice (M-Pesa and bank transfer): the transfer sent back to the bank",
            });
          });
        }
        if (invoice.customerId === otieno && nth === 3) {
          // A fibre cut took his line down for three days: credited after he had paid, so the
          // credit note goes to his credit balance and the next invoice takes it.
          const line = invoice.lines.find((l) => l.kind === "RECURRING");
          if (line)
            later(shift(day, 18), (scope) =>
              creditNotes
                .issueCreditNote(
                  scope,
                  {
                    invoiceId: invoice.id,
                    reason: "Fibre cut on Ngong Road: three days without service",
                    lines: [{ invoiceLineId: line.id, amountMinor: Math.round((line.totalMinor * 3) / 30) }],
                  },
                  officeHours(shift(day, 18)),
                )
                .then(() => undefined),
            );
        }
      }
    }
    await flush(null);
  });
  await settleInline();

  // Today: dunning's own rules on the two customers who stopped paying.
  await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "dunning" } };
    const schedule = await dunningSettings.get(scope);
    const njeri = idOf("njeri.maina@example.com");
    if (njeri) {
      const owed = sumMinor(overdue(await unpaidInvoices(scope, njeri), parseDate(today)));
      if (owed > 0) {
        const first = Math.round(owed / 2 / 100) * 100;
        await dunning.createArrangement(
          { ...scope, actor: clerk },
          {
            customerId: njeri,
            kind: "INSTALMENTS",
            instalments: [
              { dueDate: shift(today, 7), amountMinor: first },
              { dueDate: shift(today, 28), amountMinor: owed - first },
            ],
            note: "Lost her job in the summer; pays in two instalments from her new salary.",
          },
        );
      }
    }
    const kiprono = idOf(SUSPENDED_PORTAL_CUSTOMER.email);
    if (kiprono) await dunning.processCustomer(scope, kiprono, parseDate(today), schedule);
  });
  await settleInline();
}
