import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import { toCsv } from "../../lib/csv";
import { Conflict, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { withTenant } from "../../db/tenant";
import { currencyDigits } from "../../lib/money";
import { listPage } from "../../lib/schema";
import { wallParts } from "../../lib/zone";
import * as audit from "../audit/service";
import { retireForDisposal } from "../inventory/disposal";
import { systemActor, type Scope } from "../scope";
import { resolver, type ResolvedRule } from "./rules";
import {
  accumulatedAfter,
  METHOD_LABELS,
  monthIndex,
  monthlyCharges,
  monthsElapsed,
  monthText,
  monthEnd,
  ruleText,
  scheduleOf,
} from "./schedule";
import { assetScheduleSchema, bookValuesSchema, disposeSchema, DISPOSAL_LABELS, reportSchema } from "./schema";

// The book value of the company's equipment: each unit's monthly schedule from its cost, purchase
// date and rule (schedule.ts), the totals per category and month, the accounting export, and a
// unit's disposal with its gain or loss. Units whose category has no rule are carried at cost
// and said to be so, never silently depreciated by a default.

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The company's today, on its own wall clock: the as-of date of "months elapsed". */
async function companyToday(scope: Scope) {
  const c = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true, currency: true },
  });
  const p = wallParts(new Date(), c.timeZone);
  return { today: `${p.year}-${p.month}-${p.day}`, currency: c.currency };
}

/** The day a unit started on the books: its purchase date, else the day it was received. */
const startDateOf = (a: { purchasedOn: Date | null; createdAt: Date }) => isoDate(a.purchasedOn ?? a.createdAt);

/** A unit's standing on a date: its rule, months elapsed, accumulated depreciation and book value. */
function standing(
  a: { costMinor: number; purchasedOn: Date | null; createdAt: Date; disposal: { disposedOn: Date } | null },
  rule: ResolvedRule | null,
  asOf: string,
) {
  const start = monthIndex(startDateOf(a));
  // After a disposal nothing more is charged: the schedule stops at the disposal date.
  const until = a.disposal && isoDate(a.disposal.disposedOn) < asOf ? isoDate(a.disposal.disposedOn) : asOf;
  if (!rule) return { start, elapsed: 0, accumulatedMinor: 0, bookValueMinor: a.costMinor };
  const elapsed = monthsElapsed(start, until, rule.usefulLifeMonths);
  const accumulatedMinor = accumulatedAfter(a.costMinor, rule, elapsed);
  return { start, elapsed, accumulatedMinor, bookValueMinor: a.costMinor - accumulatedMinor };
}

const DISPOSAL_SELECT = {
  select: {
    kind: true,
    disposedOn: true,
    proceedsMinor: true,
    bookValueMinor: true,
    accumulatedMinor: true,
    gainMinor: true,
    ruleText: true,
    reason: true,
    actorLabel: true,
    createdAt: true,
  },
} as const satisfies Prisma.Asset$disposalArgs;

/**
 * One unit's schedule: every month of its life with the charge, accumulated depreciation and
 * book value, which months are posted by `asOf` (default: the company's today), and the rule.
 */
