import { z } from "zod";
import { defineRoute, type ApiViewer } from "../../api/rest/route";
import { Forbidden, Invalid } from "../../lib/errors";
import { idParams, pageSchema, queryOf } from "../../lib/schema";
import { createOnce, IDEMPOTENCY_CONFLICT, IDEMPOTENCY_DESCRIPTION, idempotencyHeaders } from "../idempotency/service";
import type { Scope } from "../scope";
import { assertCan } from "./access";
import * as catalog from "./catalog";
import * as portal from "./portal";
import {
  CATEGORY_GROUPS,
  createTicketSchema,
  listTicketsSchema,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  ticketChangesSchema,
  VISIBILITIES,
  bodySchema,
} from "./schema";
import * as tickets from "./service";

// REST endpoints of tickets. Staff tokens work the company's tickets as their permissions allow
// (exactly the rules of the console); a customer's token (role CUSTOMER, portal:access) reaches
// only that customer's tickets and their public part, and writes only public replies. The
// handlers pick the side by role; the rules live in service.ts and portal.ts.

const timestamp = z.iso.datetime();
const params = idParams("The ticket's id.");
const isCustomer = (viewer: ApiViewer) => viewer.role === "CUSTOMER";

const attachment = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  url: z.string().describe("Download with the console or portal session."),
});

