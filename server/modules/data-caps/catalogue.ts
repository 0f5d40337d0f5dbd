import { Conflict, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { archiveTopUpOptionSchema, listTopUpOptionsSchema, topUpOptionSchema, updateTopUpOptionSchema } from "./schema";

// The data top-ups a company sells ("5 GB boost for 500"). Changing an option's price or size
// changes future purchases only: each purchase keeps its own copy. Options are archived, never
// deleted, so purchases keep pointing at what was bought.

const NAME_TAKEN = () =>
  new Conflict("Another top-up already has this name.", { name: "Already used by another top-up." });

export async function list(scope: Scope, input: unknown) {
  const f = listTopUpOptionsSchema.parse(input ?? {});
  const where = f.includeArchived ? {} : { archivedAt: null };
  return listPage(f, {
    count: () => scope.tx.dataTopUpOption.count({ where }),
    rows: (window) =>
      scope.tx.dataTopUpOption.findMany({
        where,
        orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { mb: "asc" }, { id: "asc" }],
        ...window,
      }),
  });
}

/** What a customer may buy now, smallest first. */
export async function forSale(scope: Scope) {
  return scope.tx.dataTopUpOption.findMany({
    where: { archivedAt: null },
    orderBy: [{ mb: "asc" }, { id: "asc" }],
    select: { id: true, name: true, mb: true, priceMinor: true },
  });
}

export async function create(scope: Scope, input: unknown) {
  const data = topUpOptionSchema.parse(input);
  const option = await onUnique(
    scope.tx.dataTopUpOption.create({ data: { ...data, id: newId(), companyId: scope.companyId } }),
    NAME_TAKEN,
  );
  await audit.record(scope, {
    action: "data_caps.option_created",
    entityType: "DataTopUpOption",
    entityId: option.id,
    after: option,
  });
  return option;
}

export async function update(scope: Scope, input: unknown) {
  const { id, ...data } = updateTopUpOptionSchema.parse(input);
  const before = await scope.tx.dataTopUpOption.findUnique({ where: { id } });
  if (!before) throw new NotFound("Top-up");
  const after = await onUnique(scope.tx.dataTopUpOption.update({ where: { id }, data }), NAME_TAKEN);
  await audit.record(scope, {
    action: "data_caps.option_updated",
    entityType: "DataTopUpOption",
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function archive(scope: Scope, input: unknown) {
  const { id, archived } = archiveTopUpOptionSchema.parse(input);
  const before = await scope.tx.dataTopUpOption.findUnique({ where: { id } });
  if (!before) throw new NotFound("Top-up");
  const after = await scope.tx.dataTopUpOption.update({
    where: { id },
    data: { archivedAt: archived ? (before.archivedAt ?? new Date()) : null },
  });
  await audit.record(scope, {
    action: archived ? "data_caps.option_archived" : "data_caps.option_restored",
    entityType: "DataTopUpOption",
    entityId: id,
    before,
    after,
  });
  return after;
}