export async function assetSchedule(scope: Scope, input: z.input<typeof assetScheduleSchema>, asOf?: string) {
  const { assetId } = assetScheduleSchema.parse(input);
  const { today, currency } = await companyToday(scope);
  const on = asOf ?? today;
  const a = await scope.tx.asset.findUnique({
    where: { id: assetId },
    include: {
      item: { select: { id: true, sku: true, name: true, category: true } },
      disposal: DISPOSAL_SELECT,
      rmas: {
        where: { status: "REPLACED" },
        select: { closedAt: true, rmaNumber: true, replacement: { select: { serial: true } } },
        take: 1,
      },
    },
  });
  if (!a) throw new NotFound("Unit");
  const rule = (await resolver(scope))(a.item);
  // Replaced under warranty: off the books from that day, its value carried by the replacement (carried()).
  const replaced = !a.disposal && a.rmas[0]?.closedAt ? { ...a.rmas[0], closedAt: a.rmas[0].closedAt } : null;
  const off = Boolean(a.disposal || replaced);
  const s = standing({ ...a, disposal: a.disposal ?? (replaced ? { disposedOn: replaced.closedAt } : null) }, rule, on);
  return {
    asOf: on,
    currency,
    asset: {
      id: a.id,
      serial: a.serial,
      item: a.item,
      status: a.status,
      costMinor: a.costMinor,
      startedOn: startDateOf(a),
      firstMonth: monthText(s.start),
    },
    rule: rule ? { ...rule, salvageMinor: Math.floor((a.costMinor * rule.salvageBp) / 10_000) } : null,
    monthsElapsed: s.elapsed,
    accumulatedMinor: s.accumulatedMinor,
    bookValueMinor: off ? 0 : s.bookValueMinor,
    /** The day it was replaced under warranty: off the books, nothing to dispose of. */
    replacedOn: replaced ? isoDate(replaced.closedAt) : null,
    /** In words, for the page: how the book value was reached. */
    explanation: replaced
      ? `Replaced under warranty (RMA ${replaced.rmaNumber}) on ${isoDate(replaced.closedAt)}: its value is carried on by ${replaced.replacement?.serial ?? "the replacement"}.`
      : rule
        ? ruleText(rule, s.elapsed)
        : "No depreciation rule for this category: carried at cost.",
    rows: rule
      ? scheduleOf(a.costMinor, s.start, rule, s.elapsed).map((r, i) => ({
          ...r,
          disposed: off && i >= s.elapsed,
        }))
      : [],
    disposal: a.disposal
      ? { ...a.disposal, disposedOn: isoDate(a.disposal.disposedOn), kindLabel: DISPOSAL_LABELS[a.disposal.kind] }
      : null,
  };
}

const UNIT_SELECT = {
  id: true,
  serial: true,
  costMinor: true,
  purchasedOn: true,
  createdAt: true,
  status: true,
  item: { select: { id: true, sku: true, name: true, category: true } },
  disposal: { select: { disposedOn: true } },
  // Warranty replacements (server/modules/inventory/rma.ts): see carried().
  rmas: { where: { status: "REPLACED" }, select: { closedAt: true }, take: 1 },
  replacing: { select: { closedAt: true }, take: 1 },
} as const satisfies Prisma.AssetSelect;

type UnitRow = Prisma.AssetGetPayload<{ select: typeof UNIT_SELECT }>;

/**
 * A unit as the books carry it. One replaced under warranty leaves them the day its RMA closed, as
 * if disposed of then; its replacement, received with the old unit's cost and purchase date,
 * carries the value on and is charged from that month. So neither the value nor a month's charge
 * is counted twice (the old unit is retired, not sold: there is no gain or loss to record).
 */
function carried(a: UnitRow) {
  const replacedAt = a.rmas[0]?.closedAt;
  const takenOverAt = a.replacing[0]?.closedAt;
  return {
    ...a,
    disposal: a.disposal ?? (replacedAt ? { disposedOn: replacedAt } : null),
    /** The first month this unit is charged (its replacement month, for a replacement). */
    chargedFrom: takenOverAt ? monthIndex(isoDate(takenOverAt)) : -Infinity,
  };
}

/** Units with their book value today, a page at a time (the report's per-unit list). */
export async function bookValues(scope: Scope, input: z.input<typeof bookValuesSchema>) {
  const f = bookValuesSchema.parse(input);
  const { today, currency } = await companyToday(scope);
  const rule = await resolver(scope);
  const and: Prisma.AssetWhereInput[] = [{ item: { tracking: "SERIAL" } }];
  if (f.category) and.push({ item: { category: f.category } });
  if (f.search) and.push({ serial: { startsWith: f.search.toUpperCase() } });
  const where = { AND: and };
  const page = await listPage(f, {
    count: () => scope.tx.asset.count({ where }),
    rows: (window) => scope.tx.asset.findMany({ where, select: UNIT_SELECT, orderBy: { serial: "asc" }, ...window }),
  });
  return {
    asOf: today,
    currency,
    ...page,
    rows: page.rows.map(carried).map((a) => {
      const r = rule(a.item);
      const s = standing(a, r, today);
      return {
        id: a.id,
        serial: a.serial,
        item: a.item,
        status: a.status,
        startedOn: startDateOf(a),
        costMinor: a.costMinor,
        rule: r ? ruleText(r) : null,
        monthsElapsed: s.elapsed,
        accumulatedMinor: s.accumulatedMinor,
        bookValueMinor: a.disposal ? 0 : s.bookValueMinor,
        disposedOn: a.disposal ? isoDate(a.disposal.disposedOn) : null,
      };
    }),
  };
}

