import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import { listPage } from "../../lib/schema";
import type { Scope } from "../scope";
import { requireLocation, vanOf } from "./catalogue";
import { stockLevelsSchema } from "./schema";

// Stock on hand: per location, from the maintained StockLevel summary (ledger.ts keeps it).

export async function levels(scope: Scope, input: z.input<typeof stockLevelsSchema>, opts: { withCost: boolean }) {
  const f = stockLevelsSchema.parse(input);
  const location = await requireLocation(scope, f.locationId);
  const where: Prisma.StockLevelWhereInput = {
    locationId: location.id,
    quantity: { gt: 0 },
    ...(f.search
      ? {
          item: {
            OR: [
              { name: { contains: f.search, mode: "insensitive" } },
              { sku: { contains: f.search, mode: "insensitive" } },
            ],
          },
        }
      : {}),
  };
  const page = await listPage(f, {
    count: () => scope.tx.stockLevel.count({ where }),
    rows: (window) =>
      scope.tx.stockLevel.findMany({
        where,
        include: {
          item: {
            select: { id: true, sku: true, name: true, category: true, unit: true, tracking: true, costMinor: true },
          },
        },
        orderBy: [{ item: { category: "asc" } }, { item: { name: "asc" } }],
        ...window,
      }),
  });
  const serialItems = page.rows.filter((r) => r.item.tracking === "SERIAL").map((r) => r.itemId);
  const units = serialItems.length
    ? await scope.tx.asset.findMany({
        where: { locationId: location.id, itemId: { in: serialItems }, status: { not: "RETIRED" } },
        select: { itemId: true, serial: true, status: true },
        orderBy: { serial: "asc" },
        take: 2000,
      })
    : [];
  return {
    location: { id: location.id, name: location.name, kind: location.kind },
    ...page,
    rows: page.rows.map((r) => ({
      itemId: r.itemId,
      sku: r.item.sku,
      name: r.item.name,
      category: r.item.category,
      unit: r.item.unit,
      tracking: r.item.tracking,
      quantity: r.quantity,
      valueMinor: opts.withCost ? r.quantity * r.item.costMinor : null,
      units: units.filter((u) => u.itemId === r.itemId).map((u) => ({ serial: u.serial, status: u.status })),
    })),
  };
}

/** The signed-in technician's van and what is in it (no costs). */
export async function myVan(scope: Scope, userId: string) {
  const van = await vanOf(scope, userId);
  if (!van) return { van: null, rows: [] };
  const stock = await levels(scope, { locationId: van.id, pageSize: 200 }, { withCost: false });
  return { van: { id: van.id, name: van.name }, rows: stock.rows };
}
