import { z } from "zod";
import { defineRoute, type ApiViewer } from "../../api/rest/route";
import type { Permission } from "../../auth/permissions";
import { Forbidden, Invalid } from "../../lib/errors";
import type { Scope } from "../scope";
import * as catalog from "./catalog";
import * as portal from "./portal";
import {
  CATEGORY_GROUPS,
  createTicketSchema,
  STATUS_FILTERS,
  SLA_FILTERS,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_SORTS,
  TICKET_STATUSES,
  VISIBILITIES,
  bodySchema,
  subjectSchema,
} from "./schema";
import * as tickets from "./service";

// REST endpoints of tickets. Staff tokens work the company's tickets as their permissions allow
// (exactly the rules of the console); a customer's token (role CUSTOMER, portal:access) reaches
// only that customer's tickets and their public part, and writes only public replies. The
// handlers pick the side by role; the rules live in service.ts and portal.ts.

const timestamp = z.iso.datetime();
const params = z.object({ id: z.string().min(1).max(64).describe("The ticket's id.") });
const isCustomer = (viewer: ApiViewer) => viewer.role === "CUSTOMER";

function need(viewer: ApiViewer, permission: Permission, what: string) {
  if (!viewer.permissions.includes(permission)) throw new Forbidden(`${what} needs the permission ${permission}.`);
}

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

const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).describe("Page number, from 1."),
  pageSize: z.coerce.number().int().min(1).max(100).default(25).describe("Rows per page, at most 100."),
  search: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe("Staff: ticket number, part of the subject, or the customer's name, account number, phone or e-mail."),
  status: z.enum(STATUS_FILTERS).optional().describe('A status, or "open" for every status still being worked on.'),
  priority: z.enum(TICKET_PRIORITIES).optional().describe("Staff: only this priority."),
  categoryId: z.string().max(64).optional().describe("Staff: only this category."),
  assignee: z.string().max(64).optional().describe('Staff: "mine", "unassigned" or a user id.'),
  sla: z.enum(SLA_FILTERS).optional().describe("Staff: only breached or near-breach tickets."),
  customerId: z.string().max(64).optional().describe("Staff: only this customer's tickets."),
  sort: z.enum(TICKET_SORTS).default("updatedAt").describe("Staff: sort column."),
  direction: z.enum(["asc", "desc"]).default("desc").describe("Staff: sort direction."),
});

