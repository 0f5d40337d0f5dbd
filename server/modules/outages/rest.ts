import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { idParams, pageSchema, queryOf } from "../../lib/schema";
import { listOutagesSchema, OUTAGE_SOURCES, OUTAGE_STATUSES, UPDATE_KINDS } from "./schema";
import * as outages from "./service";

// REST endpoints of the outages module, for integrators (status pages, NOC dashboards).

const timestamp = z.iso.datetime();
const ref = z.object({ id: z.string(), name: z.string() }).nullable();

const outageResponse = z.object({
  id: z.string(),
  number: z.number().int(),
  label: z.string().describe('"OUT-42".'),
  title: z.string(),
  status: z.enum(OUTAGE_STATUSES),
  source: z.enum(OUTAGE_SOURCES).describe("AUTOMATIC: opened by the poller's hold-down; MANUAL: by staff."),
  startedAt: timestamp.describe("The first missed poll, or when staff opened it."),
  resolvedAt: timestamp.nullable(),
  device: ref,
  site: ref,
  affected: z.number().int().describe("Subscriptions affected (those online at the time excluded)."),
  tickets: z.number().int().describe("Tickets linked to it."),
});

const outageDetail = outageResponse.omit({ tickets: true }).extend({
  parent: z
    .object({ id: z.string(), label: z.string() })
    .nullable()
    .describe(
      "The outage of an upstream device this one is folded under (its device is behind that device, which went down first or with it): the parent tells the customers and compensates them.",
    ),
  children: z
    .array(z.object({ id: z.string(), label: z.string(), status: z.enum(["OPEN", "RESOLVED"]), title: z.string() }))
    .describe("Outages of devices behind this one's device, folded under it."),
  description: z.string().nullable(),
  rootCause: z.string().nullable(),
  online: z.number().int().describe("Subscriptions behind it that had a live RADIUS session: shown as up."),
  timeline: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(UPDATE_KINDS),
      message: z.string(),
      authorLabel: z.string().nullable(),
      emailed: z.number().int(),
      texted: z.number().int(),
      delivery: z
        .enum(["told", "sending", "not_sent"])
        .describe(
          "told: the affected customers were sent it (emailed/texted say how many); sending: they will be, shortly after it was posted; not_sent: a staff-only entry, or an outage folded under an upstream device's (that one speaks to the customers).",
        ),
      createdAt: timestamp,
    }),
  ),
  customers: z.array(
    z.object({
      subscriptionId: z.string(),
      customerId: z.string(),
      accountNumber: z.number().int(),
      customerName: z.string(),
      packageName: z.string(),
      pppoeUsername: z.string().nullable(),
      online: z.boolean(),
      compensationDays: z.number().int().nullable(),
      compensationMinor: z.number().int().nullable(),
    }),
  ),
  tickets: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      subject: z.string(),
      status: z.string(),
      customerId: z.string().nullable(),
      linkedAt: timestamp,
    }),
  ),
});

export const list = defineRoute({
  method: "GET",
  path: "/api/outages",
  summary: "List outages",
  description: "Outages, newest first, a page at a time; filter by status or search by title, device, site or number.",
  tags: ["Network"],
  auth: "bearer",
  permission: "outages:read",
  query: queryOf(listOutagesSchema),
  response: pageSchema(outageResponse),
  handler: ({ scope, query }) => outages.list(scope, query),
});

export const get = defineRoute({
  method: "GET",
  path: "/api/outages/{id}",
  summary: "Get an outage",
  description:
    "The outage with its timeline (what customers were told), the customers behind it as stored when it opened, and the tickets linked to it.",
  tags: ["Network"],
  auth: "bearer",
  permission: "outages:read",
  params: idParams("The outage id."),
  response: outageDetail,
  handler: ({ scope, params }) => outages.get(scope, params.id),
});
