import { z } from "zod";
import type {
  CommentVisibility,
  TicketCategoryGroup,
  TicketChannel,
  TicketPriority,
  TicketStatus,
} from "../../db/generated/prisma/enums";
import { id, optionalId, optionalText, pagination, searchText, sortDirection } from "../../lib/schema";
import { attachmentIdsSchema } from "../storage/schema";

// Tickets as pure data and zod: the console's and portal's forms, the tRPC procedures and the
// REST API validate with exactly these, and the status table below is the workflow itself.

export const TICKET_STATUSES = [
  "NEW",
  "ASSIGNED",
  "IN_PROGRESS",
  "WAITING_ON_CUSTOMER",
  "RESOLVED",
  "CLOSED",
  "REOPENED",
] as const satisfies readonly TicketStatus[];
export const TICKET_PRIORITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const satisfies readonly TicketPriority[];
export const STAFF_CHANNELS = ["STAFF", "PHONE", "EMAIL"] as const satisfies readonly TicketChannel[];
export const TICKET_CHANNELS = ["PORTAL", "STAFF", "PHONE", "EMAIL", "API"] as const satisfies readonly TicketChannel[];
export const CATEGORY_GROUPS = [
  "TECHNICAL",
  "BILLING",
  "SERVICE_REQUEST",
  "COMPLAINT",
  "FEEDBACK",
] as const satisfies readonly TicketCategoryGroup[];
export const VISIBILITIES = ["PUBLIC", "INTERNAL"] as const satisfies readonly CommentVisibility[];

export const STATUS_LABELS: Record<TicketStatus, string> = {
  NEW: "New",
  ASSIGNED: "Assigned",
  IN_PROGRESS: "In progress",
  WAITING_ON_CUSTOMER: "Waiting on customer",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
  REOPENED: "Reopened",
};

/** What a customer reads: "Assigned" and "New" mean the same to them. */
export const CUSTOMER_STATUS_LABELS: Record<TicketStatus, string> = {
  NEW: "Received",
  ASSIGNED: "Received",
  IN_PROGRESS: "Being worked on",
  WAITING_ON_CUSTOMER: "Waiting for your reply",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
  REOPENED: "Reopened",
};

export const PRIORITY_LABELS: Record<TicketPriority, string> = {
  CRITICAL: "Critical",
  HIGH: "High",
  MEDIUM: "Medium",
  LOW: "Low",
};
export const PRIORITY_RANK: Record<TicketPriority, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
export const CHANNEL_LABELS: Record<TicketChannel, string> = {
  PORTAL: "Portal",
  STAFF: "Console",
  PHONE: "Phone call",
  EMAIL: "E-mail",
  API: "API",
};
export const GROUP_LABELS: Record<TicketCategoryGroup, string> = {
  TECHNICAL: "Technical",
  BILLING: "Billing",
  SERVICE_REQUEST: "Service request",
  COMPLAINT: "Complaint",
  FEEDBACK: "Feedback",
};

/** Statuses in which a ticket is still someone's work. */
export const OPEN_STATUSES = [
  "NEW",
  "ASSIGNED",
  "IN_PROGRESS",
  "WAITING_ON_CUSTOMER",
  "REOPENED",
] as const satisfies readonly TicketStatus[];
export const isOpen = (s: TicketStatus) => (OPEN_STATUSES as readonly TicketStatus[]).includes(s);

/**
 * Which status a person may move a ticket to, from each status. NEW → ASSIGNED → IN_PROGRESS ⇄
 * WAITING_ON_CUSTOMER → RESOLVED → CLOSED; a resolved or closed ticket comes back as REOPENED.
 * (The system also moves tickets: assigning a new ticket makes it ASSIGNED, a customer's reply
 * ends WAITING_ON_CUSTOMER or reopens a RESOLVED ticket, a merge closes the duplicate.)
 */
export const STATUS_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  NEW: ["ASSIGNED", "IN_PROGRESS", "WAITING_ON_CUSTOMER", "RESOLVED"],
  ASSIGNED: ["IN_PROGRESS", "WAITING_ON_CUSTOMER", "RESOLVED"],
  IN_PROGRESS: ["WAITING_ON_CUSTOMER", "RESOLVED"],
  WAITING_ON_CUSTOMER: ["IN_PROGRESS", "RESOLVED"],
  RESOLVED: ["CLOSED", "REOPENED"],
  CLOSED: ["REOPENED"],
  REOPENED: ["ASSIGNED", "IN_PROGRESS", "WAITING_ON_CUSTOMER", "RESOLVED"],
};

