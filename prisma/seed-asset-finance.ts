// The demo company's depreciation rules and preventive-maintenance plans, after its inventory
// (prisma/seed-inventory.ts), so every number on the depreciation and maintenance pages traces to
// a rule: ONTs straight-line over 36 months with 10% salvage, wireless CPEs declining balance over
// 24 months with 5%; the subscribers' CPEs dated to the day their subscription started (they
// were bought for it), so they show months of depreciation; the OLT's filters cleaned every
// 90 days (its first job opened now, being due within the lead time) and the core router's UPS
// batteries checked every 180 days. Built through the services the console uses; does nothing
// if the company has a depreciation rule already, so it may be run again.
import { withTenant } from "../server/db/tenant";
import * as rules from "../server/modules/depreciation/rules";
import * as maintenance from "../server/modules/maintenance/service";
import type { Scope } from "../server/modules/scope";

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

export async function seedAssetFinance(companyId: string): Promise<void> {
  const seeded = await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
    if ((await tx.depreciationRule.count()) > 0) return false;
    const categories = new Set(
      (await tx.inventoryItem.findMany({ select: { category: true } })).map((i) => i.category),
    );
    if (categories.has("ONT"))
      await rules.save(scope, { category: "ONT", method: "STRAIGHT_LINE", usefulLifeMonths: 36, salvageBp: 1000 });
    if (categories.has("Wireless CPE"))
      await rules.save(scope, {
        category: "Wireless CPE",
        method: "DECLINING_BALANCE",
        usefulLifeMonths: 24,
        salvageBp: 500,
      });

    // A deployed CPE was bought for the subscription it serves: dated to its start, and so are
    // its delivery and its deployment in its history (the morning and the installation after it).
    const deployed = await tx.asset.findMany({
      where: { subscriptionId: { not: null } },
      select: { id: true, subscription: { select: { startDate: true } } },
    });
    const HOUR = 3_600_000;
    for (const a of deployed) {
      const start = a.subscription!.startDate;
      await tx.asset.update({ where: { id: a.id }, data: { purchasedOn: start } });
      await tx.stockMovement.updateMany({
        where: { assetId: a.id, kind: "RECEIVE" },
        data: { createdAt: new Date(start.getTime() + 6 * HOUR) },
      });
      await tx.stockMovement.updateMany({
        where: { assetId: a.id, kind: "DEPLOY" },
        data: { createdAt: new Date(start.getTime() + 11 * HOUR) },
      });
    }

    const typeOf = async (model: string) => (await tx.deviceType.findFirst({ where: { model } }))?.id;
    const olt = await typeOf("MA5800-X7");
    if (olt)
      await maintenance.create(scope, {
        title: "Clean the OLT filters",
        instructions: "Replace the dust filters of the chassis and check the fan tray alarms.",
        deviceTypeId: olt,
        intervalDays: 90,
        leadDays: 7,
        startsOn: inDays(5),
      });
    const core = await typeOf("CCR2004-16G-2S+");
    if (core)
      await maintenance.create(scope, {
        title: "Check the UPS batteries at the POP",
        instructions: "Run the UPS self-test and note the runtime it reports.",
        deviceTypeId: core,
        intervalDays: 180,
        leadDays: 14,
        startsOn: inDays(40),
      });
    return true;
  });
  // The OLT's first cleaning is due within its lead time: the job opens its work order now.
  if (seeded) await maintenance.openDue(companyId);
}
