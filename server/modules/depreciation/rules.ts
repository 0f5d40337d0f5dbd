import type { z } from "zod";
import { Invalid, NotFound, onUnique, Conflict } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { removeRuleSchema, ruleSchema } from "./schema";
import { ruleText, type Rule } from "./schedule";

// Depreciation rules: one per item category, and optionally one per item that overrides its
// category's (a core router lasting longer than the category's CPEs). Categories are the
// catalogue's own free-text category names, matched exactly.

export type RuleSource = "item" | "category";
export interface ResolvedRule extends Rule {
  id: string;
  source: RuleSource;
  text: string;
}

/** Every rule of the company: category rules first, then item rules, each by name. */
export async function list(scope: Scope) {
  const rows = await scope.tx.depreciationRule.findMany({
    include: { item: { select: { id: true, sku: true, name: true, category: true } } },
    orderBy: [{ category: "asc" }, { item: { name: "asc" } }],
  });
  const categories = await scope.tx.inventoryItem.findMany({
    where: { archivedAt: null, tracking: "SERIAL" },
    distinct: ["category"],
    select: { category: true },
    orderBy: { category: "asc" },
  });
  return {
    rules: rows.map((r) => ({
      id: r.id,
      category: r.category,
      item: r.item,
      method: r.method,
      usefulLifeMonths: r.usefulLifeMonths,
      salvageBp: r.salvageBp,
      text: ruleText(r),
    })),
    /** Categories of serial-tracked items without a rule: their units are not depreciated yet. */
    uncovered: categories.map((c) => c.category).filter((c) => !rows.some((r) => r.category === c)),
  };
}

/** Creates the rule for a category or an item, or replaces the one it has. */
export async function save(scope: Scope, input: z.input<typeof ruleSchema>) {
  const data = ruleSchema.parse(input);
  if (data.itemId) {
    const item = await scope.tx.inventoryItem.findUnique({ where: { id: data.itemId }, select: { tracking: true } });
    if (!item) throw new NotFound("Item");
    if (item.tracking !== "SERIAL")
      throw new Invalid("Only serial-tracked equipment is depreciated; consumables are expensed.", {
        itemId: "Choose serial-tracked equipment.",
      });
  }
  const where = data.itemId
    ? { companyId_itemId: { companyId: scope.companyId, itemId: data.itemId } }
    : { companyId_category: { companyId: scope.companyId, category: data.category! } };
  const before = await scope.tx.depreciationRule.findUnique({ where });
  const values = { method: data.method, usefulLifeMonths: data.usefulLifeMonths, salvageBp: data.salvageBp };
  const row = await onUnique(
    before
      ? scope.tx.depreciationRule.update({ where: { id: before.id }, data: values })
      : scope.tx.depreciationRule.create({
          data: { id: newId(), companyId: scope.companyId, category: data.category, itemId: data.itemId, ...values },
        }),
    () => new Conflict("Someone saved a rule for this at the same moment; reload and try again."),
  );
  await audit.record(scope, {
    action: before ? "depreciation.rule_update" : "depreciation.rule_create",
    entityType: "DepreciationRule",
    entityId: row.id,
    before: before
      ? { method: before.method, usefulLifeMonths: before.usefulLifeMonths, salvageBp: before.salvageBp }
      : undefined,
    after: { category: row.category, itemId: row.itemId, ...values },
  });
  return { id: row.id, text: ruleText(row) };
}

export async function remove(scope: Scope, input: z.input<typeof removeRuleSchema>) {
  const { id } = removeRuleSchema.parse(input);
  const row = await scope.tx.depreciationRule.findUnique({ where: { id } });
  if (!row) throw new NotFound("Depreciation rule");
  await scope.tx.depreciationRule.delete({ where: { id } });
  await audit.record(scope, {
    action: "depreciation.rule_delete",
    entityType: "DepreciationRule",
    entityId: id,
    before: { category: row.category, itemId: row.itemId, method: row.method, usefulLifeMonths: row.usefulLifeMonths },
  });
  return { id };
}

/** All rules, keyed for resolving: an item's own rule wins over its category's. */
export async function resolver(scope: Scope) {
  const rows = await scope.tx.depreciationRule.findMany();
  const byItem = new Map(rows.filter((r) => r.itemId).map((r) => [r.itemId!, r]));
  const byCategory = new Map(rows.filter((r) => r.category).map((r) => [r.category!, r]));
  return (item: { id: string; category: string }): ResolvedRule | null => {
    const own = byItem.get(item.id);
    const r = own ?? byCategory.get(item.category);
    if (!r) return null;
    return {
      id: r.id,
      source: own ? "item" : "category",
      method: r.method,
      usefulLifeMonths: r.usefulLifeMonths,
      salvageBp: r.salvageBp,
      text: ruleText(r),
    };
  };
}
