import type { z } from "zod";
import type { PaymentArrangement, ArrangementInstalment, Prisma } from "../../db/generated/prisma/client";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { formatMoney } from "../../lib/money";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { parseDate, toDateString } from "../subscriptions/dates";
import { balanceOf, companyToday, overdue, sumMinor, unpaidInvoices } from "./ledger";
import { ALL_CHANNELS, notify } from "./notices";
import {
  cancelArrangementSchema,
  createArrangementSchema,
  decideArrangementSchema,
  listArrangementsSchema,
  portalArrangementSchema,
  type PortalArrangementInput,
} from "./schema";

// Payment arrangements: a promise to pay the overdue balance by a date, or dated instalments
// that add up to it. While one is ACTIVE dunning is paused for the customer; the daily job (and
// every payment) checks it: all paid → KEPT, an instalment's date passed without the money →
// BROKEN, and dunning resumes with a notice to the customer.

type WithInstalments = PaymentArrangement & { instalments: ArrangementInstalment[] };
const INSTALMENTS = { instalments: { orderBy: { position: "asc" } } } as const;
const OPEN_STATUSES = ["REQUESTED", "ACTIVE"] as const;

async function load(scope: Scope, id: string): Promise<WithInstalments> {
  const row = await scope.tx.paymentArrangement.findUnique({ where: { id }, include: INSTALMENTS });
  if (!row) throw new NotFound("Payment arrangement");
  return row;
}

export const activeArrangement = (scope: Scope, customerId: string) =>
  scope.tx.paymentArrangement.findFirst({ where: { customerId, status: "ACTIVE" }, include: INSTALMENTS });

/** Checks the plan against what is overdue now; the instalments' total must be exactly that. */
async function plan(scope: Scope, customerId: string, input: PortalArrangementInput) {
  const data = portalArrangementSchema.parse(input);
  const customer = await scope.tx.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw new NotFound("Customer");
  const open = await scope.tx.paymentArrangement.findFirst({
    where: { customerId, status: { in: [...OPEN_STATUSES] } },
    select: { status: true },
  });
  if (open)
    throw new Conflict(
      open.status === "ACTIVE"
        ? "This account already has an active payment arrangement."
        : "This account already has an arrangement waiting for a decision.",
    );
  const today = await companyToday(scope);
  const owed = overdue(await unpaidInvoices(scope, customerId), today);
  if (owed.length === 0) throw new Invalid("Nothing is overdue on this account, so there is nothing to arrange.");
  const coveredMinor = sumMinor(owed);
  const currency = owed[0]!.currency;
  if (data.kind === "PROMISE" && data.instalments.length !== 1)
    throw new Invalid("A promise to pay has one date and amount.", { instalments: "Enter one date and amount." });
  const total = data.instalments.reduce((s, i) => s + i.amountMinor, 0);
  if (total !== coveredMinor)
    throw new Invalid(
      `The amounts add up to ${formatMoney(total, currency)}, but ${formatMoney(coveredMinor, currency)} is overdue.`,
      { instalments: `They must add up to ${formatMoney(coveredMinor, currency)}.` },
    );
  if (parseDate(data.instalments[0]!.dueDate) < today)
    throw new Invalid("The first date is in the past.", { "instalments.0.dueDate": "Choose today or a later date." });
  return { data, coveredMinor, currency, invoiceIds: owed.map((i) => i.id) };
}

async function write(
  scope: Scope,
  customerId: string,
  p: Awaited<ReturnType<typeof plan>>,
  status: "ACTIVE" | "REQUESTED",
) {
  const id = newId();
  await scope.tx.paymentArrangement.create({
    data: {
      id,
      companyId: scope.companyId,
      customerId,
      kind: p.data.kind,
      status,
      invoiceIds: p.invoiceIds,
      coveredMinor: p.coveredMinor,
      currency: p.currency,
      note: p.data.note,
      requestedByCustomer: status === "REQUESTED",
      createdById: scope.actor.id ?? null,
      instalments: {
        create: p.data.instalments.map((i, position) => ({
          id: newId(),
          companyId: scope.companyId,
          position,
          dueDate: parseDate(i.dueDate),
          amountMinor: i.amountMinor,
        })),
      },
    },
  });
  const created = await load(scope, id);
  await audit.record(scope, {
    action: status === "ACTIVE" ? "dunning.arrangement_create" : "dunning.arrangement_request",
    entityType: "PaymentArrangement",
    entityId: id,
    after: present(created),
  });
  return created;
}

/** Staff put an account on an arrangement: active at once. */
export async function create(
  scope: Scope,
  input: z.input<typeof createArrangementSchema>,
  reassess: (customerId: string) => Promise<unknown>,
) {
  const { customerId, ...rest } = createArrangementSchema.parse(input);
  const created = await write(scope, customerId, await plan(scope, customerId, rest), "ACTIVE");
  await reassess(customerId);
  return present(created);
}

/** A customer asks for one in the portal; staff approve or decline it. */
export async function request(scope: Scope, customerId: string, input: PortalArrangementInput) {
  return present(await write(scope, customerId, await plan(scope, customerId, input), "REQUESTED"));
}

