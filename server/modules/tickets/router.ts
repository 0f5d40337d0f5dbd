import { z } from "zod";
import { protectedProcedure, protectedReadProcedure, publicProcedure, router } from "../../api/trpc";
import { Unauthorized } from "../../lib/errors";
import * as catalog from "./catalog";
import * as csat from "./csat";
import {
  assignSchema,
  byId,
  byTicket,
  cannedResponseSchema,
  categorySchema,
  createTicketSchema,
  csatSubmitSchema,
  csatTokenSchema,
  listTicketsSchema,
  mergeSchema,
  noteSchema,
  replySchema,
  setPrioritySchema,
  setStatusSchema,
  updateCannedResponseSchema,
  updateCategorySchema,
  updateTicketSchema,
  watcherSchema,
} from "./schema";
import * as tickets from "./service";

// Thin entry points: each checks its permission, validates, and hands the signed-in person to
// the service, which decides what they may see (see access.ts).

const archivedFlag = z.object({ id: z.string().min(1).max(64), archived: z.boolean() });
const withArchived = z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false });

/** Staff: the queue, the ticket page and everything done on it. */
const staffProcedures = {
  list: protectedReadProcedure("tickets:read")
    .input(listTicketsSchema)
    .query(({ ctx, input }) => tickets.list(ctx.scope, ctx.viewer, input)),
  get: protectedProcedure("tickets:read")
    .input(byId)
    .query(({ ctx, input }) => tickets.get(ctx.scope, ctx.viewer, input.id)),
  options: protectedProcedure("tickets:read").query(({ ctx }) => tickets.options(ctx.scope, ctx.viewer)),
  forCustomer: protectedProcedure("tickets:read")
    .input(z.object({ customerId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => tickets.forCustomer(ctx.scope, ctx.viewer, input.customerId)),
  create: protectedProcedure("tickets:create")
    .input(createTicketSchema)
    .mutation(({ ctx, input }) =>
      tickets.create(ctx.scope, input, { channel: input.channel ?? "STAFF", allowAssignee: true }),
    ),
  update: protectedProcedure("tickets:manage")
    .input(updateTicketSchema)
    .mutation(({ ctx, input }) => tickets.update(ctx.scope, ctx.viewer, input)),
  reply: protectedProcedure("tickets:reply")
    .input(replySchema)
    .mutation(({ ctx, input }) => tickets.reply(ctx.scope, ctx.viewer, input)),
  addNote: protectedProcedure("tickets:internal_notes")
    .input(noteSchema)
    .mutation(({ ctx, input }) => tickets.addNote(ctx.scope, ctx.viewer, input)),
  setStatus: protectedProcedure("tickets:reply")
    .input(setStatusSchema)
    .mutation(({ ctx, input }) => tickets.setStatus(ctx.scope, ctx.viewer, input)),
  setPriority: protectedProcedure("tickets:manage")
    .input(setPrioritySchema)
    .mutation(({ ctx, input }) => tickets.setPriority(ctx.scope, ctx.viewer, input)),
  assign: protectedProcedure("tickets:manage")
    .input(assignSchema)
    .mutation(({ ctx, input }) => tickets.assign(ctx.scope, ctx.viewer, input)),
  reroute: protectedProcedure("tickets:manage")
    .input(byId)
    .mutation(({ ctx, input }) => tickets.reroute(ctx.scope, ctx.viewer, input.id)),
  merge: protectedProcedure("tickets:manage")
    .input(mergeSchema)
    .mutation(({ ctx, input }) => tickets.merge(ctx.scope, ctx.viewer, input)),
  /** Follow a ticket you can see (your own watching). */
  watch: protectedProcedure("tickets:read")
    .input(byTicket)
    .mutation(({ ctx, input }) => tickets.addWatcher(ctx.scope, ctx.viewer, input.ticketId, ctx.viewer.userId)),
  unwatch: protectedProcedure("tickets:read")
    .input(byTicket)
    .mutation(({ ctx, input }) => tickets.removeWatcher(ctx.scope, ctx.viewer, input.ticketId, ctx.viewer.userId)),
  /** Loop someone else in, or take them off. */
  addWatcher: protectedProcedure("tickets:manage")
    .input(watcherSchema)
    .mutation(({ ctx, input }) => tickets.addWatcher(ctx.scope, ctx.viewer, input.ticketId, input.userId)),
  removeWatcher: protectedProcedure("tickets:manage")
    .input(watcherSchema)
    .mutation(({ ctx, input }) => tickets.removeWatcher(ctx.scope, ctx.viewer, input.ticketId, input.userId)),
};

/** Canned responses: everyone who replies picks from them; the desk's managers write them. */
const cannedResponsesRouter = router({
  list: protectedProcedure("tickets:reply")
    .input(withArchived)
    .query(({ ctx, input }) => catalog.listCanned(ctx.scope, input)),
  create: protectedProcedure("canned_responses:manage")
    .input(cannedResponseSchema)
    .mutation(({ ctx, input }) => catalog.createCanned(ctx.scope, input)),
  update: protectedProcedure("canned_responses:manage")
    .input(updateCannedResponseSchema)
    .mutation(({ ctx, input }) => catalog.updateCanned(ctx.scope, input)),
  setArchived: protectedProcedure("canned_responses:manage")
    .input(archivedFlag)
    .mutation(({ ctx, input }) => catalog.setCannedArchived(ctx.scope, input.id, input.archived)),
});

const ticketCategoriesRouter = router({
  list: protectedProcedure("tickets:read")
    .input(withArchived)
    .query(({ ctx, input }) => catalog.listCategories(ctx.scope, input)),
  create: protectedProcedure("ticket_categories:manage")
    .input(categorySchema)
    .mutation(({ ctx, input }) => catalog.createCategory(ctx.scope, input)),
  update: protectedProcedure("ticket_categories:manage")
    .input(updateCategorySchema)
    .mutation(({ ctx, input }) => catalog.updateCategory(ctx.scope, input)),
  setArchived: protectedProcedure("ticket_categories:manage")
    .input(archivedFlag)
    .mutation(({ ctx, input }) => catalog.setCategoryArchived(ctx.scope, input.id, input.archived)),
});

const onCompany = <T>(company: T | null): T => {
  if (!company) throw new Unauthorized("Open the rating link on your internet provider's address.");
  return company;
};

/** The e-mailed satisfaction link: no sign-in, the single-use token is the key. */
const csatRouter = router({
  peek: publicProcedure
    .input(csatTokenSchema)
    .query(({ ctx, input }) => csat.peek(onCompany(ctx.company), input.token)),
  submit: publicProcedure
    .input(csatSubmitSchema)
    .mutation(({ ctx, input }) =>
      csat.submitByToken(onCompany(ctx.company), input, { ip: ctx.ip, userAgent: ctx.userAgent }),
    ),
});

/** The tickets module: the staff queue, with its catalogue and the rating link nested in it. */
export const ticketsRouter = router({
  ...staffProcedures,
  categories: ticketCategoriesRouter,
  canned: cannedResponsesRouter,
  csat: csatRouter,
});
