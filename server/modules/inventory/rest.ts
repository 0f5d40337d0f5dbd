import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { idParams, pageSchema, queryOf } from "../../lib/schema";
import * as assets from "./assets";
import * as catalogue from "./catalogue";
import * as movements from "./movements";
import {
  ASSET_STATUSES,
  listItemsSchema,
  LOCATION_KINDS,
  MOVEMENT_KINDS,
  recordMovementSchema,
  serialText,
  stockLevelsSchema,
  TRACKINGS,
} from "./schema";
import * as stock from "./stock";

// REST endpoints of the inventory, for integrators (a warehouse scanner, an ERP): the catalogue,
// stock on hand per location, a unit by serial with its history, and recording a transfer or an
// issue to a job.

const ref = z.object({ id: z.string(), name: z.string() });
const place = ref.extend({ kind: z.enum(LOCATION_KINDS) });

const itemResponse = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  tracking: z.enum(TRACKINGS),
  unit: z.string().describe('What a quantity counts: "unit", "m", "piece".'),
  costMinor: z.number().int().describe("Cost of one unit in minor units of the company's currency."),
  deviceType: ref.nullable().describe("The network catalogue's model, for equipment."),
  defaultSupplier: ref.nullable(),
  reorderPoint: z.number().int().nullable(),
  reorderQuantity: z.number().int().nullable(),
  onHand: z.number().int().describe("On hand in warehouses, bins and vans."),
  belowReorderPoint: z.boolean(),
});

export const items = defineRoute({
  method: "GET",
  path: "/api/inventory/items",
  summary: "List inventory items",
  description: "The catalogue: serial-tracked equipment models and bulk consumables, with the stock on hand of each.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:read",
  query: queryOf(listItemsSchema),
  response: pageSchema(itemResponse),
  handler: ({ scope, query }) => catalogue.listItems(scope, query),
});

const stockQuery = stockLevelsSchema.omit({ locationId: true });

export const locationStock = defineRoute({
  method: "GET",
  path: "/api/inventory/locations/{id}/stock",
  summary: "Stock on hand at a location",
  description:
    "Each item at a warehouse, bin, van or virtual place with its quantity, value, and the serials of the units there.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:read",
  params: idParams("The stock location's id."),
  query: queryOf(stockQuery),
  response: z.object({
    location: place,
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    pageCount: z.number().int(),
    rows: z.array(
      z.object({
        itemId: z.string(),
        sku: z.string(),
        name: z.string(),
        category: z.string(),
        unit: z.string(),
        tracking: z.enum(TRACKINGS),
        quantity: z.number().int(),
        valueMinor: z.number().int().nullable(),
        units: z.array(z.object({ serial: z.string(), status: z.enum(ASSET_STATUSES) })),
      }),
    ),
  }),
  handler: ({ scope, params, query }) => stock.levels(scope, { ...query, locationId: params.id }, { withCost: true }),
});

export const assetBySerial = defineRoute({
  method: "GET",
  path: "/api/inventory/assets/{serial}",
  summary: "Look up a unit by serial",
  description:
    "One unit of equipment by its serial: where it is, its status, the customer it serves, and its history (newest first).",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:read",
  params: z.object({ serial: serialText.describe("The serial printed on the unit (any case).") }),
  response: z.object({
    id: z.string(),
    serial: z.string(),
    mac: z.string().nullable(),
    status: z.enum(ASSET_STATUSES),
    item: z.object({ id: z.string(), sku: z.string(), name: z.string(), category: z.string() }),
    location: place,
    subscription: z
      .object({
        id: z.string(),
        customer: z.object({ id: z.string(), accountNumber: z.number().int(), name: z.string() }),
      })
      .nullable(),
    device: ref.nullable().describe("The network device this unit is, once it is one."),
    costMinor: z.number().int().nullable(),
    purchasedOn: z.string().nullable(),
    warrantyUntil: z.string().nullable(),
    returnDueSince: z.string().nullable(),
    history: z.array(
      z.object({
        kind: z.enum(MOVEMENT_KINDS),
        from: place.nullable(),
        to: place.nullable(),
        reason: z.string().nullable(),
        at: z.string(),
      }),
    ),
  }),
  handler: ({ scope, params }) => assets.lookup(scope, { serial: params.serial }, { withCost: true }),
});

const [transfer, issue] = recordMovementSchema.options;

export const createMovement = defineRoute({
  method: "POST",
  path: "/api/inventory/movements",
  summary: "Record a transfer or an issue",
  description:
    "TRANSFER moves stock between warehouses, bins and vans (serial-tracked items by their serials, bulk items by quantity); ISSUE takes consumables from a location onto a work order. Refused as a whole, nothing written, when there is not enough on hand. A field technician's token moves only from their own van.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: ["inventory:manage", "inventory:van"],
  body: z.discriminatedUnion("kind", [transfer, issue]),
  response: z.object({ kind: z.enum(MOVEMENT_KINDS), itemId: z.string(), movements: z.number().int() }),
  status: 201,
  handler: ({ scope, viewer, body }) => movements.record(scope, viewer, body),
});