const ticketRow = z.object({
  id: z.string(),
  number: z.number().int().describe("The per-company ticket number."),
  numberLabel: z.string().describe('The number as people say it, e.g. "#42".'),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(TICKET_PRIORITIES).optional().describe("Staff only."),
  channel: z.enum(TICKET_CHANNELS).optional(),
  category: z.object({ id: z.string().optional(), name: z.string(), group: z.enum(CATEGORY_GROUPS).optional() }),
  customerId: z.string().nullable().optional().describe("Staff only."),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable().optional().describe("Staff only."),
  mergedIntoId: z.string().nullable().optional(),
  responseDueAt: timestamp.nullable().optional().describe("Staff only: when the first response is due."),
  resolutionDueAt: timestamp.nullable().optional().describe("Staff only: when resolution is due (null while paused)."),
  nearBreach: z.boolean().optional().describe("Staff only: a running SLA clock has used 75% of its target."),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const ticketDetail = ticketRow.extend({
  description: z.string(),
  subscriptionId: z.string().nullable().optional(),
  deviceRef: z.string().nullable().optional().describe("Staff only."),
  outageRef: z.string().nullable().optional().describe("Staff only."),
  resolvedAt: timestamp.nullable(),
  mergedInto: z.object({ id: z.string(), numberLabel: z.string() }).nullable(),
  attachments: z.array(attachment),
  comments: z
    .array(
      z.object({
        id: z.string(),
        visibility: z.enum(VISIBILITIES).describe("Customers' tokens only ever see PUBLIC replies."),
        authorType: z.enum(["STAFF", "CUSTOMER", "SYSTEM"]),
        author: z.string().nullable(),
        body: z.string(),
        createdAt: timestamp,
        attachments: z.array(attachment),
      }),
    )
    .describe("The conversation, oldest first."),
});

// ── list ─────────────────────────────────────────────────────────────────────────────────────

export const list = defineRoute({
  method: "GET",
  path: "/api/tickets",
  summary: "List tickets",
  description:
    "Staff: the company's tickets a page at a time (a field technician sees those assigned to or watched by them), with search, filters and sorting. A customer's token: only that customer's own tickets, newest activity first (filters other than status are ignored).",
  tags: ["Tickets"],
  auth: "bearer",
  permission: ["tickets:read", "portal:access"],
  query: queryOf(listTicketsSchema),
  response: pageSchema(ticketRow),
  handler: async ({ scope, viewer, query }) => {
    if (isCustomer(viewer)) {
      const { status, page: pageNo, pageSize } = query;
      const page = await portal.list(
        scope,
        viewer.userId,
        status === "open" ? { state: "open", page: pageNo, pageSize } : { status, page: pageNo, pageSize },
      );
      return {
        ...page,
        rows: page.rows.map((r) => ({ ...r, category: { name: r.category }, mergedIntoId: r.mergedInto?.id ?? null })),
      };
    }
    const page = await tickets.list(scope, viewer, query);
    return {
      ...page,
      rows: page.rows.map((r) => ({
        ...r,
        customerId: r.customer?.id ?? null,
        nearBreach: r.clock?.nearBreach ?? false,
      })),
    };
  },
});

// ── categories ───────────────────────────────────────────────────────────────────────────────

export const categories = defineRoute({
  method: "GET",
  path: "/api/ticket-categories",
  summary: "List ticket categories",
  description:
    "What a ticket can be about: the categoryId a new ticket (POST /api/tickets) needs. Archived categories are left out.",
  tags: ["Tickets"],
  auth: "bearer",
  permission: ["tickets:read", "portal:access"],
  response: z.object({ rows: z.array(z.object({ id: z.string(), name: z.string(), group: z.enum(CATEGORY_GROUPS) })) }),
  handler: async ({ scope }) => {
    const { categories: rows } = await catalog.listCategories(scope);
    return { rows: rows.map((c) => ({ id: c.id, name: c.name, group: c.group })) };
  },
});

// ── create ───────────────────────────────────────────────────────────────────────────────────

const createBody = createTicketSchema
  .omit({ channel: true, attachmentIds: true })
  .extend({
    categoryId: createTicketSchema.shape.categoryId.describe("A category's id, from GET /api/ticket-categories."),
  })
  .describe(
    "Customers' tokens: the ticket is always their own; customerId, assigneeId, priority, deviceRef and outageRef are ignored.",
  );

export const create = defineRoute({
  method: "POST",
  path: "/api/tickets",
  summary: "Open a ticket",
  description: `Opens a ticket with the next ticket number, starts its SLA clocks and routes it to a technician (unless staff name the assignee). Staff may open it for any customer of the company, or for none; a customer's token opens it for that customer. ${IDEMPOTENCY_DESCRIPTION}`,
  tags: ["Tickets"],
  auth: "bearer",
  permission: ["tickets:create", "portal:access"],
  body: createBody,
  response: z.object({ id: z.string(), number: z.number().int(), numberLabel: z.string() }),
  status: 201,
  headers: idempotencyHeaders,
  errors: { 409: IDEMPOTENCY_CONFLICT },
  handler: ({ scope, viewer, body, req }) =>
    createOnce(scope, req, "POST /api/tickets", body, () => openTicket(scope, viewer, body)),
});

async function openTicket(scope: Scope, viewer: ApiViewer, body: z.infer<typeof createBody>) {
  if (isCustomer(viewer))
    return portal.open(
      scope,
      viewer.userId,
      {
        categoryId: body.categoryId,
        subscriptionId: body.subscriptionId,
        subject: body.subject,
        description: body.description,
      },
      "API",
    );
  const created = await tickets.create(scope, body, { channel: "API", allowAssignee: true });
  return { id: created.id, number: created.number, numberLabel: created.numberLabel };
}

// ── read one ─────────────────────────────────────────────────────────────────────────────────

type Comment = Pick<
  tickets.TicketDetail["comments"][number],
  "id" | "visibility" | "authorType" | "body" | "createdAt" | "attachments"
>;
const comment = (c: Comment, author: string | null) => ({
  id: c.id,
  visibility: c.visibility,
  authorType: c.authorType,
  author,
  body: c.body,
  createdAt: c.createdAt,
  attachments: c.attachments,
});

function staffDetail(t: tickets.TicketDetail) {
  return {
    ...t,
    customerId: t.customer?.id ?? null,
    subscriptionId: t.subscription?.id ?? null,
    nearBreach: t.clock?.nearBreach ?? false,
    comments: t.comments.map((c) => comment(c, c.author?.name ?? null)),
  };
}

/** A customer's own ticket: only its public part (portal.get leaves out internal notes). */
function customerDetail(t: Awaited<ReturnType<typeof portal.get>>) {
  return {
    ...t,
    mergedIntoId: t.mergedInto?.id ?? null,
    subscriptionId: t.subscription?.id ?? null,
    comments: t.comments.map((c) => comment(c, c.author)),
  };
}

export const get = defineRoute({
  method: "GET",
  path: "/api/tickets/{id}",
  summary: "Get a ticket",
  description:
    "The ticket and its conversation. Staff see internal notes (visibility INTERNAL); a customer's token sees its own tickets only, and only public replies.",
  tags: ["Tickets"],
  auth: "bearer",
  permission: ["tickets:read", "portal:access"],
  params,
  response: ticketDetail,
  handler: async ({ scope, viewer, params }) =>
    isCustomer(viewer)
      ? customerDetail(await portal.get(scope, viewer.userId, params.id))
      : staffDetail(await tickets.get(scope, viewer, params.id)),
});

// ── update ───────────────────────────────────────────────────────────────────────────────────

export const update = defineRoute({
  method: "PUT",
  path: "/api/tickets/{id}",
  summary: "Change a ticket",
  description:
    "Staff only. Changes the fields sent and leaves the rest: status (with tickets:reply), priority, assignee, subject, category and links (with tickets:manage). Details first, then the assignee, the priority and the status, each recorded in the ticket's history.",
  tags: ["Tickets"],
  auth: "bearer",
  permission: "tickets:reply",
  params,
  body: ticketChangesSchema,
  response: ticketDetail,
  errors: {
    422: "Not a valid change: an illegal status move, an assignee who is not on the staff, a subscription of another customer…",
  },
  handler: async ({ scope, viewer, params, body }) => staffDetail(await tickets.patch(scope, viewer, params.id, body)),
});

// ── comments ─────────────────────────────────────────────────────────────────────────────────

export const addComment = defineRoute({
  method: "POST",
  path: "/api/tickets/{id}/comments",
  summary: "Reply on a ticket",
  description:
    "A public reply (staff: tickets:reply; the first one stops the response clock) or an internal note (visibility INTERNAL, staff with tickets:internal_notes; never shown to the customer). A customer's token adds public replies to its own tickets: a reply reopens a resolved ticket and ends waiting on the customer. A closed ticket takes no replies (422).",
  tags: ["Tickets"],
  auth: "bearer",
  permission: ["tickets:reply", "tickets:internal_notes", "portal:access"],
  params,
  body: z.object({
    body: bodySchema.describe("The reply, plain text."),
    visibility: z.enum(VISIBILITIES).default("PUBLIC").describe("INTERNAL: a note for staff only."),
    status: z
      .enum(["IN_PROGRESS", "WAITING_ON_CUSTOMER", "RESOLVED"])
      .optional()
      .describe("Staff, public replies: move the ticket on in the same step."),
  }),
  response: z.object({
    id: z.string(),
    ticketId: z.string(),
    visibility: z.enum(VISIBILITIES),
    status: z.enum(TICKET_STATUSES).optional(),
  }),
  status: 201,
  errors: { 422: "The ticket is closed or merged into another." },
  handler: async ({ scope, viewer, params, body }) => {
    if (isCustomer(viewer)) {
      if (body.visibility !== "PUBLIC") throw new Forbidden("Customers add public replies only.");
      if (body.status)
        throw new Invalid("Customers cannot set the status; your reply moves the ticket on by itself.", {
          status: "Leave it out.",
        });
      const r = await portal.reply(scope, viewer.userId, { ticketId: params.id, body: body.body });
      return { id: r.id, ticketId: r.ticketId, visibility: "PUBLIC" as const, status: r.status };
    }
    if (body.visibility === "INTERNAL") {
      assertCan(viewer, "tickets:internal_notes", "An internal note");
      const r = await tickets.addNote(scope, viewer, { ticketId: params.id, body: body.body });
      return { id: r.id, ticketId: r.ticketId, visibility: "INTERNAL" as const };
    }
    assertCan(viewer, "tickets:reply", "A public reply");
    const r = await tickets.reply(scope, viewer, { ticketId: params.id, body: body.body, status: body.status });
    return { id: r.id, ticketId: r.ticketId, visibility: "PUBLIC" as const, status: r.status };
  },
});
