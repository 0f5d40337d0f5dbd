import { Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { formatMoney } from "../../lib/money";
import * as audit from "../audit/service";
import { formatDay } from "../billing/periods";
import type { Scope } from "../scope";
import { alignmentOf } from "./allowance";
import { payForTopUp } from "./payment";
import { periodContaining } from "./period";
import { buyTopUpSchema } from "./schema";
import { CAPPED_SELECT, cappedOf, companyToday } from "./subscriptions";

// Buying data: the top-up belongs to the subscription's current billing period and raises that
// period's allowance only (notices, overage and the RADIUS quota all count it). The request key
// makes a double click or a retried request the same purchase, paid once.

export interface Buyer {
  /** Set for a customer in the portal: only their own subscriptions. */
  customerId?: string;
  userId?: string | null;
}

export async function buy(scope: Scope, input: unknown, buyer: Buyer = {}, now: Date = new Date()) {
  const data = buyTopUpSchema.parse(input);
  const sub = await scope.tx.subscription.findFirst({
    where: { id: data.subscriptionId, ...(buyer.customerId ? { customerId: buyer.customerId } : {}) },
    select: CAPPED_SELECT,
  });
  if (!sub) throw new NotFound("Subscription");
  const repeat = await scope.tx.dataTopUp.findUnique({
    where: { subscriptionId_requestKey: { subscriptionId: sub.id, requestKey: data.requestKey } },
  });
  if (repeat) return repeat;

  // What is asked for must exist before the rules about it are checked.
  const option = await scope.tx.dataTopUpOption.findFirst({ where: { id: data.optionId, archivedAt: null } });
  if (!option) throw new NotFound("Top-up", "This top-up is no longer sold. Choose another one.");
  const capped = cappedOf(sub);
  if (!capped) throw new Invalid("This package has no data cap, so there is nothing to top up.");
  if (sub.status !== "ACTIVE") throw new Invalid("Data can be added to an active subscription only.");

  const today = await companyToday(scope.tx, scope.companyId, now);
  const period = periodContaining(today, {
    startDate: capped.startDate,
    cycle: capped.cycle,
    alignment: await alignmentOf(scope.tx),
  });
  const currency = (
    await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { currency: true } })
  ).currency;
  const id = newId();
  const paid = await payForTopUp(scope, {
    customerId: sub.customerId,
    subscriptionId: sub.id,
    topUpId: id,
    description: `Data top-up ${option.name} (${option.mb.toLocaleString("en")} MB), ${formatDay(period.start)}–${formatDay(period.end)}`,
    amountMinor: option.priceMinor,
    taxCategory: sub.package.taxCategory,
    prepaid: sub.package.prepaid,
  });
  const topUp = await scope.tx.dataTopUp.create({
    data: {
      id,
      companyId: scope.companyId,
      subscriptionId: sub.id,
      optionId: option.id,
      name: option.name,
      mb: option.mb,
      priceMinor: option.priceMinor,
      periodStart: period.start,
      periodEnd: period.end,
      payment: paid.payment,
      paymentRef: paid.reference,
      requestKey: data.requestKey,
      purchasedById: buyer.userId ?? scope.actor.id ?? null,
    },
  });
  await audit.record(scope, {
    action: "data_caps.top_up_bought",
    entityType: "DataTopUp",
    entityId: topUp.id,
    after: { ...topUp, price: formatMoney(topUp.priceMinor, currency) },
  });
  return topUp;
}
