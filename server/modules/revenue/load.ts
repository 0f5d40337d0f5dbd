import { inOrder } from "../../db/tenant";
import type { Scope } from "../scope";
import { toDateString, todayIn } from "../subscriptions/dates";
import type { PackagePrice, SubscriptionHistory } from "./mrr";

// Reads what revenue analytics needs from the tables of companies, billing, packages and
// subscriptions (read only: revenue owns no table).

/** Written by subscriptions.changePackage: { before: { packageId }, after: { packageId, effectiveDate } }. */
const PACKAGE_CHANGE = "subscription.package_change";
const BATCH = 2_000;

export interface CompanyBasics {
  timeZone: string;
  currency: string;
  today: string;
  /** Whether suspended subscriptions are still billed (and so still count towards MRR). */
  billsSuspended: boolean;
}

export async function companyBasics(scope: Scope, now: Date = new Date()): Promise<CompanyBasics> {
  const [company, settings] = await inOrder([
    scope.tx.company.findUniqueOrThrow({
      where: { id: scope.companyId },
      select: { timeZone: true, currency: true },
    }),
    scope.tx.billingSettings.findUnique({ where: { companyId: scope.companyId }, select: { suspendedBilling: true } }),
  ]);
  return {
    timeZone: company.timeZone,
    currency: company.currency,
    today: todayIn(company.timeZone, now),
    billsSuspended: (settings?.suspendedBilling ?? "BILL") === "BILL",
  };
}

export async function packagePrices(scope: Scope): Promise<Map<string, PackagePrice & { name: string }>> {
  const rows = await scope.tx.package.findMany({
    select: { id: true, name: true, priceMinor: true, billingCycle: true },
  });
  return new Map(rows.map((p) => [p.id, p]));
}

/** Every subscription that started by `until`, with its status and package history, in batches. */
export async function subscriptionHistories(
  scope: Scope,
  timeZone: string,
  until: string,
): Promise<SubscriptionHistory[]> {
  const out: SubscriptionHistory[] = [];
  let after = "";
  for (;;) {
    const subs = await scope.tx.subscription.findMany({
      where: { id: { gt: after }, startDate: { lte: new Date(`${until}T00:00:00Z`) } },
      select: { id: true, customerId: true, packageId: true, quantity: true, startDate: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (subs.length === 0) return out;
    after = subs.at(-1)!.id;
    const ids = subs.map((s) => s.id);
    const [events, changes] = await inOrder([
      scope.tx.subscriptionEvent.findMany({
        where: { subscriptionId: { in: ids } },
        select: { subscriptionId: true, fromStatus: true, toStatus: true, createdAt: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
      scope.tx.auditEntry.findMany({
        where: { action: PACKAGE_CHANGE, entityType: "Subscription", entityId: { in: ids } },
        select: { entityId: true, before: true, after: true, createdAt: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
    ]);
    const byId = new Map<string, SubscriptionHistory>();
    for (const s of subs) {
      const h: SubscriptionHistory = {
        customerId: s.customerId,
        quantity: s.quantity,
        startDate: toDateString(s.startDate),
        packageId: s.packageId,
        statuses: [],
        packageChanges: [],
      };
      byId.set(s.id, h);
      out.push(h);
    }
    for (const e of events) {
      // A package change or relocation records an event that keeps the status: not a change.
      if (e.fromStatus === e.toStatus) continue;
      byId.get(e.subscriptionId)?.statuses.push({ date: todayIn(timeZone, e.createdAt), status: e.toStatus });
    }
    for (const c of changes) {
      const before = c.before as { packageId?: string } | null;
      const after = c.after as { packageId?: string; effectiveDate?: string } | null;
      if (!after?.packageId) continue;
      byId.get(c.entityId!)?.packageChanges.push({
        date: after.effectiveDate ?? todayIn(timeZone, c.createdAt),
        from: before?.packageId ?? null,
        to: after.packageId,
      });
    }
    for (const h of byId.values()) h.packageChanges.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
}
