import type { z } from "zod";
import type { Asset, Prisma } from "../../db/generated/prisma/client";
import { emit } from "../../jobs/emit";
import { unitsLostInCount } from "../../jobs/events";
import { afterCommit } from "../../lib/after-commit";
import { Conflict, DomainError, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as counters from "../counters/service";
import type { Scope } from "../scope";
import { lockBySerial, moveUnits } from "./assets";
import { requireLocation } from "./catalogue";
import { post as postMoves } from "./ledger";
import {
  addFoundSchema,
  ASSET_STATUS_LABELS,
  enterCountSchema,
  formatCountNumber,
  listCountsSchema,
  postCountSchema,
  startCountSchema,
} from "./schema";

// Cycle counts. Starting a count of a shelf, a warehouse or a van snapshots what the ledger says
// is there (quantities, and the serials of the units); the store keeper enters what they find
// (typed or scanned serials); the page shows the variance; posting turns the variance into
// ledger movements with the reason given, once:
// - consumables: the difference between counted and the snapshot is an ADJUST in or out (the
//   ledger refuses to take out more than is there now, and nothing is written);
// - units expected but not found and still booked here are written off (retired, findable by
//   serial, with the count and the reason in their history);
// - units found here but booked at another stock place are transferred here.
// Posting locks the count first, so posting twice (or two people at once) posts once.

const COUNTER = "inventory.count";
const COUNTABLE = ["WAREHOUSE", "BIN", "VAN"] as const;

const COUNT_INCLUDE = {
  location: { select: { id: true, name: true, kind: true } },
  lines: {
    include: { item: { select: { id: true, sku: true, name: true, unit: true, tracking: true } } },
    orderBy: { item: { name: "asc" } },
  },
} as const satisfies Prisma.StockCountInclude;

type CountRow = Prisma.StockCountGetPayload<{ include: typeof COUNT_INCLUDE }>;

function present(c: CountRow) {
  return {
    id: c.id,
    number: c.number,
    numberLabel: formatCountNumber(c.number),
    status: c.status,
    location: c.location,
    reason: c.reason,
    startedBy: c.startedBy,
    postedBy: c.postedBy,
    postedAt: c.postedAt,
    createdAt: c.createdAt,
    lines: c.lines.map((l) => {
      const counted = l.item.tracking === "SERIAL" ? l.countedSerials.length : l.countedQuantity;
      const entered = l.countedQuantity !== null;
      return {
        id: l.id,
        item: l.item,
        expectedQuantity: l.expectedQuantity,
        countedQuantity: entered ? counted : null,
        variance: entered ? (counted ?? 0) - l.expectedQuantity : null,
        expectedSerials: l.expectedSerials,
        countedSerials: l.countedSerials,
        missingSerials: entered ? l.expectedSerials.filter((s) => !l.countedSerials.includes(s)) : [],
        extraSerials: l.countedSerials.filter((s) => !l.expectedSerials.includes(s)),
      };
    }),
  };
}
export type CountView = ReturnType<typeof present>;

async function lockOpen(scope: Scope, countId: string) {
  await scope.tx.$queryRaw`SELECT id FROM "StockCount" WHERE id = ${countId} FOR UPDATE`;
  const c = await scope.tx.stockCount.findUnique({ where: { id: countId }, include: COUNT_INCLUDE });
  if (!c) throw new NotFound("Stock count");
  if (c.status !== "OPEN")
    throw new Conflict(`${formatCountNumber(c.number)} was already posted; start a new count to count again.`);
  return c;
}

/** Starts a count of a stock place: the snapshot of what the ledger expects there now. */
export async function start(scope: Scope, input: z.input<typeof startCountSchema>) {
  const { locationId } = startCountSchema.parse(input);
  const location = await requireLocation(scope, locationId);
  if (!COUNTABLE.includes(location.kind as (typeof COUNTABLE)[number]))
    throw new Invalid(`${location.name} is not a stock place; count a warehouse, a bin or a van.`, {
      locationId: "Choose a warehouse, bin or van.",
    });
  // One open count per place: the location row is locked so two starts at once make one count.
  await scope.tx.$queryRaw`SELECT id FROM "StockLocation" WHERE id = ${location.id} FOR UPDATE`;
  const open = await scope.tx.stockCount.findFirst({ where: { locationId: location.id, status: "OPEN" } });
  if (open)
    throw new Conflict(
      `${formatCountNumber(open.number)} of ${location.name} is still open; finish or post it first.`,
      {
        locationId: "A count is open here.",
      },
    );
  const levels = await scope.tx.stockLevel.findMany({
    where: { locationId: location.id, quantity: { gt: 0 } },
    select: { itemId: true, quantity: true },
  });
  const units = await scope.tx.asset.findMany({
    where: { locationId: location.id, status: { not: "RETIRED" } },
    select: { itemId: true, serial: true },
    orderBy: { serial: "asc" },
  });
  const id = newId();
  const number = await counters.next(scope, COUNTER);
  await scope.tx.stockCount.create({
    data: {
      id,
      companyId: scope.companyId,
      number,
      locationId: location.id,
      startedBy: scope.actor.label ?? null,
      lines: {
        create: levels.map((l) => ({
          id: newId(),
          companyId: scope.companyId,
          itemId: l.itemId,
          expectedQuantity: l.quantity,
          expectedSerials: units.filter((u) => u.itemId === l.itemId).map((u) => u.serial),
        })),
      },
    },
  });
  await audit.record(scope, {
    action: "inventory.count_start",
    entityType: "StockCount",
    entityId: id,
    after: { number: formatCountNumber(number), location: location.name, lines: levels.length },
  });
  return get(scope, id);
}

export async function get(scope: Scope, id: string) {
  const c = await scope.tx.stockCount.findUnique({ where: { id }, include: COUNT_INCLUDE });
  if (!c) throw new NotFound("Stock count");
  return present(c);
}

export async function list(scope: Scope, input: z.input<typeof listCountsSchema>) {
  const f = listCountsSchema.parse(input);
  const where: Prisma.StockCountWhereInput = {
    ...(f.locationId ? { locationId: f.locationId } : {}),
    ...(f.status ? { status: f.status } : {}),
  };
  return listPage(f, {
    count: () => scope.tx.stockCount.count({ where }),
    rows: (window) =>
      scope.tx.stockCount
        .findMany({ where, include: COUNT_INCLUDE, orderBy: { number: "desc" }, ...window })
        .then((rows) => rows.map(present)),
  });
}

/** A unit counted on a shelf must be in stock; one at a customer's, away for repair or retired cannot be. */
function assertCountable(u: Asset, field: string) {
  if (COUNTABLE_STATUSES.includes(u.status)) return;
  const status = ASSET_STATUS_LABELS[u.status].toLowerCase();
  throw new Conflict(`Unit ${u.serial} is ${status}; it cannot be on this shelf. Check the label.`, {
    [field]: `${u.serial} is ${status}.`,
  });
}
const COUNTABLE_STATUSES: readonly Asset["status"][] = ["IN_STOCK", "RESERVED", "FAULTY"];

/**
 * Records what was counted. A serial counted must be one of the company's units of that item,
 * in stock (not at a customer's, away for repair or retired): otherwise the label was misread.
 * An item found that the snapshot did not expect gets a line of its own (expected 0).
 */
export async function enter(scope: Scope, input: z.input<typeof enterCountSchema>) {
  const data = enterCountSchema.parse(input);
  const c = await lockOpen(scope, data.countId);
  const items = await scope.tx.inventoryItem.findMany({
    where: { id: { in: data.lines.map((l) => l.itemId) } },
    select: { id: true, name: true, tracking: true },
  });
  for (const l of data.lines) {
    const item = items.find((i) => i.id === l.itemId);
    if (!item) throw new DomainError("NOT_FOUND", "Item not found.", { itemId: "No such item." });
    let quantity: number;
    let serials: string[] = [];
    if (item.tracking === "SERIAL") {
      if (!l.countedSerials)
        throw new Invalid(`List the serials of the ${item.name} units you found.`, { countedSerials: "Required." });
      serials = [...new Set(l.countedSerials)];
      if (serials.length !== l.countedSerials.length)
        throw new Invalid("A serial is listed twice.", { countedSerials: "Listed twice." });
      const units = await scope.tx.asset.findMany({ where: { serial: { in: serials } } });
      const unknown = serials.filter((s) => !units.some((u) => u.serial === s));
      if (unknown.length)
        throw new DomainError("NOT_FOUND", `No unit with serial ${unknown.join(", ")} in your inventory.`, {
          countedSerials: "Not in your inventory; receive it on a purchase order.",
        });
      for (const u of units) {
        if (u.itemId !== item.id)
          throw new Invalid(`Serial ${u.serial} is another item's unit.`, { countedSerials: "Another item." });
        assertCountable(u, "countedSerials");
      }
      quantity = serials.length;
    } else {
      if (l.countedQuantity === undefined)
        throw new Invalid(`Enter how many ${item.name} you counted.`, { countedQuantity: "Required." });
      quantity = l.countedQuantity;
    }
    const line = c.lines.find((x) => x.item.id === item.id);
    if (line)
      await scope.tx.stockCountLine.update({
        where: { id: line.id },
        data: { countedQuantity: quantity, countedSerials: serials },
      });
    else await addLine(scope, c.id, item.id, quantity, serials);
  }
  return get(scope, c.id);
}

/**
 * Adds what the count sheet did not expect, as the store keeper finds it on the shelf:
 * - a unit by its serial: its item's line gains the serial (a line of its own, expected 0, when
 *   the sheet had none). It must be one of the company's units in stock somewhere: posting then
 *   transfers it here from where the books had it, with the count's reason. A serial the
 *   inventory has never seen is refused, not created: a unit's cost, supplier, purchase order
 *   and warranty come from receiving it, and a unit made up at a shelf would have none of them
 *   (and would escape depreciation and warranty claims).
 * - a consumable not on the sheet: a line expected 0 with the quantity found; posting adjusts it in.
 */
export async function addFound(scope: Scope, input: z.input<typeof addFoundSchema>) {
  const data = addFoundSchema.parse(input);
  const c = await lockOpen(scope, data.countId);
  if (data.serial) {
    const unit = await scope.tx.asset.findFirst({ where: { serial: data.serial } });
    if (!unit)
      throw new DomainError(
        "NOT_FOUND",
        `No unit with serial ${data.serial} in your inventory. New stock is received against its purchase order first; then count it. Check the label if it should be known.`,
        { serial: "Not in your inventory." },
      );
    assertCountable(unit, "serial");
    const line = c.lines.find((l) => l.itemId === unit.itemId);
    if (line?.countedSerials.includes(unit.serial))
      throw new Conflict(`${unit.serial} is already counted on this sheet.`, { serial: "Already counted." });
    if (line)
      await scope.tx.stockCountLine.update({
        where: { id: line.id },
        data: {
          countedSerials: [...line.countedSerials, unit.serial],
          // A line not counted yet stays so: the rest of its units are still to be counted.
          countedQuantity: line.countedQuantity === null ? null : line.countedSerials.length + 1,
        },
      });
    else await addLine(scope, c.id, unit.itemId, 1, [unit.serial]);
    return get(scope, c.id);
  }
  const item = await scope.tx.inventoryItem.findUnique({
    where: { id: data.itemId! },
    select: { id: true, name: true, tracking: true },
  });
  if (!item) throw new DomainError("NOT_FOUND", "Item not found.", { itemId: "No such item." });
  if (item.tracking === "SERIAL")
    throw new Invalid(`${item.name} is serial-tracked: scan or type the serial of each unit you found.`, {
      itemId: "Serial-tracked: add it by serial.",
    });
  if (c.lines.some((l) => l.itemId === item.id))
    throw new Conflict(`${item.name} is already on the count sheet: enter what you counted in its row.`, {
      itemId: "Already on the sheet.",
    });
  await addLine(scope, c.id, item.id, data.quantity!, []);
  return get(scope, c.id);
}

function addLine(scope: Scope, countId: string, itemId: string, counted: number, serials: string[]) {
  return scope.tx.stockCountLine.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      countId,
      itemId,
      expectedQuantity: 0,
      countedQuantity: counted,
      countedSerials: serials,
    },
  });
}

