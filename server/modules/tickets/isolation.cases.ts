import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { anonymousCaller, callerAs, makeUser } from "../../test/fixtures";
import { fixture, isolationCases } from "../../test/isolation";
import { linkToken, mailsTo } from "../../test/mail";
import { expectFailure, failure } from "../../test/trpc";
import { customersFixture } from "../customers/isolation.cases";
import { subscriptionsFixture } from "../subscriptions/isolation.cases";
import { staffFixture } from "../staff/isolation.cases";
import * as storage from "../storage/service";
import { addComment, categories, create, get, list, update } from "./rest";

// Tenant isolation of tickets for staff, with their categories, canned responses and the rating link.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/**
 * Tickets of B: one with a public reply (and its file), an internal note, a watcher and an open
 * rating link; a second one; a canned response. And A's own ticket, for A's customer.
 */
export const ticketsFixture = fixture(async (w) => {
  const { cb } = await customersFixture(w);
  const bDeskId = (await makeUser(w.B.company.id, "CUSTOMER_SERVICE_MANAGER", { email: "desk@bravo.test" })).id;
  const bDesk = await callerAs(w.B.company, bDeskId);
  const categoryId = (await bDesk.tickets.options()).categories.find((c) => c.name === "Connectivity")!.id;
  const t = await bDesk.tickets.create({
    customerId: cb.customerId,
    categoryId,
    subject: "Bravo zebrafruit outage",
    description: "The Bravo zebrafruit estate is offline.",
  });
  const file = await withTenant(w.B.company.id, (tx) =>
    storage.upload(
      { tx, companyId: w.B.company.id, actor: { type: "USER", id: bDeskId, label: "desk" } },
      {
        fileName: "bravo-cabinet.png",
        contentType: "image/png",
        bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]),
      },
    ),
  );
  await bDesk.tickets.reply({ ticketId: t.id, body: "Bravo zebrafruit crew dispatched.", attachmentIds: [file.id] });
  await bDesk.tickets.addNote({ ticketId: t.id, body: "Bravo zebrafruit internal note." });
  await bDesk.tickets.addWatcher({ ticketId: t.id, userId: w.bTech.id });
  await bDesk.tickets.setStatus({ id: t.id, status: "RESOLVED" });
  const mail = mailsTo(cb.customerEmail).find((m) => /is resolved/.test(m.subject))!;
  const otherTicketId = (
    await bDesk.tickets.create({
      categoryId,
      subject: "Bravo zebrafruit duplicate",
      description: "Same Bravo outage again.",
    })
  ).id;
  const cannedId = (
    await bDesk.tickets.canned.create({ title: "Bravo zebrafruit greeting", body: "Hello from Bravo." })
  ).id;
  const aCategoryId = (await w.aAdmin.tickets.options()).categories.find((c) => c.name === "Connectivity")!.id;
  const aTicketId = (
    await w.aAdmin.tickets.create({
      customerId: cb.aCustomerId,
      categoryId: aCategoryId,
      subject: "Alpha slow link",
      description: "Alpha customer sees slow speeds.",
    })
  ).id;
  const csatToken = linkToken(mail.text, "csat");
  return {
    tkb: {
      ticketId: t.id,
      otherTicketId,
      categoryId,
      cannedId,
      attachmentId: file.id,
      csatToken,
      aTicketId,
      aCategoryId,
    },
  };
});