export async function decide(
  scope: Scope,
  input: z.input<typeof decideArrangementSchema>,
  reassess: (customerId: string) => Promise<unknown>,
) {
  const { id, approve, note } = decideArrangementSchema.parse(input);
  const before = await load(scope, id);
  if (before.status !== "REQUESTED") throw new Conflict("Only a requested arrangement can be approved or declined.");
  const status = approve ? "ACTIVE" : "DECLINED";
  const claimed = await scope.tx.paymentArrangement.updateMany({
    where: { id, status: "REQUESTED" },
    data: {
      status,
      decidedById: scope.actor.id ?? null,
      decidedAt: new Date(),
      decisionNote: note,
      ...(approve ? {} : { closedAt: new Date(), closedReason: note ?? "Declined" }),
    },
  });
  if (claimed.count === 0) throw new Conflict("The arrangement changed meanwhile; reload it and try again.");
  await audit.record(scope, {
    action: approve ? "dunning.arrangement_approve" : "dunning.arrangement_decline",
    entityType: "PaymentArrangement",
    entityId: id,
    before: { status: before.status },
    after: { status, note },
  });
  if (approve) await reassess(before.customerId);
  return present(await load(scope, id));
}

export async function cancel(
  scope: Scope,
  input: z.input<typeof cancelArrangementSchema>,
  reassess: (customerId: string) => Promise<unknown>,
) {
  const { id, reason } = cancelArrangementSchema.parse(input);
  const before = await load(scope, id);
  if (before.status !== "ACTIVE" && before.status !== "REQUESTED")
    throw new Conflict("Only an active or requested arrangement can be cancelled.");
  await scope.tx.paymentArrangement.update({
    where: { id },
    data: { status: "CANCELLED", closedAt: new Date(), closedReason: reason },
  });
  await audit.record(scope, {
    action: "dunning.arrangement_cancel",
    entityType: "PaymentArrangement",
    entityId: id,
    before: { status: before.status },
    after: { status: "CANCELLED", reason },
  });
  // Dunning applies again from now, not from the next daily run: what is past grace is suspended.
  if (before.status === "ACTIVE") await reassess(before.customerId);
  return present(await load(scope, id));
}

/**
 * Checks an active arrangement on `today`: KEPT when nothing it covers is left to pay, BROKEN when
 * an instalment's date has passed and less than the instalments so far has been paid. Returns the
 * arrangement's status afterwards.
 */
export async function check(scope: Scope, arrangement: WithInstalments, today: Date) {
  const left = await balanceOf(scope, arrangement.invoiceIds);
  const paid = arrangement.coveredMinor - left;
  let status: "ACTIVE" | "KEPT" | "BROKEN" = "ACTIVE";
  let reason = "";
  if (left <= 0) {
    status = "KEPT";
    reason = "Everything it covered is paid.";
  } else {
    let dueSoFar = 0;
    for (const i of arrangement.instalments) {
      if (i.dueDate >= today) break;
      dueSoFar += i.amountMinor;
      if (paid < dueSoFar) {
        status = "BROKEN";
        reason = `${formatMoney(dueSoFar, arrangement.currency)} was due by ${toDateString(i.dueDate)}; ${formatMoney(paid, arrangement.currency)} was paid.`;
        break;
      }
    }
  }
  if (status === "ACTIVE") return status;
  const claimed = await scope.tx.paymentArrangement.updateMany({
    where: { id: arrangement.id, status: "ACTIVE" },
    data: { status, closedAt: new Date(), closedReason: reason },
  });
  if (claimed.count === 0) return status;
  await audit.record(scope, {
    action: status === "KEPT" ? "dunning.arrangement_kept" : "dunning.arrangement_broken",
    entityType: "PaymentArrangement",
    entityId: arrangement.id,
    before: { status: "ACTIVE" },
    after: { status, reason },
  });
  if (status === "BROKEN")
    await notify(scope, {
      kind: "ARRANGEMENT_BROKEN",
      key: `broken:${arrangement.id}`,
      customerId: arrangement.customerId,
      channels: ALL_CHANNELS,
      subject: "Your payment arrangement has ended",
      text: `${reason} Reminders and suspension for unpaid invoices apply again. Pay the overdue balance to keep your service.`,
      sms: {
        template: "PAYMENT_REMINDER",
        values: {
          amount: formatMoney(left, arrangement.currency),
          dueDate: toDateString(today),
        },
      },
    });
  return status;
}

export async function list(scope: Scope, input: z.input<typeof listArrangementsSchema>) {
  const f = listArrangementsSchema.parse(input);
  const where: Prisma.PaymentArrangementWhereInput = { status: f.status, customerId: f.customerId };
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.paymentArrangement.count({ where }),
    rows: (window) =>
      scope.tx.paymentArrangement.findMany({
        where,
        include: {
          ...INSTALMENTS,
          customer: { select: { id: true, accountNumber: true, firstName: true, lastName: true, businessName: true } },
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...window,
      }),
  });
  return {
    ...paging,
    rows: rows.map((r) => ({
      ...present(r),
      customer: {
        id: r.customer.id,
        accountNumber: r.customer.accountNumber,
        name:
          r.customer.businessName ||
          [r.customer.firstName, r.customer.lastName].filter(Boolean).join(" ") ||
          `#${r.customer.accountNumber}`,
      },
    })),
  };
}

export function present(a: WithInstalments) {
  return {
    id: a.id,
    customerId: a.customerId,
    kind: a.kind,
    status: a.status,
    coveredMinor: a.coveredMinor,
    currency: a.currency,
    note: a.note,
    requestedByCustomer: a.requestedByCustomer,
    decisionNote: a.decisionNote,
    closedReason: a.closedReason,
    createdAt: a.createdAt,
    instalments: a.instalments.map((i) => ({ dueDate: toDateString(i.dueDate), amountMinor: i.amountMinor })),
  };
}
