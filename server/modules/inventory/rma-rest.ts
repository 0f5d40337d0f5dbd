import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { idParams, pageSchema, queryOf } from "../../lib/schema";
import * as rma from "./rma";
import { closeRmaSchema, listRmasSchema, RMA_STATUSES, sendRmaSchema } from "./schema";

// REST endpoints of RMAs, for integrators (a supplier portal's sync, a repair desk): faulty
// units sent back to their supplier and what came of it (server/modules/inventory/rma.ts).
// Opening an RMA is sending the unit: it leaves the shelf for "with supplier for repair" at once.

const ref = z.object({ id: z.string(), name: z.string() });
const rmaResponse = z.object({
  id: z.string(),
  rmaNumber: z.string().describe("The supplier's RMA number."),
  status: z.enum(RMA_STATUSES),
  statusLabel: z.string(),
  fault: z.string(),
  asset: z.object({ id: z.string(), serial: z.string(), item: ref }),
  supplier: ref,
  replacement: z.object({ id: z.string(), serial: z.string() }).nullable().describe("The new unit, when replaced."),
  outcomeNote: z.string().nullable(),
  sentAt: z.string(),
  closedAt: z.string().nullable(),
});

export const listRmas = defineRoute({
  method: "GET",
  path: "/api/inventory/rmas",
  summary: "List RMAs",
  description: "Units sent back to suppliers, newest first; filter by status or by unit (the old or the replacement).",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:read",
  query: queryOf(listRmasSchema),
  response: pageSchema(rmaResponse),
  handler: ({ scope, query }) => rma.list(scope, query),
});

export const openRma = defineRoute({
  method: "POST",
  path: "/api/inventory/rmas",
  summary: "Send a faulty unit back to its supplier",
  description:
    'Opens an RMA under the supplier\'s number: the unit (in stock or faulty, on a shelf or in a van) moves to "with supplier for repair" and is in repair until the RMA is closed. The supplier defaults to the one it came from.',
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:manage",
  body: sendRmaSchema,
  response: rmaResponse,
  status: 201,
  errors: { 409: "The unit is not in stock, or the RMA number is already used (code `CONFLICT`)." },
  handler: ({ scope, body }) => rma.send(scope, body),
});

const [repaired, replaced, refused] = closeRmaSchema.options;

export const closeRma = defineRoute({
  method: "POST",
  path: "/api/inventory/rmas/{id}/outcome",
  summary: "Record what the supplier did",
  description:
    "REPAIRED_RETURNED: the unit comes back into stock at `toLocationId`. REPLACED: the old unit is retired and `replacementSerial` is received at `toLocationId` with its cost and warranty. REFUSED: back as faulty at `toLocationId`, or retired where it is without one. Once per RMA.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:manage",
  params: idParams("The RMA's id."),
  body: z.discriminatedUnion("outcome", [
    repaired.omit({ rmaId: true }),
    replaced.omit({ rmaId: true }),
    refused.omit({ rmaId: true }),
  ]),
  response: rmaResponse,
  errors: { 409: "The RMA is already closed, or the replacement serial is already in use (code `CONFLICT`)." },
  handler: ({ scope, params, body }) => rma.close(scope, { ...body, rmaId: params.id }),
});