export default isolationCases({
  setup: async (w) => ({
    ...(await ticketsFixture(w)),
    ...(await customersFixture(w)),
    ...(await subscriptionsFixture(w)),
    ...(await staffFixture(w)),
  }),
  snapshotB: async (tx) => ({
    tickets: await tx.ticket.findMany({ orderBy: { id: "asc" } }),
    ticketComments: await tx.ticketComment.findMany({ orderBy: { id: "asc" } }),
    ticketEvents: await tx.ticketEvent.count(),
    ticketWatchers: await tx.ticketWatcher.findMany({ orderBy: [{ ticketId: "asc" }, { userId: "asc" }] }),
    ticketCategories: await tx.ticketCategory.findMany({ orderBy: { id: "asc" } }),
    cannedResponses: await tx.cannedResponse.findMany({ orderBy: { id: "asc" } }),
    csatRequests: await tx.csatRequest.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.ticket.findMany()).flatMap((t) => [t.id, t.subject]),
    ...(await tx.ticketComment.findMany()).flatMap((c) => [c.id, c.body]),
    ...(await tx.ticketCategory.findMany()).map((c) => c.id),
    ...(await tx.cannedResponse.findMany()).flatMap((r) => [r.id, r.title]),
  ],
  procedures: {
    "tickets.list": async (w, f) => {
      const page = await w.aAdmin.tickets.list({ pageSize: 100 });
      expect(page.rows.map((r) => r.id)).toContain(f.tkb.aTicketId);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.tickets.list({ search: "zebrafruit" })).toMatchObject({ total: 0 });
      expect(await w.aAdmin.tickets.list({ customerId: f.cb.customerId })).toMatchObject({ total: 0 });
      expect(await w.aAdmin.tickets.list({ sla: "near_breach" })).toMatchObject({ rows: expect.any(Array) });
    },
    "tickets.get": async (w, f) => {
      expect((await failure(w.aAdmin.tickets.get({ id: f.tkb.ticketId }))).code).toBe("NOT_FOUND");
      await w.expectNoneOfB(await w.aAdmin.tickets.get({ id: f.tkb.aTicketId }));
    },
    "tickets.options": async (w, f) => {
      const options = await w.aAdmin.tickets.options();
      expect(options.categories.map((c) => c.id)).toContain(f.tkb.aCategoryId);
      await w.expectNoneOfB(options);
    },
    "tickets.forCustomer": async (w, f) => {
      expect((await failure(w.aAdmin.tickets.forCustomer({ customerId: f.cb.customerId }))).code).toBe("NOT_FOUND");
    },
    "tickets.create": async (w, f) => {
      // Neither B's category, B's customer nor B's staff can be used at A.
      expect(
        (
          await failure(
            w.aAdmin.tickets.create({
              categoryId: f.tkb.categoryId,
              subject: "Cross category",
              description: "Using B's category.",
            }),
          )
        ).fields,
      ).toEqual({ categoryId: "No such category." });
      await expectFailure(
        w.aAdmin.tickets.create({
          customerId: f.cb.customerId,
          categoryId: f.tkb.aCategoryId,
          subject: "Cross customer",
          description: "Using B's customer.",
        }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.tickets.create({
          subscriptionId: f.sb.subscriptionId,
          categoryId: f.tkb.aCategoryId,
          subject: "Cross line",
          description: "Using B's line.",
        }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.tickets.create({
          assigneeId: w.bTech.id,
          categoryId: f.tkb.aCategoryId,
          subject: "Cross assignee",
          description: "Using B's staff.",
        }),
        "NOT_FOUND",
      );
      const own = await w.aAdmin.tickets.create({
        categoryId: f.tkb.aCategoryId,
        subject: "Alpha own ticket",
        description: "Numbered at A.",
      });
      expect(own.number).toBeGreaterThan(1);
    },
    "tickets.update": async (w, f) => {
      const data = { subject: "Hijacked", categoryId: f.tkb.aCategoryId };
      expect((await failure(w.aAdmin.tickets.update({ id: f.tkb.ticketId, ...data }))).code).toBe("NOT_FOUND");
      await expectFailure(
        w.aAdmin.tickets.update({ id: f.tkb.aTicketId, ...data, customerId: f.cb.customerId }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.tickets.update({ id: f.tkb.aTicketId, subject: "Alpha slow link", categoryId: f.tkb.categoryId }),
        "UNPROCESSABLE_CONTENT",
      );
    },
    "tickets.reply": async (w, f) => {
      expect((await failure(w.aAdmin.tickets.reply({ ticketId: f.tkb.ticketId, body: "Injected reply" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "tickets.addNote": async (w, f) => {
      expect((await failure(w.aAdmin.tickets.addNote({ ticketId: f.tkb.ticketId, body: "Injected note" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "tickets.setStatus": async (w, f) => {
      expect((await failure(w.aAdmin.tickets.setStatus({ id: f.tkb.ticketId, status: "CLOSED" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "tickets.setPriority": async (w, f) => {
      expect((await failure(w.aAdmin.tickets.setPriority({ id: f.tkb.otherTicketId, priority: "LOW" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "tickets.assign": async (w, f) => {
      expect((await failure(w.aAdmin.tickets.assign({ id: f.tkb.otherTicketId, assigneeId: null }))).code).toBe(
        "NOT_FOUND",
      );
      // B's technician is not A's staff: a clear NOT_FOUND, A's ticket unchanged.
      const failed = await failure(w.aAdmin.tickets.assign({ id: f.tkb.aTicketId, assigneeId: w.bTech.id }));
      expect(failed).toMatchObject({
        code: "NOT_FOUND",
        fields: { assigneeId: "Not a staff member of your company." },
      });
    },
    "tickets.reroute": async (w, f) => {
      expect((await failure(w.aAdmin.tickets.reroute({ id: f.tkb.otherTicketId }))).code).toBe("NOT_FOUND");
      // Routing at A never picks B's staff.
      const rerouted = await w.aAdmin.tickets.reroute({ id: f.tkb.aTicketId });
      await w.expectNoneOfB(rerouted);
      await w.expectNoneOfB(await w.aAdmin.tickets.get({ id: f.tkb.aTicketId }));
    },
    "tickets.merge": async (w, f) => {
      await expectFailure(w.aAdmin.tickets.merge({ sourceId: f.tkb.aTicketId, targetId: f.tkb.ticketId }), "NOT_FOUND");
      await expectFailure(
        w.aAdmin.tickets.merge({ sourceId: f.tkb.otherTicketId, targetId: f.tkb.aTicketId }),
        "NOT_FOUND",
      );
    },
    "tickets.watch": async (w, f) => {
      expect((await failure(w.aAdmin.tickets.watch({ ticketId: f.tkb.ticketId }))).code).toBe("NOT_FOUND");
    },
    "tickets.unwatch": async (w, f) => {
      expect((await failure(w.aAdmin.tickets.unwatch({ ticketId: f.tkb.ticketId }))).code).toBe("NOT_FOUND");
    },
    "tickets.addWatcher": async (w, f) => {
      expect((await failure(w.aAdmin.tickets.addWatcher({ ticketId: f.tkb.aTicketId, userId: w.bTech.id }))).code).toBe(
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.tickets.addWatcher({ ticketId: f.tkb.ticketId, userId: w.aAdmin.ctx.viewer!.userId }),
        "NOT_FOUND",
      );
    },
    "tickets.removeWatcher": async (w, f) => {
      await expectFailure(
        w.aAdmin.tickets.removeWatcher({ ticketId: f.tkb.ticketId, userId: w.bTech.id }),
        "NOT_FOUND",
      );
    },
    "tickets.canned.list": async (w) => {
      await w.expectNoneOfB(await w.aAdmin.tickets.canned.list({ includeArchived: true }));
    },
    "tickets.canned.create": async (w, f) => {
      // Titles are unique per company: B's title is free at A, and B's response is untouched.
      const own = await w.aAdmin.tickets.canned.create({
        title: "Bravo zebrafruit greeting",
        body: "Alpha's own words.",
      });
      expect(own.id).not.toBe(f.tkb.cannedId);
      await w.aAdmin.tickets.canned.setArchived({ id: own.id, archived: true });
      expect(
        (
          await failure(
            w.aAdmin.tickets.canned.create({ title: "Cross category", body: "Hi", categoryId: f.tkb.categoryId }),
          )
        ).fields,
      ).toEqual({ categoryId: "No such category." });
    },
    "tickets.canned.update": async (w, f) => {
      await expectFailure(
        w.aAdmin.tickets.canned.update({ id: f.tkb.cannedId, title: "Hijacked", body: "Hijacked" }),
        "NOT_FOUND",
      );
    },
    "tickets.canned.setArchived": async (w, f) => {
      expect((await failure(w.aAdmin.tickets.canned.setArchived({ id: f.tkb.cannedId, archived: true }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "tickets.categories.list": async (w, f) => {
      const list = await w.aAdmin.tickets.categories.list({ includeArchived: true });
      expect(list.categories.map((c) => c.id)).toContain(f.tkb.aCategoryId);
      await w.expectNoneOfB(list);
    },
    "tickets.categories.create": async (w, f) => {
      const failed = await failure(
        w.aAdmin.tickets.categories.create({ group: "TECHNICAL", name: "Alpha fibre cut", skillId: f.stb.skillId }),
      );
      expect(failed.fields).toEqual({ skillId: "No such skill." });
    },
    "tickets.categories.update": async (w, f) => {
      await expectFailure(
        w.aAdmin.tickets.categories.update({ id: f.tkb.categoryId, group: "TECHNICAL", name: "Hijacked" }),
        "NOT_FOUND",
      );
    },
    "tickets.categories.setArchived": async (w, f) => {
      await expectFailure(
        w.aAdmin.tickets.categories.setArchived({ id: f.tkb.categoryId, archived: true }),
        "NOT_FOUND",
      );
    },
    "tickets.csat.peek": async (w, f) => {
      expect(await anonymousCaller(w.A.company).tickets.csat.peek({ token: f.tkb.csatToken })).toMatchObject({
        state: "unknown",
      });
      expect(await anonymousCaller(w.B.company).tickets.csat.peek({ token: f.tkb.csatToken })).toMatchObject({
        state: "open",
      });
    },
    "tickets.csat.submit": async (w, f) => {
      // B's link presented at A's address finds nothing; B's rating stays open.
      await expectFailure(
        anonymousCaller(w.A.company).tickets.csat.submit({ token: f.tkb.csatToken, rating: 1 }),
        "NOT_FOUND",
      );
    },
  },
  rest: {
    "GET /api/ticket-categories": async (w, f) => {
      const res = await call(categories, { host: hostOf(w.A.company.slug), token: w.aToken });
      expect(JSON.stringify(res.body)).toContain(f.tkb.aCategoryId);
      await w.expectNoneOfB(res.body);
    },
    "GET /api/tickets": async (w, f) => {
      const res = await call(list, { host: hostOf(w.A.company.slug), token: w.aToken, query: { pageSize: "100" } });
      expect(res.body.rows.map((r: { id: string }) => r.id)).toContain(f.tkb.aTicketId);
      await w.expectNoneOfB(res.body);
    },
    "POST /api/tickets": async (w, f) => {
      const body = { categoryId: f.tkb.categoryId, subject: "Cross category", description: "Using B's category." };
      const res = await call(create, { host: hostOf(w.A.company.slug), token: w.aToken, body });
      expect(res.body.error.fields).toEqual({ categoryId: "No such category." });
    },
    "GET /api/tickets/{id}": async (w, f) => {
      const res = await call(get, { host: hostOf(w.A.company.slug), token: w.aToken, params: { id: f.tkb.ticketId } });
      expect(res.status).toBe(404);
    },
    "PUT /api/tickets/{id}": async (w, f) => {
      const res = await call(update, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.tkb.otherTicketId },
        body: { status: "RESOLVED" },
      });
      expect(res.status).toBe(404);
    },
    "POST /api/tickets/{id}/comments": async (w, f) => {
      const res = await call(addComment, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.tkb.ticketId },
        body: { body: "Injected" },
      });
      expect(res.status).toBe(404);
    },
  },
});
