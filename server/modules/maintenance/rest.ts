import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { idParams, pageSchema, queryOf } from "../../lib/schema";
import { dueSchema, listPlansSchema, pausePlanSchema, planSchema } from "./schema";
import * as service from "./service";

// REST endpoints of preventive maintenance, for integrators (a NOC's planner, a CMMS): the plans,
// creating and changing one, pausing and resuming it, and what falls due soon. The work orders
// themselves are opened by the hourly job (or the console's button), never from here.

const plan = z.object({
  id: z.string(),
  title: z.string(),
  instructions: z.string().nullable(),
  asset: z
    .object({ id: z.string(), serial: z.string(), item: z.string() })
    .nullable()
    .describe("The one unit the plan maintains …"),
  deviceType: z.object({ id: z.string(), name: z.string() }).nullable().describe("… or every device of this type."),
  intervalDays: z.number().int(),
  leadDays: z.number().int().describe("How many days before the due date the work order opens."),
  startsOn: z.string().describe("The first due date (YYYY-MM-DD)."),
  paused: z.boolean(),
  rule: z.string().describe("The plan in words."),
});

export const listPlans = defineRoute({
  method: "GET",
  path: "/api/inventory/maintenance/plans",
  summary: "List maintenance plans",
  description:
    "Preventive-maintenance plans by title, each with how many units or devices it covers, how many of their work orders are open, and the next due date.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:read",
  query: queryOf(listPlansSchema),
  response: pageSchema(
    plan.extend({
      targets: z.number().int().describe("Units or devices the plan covers now."),
      openJobs: z.number().int(),
      nextDueOn: z.string().nullable(),
    }),
  ),
  handler: ({ scope, query }) => service.list(scope, query),
});

export const createPlan = defineRoute({
  method: "POST",
  path: "/api/inventory/maintenance/plans",
  summary: "Create a maintenance plan",
  description:
    "A task repeated every `intervalDays` for one unit (`assetId`) or for every network device of a type (`deviceTypeId`), its work order opened `leadDays` ahead of each due date.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:manage",
  body: planSchema,
  response: plan,
  status: 201,
  handler: ({ scope, body }) => service.create(scope, body),
});

export const updatePlan = defineRoute({
  method: "PUT",
  path: "/api/inventory/maintenance/plans/{id}",
  summary: "Change a maintenance plan",
  description: "Replaces the plan's task, target and timing; work orders already open stay as they are.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:manage",
  params: idParams("The plan's id."),
  body: planSchema,
  response: plan,
  handler: ({ scope, params, body }) => service.update(scope, { id: params.id, data: body }),
});

export const pausePlan = defineRoute({
  method: "PATCH",
  path: "/api/inventory/maintenance/plans/{id}",
  summary: "Pause or resume a maintenance plan",
  description: "A paused plan opens no new work orders (open ones stay); resuming it picks up where it left off.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:manage",
  params: idParams("The plan's id."),
  body: pausePlanSchema.omit({ id: true }),
  response: z.object({ id: z.string(), paused: z.boolean() }),
  handler: ({ scope, params, body }) => service.setPaused(scope, { id: params.id, paused: body.paused }),
});

export const due = defineRoute({
  method: "GET",
  path: "/api/inventory/maintenance/due",
  summary: "Maintenance due soon",
  description:
    "Every unit or device whose next maintenance is overdue or due within `withinDays` and has no work order yet, soonest first, with the day its work order will open. Paused plans are left out.",
  tags: ["Inventory"],
  auth: "bearer",
  permission: "inventory:read",
  query: queryOf(dueSchema),
  response: z.object({
    asOf: z.string().describe("The company's today (YYYY-MM-DD)."),
    until: z.string().describe("The last due date included."),
    rows: z.array(
      z.object({
        plan: z.object({ id: z.string(), title: z.string() }),
        target: z.object({ assetId: z.string().nullable(), deviceId: z.string().nullable(), name: z.string() }),
        dueOn: z.string(),
        opensOn: z.string().describe("The day its work order opens."),
        overdue: z.boolean(),
      }),
    ),
  }),
  handler: ({ scope, query }) => service.due(scope, query),
});