/** Posts the count's variance as ledger movements with the reason; a posted count is final. */
export async function post(scope: Scope, input: z.input<typeof postCountSchema>) {
  const { countId, reason } = postCountSchema.parse(input);
  const c = await lockOpen(scope, countId);
  const label = formatCountNumber(c.number);
  const uncounted = c.lines.filter((l) => l.countedQuantity === null);
  if (uncounted.length)
    throw new Invalid(`Count every item first: ${uncounted.map((l) => l.item.name).join(", ")} not counted yet.`, {
      lines: "Not all counted.",
    });
  const why = `${label}: ${reason}`;
  const postedAt = new Date();
  const lostUnits: Asset[] = [];
  const changes: { item: string; in: number; out: number }[] = [];
  for (const l of c.lines) {
    if (l.item.tracking === "BULK") {
      const delta = l.countedQuantity! - l.expectedQuantity;
      if (delta === 0) continue;
      await postMoves(scope, [
        delta > 0
          ? { kind: "ADJUST", itemId: l.itemId, quantity: delta, toLocationId: c.locationId, reason: why }
          : { kind: "ADJUST", itemId: l.itemId, quantity: -delta, fromLocationId: c.locationId, reason: why },
      ]);
      changes.push({ item: l.item.name, in: Math.max(delta, 0), out: Math.max(-delta, 0) });
      continue;
    }
    const missing = l.expectedSerials.filter((s) => !l.countedSerials.includes(s));
    const extra = l.countedSerials.filter((s) => !l.expectedSerials.includes(s));
    // Expected but not found, and still booked here: lost. (A unit moved away since the count
    // started is where the ledger says it went.)
    const lost = missing.length
      ? (await lockBySerial(scope, missing)).filter((u) => u.locationId === c.locationId && u.status !== "RETIRED")
      : [];
    lostUnits.push(...lost);
    if (lost.length)
      await moveUnits(scope, lost, {
        kind: "WRITE_OFF",
        fromLocationId: c.locationId,
        toLocationId: null,
        reason: `${why} (not found)`,
      });
    // Found here but booked elsewhere in stock: brought onto this place's books.
    const found = extra.length ? (await lockBySerial(scope, extra)).filter((u) => u.locationId !== c.locationId) : [];
    const byPlace = new Map<string, Asset[]>();
    for (const u of found) byPlace.set(u.locationId, [...(byPlace.get(u.locationId) ?? []), u]);
    for (const [from, units] of byPlace)
      await moveUnits(scope, units, {
        kind: "TRANSFER",
        fromLocationId: from,
        toLocationId: c.locationId,
        reason: `${why} (found here)`,
      });
    if (lost.length || found.length) changes.push({ item: l.item.name, in: found.length, out: lost.length });
  }
  const posted = await scope.tx.stockCount.updateMany({
    where: { id: c.id, status: "OPEN" },
    data: { status: "POSTED", reason, postedAt, postedBy: scope.actor.label ?? null },
  });
  if (posted.count !== 1) throw new Conflict(`${label} was already posted.`);
  // The units written off as lost leave the books too, at their book value (server/modules/depreciation).
  const lostIds = lostUnits.map((u) => u.id);
  if (lostIds.length) {
    const data = { companyId: scope.companyId, countId: c.id, assetIds: lostIds, postedAt: postedAt.toISOString() };
    afterCommit(scope.tx, () =>
      emit(unitsLostInCount, { ...data, reason: `${why} (not found)` }, { id: `count-lost-${c.id}` }),
    );
  }
  await audit.record(scope, {
    action: "inventory.count_post",
    entityType: "StockCount",
    entityId: c.id,
    after: { number: label, location: c.location.name, reason, changes },
  });
  return get(scope, c.id);
}
