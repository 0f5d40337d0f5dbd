import type { z } from "zod";
import type { ChargeKind } from "../../db/generated/prisma/enums";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import type { ChargeDraft } from "./engine";
import { toMinor } from "./rounding";
import { addChargeSchema, CHARGE_KIND_LABELS } from "./schema";

// One-off charges waiting for an invoice (PendingCharge): equipment sales, installations and
// data top-ups, added by staff or by another module through addCharge(), and the repairs of a
// plan change or termination in mid-period (recordRepairs). The next billing run puts a
// customer's waiting charges on their invoice (run.ts), or staff invoice them at once.

const currencyOf = async (scope: Scope) =>
  (await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { currency: true } })).currency;

/** Adds a charge to a customer's next invoice. Exported for other modules (data top-ups). */
export async function addCharge(scope: Scope, input: z.input<typeof addChargeSchema>) {
  const data = addChargeSchema.parse(input);
  const customer = await scope.tx.customer.findUnique({ where: { id: data.customerId }, select: { id: true } });
  if (!customer) throw new NotFound("Customer");
  if (data.subscriptionId) {
    const sub = await scope.tx.subscription.findUnique({
      where: { id: data.subscriptionId },
      select: { customerId: true },
    });
    if (!sub || sub.customerId !== data.customerId)
      throw new Invalid("Choose one of this customer's subscriptions.", {
        subscriptionId: "Choose one of this customer's subscriptions.",
      });
  }
  const gross = BigInt(data.quantity) * BigInt(data.unitPriceMinor);
  if (gross > 2_000_000_000n)
    throw new Invalid("The charge is too large for one line.", { quantity: "The charge is too large for one line." });
  const currency = await currencyOf(scope);
  const charge = await scope.tx.pendingCharge.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      customerId: data.customerId,
      subscriptionId: data.subscriptionId,
      kind: data.kind,
      lineKind: "ONE_OFF",
      description: data.description,
      quantity: data.quantity,
      unitPriceMinor: data.unitPriceMinor,
      grossMinor: toMinor(gross),
      taxCategory: data.taxCategory,
      rule: `${CHARGE_KIND_LABELS[data.kind]}: ${data.quantity} × ${formatMoney(data.unitPriceMinor, currency)} = ${formatMoney(Number(gross), currency)}, added by ${scope.actor.label ?? "staff"}`,
      createdById: scope.actor.type === "USER" ? (scope.actor.id ?? null) : null,
    },
  });
  await audit.record(scope, {
    action: "billing.charge_add",
    entityType: "PendingCharge",
    entityId: charge.id,
    after: charge,
  });
  return charge;
}

/**
 * Records the engine's repairs of a plan change or termination (credit for the unused part,
 * charge for the new part, the final period's usage) for the next invoice, once: each carries a
 * key naming its unit of work (`service-request:<id>:<n>`), unique per company, so applying the
 * same change again records nothing. Returns how many were recorded.
 */
export async function recordRepairs(
  scope: Scope,
  customerId: string,
  kind: ChargeKind,
  sourceKey: string,
  drafts: readonly ChargeDraft[],
): Promise<number> {
  if (drafts.length === 0) return 0;
  const rows = drafts.map((d, n) => ({
    id: newId(),
    companyId: scope.companyId,
    customerId,
    subscriptionId: d.subscriptionId ?? null,
    kind,
    lineKind: d.kind,
    description: d.description,
    quantity: d.quantity,
    unitPriceMinor: d.unitPriceMinor,
    grossMinor: d.grossMinor - d.discountMinor,
    taxCategory: d.taxCategory,
    periodStart: d.periodStart ?? null,
    periodEnd: d.periodEnd ?? null,
    usedMb: d.usedMb ?? null,
    includedMb: d.includedMb ?? null,
    rule: d.rule,
    sourceKey: `${sourceKey}:${n + 1}`,
  }));
  const created = await scope.tx.pendingCharge.createMany({ data: rows, skipDuplicates: true });
  if (created.count > 0)
    await audit.record(scope, {
      action: "billing.charge_repair",
      entityType: "PendingCharge",
      entityId: sourceKey,
      after: { customerId, kind, lines: rows.map((r) => ({ description: r.description, grossMinor: r.grossMinor })) },
    });
  return created.count;
}

/** A customer's charges: waiting first, then the last 50 billed or cancelled. */
export async function customerCharges(scope: Scope, customerId: string) {
  const customer = await scope.tx.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw new NotFound("Customer");
  const [waiting, done] = [
    await scope.tx.pendingCharge.findMany({
      where: { customerId, invoiceId: null, cancelledAt: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    await scope.tx.pendingCharge.findMany({
      where: { customerId, OR: [{ invoiceId: { not: null } }, { cancelledAt: { not: null } }] },
      include: { invoice: { select: { id: true, prefix: true, number: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
    }),
  ];
  return { waiting, done };
}

/** Takes back a charge not invoiced yet. */
export async function cancelCharge(scope: Scope, id: string) {
  const before = await scope.tx.pendingCharge.findUnique({ where: { id } });
  if (!before) throw new NotFound("Charge");
  const cancelled = await scope.tx.pendingCharge.updateMany({
    where: { id, invoiceId: null, cancelledAt: null },
    data: { cancelledAt: new Date() },
  });
  if (cancelled.count === 0)
    throw new Conflict("This charge is already on an invoice or cancelled; correct an invoice with a credit note.");
  await audit.record(scope, {
    action: "billing.charge_cancel",
    entityType: "PendingCharge",
    entityId: id,
    before: { description: before.description, grossMinor: before.grossMinor },
  });
}