/** Why a move is not allowed, in words that say what to do instead; null when it is allowed. */
export function transitionProblem(from: TicketStatus, to: TicketStatus): string | null {
  if (from === to) return null;
  if (STATUS_TRANSITIONS[from].includes(to)) return null;
  const f = STATUS_LABELS[from].toLowerCase();
  const t = STATUS_LABELS[to].toLowerCase();
  if (to === "NEW") return "A ticket cannot go back to new: assign it or start working on it.";
  if ((from === "RESOLVED" || from === "CLOSED") && isOpen(to))
    return `A ${f} ticket cannot become ${t}: reopen it first.`;
  if (to === "CLOSED") return `Only a resolved ticket can be closed: resolve this ${f} ticket first.`;
  if (to === "REOPENED") return `Only a resolved or closed ticket can be reopened; this one is ${f}.`;
  return `A ${f} ticket cannot become ${t}.`;
}

/** Ticket numbers as people say them: 42 → "#42". */
export const formatTicketNumber = (n: number) => `#${n}`;

// ── inputs ───────────────────────────────────────────────────────────────────────────────────

export const subjectSchema = z
  .string({ error: "Enter a subject." })
  .trim()
  .min(3, "Enter a subject of at least 3 characters.")
  .max(200, "The subject can be at most 200 characters.");
export const descriptionSchema = z
  .string({ error: "Describe the problem." })
  .trim()
  .min(5, "Describe the problem in a few words.")
  .max(20_000, "The description can be at most 20,000 characters.");
export const bodySchema = z
  .string({ error: "Write a reply." })
  .trim()
  .min(1, "Write a reply.")
  .max(20_000, "A reply can be at most 20,000 characters.");

/** A ticket opened by staff on a customer's behalf (or without a customer, e.g. a network issue). */
export const createTicketSchema = z.object({
  customerId: optionalId,
  subscriptionId: optionalId,
  categoryId: z.string({ error: "Choose a category." }).min(1, "Choose a category.").max(64),
  subject: subjectSchema,
  description: descriptionSchema,
  priority: z.enum(TICKET_PRIORITIES, { error: "Choose a priority." }).default("MEDIUM"),
  channel: z.enum(STAFF_CHANNELS, { error: "Choose how the customer reached us." }).default("STAFF"),
  /** The device the ticket is about, chosen with the device picker. */
  deviceId: optionalId,
  deviceRef: optionalText(120, "The device reference"),
  outageRef: optionalText(120, "The outage reference"),
  /** Leave empty to let routing choose. */
  assigneeId: optionalId,
  attachmentIds: attachmentIdsSchema,
});
export type CreateTicketInput = z.input<typeof createTicketSchema>;

/** What a customer fills in the portal (the customer is the signed-in one). */
export const portalCreateTicketSchema = z.object({
  categoryId: z.string({ error: "Choose what it is about." }).min(1, "Choose what it is about.").max(64),
  subscriptionId: optionalId,
  subject: subjectSchema,
  description: descriptionSchema,
  attachmentIds: attachmentIdsSchema,
});

export const TICKET_SORTS = ["number", "createdAt", "updatedAt", "priority", "resolutionDueAt", "status"] as const;
export const ASSIGNEE_FILTERS = ["mine", "unassigned"] as const;
export const SLA_FILTERS = ["breached", "near_breach"] as const;
export const STATUS_FILTERS = [...TICKET_STATUSES, "open"] as const;

// The descriptions are the REST API's documentation of its query string (rest.ts uses this schema).
export const ticketFilterSchema = z.object({
  search: searchText().describe(
    "Ticket number, part of the subject, or the customer's name, account number, phone or e-mail.",
  ),
  status: z.enum(STATUS_FILTERS).optional().describe('A status, or "open" for every status still being worked on.'),
  priority: z.enum(TICKET_PRIORITIES).optional().describe("Only this priority."),
  categoryId: z.string().max(64).optional().describe("Only this category."),
  assignee: z.string().max(64).optional().describe('"mine", "unassigned" or a user id.'),
  sla: z.enum(SLA_FILTERS).optional().describe("Only breached or near-breach tickets."),
  customerId: z.string().max(64).optional().describe("Only this customer's tickets."),
  sort: z.enum(TICKET_SORTS).default("updatedAt").describe("Sort column."),
  direction: sortDirection(),
});

export const listTicketsSchema = ticketFilterSchema.extend(pagination().shape);

export const replySchema = z.object({
  ticketId: id,
  body: bodySchema,
  attachmentIds: attachmentIdsSchema,
  /** Send and move on in one step, e.g. "reply and wait for the customer" or "reply and resolve". */
  status: z.enum(["IN_PROGRESS", "WAITING_ON_CUSTOMER", "RESOLVED"]).optional(),
});

export const noteSchema = z.object({ ticketId: id, body: bodySchema, attachmentIds: attachmentIdsSchema });

export const portalReplySchema = z.object({ ticketId: id, body: bodySchema, attachmentIds: attachmentIdsSchema });

