import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { idParams, pageSchema, queryOf } from "../../lib/schema";
import * as counts from "./counts";
import {
  enterCountSchema,
  foundItemSchema,
  listCountsSchema,
  LOCATION_KINDS,
  postCountSchema,
  startCountSchema,
  TRACKINGS,
} from "./schema";

// REST endpoints of cycle counts, for a warehouse scanner or an ERP: start a count of a shelf,
// a warehouse or a van (the books' snapshot), record what was counted, add what the sheet did not
// expect, and post the variance to the ledger once (server/modules/inventory/counts.ts).

const count = z.object({
  id: z.string(),
  number: z.number().int(),
  numberLabel: z.string().describe('"CNT-00012".'),
  status: z.enum(["OPEN", "POSTED"]),
  location: z.object({ id: z.string(), name: z.string(), kind: z.enum(LOCATION_KINDS) }),
  reason: z.string().nullable().describe("Given when posted."),
  startedBy: z.string().nullable(),
  postedBy: z.string().nullable(),
  postedAt: z.string().nullable(),
  createdAt: z.string(),
  lines: z.array(
    z.object({
      id: z.string(),
      item: z.object({
        id: z.string(),
        sku: z.string(),
        name: z.string(),
        unit: z.string(),
        tracking: z.enum(TRACKINGS),
      }),
      expectedQuantity: z.number().int().describe("What the books held when the count started."),
      countedQuantity: z.number().int().nullable().describe("Null until counted."),
      variance: z.number().int().nullable(),
      expectedSerials: z.array(z.string()),
      countedSerials: z.array(z.string()),
      missingSerials: z.array(z.string()).describe("Expected but not counted: written off when posted."),
      extraSerials: z.array(z.string()).describe("Counted but not expected: transferred here when posted."),
    }),
  ),
});

const countParams = idParams("The count's id.");
const COUNT_ERRORS = { 409: "The count is already posted (code `CONFLICT`)." };

export const listCounts = defineRoute({
  method: "GET",
  path: "/api/inventory/counts",
  summary: "List stock counts",
  description: "Cycle counts, newest first, with their lines; filter by place and status.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:read",
  query: queryOf(listCountsSchema),
  response: pageSchema(count),
  handler: ({ scope, query }) => counts.list(scope, query),
});

export const startCount = defineRoute({
  method: "POST",
  path: "/api/inventory/counts",
  summary: "Start a stock count",
  description:
    "Starts counting a warehouse, bin or van: each line holds what the books say is there now (quantities, and the serials of the units). One open count per place.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:manage",
  body: startCountSchema,
  response: count,
  status: 201,
  errors: { 409: "A count of this place is still open (code `CONFLICT`)." },
  handler: ({ scope, body }) => counts.start(scope, body),
});

export const getCount = defineRoute({
  method: "GET",
  path: "/api/inventory/counts/{id}",
  summary: "A stock count",
  description: "One count: expected and counted per item, the variance, and the serials missing or found extra.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:read",
  params: countParams,
  response: count,
  handler: ({ scope, params }) => counts.get(scope, params.id),
});

export const enterCount = defineRoute({
  method: "POST",
  path: "/api/inventory/counts/{id}/lines",
  summary: "Record counted quantities and serials",
  description:
    "What was counted, per item: `countedQuantity` for consumables, every serial found (`countedSerials`) for equipment. Replaces what was recorded before for those items; an item the sheet did not list gets a line of its own. A serial must be one of your units in stock.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:manage",
  params: countParams,
  body: enterCountSchema.omit({ countId: true }),
  response: count,
  errors: COUNT_ERRORS,
  handler: ({ scope, params, body }) => counts.enter(scope, { ...body, countId: params.id }),
});

export const addFound = defineRoute({
  method: "POST",
  path: "/api/inventory/counts/{id}/found",
  summary: "Add an item the count did not expect",
  description:
    "A unit found on the shelf, by `serial` (posting transfers it here from where the books had it), or a consumable the sheet did not list, by `itemId` and `quantity`. A serial your inventory has never seen is refused (404): receive new stock against its purchase order first.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:manage",
  params: countParams,
  body: foundItemSchema,
  response: count,
  errors: { 409: "Already counted or already on the sheet, or the count is posted (code `CONFLICT`)." },
  handler: ({ scope, params, body }) => counts.addFound(scope, { ...body, countId: params.id }),
});

export const postCount = defineRoute({
  method: "POST",
  path: "/api/inventory/counts/{id}/post",
  summary: "Post a count's variance",
  description:
    "Turns the variance into ledger movements with the reason: consumables adjusted in or out, units not found written off, units found here transferred in from where the books had them. Every line must be counted first; a count is posted once.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:manage",
  params: countParams,
  body: postCountSchema.omit({ countId: true }),
  response: count,
  errors: COUNT_ERRORS,
  handler: ({ scope, params, body }) => counts.post(scope, { ...body, countId: params.id }),
});
