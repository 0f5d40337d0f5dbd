import type { z } from "zod";
import { Prisma } from "../../db/generated/prisma/client";
import { pageOf } from "../../lib/schema";
import { wallParts } from "../../lib/zone";
import type { Scope } from "../scope";
import { wallTimeToUtc } from "../work-orders/schema";
import {
  deployedByCustomerSchema,
  movementsByPeriodSchema,
  stockByLocationSchema,
  warrantyEndingSchema,
} from "./schema";

// The inventory's reports: read-only views over the ledger's summary, the movements and the
// units, each one SQL statement under the company's row-level security. Stock value is quantity ×
// the item's catalogue cost, in minor units (bigint in SQL, a JS number well inside 2^53 here).

const DAY = 86_400_000;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

async function zoneOf(scope: Scope) {
  const c = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { timeZone: true } });
  const p = wallParts(new Date(), c.timeZone);
  return { timeZone: c.timeZone, today: `${p.year}-${p.month}-${p.day}` };
}

/** Stock on hand and its value per location (the vans' report is kind VAN), with each van's technician. */
export async function stockByLocation(scope: Scope, input: z.input<typeof stockByLocationSchema>) {
  const f = stockByLocationSchema.parse(input);
  const rows = await scope.tx.$queryRaw<
    {
      id: string;
      name: string;
      kind: string;
      technician: string | null;
      items: number;
      quantity: bigint;
      value: bigint;
    }[]
  >`
    SELECT l.id, l.name, l.kind::text AS kind, u.name AS technician,
           COUNT(s."itemId")::int AS items,
           COALESCE(SUM(s.quantity), 0)::bigint AS quantity,
           COALESCE(SUM(s.quantity::bigint * i."costMinor"), 0)::bigint AS value
    FROM "StockLocation" l
    LEFT JOIN "StockLevel" s ON s."locationId" = l.id AND s.quantity > 0
    LEFT JOIN "InventoryItem" i ON i.id = s."itemId"
    LEFT JOIN "User" u ON u.id = l."technicianId"
    WHERE l."archivedAt" IS NULL ${f.kind ? Prisma.sql`AND l.kind = ${f.kind}::"StockLocationKind"` : Prisma.empty}
    GROUP BY l.id, u.name
    ORDER BY l.kind, l.name`;
  const out = rows.map(({ value, ...r }) => ({ ...r, quantity: Number(r.quantity), valueMinor: Number(value) }));
  return {
    rows: out,
    totals: {
      quantity: out.reduce((t, r) => t + r.quantity, 0),
      valueMinor: out.reduce((t, r) => t + r.valueMinor, 0),
    },
  };
}

/** What moved between two dates (the company's days): per item and kind, how often and how much. */
export async function movementsByPeriod(scope: Scope, input: z.input<typeof movementsByPeriodSchema>) {
  const f = movementsByPeriodSchema.parse(input);
  const { timeZone } = await zoneOf(scope);
  const from = wallTimeToUtc(`${f.from}T00:00`, timeZone)!;
  const until = wallTimeToUtc(`${addDays(f.to, 1)}T00:00`, timeZone)!;
  const groups = await scope.tx.stockMovement.groupBy({
    by: ["itemId", "kind"],
    where: { createdAt: { gte: from, lt: until } },
    _count: { _all: true },
    _sum: { quantity: true },
    orderBy: [{ itemId: "asc" }, { kind: "asc" }],
    take: 2_000,
  });
  const items = await scope.tx.inventoryItem.findMany({
    where: { id: { in: [...new Set(groups.map((g) => g.itemId))] } },
    select: { id: true, sku: true, name: true, unit: true },
  });
  const byId = new Map(items.map((i) => [i.id, i]));
  return groups
    .map((g) => ({
      item: byId.get(g.itemId)!,
      kind: g.kind,
      movements: g._count._all,
      quantity: g._sum.quantity ?? 0,
    }))
    .sort((a, b) => a.item.name.localeCompare(b.item.name) || a.kind.localeCompare(b.kind));
}

/** Customers with equipment deployed at their premises: how many units, their cost and serials. */
export async function deployedByCustomer(scope: Scope, input: z.input<typeof deployedByCustomerSchema>) {
  const f = deployedByCustomerSchema.parse(input);
  const like = f.search ? `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = Prisma.sql`a.status = 'DEPLOYED' ${
    like
      ? Prisma.sql`AND (a.serial ILIKE ${like} OR concat_ws(' ', c."firstName", c."lastName", c."businessName") ILIKE ${like})`
      : Prisma.empty
  }`;
  const [counted] = await scope.tx.$queryRaw<{ total: number }[]>`
    SELECT COUNT(DISTINCT c.id)::int AS total
    FROM "Asset" a JOIN "Subscription" s ON s.id = a."subscriptionId" JOIN "Customer" c ON c.id = s."customerId"
    WHERE ${where}`;
  const rows = await scope.tx.$queryRaw<
    {
      id: string;
      accountNumber: number;
      name: string;
      units: number;
      cost: bigint;
      serials: string;
    }[]
  >`
    SELECT c.id, c."accountNumber",
           CASE WHEN c.type = 'BUSINESS' AND c."businessName" IS NOT NULL THEN c."businessName"
                ELSE concat_ws(' ', c."firstName", c."lastName") END AS name,
           COUNT(*)::int AS units, SUM(a."costMinor")::bigint AS cost,
           string_agg(a.serial, ', ' ORDER BY a.serial) AS serials
    FROM "Asset" a JOIN "Subscription" s ON s.id = a."subscriptionId" JOIN "Customer" c ON c.id = s."customerId"
    WHERE ${where}
    GROUP BY c.id
    ORDER BY c."accountNumber"
    LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`;
  return {
    ...pageOf(counted?.total ?? 0, f.page, f.pageSize),
    rows: rows.map(({ cost, ...r }) => ({ ...r, costMinor: Number(cost), serials: r.serials.split(", ") })),
  };
}

/** Units whose warranty ends within `withinDays` of today: the claims that can still be made. */
export async function warrantyEnding(scope: Scope, input: z.input<typeof warrantyEndingSchema>) {
  const f = warrantyEndingSchema.parse(input);
  const { today } = await zoneOf(scope);
  const where: Prisma.AssetWhereInput = {
    status: { not: "RETIRED" },
    warrantyUntil: { gte: new Date(`${today}T00:00:00Z`), lte: new Date(`${addDays(today, f.withinDays)}T00:00:00Z`) },
  };
  const total = await scope.tx.asset.count({ where });
  const rows = await scope.tx.asset.findMany({
    where,
    select: {
      id: true,
      serial: true,
      status: true,
      warrantyUntil: true,
      item: { select: { name: true } },
      location: { select: { name: true } },
      supplier: { select: { name: true } },
    },
    orderBy: [{ warrantyUntil: "asc" }, { serial: "asc" }],
    skip: (f.page - 1) * f.pageSize,
    take: f.pageSize,
  });
  return {
    today,
    ...pageOf(total, f.page, f.pageSize),
    rows: rows.map((r) => ({
      ...r,
      warrantyUntil: r.warrantyUntil!.toISOString().slice(0, 10),
      daysLeft: Math.round((r.warrantyUntil!.getTime() - Date.parse(`${today}T00:00:00Z`)) / DAY),
    })),
  };
}