export const list = defineRoute({
  method: "GET",
  path: "/api/tickets",
  summary: "List tickets",
  description:
    "Staff: the company's tickets a page at a time (a field technician sees those assigned to or watched by them), with search, filters and sorting. A customer's token: only that customer's own tickets, newest activity first (filters other than status are ignored).",
  tags: ["Tickets"],
  auth: "bearer",
  permission: ["tickets:read", "portal:access"],
  query: listQuery,
  response: z.object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    pageCount: z.number().int(),
    rows: z.array(ticketRow),
  }),
  handler: async ({ scope, viewer, query }) => {
    if (isCustomer(viewer)) {
      const state =
        query.status === "open" ? "open" : query.status === "RESOLVED" || query.status === "CLOSED" ? "closed" : "all";
      const page = await portal.list(scope, viewer.userId, { state, page: query.page, pageSize: query.pageSize });
      const rows =
        query.status && query.status !== "open" ? page.rows.filter((r) => r.status === query.status) : page.rows;
      return {
        ...page,
        rows: rows.map((r) => ({ ...r, category: { name: r.category }, mergedIntoId: r.mergedInto?.id ?? null })),
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
  description:
    "Opens a ticket with the next ticket number, starts its SLA clocks and routes it to a technician (unless staff name the assignee). Staff may open it for any customer of the company, or for none; a customer's token opens it for that customer.",
  tags: ["Tickets"],
  auth: "bearer",
  permission: ["tickets:create", "portal:access"],
  body: createBody,
  response: z.object({ id: z.string(), number: z.number().int(), numberLabel: z.string() }),
  status: 201,
  handler: async ({ scope, viewer, body }) => {
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
  },
});

// ── read one ─────────────────────────────────────────────────────────────────────────────────

async function detailOf(scope: Scope, viewer: ApiViewer, id: string) {
  if (isCustomer(viewer)) {
    const t = await portal.get(scope, viewer.userId, id);
    return {
      ...t,
      mergedIntoId: t.mergedInto?.id ?? null,
      subscriptionId: t.subscription?.id ?? null,
      comments: t.comments.map((c) => ({
        id: c.id,
        visibility: c.visibility,
        authorType: c.authorType,
        author: c.author,
        body: c.body,
        createdAt: c.createdAt,
        attachments: c.attachments,
      })),
    };
  }
  const t = await tickets.get(scope, viewer, id);
  return {
    ...t,
    customerId: t.customer?.id ?? null,
    subscriptionId: t.subscription?.id ?? null,
    nearBreach: t.clock?.nearBreach ?? false,
    comments: t.comments.map((c) => ({
      id: c.id,
      visibility: c.visibility,
      authorType: c.authorType,
      author: c.author?.name ?? null,
      body: c.body,
      createdAt: c.createdAt,
      attachments: c.attachments,
    })),
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
  handler: ({ scope, viewer, params }) => detailOf(scope, viewer, params.id),
});

// ── update ───────────────────────────────────────────────────────────────────────────────────

const updateBody = z
  .object({
    status: z
      .enum(TICKET_STATUSES)
      .optional()
      .describe("Move the ticket in its workflow (tickets:reply). Illegal moves answer 422 with the reason."),
    statusNote: z.string().trim().max(1000).optional().describe("Why, for the ticket's history."),
    priority: z.enum(TICKET_PRIORITIES).optional().describe("tickets:manage."),
    assigneeId: z
      .string()
      .max(64)
      .nullable()
      .optional()
      .describe("A staff member of the company, or null to unassign (tickets:manage)."),
    subject: subjectSchema.optional().describe("tickets:manage."),
    categoryId: z.string().min(1).max(64).optional().describe("tickets:manage."),
    customerId: z.string().max(64).nullable().optional().describe("tickets:manage."),
    subscriptionId: z.string().max(64).nullable().optional().describe("tickets:manage."),
    deviceRef: z.string().trim().max(120).nullable().optional().describe("tickets:manage."),
    outageRef: z.string().trim().max(120).nullable().optional().describe("tickets:manage."),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "Send at least one field to change." });

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
  body: updateBody,
  response: ticketDetail,
  errors: {
    422: "Not a valid change: an illegal status move, an assignee who is not on the staff, a subscription of another customer…",
  },
  handler: async ({ scope, viewer, params, body }) => {
    const details = ["subject", "categoryId", "customerId", "subscriptionId", "deviceRef", "outageRef"] as const;
    if (details.some((k) => body[k] !== undefined)) {
      need(viewer, "tickets:manage", "Changing the subject, category or links");
      const current = await tickets.get(scope, viewer, params.id);
      await tickets.update(scope, viewer, {
        id: params.id,
        subject: body.subject ?? current.subject,
        categoryId: body.categoryId ?? current.category.id,
        customerId: body.customerId !== undefined ? body.customerId : (current.customer?.id ?? null),
        subscriptionId: body.subscriptionId !== undefined ? body.subscriptionId : (current.subscription?.id ?? null),
        deviceRef: body.deviceRef !== undefined ? body.deviceRef : current.deviceRef,
        outageRef: body.outageRef !== undefined ? body.outageRef : current.outageRef,
        area: current.area,
      });
    }
    if (body.assigneeId !== undefined) {
      need(viewer, "tickets:manage", "Assigning a ticket");
      await tickets.assign(scope, viewer, { id: params.id, assigneeId: body.assigneeId });
    }
    if (body.priority) {
      need(viewer, "tickets:manage", "Changing the priority");
      await tickets.setPriority(scope, viewer, { id: params.id, priority: body.priority });
    }
    if (body.status)
      await tickets.setStatus(scope, viewer, { id: params.id, status: body.status, note: body.statusNote });
    return detailOf(scope, viewer, params.id);
  },
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
  errors: { 422: "The ticket is closed or merged into another, or the body is empty." },
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
      need(viewer, "tickets:internal_notes", "An internal note");
      const r = await tickets.addNote(scope, viewer, { ticketId: params.id, body: body.body });
      return { id: r.id, ticketId: r.ticketId, visibility: "INTERNAL" as const };
    }
    need(viewer, "tickets:reply", "A public reply");
    const r = await tickets.reply(scope, viewer, { ticketId: params.id, body: body.body, status: body.status });
    return { id: r.id, ticketId: r.ticketId, visibility: "PUBLIC" as const, status: r.status };
  },
});