/** Every serial-tracked unit with what the schedules need, read in batches (the report runs over all). */
async function* allUnits(scope: Scope) {
  let cursor: string | undefined;
  for (;;) {
    const batch = await scope.tx.asset.findMany({
      where: { item: { tracking: "SERIAL" } },
      select: UNIT_SELECT,
      orderBy: { id: "asc" },
      take: 5_000,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    yield* batch.map(carried);
    if (batch.length < 5_000) return;
    cursor = batch.at(-1)!.id;
  }
}

/** Charges of many units share a few (cost, rule) pairs: computed once each. */
function chargesMemo() {
  const memo = new Map<string, number[]>();
  return (cost: number, rule: ResolvedRule) => {
    const key = `${cost}|${rule.id}`;
    let c = memo.get(key);
    if (!c) memo.set(key, (c = monthlyCharges(cost, rule)));
    return c;
  };
}

/** Units that left the books in the months `from`–`to` (sold, scrapped, lost), oldest first. */
function disposalsIn(scope: Scope, f: { from: string; to: string }) {
  return scope.tx.assetDisposal.findMany({
    where: {
      disposedOn: { gte: new Date(`${f.from}-01T00:00:00Z`), lte: new Date(`${monthEnd(monthIndex(f.to))}T00:00:00Z`) },
    },
    include: {
      asset: { select: { id: true, serial: true, item: { select: { sku: true, name: true, category: true } } } },
    },
    orderBy: [{ disposedOn: "asc" }, { createdAt: "asc" }],
  });
}

/**
 * The depreciation report: the charge per category and month over `from`–`to`, and each
 * category's units, cost, accumulated depreciation and book value today.
 */
export async function report(scope: Scope, input: z.input<typeof reportSchema>, asOf?: string) {
  const f = reportSchema.parse(input);
  const { today, currency } = await companyToday(scope);
  const on = asOf ?? today;
  const rule = await resolver(scope);
  const charges = chargesMemo();
  const first = monthIndex(f.from);
  const months = Array.from({ length: monthIndex(f.to) - first + 1 }, (_, i) => monthText(first + i));
  type Line = {
    category: string;
    rule: string | null;
    units: number;
    costMinor: number;
    accumulatedMinor: number;
    bookValueMinor: number;
    charges: number[];
  };
  const lines = new Map<string, Line>();
  for await (const a of allUnits(scope)) {
    const r = rule(a.item);
    let line = lines.get(a.item.category);
    if (!line) {
      line = {
        category: a.item.category,
        rule: null,
        units: 0,
        costMinor: 0,
        accumulatedMinor: 0,
        bookValueMinor: 0,
        charges: months.map(() => 0),
      };
      lines.set(a.item.category, line);
    }
    if (r?.source === "category") line.rule = r.text;
    const disposedMonth = a.disposal ? monthIndex(isoDate(a.disposal.disposedOn)) : Infinity;
    const s = standing(a, r, on);
    if (!a.disposal || isoDate(a.disposal.disposedOn) > on) {
      line.units += 1;
      line.costMinor += a.costMinor;
      line.accumulatedMinor += s.accumulatedMinor;
      line.bookValueMinor += s.bookValueMinor;
    }
    if (!r) continue;
    const c = charges(a.costMinor, r);
    for (let i = 0; i < months.length; i++) {
      const m = first + i;
      const k = m - s.start;
      if (k >= 0 && k < c.length && m < disposedMonth && m >= a.chargedFrom) line.charges[i]! += c[k]!;
    }
  }
  const categories = [...lines.values()].sort((a, b) => a.category.localeCompare(b.category));
  const sum = (pick: (l: Line) => number) => categories.reduce((t, l) => t + pick(l), 0);
  const disposals = (await disposalsIn(scope, f)).map((d) => ({
    id: d.id,
    asset: { id: d.asset.id, serial: d.asset.serial, item: d.asset.item.name, category: d.asset.item.category },
    kind: d.kind,
    kindLabel: DISPOSAL_LABELS[d.kind],
    disposedOn: isoDate(d.disposedOn),
    costMinor: d.costMinor,
    accumulatedMinor: d.accumulatedMinor,
    bookValueMinor: d.bookValueMinor,
    proceedsMinor: d.proceedsMinor,
    gainMinor: d.gainMinor,
    ruleText: d.ruleText,
    reason: d.reason,
  }));
  return {
    asOf: on,
    currency,
    months,
    categories: categories.map((l) => ({ ...l, totalMinor: l.charges.reduce((a, b) => a + b, 0) })),
    /** Units that left the books in the period, each with its book value then and the gain or loss. */
    disposals,
    totals: {
      units: sum((l) => l.units),
      costMinor: sum((l) => l.costMinor),
      accumulatedMinor: sum((l) => l.accumulatedMinor),
      bookValueMinor: sum((l) => l.bookValueMinor),
      charges: months.map((_, i) => sum((l) => l.charges[i]!)),
      totalMinor: sum((l) => l.charges.reduce((a, b) => a + b, 0)),
    },
  };
}

/** 123456 minor units as "1234.56" (no grouping, a point): what accounting imports read. */
export function decimalText(minor: number, digits: number) {
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/**
 * The accounting export over `from`–`to`: one line per unit and month with its charge (posted on
 * the month's last day), and one line per disposal in the period with its gain or loss.
 */
export async function exportCsv(scope: Scope, input: z.input<typeof reportSchema>) {
  const f = reportSchema.parse(input);
  const { currency } = await companyToday(scope);
  const digits = currencyDigits(currency);
  const money = (m: number) => decimalText(m, digits);
  const rule = await resolver(scope);
  const charges = chargesMemo();
  const first = monthIndex(f.from);
  const last = monthIndex(f.to);
  const rows: (string | number)[][] = [];
  for await (const a of allUnits(scope)) {
    const r = rule(a.item);
    const start = monthIndex(startDateOf(a));
    const disposedMonth = a.disposal ? monthIndex(isoDate(a.disposal.disposedOn)) : Infinity;
    if (r) {
      const c = charges(a.costMinor, r);
      let accumulated = 0;
      for (let k = 0; k < c.length; k++) {
        const m = start + k;
        if (m >= disposedMonth || m > last) break;
        accumulated += c[k]!;
        if (m < first || m < a.chargedFrom || c[k] === 0) continue;
        rows.push([
          monthEnd(m),
          monthText(m),
          "Depreciation",
          a.serial,
          a.item.sku,
          a.item.name,
          a.item.category,
          METHOD_LABELS[r.method],
          r.usefulLifeMonths,
          money(a.costMinor),
          money(c[k]!),
          money(accumulated),
          money(a.costMinor - accumulated),
          "",
          "",
          currency,
        ]);
      }
    }
  }
  for (const d of await disposalsIn(scope, f))
    rows.push([
      isoDate(d.disposedOn),
      isoDate(d.disposedOn).slice(0, 7),
      `Disposal (${DISPOSAL_LABELS[d.kind].toLowerCase()})`,
      d.asset.serial,
      d.asset.item.sku,
      d.asset.item.name,
      d.asset.item.category,
      d.ruleText,
      "",
      money(d.costMinor),
      "",
      money(d.accumulatedMinor),
      money(d.bookValueMinor),
      money(d.proceedsMinor),
      money(d.gainMinor),
      currency,
    ]);
  rows.sort((x, y) => String(x[0]).localeCompare(String(y[0])) || String(x[3]).localeCompare(String(y[3])));
  const csv = toCsv(
    [
      "Posting date",
      "Period",
      "Entry",
      "Serial",
      "SKU",
      "Item",
      "Category",
      "Method",
      "Useful life (months)",
      "Cost",
      "Depreciation",
      "Accumulated depreciation",
      "Book value",
      "Proceeds",
      "Gain or loss",
      "Currency",
    ],
    rows,
  );
  return { csv, filename: `depreciation-${f.from}-to-${f.to}.csv` };
}

/**
 * A unit sold or scrapped: written off the stock ledger (inventory), its book value on the day
 * and the gain or loss against the proceeds recorded. No depreciation is charged for the month
 * of disposal. Disposing of the same unit twice is refused.
 */
export async function dispose(scope: Scope, input: z.input<typeof disposeSchema>) {
  const d = disposeSchema.parse(input);
  const { today } = await companyToday(scope);
  if (d.disposedOn > today)
    throw new Invalid("The date of disposal cannot be in the future.", { disposedOn: "Not after today." });
  const a = await scope.tx.asset.findUnique({
    where: { id: d.assetId },
    include: {
      item: { select: { id: true, category: true } },
      disposal: { select: { disposedOn: true } },
      rmas: { where: { status: "REPLACED" }, select: { rmaNumber: true }, take: 1 },
    },
  });
  if (!a) throw new NotFound("Unit");
  if (a.rmas[0])
    throw new Conflict(
      `Unit ${a.serial} was replaced under warranty (RMA ${a.rmas[0].rmaNumber}); its value is carried on by the replacement, so there is nothing to dispose of.`,
      { assetId: "Replaced under warranty." },
    );
  if (a.disposal)
    throw new Conflict(`Unit ${a.serial} was already disposed of on ${isoDate(a.disposal.disposedOn)}.`, {
      assetId: "Already disposed of.",
    });
  const started = startDateOf(a);
  if (d.disposedOn < started)
    throw new Invalid(`The unit was bought on ${started}; it cannot be disposed of before that.`, {
      disposedOn: `On or after ${started}.`,
    });
  await retireForDisposal(scope, a.id, `${DISPOSAL_LABELS[d.kind]}${d.reason ? `: ${d.reason}` : ""}`);
  const rule = (await resolver(scope))(a.item);
  const s = standing({ ...a, disposal: null }, rule, d.disposedOn);
  const gainMinor = d.proceedsMinor - s.bookValueMinor;
  const text = rule ? ruleText(rule, s.elapsed) : "No depreciation rule: carried at cost";
  const row = await onUnique(
    scope.tx.assetDisposal.create({
      data: {
        id: newId(),
        companyId: scope.companyId,
        assetId: a.id,
        kind: d.kind,
        disposedOn: new Date(`${d.disposedOn}T00:00:00Z`),
        proceedsMinor: d.proceedsMinor,
        costMinor: a.costMinor,
        accumulatedMinor: s.accumulatedMinor,
        bookValueMinor: s.bookValueMinor,
        gainMinor,
        ruleText: text,
        reason: d.reason,
        actorLabel: scope.actor.label ?? null,
      },
    }),
    () => new Conflict(`Unit ${a.serial} was disposed of at the same moment by someone else.`),
  );
  await audit.record(scope, {
    action: "depreciation.dispose",
    entityType: "Asset",
    entityId: a.id,
    before: { status: a.status, bookValueMinor: s.bookValueMinor },
    after: { kind: d.kind, disposedOn: d.disposedOn, proceedsMinor: d.proceedsMinor, gainMinor, rule: text },
  });
  return {
    id: row.id,
    bookValueMinor: s.bookValueMinor,
    accumulatedMinor: s.accumulatedMinor,
    gainMinor,
    monthsElapsed: s.elapsed,
    rule: text,
  };
}

/**
 * Units a cycle count did not find (written off the ledger by the count, server/modules/inventory/
 * counts.ts) leave the books as lost: no proceeds, so the loss is their book value on the day the
 * count was posted. Idempotent: a unit already disposed of, or no longer retired, is left alone.
 */
export async function recordCountLosses(
  companyId: string,
  lost: { assetIds: readonly string[]; postedAt: string; reason: string },
) {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { ...systemActor, label: "stock count" } };
    const { timeZone } = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } });
    const p = wallParts(new Date(lost.postedAt), timeZone);
    const disposedOn = `${p.year}-${p.month}-${p.day}`;
    const units = await tx.asset.findMany({
      where: {
        id: { in: [...lost.assetIds] },
        status: "RETIRED",
        disposal: null,
        rmas: { none: { status: "REPLACED" } },
      },
      select: { id: true },
      orderBy: { serial: "asc" },
    });
    const recorded: string[] = [];
    for (const u of units) {
      await dispose(scope, { assetId: u.id, kind: "LOST", disposedOn, proceedsMinor: 0, reason: lost.reason });
      recorded.push(u.id);
    }
    return { recorded };
  });
}