export const setStatusSchema = z.object({
  id,
  status: z.enum(TICKET_STATUSES, { error: "Choose a status." }),
  note: z.string().trim().max(1000, "The note can be at most 1,000 characters.").optional(),
});

export const setPrioritySchema = z.object({ id, priority: z.enum(TICKET_PRIORITIES, { error: "Choose a priority." }) });

export const assignSchema = z.object({ id, assigneeId: optionalId });

export const updateTicketSchema = z.object({
  id,
  subject: subjectSchema,
  categoryId: z.string({ error: "Choose a category." }).min(1, "Choose a category.").max(64),
  customerId: optionalId,
  subscriptionId: optionalId,
  deviceId: optionalId,
  deviceRef: optionalText(120, "The device reference"),
  outageRef: optionalText(120, "The outage reference"),
  area: optionalText(120, "The area"),
});

/**
 * Several changes to one ticket at once, each field optional (the REST PUT): the details, the
 * assignee and the priority need tickets:manage; the status needs tickets:reply.
 */
export const ticketChangesSchema = z
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
    categoryId: id.optional().describe("tickets:manage."),
    customerId: z.string().max(64).nullable().optional().describe("tickets:manage."),
    subscriptionId: z.string().max(64).nullable().optional().describe("tickets:manage."),
    deviceId: z.string().max(64).nullable().optional().describe("One of the company's devices (tickets:manage)."),
    deviceRef: z.string().trim().max(120).nullable().optional().describe("tickets:manage."),
    outageRef: z.string().trim().max(120).nullable().optional().describe("tickets:manage."),
  })
  .refine((changes) => Object.values(changes).some((v) => v !== undefined), {
    message: "Send at least one field to change.",
  });

export const mergeSchema = z
  .object({
    sourceId: id,
    targetId: z
      .string({ error: "Choose the ticket to merge into." })
      .min(1, "Choose the ticket to merge into.")
      .max(64),
  })
  .refine((v) => v.sourceId !== v.targetId, { path: ["targetId"], message: "A ticket cannot be merged into itself." });

export const watcherSchema = z.object({ ticketId: id, userId: id });
export const byTicket = z.object({ ticketId: id });
export const byId = z.object({ id });

// ── canned responses and categories ──────────────────────────────────────────────────────────

export const cannedResponseSchema = z.object({
  title: z
    .string({ error: "Give it a title." })
    .trim()
    .min(2, "Give it a title.")
    .max(120, "The title can be at most 120 characters."),
  body: z
    .string({ error: "Write the response." })
    .trim()
    .min(2, "Write the response.")
    .max(10_000, "A response can be at most 10,000 characters."),
  categoryId: optionalId,
});
export const updateCannedResponseSchema = cannedResponseSchema.extend({ id });

export const categorySchema = z.object({
  group: z.enum(CATEGORY_GROUPS, { error: "Choose a group." }),
  name: z
    .string({ error: "Name the category." })
    .trim()
    .min(2, "Name the category.")
    .max(80, "The name can be at most 80 characters."),
  fieldWork: z.boolean().default(false),
  skillId: optionalId,
});
export const updateCategorySchema = categorySchema.extend({ id });

// ── satisfaction ─────────────────────────────────────────────────────────────────────────────

export const ratingSchema = z
  .number({ error: "Choose a rating from 1 to 5." })
  .int("Choose a rating from 1 to 5.")
  .min(1, "Choose a rating from 1 to 5.")
  .max(5, "Choose a rating from 1 to 5.");
export const csatCommentSchema = z.string().trim().max(2000, "The comment can be at most 2,000 characters.").optional();
export const portalRateSchema = z.object({ ticketId: id, rating: ratingSchema, comment: csatCommentSchema });
export const csatTokenSchema = z.object({ token: z.string().min(10).max(200) });
export const csatSubmitSchema = csatTokenSchema.extend({ rating: ratingSchema, comment: csatCommentSchema });

export const RATING_LABELS: Record<number, string> = {
  1: "Very poor",
  2: "Poor",
  3: "Okay",
  4: "Good",
  5: "Excellent",
};

export const suggestSchema = z.object({ text: z.string().trim().max(2000) });

/** Placeholders a canned response may use; the reply box fills them in when it is inserted. */
export const CANNED_PLACEHOLDERS = ["{customer}", "{ticket}", "{agent}", "{company}"] as const;

export function fillPlaceholders(
  body: string,
  values: { customer?: string | null; ticket?: string | null; agent?: string | null; company?: string | null },
): string {
  return body
    .replaceAll("{customer}", values.customer || "there")
    .replaceAll("{ticket}", values.ticket || "your ticket")
    .replaceAll("{agent}", values.agent || "our support team")
    .replaceAll("{company}", values.company || "us");
}
