import { beforeAll, describe, expect, it, vi } from "vitest";
import { attachmentOwners } from "../../api/attachment-owners";
import { permissionsOf } from "../../auth/permissions";
import { withTenant } from "../../db/tenant";
import { inngest } from "../../jobs/client";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { linkToken, mailsTo } from "../../test/mail";
import { expectFailure, failure, outboxOf } from "../../test/trpc";
import { makeCustomer } from "../subscriptions/testing";
import { downloadResponse, type FileViewer } from "../storage/http";
import * as storage from "../storage/service";
import type { Scope } from "../scope";
import { DEFAULT_CATEGORIES } from "./defaults";
import { create } from "./service";

// Tickets end to end on real PostgreSQL: the workflow and its refusals, replies and notes (a
// customer never sees a note), merging, watchers, assignment across companies, CSAT, numbering
// under concurrency, and who hears about what.

type Caller = Awaited<ReturnType<typeof callerAs>>;
type Company = Awaited<ReturnType<typeof makeCompany>>;

let co: Company;
let other: Company;
let manager: Caller; // CUSTOMER_SERVICE_MANAGER: works every ticket
let support: Caller; // TECHNICAL_SUPPORT
let tech: Caller; // FIELD_TECHNICIAN: sees only tickets assigned to them or watched
let techId: string;
let supportId: string;
let portalUserId: string;
let customerPortal: Caller; // the CUSTOMER sign-in of `customerId`
let customerId: string; // with a portal sign-in
let emailOnlyCustomerId: string; // known only by e-mail
let strangerId: string; // a customer of the same company who is someone else
let otherStaffId: string; // staff of another company
let categoryId: string;
let billingCategoryId: string;

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

async function upload(userId: string, name = "photo.png") {
  return withTenant(co.company.id, (tx) =>
    storage.upload(
      { tx, companyId: co.company.id, actor: { type: "USER", id: userId, label: "t" } },
      { fileName: name, contentType: "image/png", bytes: PNG },
    ),
  );
}

const events = (ticketId: string) =>
  withTenant(co.company.id, (tx) =>
    tx.ticketEvent.findMany({ where: { ticketId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  );
const row = (id: string) => withTenant(co.company.id, (tx) => tx.ticket.findUniqueOrThrow({ where: { id } }));
const newTicket = (subject = "Internet keeps dropping", extra: Record<string, unknown> = {}) =>
  manager.tickets.create({
    customerId,
    categoryId,
    subject,
    description: "Since Monday the connection drops every evening.",
    ...extra,
  });

beforeAll(async () => {
  co = await makeCompany("tickets-isp");
  other = await makeCompany("tickets-other");
  manager = await callerAs(
    co.company,
    (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER", { name: "Samuel Mwangi" })).id,
  );
  supportId = (await makeUser(co.company.id, "TECHNICAL_SUPPORT", { name: "Aisha Njeri" })).id;
  support = await callerAs(co.company, supportId);
  techId = (await makeUser(co.company.id, "FIELD_TECHNICIAN", { name: "Peter Kamau" })).id;
  tech = await callerAs(co.company, techId);
  otherStaffId = (await makeUser(other.company.id, "TECHNICAL_SUPPORT", { name: "Elsewhere" })).id;

  const portalUser = await makeUser(co.company.id, "CUSTOMER", { email: "brian@example.com", name: "Brian Ouma" });
  portalUserId = portalUser.id;
  customerId = (await makeCustomer(co.company.id, { firstName: "Brian" })).id;
  emailOnlyCustomerId = (await makeCustomer(co.company.id, { firstName: "Esther" })).id;
  strangerId = (await makeCustomer(co.company.id, { firstName: "Stranger" })).id;
  await withTenant(co.company.id, async (tx) => {
    await tx.customer.update({
      where: { id: customerId },
      data: { userId: portalUser.id, email: "brian@example.com", searchText: "brian otieno brian@example.com" },
    });
    await tx.customer.update({ where: { id: emailOnlyCustomerId }, data: { email: "esther@example.com" } });
  });
  customerPortal = await callerAs(co.company, portalUser.id);
  const opts = await manager.tickets.options();
  categoryId = opts.categories.find((c) => c.name === "Connectivity")!.id;
  billingCategoryId = opts.categories.find((c) => c.name === "Billing inquiry")!.id;
});

describe("categories", () => {
  it("a new company starts with the seed list of categories", async () => {
    const { categories } = await manager.tickets.categories.list({});
    expect(categories.map((c) => `${c.group}:${c.name}`).sort()).toEqual(
      DEFAULT_CATEGORIES.map((c) => `${c.group}:${c.name}`).sort(),
    );
  });

  it("archived categories are not offered, duplicates are refused by name", async () => {
    const cat = await manager.tickets.categories.create({ group: "TECHNICAL", name: "Wi-Fi coverage" });
    await expectFailure(manager.tickets.categories.create({ group: "TECHNICAL", name: "Wi-Fi coverage" }), "CONFLICT");
    await manager.tickets.categories.setArchived({ id: cat.id, archived: true });
    expect((await manager.tickets.options()).categories.map((c) => c.id)).not.toContain(cat.id);
    const f = await failure(
      manager.tickets.create({
        categoryId: cat.id,
        subject: "Weak signal upstairs",
        description: "Bedroom has no signal.",
      }),
    );
    expect(f).toMatchObject({ code: "UNPROCESSABLE_CONTENT", fields: { categoryId: "No such category." } });
  });
});

describe("creating", () => {
  it("numbers tickets per company, starts the SLA clocks, and records who opened it", async () => {
    const t = await newTicket("First ticket");
    const r = await row(t.id);
    expect(r).toMatchObject({ channel: "STAFF", status: "NEW", priority: "MEDIUM", customerId, assigneeId: null });
    expect(r.responseDueAt!.getTime()).toBeGreaterThan(r.createdAt.getTime());
    expect(r.resolutionDueAt!.getTime()).toBeGreaterThan(r.responseDueAt!.getTime());
    // Nobody has a staff profile: routing explains why it left the ticket in the queue.
    expect((r.routing as { summary: string }).summary).toMatch(/nobody has a staff profile/i);
    const kinds = (await events(t.id)).map((e) => e.kind);
    expect(kinds).toEqual(["created", "routed"]);
    expect((await events(t.id))[0]!.actorLabel).toBe("Samuel Mwangi");
  });

  it("20 tickets opened at once get 20 distinct consecutive numbers", async () => {
    const fresh = await makeCompany("tickets-numbers");
    const admin = await callerAs(fresh.company, (await makeUser(fresh.company.id, "SUPER_ADMIN")).id);
    const cat = (await admin.tickets.options()).categories[0]!.id;
    const made = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin.tickets.create({ categoryId: cat, subject: `Outage report ${i}`, description: "Whole estate offline." }),
      ),
    );
    expect(made.map((t) => t.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(made.find((t) => t.number === 7)!.numberLabel).toBe("#7");
  });

  it("refuses a subscription of another customer and a customer of another company", async () => {
    const f = await failure(
      manager.tickets.create({
        customerId: "no-such-customer",
        categoryId,
        subject: "Ghost",
        description: "Nobody here.",
      }),
    );
    expect(f).toMatchObject({ code: "NOT_FOUND", fields: { customerId: "No such customer." } });
    const pkg = await withTenant(co.company.id, (tx) =>
      tx.package.create({
        data: {
          id: newId(),
          companyId: co.company.id,
          name: "Home 10",
          code: "H10",
          type: "PPPOE",
          downloadKbps: 10_000,
          uploadKbps: 2_000,
          priceMinor: 1500,
        },
      }),
    );
    const sub = await withTenant(co.company.id, (tx) =>
      tx.subscription.create({
        data: {
          id: newId(),
          companyId: co.company.id,
          customerId: strangerId,
          packageId: pkg.id,
          startDate: new Date("2026-01-01"),
        },
      }),
    );
    const g = await failure(
      manager.tickets.create({
        customerId,
        subscriptionId: sub.id,
        categoryId,
        subject: "Wrong line",
        description: "Mixed up lines.",
      }),
    );
    expect(g).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      fields: { subscriptionId: "Choose one of this customer's subscriptions." },
    });
    // A subscription alone brings its customer along.
    const t = await manager.tickets.create({
      subscriptionId: sub.id,
      categoryId,
      subject: "Line down",
      description: "No light on the ONT.",
    });
    expect((await row(t.id)).customerId).toBe(strangerId);
  });

  it("sends support/ticket.created with the ticket's priority, keyed by the ticket", async () => {
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["evt"] } as never);
    process.env.INNGEST_DEV = "1";
    try {
      const t = await newTicket("Total outage", { priority: "CRITICAL" });
      expect(send).toHaveBeenCalledWith({
        id: `ticket-created-${t.id}`,
        name: "support/ticket.created",
        data: { companyId: co.company.id, ticketId: t.id, priority: "CRITICAL" },
      });
    } finally {
      delete process.env.INNGEST_DEV;
      send.mockRestore();
    }
  });
});

describe("the status workflow", () => {
  it("walks NEW → ASSIGNED → IN_PROGRESS ⇄ WAITING_ON_CUSTOMER → RESOLVED → CLOSED → REOPENED, each step an event", async () => {
    const t = await newTicket("Workflow");
    expect(await support.tickets.assign({ id: t.id, assigneeId: supportId })).toMatchObject({
      status: "ASSIGNED",
      assigneeId: supportId,
    });
    for (const status of [
      "IN_PROGRESS",
      "WAITING_ON_CUSTOMER",
      "IN_PROGRESS",
      "RESOLVED",
      "CLOSED",
      "REOPENED",
    ] as const) {
      expect(await support.tickets.setStatus({ id: t.id, status })).toMatchObject({ status });
    }
    const statusEvents = (await events(t.id))
      .filter((e) => e.kind === "status")
      .map((e) => `${e.fromValue}→${e.toValue}`);
    expect(statusEvents).toEqual([
      "NEW→ASSIGNED",
      "ASSIGNED→IN_PROGRESS",
      "IN_PROGRESS→WAITING_ON_CUSTOMER",
      "WAITING_ON_CUSTOMER→IN_PROGRESS",
      "IN_PROGRESS→RESOLVED",
      "RESOLVED→CLOSED",
      "CLOSED→REOPENED",
    ]);
    const all = await events(t.id);
    expect(
      all.filter((e) => e.kind === "status").every((e) => e.actorLabel === "Aisha Njeri" && e.actorId === supportId),
    ).toBe(true);
    const r = await row(t.id);
    expect(r).toMatchObject({ status: "REOPENED", reopenCount: 1, resolvedAt: null, closedAt: null, slaCycle: 1 });
  });

  it("waiting on the customer pauses the resolution clock; going back resumes it", async () => {
    const t = await newTicket("Pause me");
    await support.tickets.setStatus({ id: t.id, status: "IN_PROGRESS" });
    await support.tickets.setStatus({ id: t.id, status: "WAITING_ON_CUSTOMER" });
    const paused = await row(t.id);
    expect(paused.slaPausedAt).not.toBeNull();
    expect(paused.resolutionLeftSec).toBeGreaterThan(0);
    await support.tickets.setStatus({ id: t.id, status: "IN_PROGRESS" });
    expect((await row(t.id)).slaPausedAt).toBeNull();
  });

  it("refuses illegal moves with a message that says what to do, and changes nothing", async () => {
    const t = await newTicket("Illegal moves");
    const cases: [string, RegExp][] = [
      ["CLOSED", /Only a resolved ticket can be closed/],
      ["REOPENED", /Only a resolved or closed ticket can be reopened/],
      ["ASSIGNED", /Assign the ticket to someone first/],
    ];
    for (const [status, message] of cases) {
      const f = await failure(support.tickets.setStatus({ id: t.id, status: status as "CLOSED" }));
      expect(f.code, status).toBe("UNPROCESSABLE_CONTENT");
      expect(f.message, status).toMatch(message);
    }
    await support.tickets.setStatus({ id: t.id, status: "RESOLVED" });
    expect((await failure(support.tickets.setStatus({ id: t.id, status: "IN_PROGRESS" }))).message).toBe(
      "A resolved ticket cannot become in progress: reopen it first.",
    );
    expect((await failure(support.tickets.setStatus({ id: t.id, status: "NEW" }))).message).toMatch(
      /cannot go back to new/,
    );
    expect((await row(t.id)).status).toBe("RESOLVED");
    expect((await events(t.id)).filter((e) => e.kind === "status")).toHaveLength(1);
  });

  it("a priority change records an event and recomputes the targets", async () => {
    const t = await newTicket("Priority");
    const before = await row(t.id);
    await support.tickets.setPriority({ id: t.id, priority: "CRITICAL" });
    const after = await row(t.id);
    expect(after.priority).toBe("CRITICAL");
    expect(after.responseTargetMin).toBeLessThan(before.responseTargetMin);
    expect((await events(t.id)).find((e) => e.kind === "priority")).toMatchObject({
      fromValue: "MEDIUM",
      toValue: "CRITICAL",
    });
  });
});

describe("assignment", () => {
  it("refuses staff of another company (NOT_FOUND) and customer accounts, and leaves the ticket as it was", async () => {
    const t = await newTicket("Assign");
    const f = await failure(manager.tickets.assign({ id: t.id, assigneeId: otherStaffId }));
    expect(f).toMatchObject({
      code: "NOT_FOUND",
      message: "That person is not on your company's staff. Choose someone from your own team.",
      fields: { assigneeId: "Not a staff member of your company." },
    });
    const g = await failure(manager.tickets.assign({ id: t.id, assigneeId: portalUserId }));
    expect(g).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      fields: { assigneeId: "Choose a staff member, not a customer." },
    });
    expect(await row(t.id)).toMatchObject({ assigneeId: null, status: "NEW" });
    // Nor at creation.
    expect((await failure(newTicket("Cross assign", { assigneeId: otherStaffId }))).code).toBe("NOT_FOUND");
  });

  it("tells the assignee (bell and e-mail); unassigning an assigned ticket puts it back to new", async () => {
    const t = await newTicket("Tell the tech");
    await manager.tickets.assign({ id: t.id, assigneeId: techId });
    const bell = await withTenant(co.company.id, (tx) =>
      tx.notification.findMany({ where: { userId: techId, kind: "ticket.assigned" } }),
    );
    expect(bell.some((n) => n.link === `/tickets/${t.id}`)).toBe(true);
    expect(await manager.tickets.assign({ id: t.id, assigneeId: null })).toMatchObject({
      status: "NEW",
      assigneeId: null,
    });
  });

  it("routing assigns by staff profile and explains itself; staff can override, and re-run it", async () => {
    await withTenant(co.company.id, (tx) =>
      tx.staffProfile.create({ data: { userId: techId, companyId: co.company.id, areas: ["Mango Lane"] } }),
    );
    try {
      const t = await newTicket("Routed");
      const r = await row(t.id);
      expect(r).toMatchObject({ assigneeId: techId, status: "ASSIGNED", area: "Mango Lane" });
      const detail = await manager.tickets.get({ id: t.id });
      expect(detail.routing).toMatchObject({
        chosenId: techId,
        candidates: [expect.objectContaining({ userId: techId, name: "Peter Kamau" })],
      });
      await manager.tickets.assign({ id: t.id, assigneeId: supportId });
      expect((await events(t.id)).find((e) => e.kind === "assigned" && e.toValue === "Aisha Njeri")?.note).toBe(
        "Manual override of routing",
      );
      expect(await manager.tickets.reroute({ id: t.id })).toMatchObject({ assigneeId: techId });
    } finally {
      await withTenant(co.company.id, (tx) => tx.staffProfile.delete({ where: { userId: techId } }));
    }
  });

  it("a field technician sees only tickets assigned to them or watched", async () => {
    const mine = await newTicket("For the tech");
    const notMine = await newTicket("Not for the tech");
    await manager.tickets.assign({ id: mine.id, assigneeId: techId });
    const ids = (await tech.tickets.list({ pageSize: 100 })).rows.map((r) => r.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(notMine.id);
    expect((await failure(tech.tickets.get({ id: notMine.id }))).code).toBe("NOT_FOUND");
    expect((await failure(tech.tickets.reply({ ticketId: notMine.id, body: "Sneaky" }))).code).toBe("NOT_FOUND");
    await manager.tickets.addWatcher({ ticketId: notMine.id, userId: techId });
    expect((await tech.tickets.get({ id: notMine.id })).watching).toBe(true);
  });
});

describe("replies and internal notes", () => {
  it("the first public reply stops the response clock and starts the work; the customer is told", async () => {
    const t = await newTicket("First response");
    await support.tickets.reply({ ticketId: t.id, body: "Hello Brian, we are checking your line." });
    const r = await row(t.id);
    expect(r.firstRespondedAt).not.toBeNull();
    expect(r.status).toBe("IN_PROGRESS");
    expect((await events(t.id)).map((e) => e.kind)).toContain("first_response");
    const bell = await withTenant(co.company.id, (tx) =>
      tx.notification.findMany({ where: { userId: portalUserId, kind: "ticket.reply" } }),
    );
    expect(bell.some((n) => n.link === `/portal/support/${t.id}`)).toBe(true);
    // A second reply does not move the first response.
    await support.tickets.reply({ ticketId: t.id, body: "Still checking." });
    expect((await row(t.id)).firstRespondedAt).toEqual(r.firstRespondedAt);
  });

  it("a customer known only by e-mail gets the reply by e-mail", async () => {
    const t = await manager.tickets.create({
      customerId: emailOnlyCustomerId,
      categoryId: billingCategoryId,
      subject: "Invoice question",
      description: "Why was I charged twice?",
    });
    // Opened by staff on her behalf: she hears it is logged, with its number.
    const opened = mailsTo("esther@example.com").find(
      (m) => m.subject === `Ticket ${t.numberLabel} — Invoice question`,
    );
    expect(opened?.text).toContain(`We have logged your request as ticket ${t.numberLabel}`);
    await support.tickets.reply({ ticketId: t.id, body: "We refunded the second charge." });
    const mail = mailsTo("esther@example.com").find((m) => m.subject.startsWith("Re:"));
    expect(mail?.subject).toBe(`Re: ticket ${t.numberLabel} — Invoice question`);
    expect(mail?.text).toContain("We refunded the second charge.");
  });

  it("a customer's reply ends WAITING_ON_CUSTOMER, reopens a RESOLVED ticket, and is refused on a CLOSED one", async () => {
    const t = await newTicket("Customer replies");
    await support.tickets.assign({ id: t.id, assigneeId: supportId });
    await support.tickets.reply({
      ticketId: t.id,
      body: "Please restart the router and tell us.",
      status: "WAITING_ON_CUSTOMER",
    });
    expect((await row(t.id)).status).toBe("WAITING_ON_CUSTOMER");

    expect(
      await customerPortal.portal.tickets.reply({ ticketId: t.id, body: "Restarted, still dropping." }),
    ).toMatchObject({ status: "IN_PROGRESS" });
    const bell = await withTenant(co.company.id, (tx) =>
      tx.notification.findMany({ where: { userId: supportId, kind: "ticket.customer_reply" } }),
    );
    expect(bell.length).toBeGreaterThan(0);

    await support.tickets.setStatus({ id: t.id, status: "RESOLVED" });
    expect(
      await customerPortal.portal.tickets.reply({ ticketId: t.id, body: "It dropped again tonight." }),
    ).toMatchObject({ status: "REOPENED" });
    expect((await row(t.id)).reopenCount).toBe(1);

    await support.tickets.setStatus({ id: t.id, status: "RESOLVED" });
    await support.tickets.setStatus({ id: t.id, status: "CLOSED" });
    const comments = () => withTenant(co.company.id, (tx) => tx.ticketComment.count({ where: { ticketId: t.id } }));
    const before = await comments();
    const f = await failure(customerPortal.portal.tickets.reply({ ticketId: t.id, body: "Hello?" }));
    expect(f).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "This ticket is closed, so it cannot take replies. Open a new ticket and mention this one.",
    });
    expect((await failure(support.tickets.reply({ ticketId: t.id, body: "Late answer" }))).message).toBe(
      "This ticket is closed: reopen it before replying.",
    );
    expect(await comments()).toBe(before);
    // An internal note on a closed ticket is fine: it documents, it does not answer.
    await support.tickets.addNote({ ticketId: t.id, body: "Closed after the third restart." });
  });

  it("a customer never sees an internal note, its files or internal events, in the portal or the download route", async () => {
    const t = await newTicket("Secret notes");
    const noteFile = await upload(supportId, "splice-report.png");
    const publicFile = await upload(supportId, "speedtest.png");
    await support.tickets.addNote({
      ticketId: t.id,
      body: "INTERNAL: customer owes 3 months, be careful",
      attachmentIds: [noteFile.id],
    });
    await support.tickets.reply({ ticketId: t.id, body: "We are on it.", attachmentIds: [publicFile.id] });
    await support.tickets.setPriority({ id: t.id, priority: "HIGH" });

    const seen = await customerPortal.portal.tickets.get({ id: t.id });
    const text = JSON.stringify(seen);
    expect(text).not.toContain("INTERNAL: customer owes");
    expect(text).not.toContain(noteFile.id);
    expect(text).toContain(publicFile.id);
    expect(seen.comments.map((c) => c.body)).toEqual(["We are on it."]);
    expect(seen.events.map((e) => e.kind).every((k) => ["created", "status", "merged_into"].includes(k))).toBe(true);
    expect(text).not.toMatch(/priority|routed|Samuel|assigned/i);
    expect(JSON.stringify(await customerPortal.portal.tickets.list({}))).not.toContain("INTERNAL");

    // Staff see both.
    const staffView = await support.tickets.get({ id: t.id });
    expect(staffView.comments.map((c) => c.visibility)).toEqual(["INTERNAL", "PUBLIC"]);

    const viewer: FileViewer = {
      userId: portalUserId,
      companyId: co.company.id,
      email: "brian@example.com",
      role: "CUSTOMER",
      permissions: permissionsOf("CUSTOMER"),
    };
    const req = (id: string) => new Request(`http://tickets-isp.localhost:3000/api/attachments/${id}`);
    expect((await downloadResponse(co.company, viewer, noteFile.id, req(noteFile.id), attachmentOwners)).status).toBe(
      404,
    );
    expect(
      (await downloadResponse(co.company, viewer, publicFile.id, req(publicFile.id), attachmentOwners)).status,
    ).toBe(200);
    // Another customer of the same company sees neither.
    const strangerUser = await makeUser(co.company.id, "CUSTOMER");
    await withTenant(co.company.id, (tx) =>
      tx.customer.update({ where: { id: strangerId }, data: { userId: strangerUser.id } }),
    );
    const stranger: FileViewer = { ...viewer, userId: strangerUser.id };
    expect(
      (await downloadResponse(co.company, stranger, publicFile.id, req(publicFile.id), attachmentOwners)).status,
    ).toBe(404);
    const strangerPortal = await callerAs(co.company, strangerUser.id);
    expect((await failure(strangerPortal.portal.tickets.get({ id: t.id }))).code).toBe("NOT_FOUND");
    expect((await failure(strangerPortal.portal.tickets.reply({ ticketId: t.id, body: "Hi" }))).code).toBe("NOT_FOUND");
  });

  it("attachments are linked once, by the person who uploaded them", async () => {
    const t = await newTicket("Files");
    const mine = await upload(supportId);
    const f = await failure(
      manager.tickets.reply({ ticketId: t.id, body: "With someone else's file", attachmentIds: [mine.id] }),
    );
    expect(f).toMatchObject({ code: "UNPROCESSABLE_CONTENT", fields: { attachmentIds: "Attach the file again." } });
    expect(await withTenant(co.company.id, (tx) => tx.ticketComment.count({ where: { ticketId: t.id } }))).toBe(0);
    await support.tickets.reply({ ticketId: t.id, body: "Photo of the cabinet", attachmentIds: [mine.id] });
    await expectFailure(
      support.tickets.reply({ ticketId: t.id, body: "Again", attachmentIds: [mine.id] }),
      "UNPROCESSABLE_CONTENT",
    );
    const detail = await support.tickets.get({ id: t.id });
    expect(detail.comments[0]!.attachments).toEqual([
      expect.objectContaining({ id: mine.id, fileName: "photo.png", url: `/api/attachments/${mine.id}` }),
    ]);
  });
});

describe("merging duplicates", () => {
  it("closes the duplicate, points it at the other ticket, keeps its conversation; the customer sees 'merged into'", async () => {
    const target = await newTicket("Slow internet");
    const source = await customerPortal.portal.tickets.create({
      categoryId,
      subject: "Internet is slow again",
      description: "Pages load slowly since yesterday.",
    });
    await support.tickets.reply({ ticketId: source.id, body: "Thanks, looking into it." });
    await manager.tickets.watch({ ticketId: source.id });

    const result = await manager.tickets.merge({ sourceId: source.id, targetId: target.id });
    expect(result).toMatchObject({ sourceId: source.id, targetId: target.id });
    expect(await row(source.id)).toMatchObject({ status: "CLOSED", mergedIntoId: target.id });

    const staffView = await manager.tickets.get({ id: source.id });
    expect(staffView.comments.map((c) => c.body)).toContain("Thanks, looking into it.");
    expect(staffView.mergedInto).toMatchObject({ id: target.id, numberLabel: target.numberLabel });
    expect((await manager.tickets.get({ id: target.id })).merged.map((m) => m.id)).toEqual([source.id]);
    expect((await manager.tickets.get({ id: target.id })).watchers.map((w) => w.name)).toContain("Samuel Mwangi");

    const customerView = await customerPortal.portal.tickets.get({ id: source.id });
    expect(customerView).toMatchObject({
      mergedInto: { id: target.id, numberLabel: target.numberLabel },
      canReply: false,
    });
    expect(customerView.comments.map((c) => c.body)).toContain("Thanks, looking into it.");
    const f = await failure(customerPortal.portal.tickets.reply({ ticketId: source.id, body: "Any news?" }));
    expect(f.message).toBe(`This ticket was merged into ${target.numberLabel}; reply there instead.`);
  });

  it("refuses merging into itself, twice, into a closed ticket, or across customers", async () => {
    const a = await newTicket("Dup A");
    const b = await newTicket("Dup B");
    expect((await failure(manager.tickets.merge({ sourceId: a.id, targetId: a.id }))).fields).toEqual({
      targetId: "A ticket cannot be merged into itself.",
    });
    const theirs = await manager.tickets.create({
      customerId: strangerId,
      categoryId,
      subject: "Their ticket",
      description: "Someone else's problem.",
    });
    expect((await failure(manager.tickets.merge({ sourceId: a.id, targetId: theirs.id }))).message).toBe(
      "These tickets belong to different customers, so they are not duplicates.",
    );
    await manager.tickets.merge({ sourceId: a.id, targetId: b.id });
    expect((await failure(manager.tickets.merge({ sourceId: a.id, targetId: b.id }))).message).toMatch(
      /already merged/,
    );
    const c = await newTicket("Dup C");
    expect((await failure(manager.tickets.merge({ sourceId: c.id, targetId: a.id }))).message).toMatch(
      /was itself merged/,
    );
  });
});

describe("watchers", () => {
  it("watch, unwatch, add and remove others; watchers hear about customer replies; another company's user is not found", async () => {
    const t = await newTicket("Watch me");
    expect(await support.tickets.watch({ ticketId: t.id })).toMatchObject({ watching: true });
    await manager.tickets.addWatcher({ ticketId: t.id, userId: techId });
    expect((await manager.tickets.get({ id: t.id })).watchers.map((w) => w.name).sort()).toEqual([
      "Aisha Njeri",
      "Peter Kamau",
    ]);
    expect((await failure(manager.tickets.addWatcher({ ticketId: t.id, userId: otherStaffId }))).code).toBe(
      "NOT_FOUND",
    );

    await customerPortal.portal.tickets.reply({ ticketId: t.id, body: "Any update?" });
    const told = await withTenant(co.company.id, (tx) =>
      tx.notification.findMany({
        where: { kind: "ticket.customer_reply", link: `/tickets/${t.id}` },
        select: { userId: true },
      }),
    );
    expect(told.map((n) => n.userId).sort()).toEqual([supportId, techId].sort());

    await support.tickets.unwatch({ ticketId: t.id });
    await manager.tickets.removeWatcher({ ticketId: t.id, userId: techId });
    expect((await manager.tickets.get({ id: t.id })).watchers).toEqual([]);
    expect((await events(t.id)).filter((e) => e.kind.startsWith("watcher_")).map((e) => e.kind)).toEqual([
      "watcher_added",
      "watcher_added",
      "watcher_removed",
      "watcher_removed",
    ]);
  });
});

describe("CSAT", () => {
  const tokenOf = async (to: string) => {
    const mail = mailsTo(to).find((m) => /is resolved/.test(m.subject));
    if (!mail) throw new Error(`no rating request to ${to}`);
    const token = linkToken(mail.text, "csat");
    // The outbox keeps the request without a usable link.
    const kept = (await outboxOf(co.company.id)).find((m) => m.to === to && m.subject === mail.subject)!;
    expect(kept.text).toMatch(/\/csat\/••••••/);
    expect(kept.text + kept.html).not.toContain(token);
    return token;
  };

  it("on resolution an e-mailed single-use link rates once; the portal then shows the rating", async () => {
    const anon = (await import("../../test/fixtures")).anonymousCaller(co.company);
    const t = await manager.tickets.create({
      customerId: emailOnlyCustomerId,
      categoryId,
      subject: "Rate me by mail",
      description: "Router replaced.",
    });
    await support.tickets.setStatus({ id: t.id, status: "RESOLVED" });
    const token = await tokenOf("esther@example.com");
    expect(await anon.tickets.csat.peek({ token })).toMatchObject({
      state: "open",
      ticket: { numberLabel: t.numberLabel, subject: "Rate me by mail" },
    });
    expect(await anon.tickets.csat.submit({ token, rating: 4, comment: "Quick and polite" })).toMatchObject({
      rating: 4,
    });
    expect(await row(t.id)).toMatchObject({ csatRating: 4, csatComment: "Quick and polite" });
    const again = await failure(anon.tickets.csat.submit({ token, rating: 1 }));
    expect(again).toMatchObject({ code: "CONFLICT", message: "You have already rated this ticket. Thank you!" });
    expect((await row(t.id)).csatRating).toBe(4);
    expect(await anon.tickets.csat.peek({ token })).toMatchObject({ state: "rated", rating: 4 });
    expect((await failure(anon.tickets.csat.submit({ token, rating: 9 }))).fields).toEqual({
      rating: "Choose a rating from 1 to 5.",
    });
    expect(await anon.tickets.csat.peek({ token: "x".repeat(43) })).toMatchObject({ state: "unknown" });
  });

  it("a link expires; reopening withdraws it; the next resolution asks again, once", async () => {
    const anon = (await import("../../test/fixtures")).anonymousCaller(co.company);
    const t = await newTicket("Rate in portal");
    await support.tickets.setStatus({ id: t.id, status: "RESOLVED" });
    expect((await customerPortal.portal.tickets.get({ id: t.id })).rating).toEqual({
      canRate: true,
      rating: null,
      comment: null,
    });
    const token = await tokenOf("brian@example.com");

    // Expired: past expiresAt.
    await withTenant(co.company.id, (tx) =>
      tx.csatRequest.updateMany({ where: { ticketId: t.id }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    );
    expect((await failure(anon.tickets.csat.submit({ token, rating: 5 }))).message).toBe(
      "This rating link has expired.",
    );
    expect((await failure(customerPortal.portal.tickets.rate({ ticketId: t.id, rating: 5 }))).message).toBe(
      "This rating link has expired.",
    );

    // Reopen and resolve again: a fresh request; the portal rates once.
    await customerPortal.portal.tickets.reply({ ticketId: t.id, body: "It broke again." });
    expect((await customerPortal.portal.tickets.get({ id: t.id })).rating.canRate).toBe(false);
    await support.tickets.setStatus({ id: t.id, status: "RESOLVED" });
    expect(
      await customerPortal.portal.tickets.rate({ ticketId: t.id, rating: 5, comment: "Fixed for good" }),
    ).toMatchObject({ rating: 5 });
    expect((await customerPortal.portal.tickets.get({ id: t.id })).rating).toEqual({
      canRate: false,
      rating: 5,
      comment: "Fixed for good",
    });
    expect((await failure(customerPortal.portal.tickets.rate({ ticketId: t.id, rating: 1 }))).code).toBe("CONFLICT");
    const requests = await withTenant(co.company.id, (tx) => tx.csatRequest.count({ where: { ticketId: t.id } }));
    expect(requests).toBe(2);
  });
});

describe("the portal", () => {
  it("a customer opens a ticket for themselves (channel PORTAL, their customer record) and lists only their own", async () => {
    const file = await upload(portalUserId, "modem-lights.png");
    const t = await customerPortal.portal.tickets.create({
      categoryId,
      subject: "Red light on the modem",
      description: "The LOS light is blinking red.",
      attachmentIds: [file.id],
    });
    expect(await row(t.id)).toMatchObject({
      channel: "PORTAL",
      customerId,
      requesterUserId: portalUserId,
      priority: "MEDIUM",
    });
    const seen = await customerPortal.portal.tickets.get({ id: t.id });
    expect(seen.attachments.map((a) => a.id)).toEqual([file.id]);
    const list = await customerPortal.portal.tickets.list({ state: "all", pageSize: 50 });
    expect(list.rows.map((r) => r.id)).toContain(t.id);
    const customers = await withTenant(co.company.id, (tx) =>
      tx.ticket.findMany({ where: { id: { in: list.rows.map((r) => r.id) } }, select: { customerId: true } }),
    );
    expect(new Set(customers.map((c) => c.customerId))).toEqual(new Set([customerId]));
  });

  it("a staff-noted ticket is not shown as written by the customer; two lines of one package are told apart", async () => {
    const noted = await newTicket("Called about the evening drops");
    expect((await customerPortal.portal.tickets.get({ id: noted.id })).openedByCustomer).toBe(false);
    const own = await customerPortal.portal.tickets.create({
      categoryId,
      subject: "Slow in the evening",
      description: "Very slow after 8 pm.",
    });
    expect((await customerPortal.portal.tickets.get({ id: own.id })).openedByCustomer).toBe(true);

    const pkg = await withTenant(co.company.id, (tx) =>
      tx.package.create({
        data: {
          id: newId(),
          companyId: co.company.id,
          name: "Business 50",
          code: "B50",
          type: "PPPOE",
          downloadKbps: 50_000,
          uploadKbps: 20_000,
          priceMinor: 9000,
        },
      }),
    );
    await withTenant(co.company.id, (tx) =>
      tx.subscription.createMany({
        data: ["brian-office", "brian-shop"].map((pppoeUsername) => ({
          id: newId(),
          companyId: co.company.id,
          customerId,
          packageId: pkg.id,
          pppoeUsername,
          startDate: new Date("2026-01-01"),
        })),
      }),
    );
    const labels = (await customerPortal.portal.tickets.options()).services.map((s) => s.label);
    expect(labels).toEqual(expect.arrayContaining(["Business 50 (brian-office)", "Business 50 (brian-shop)"]));
  });

  it("a customer with tickets cannot be deleted: terminate instead", async () => {
    const f = await failure(manager.customers.delete({ id: customerId }));
    expect(f.code).toBe("CONFLICT");
    expect(f.message).toMatch(/has history \(.*support tickets\).*terminate the account instead/);
    const timeline = await manager.customers.timeline({ id: customerId });
    expect(timeline.some((i) => i.source === "ticket" && i.action === "ticket.opened")).toBe(true);
  });
});

describe("canned responses", () => {
  it("managers write them, everyone who replies lists them; titles are unique", async () => {
    const c = await manager.tickets.canned.create({
      title: "Restart the router",
      body: "Hello {customer}, please restart your router. — {agent}",
    });
    expect((await support.tickets.canned.list({})).map((r) => r.title)).toContain("Restart the router");
    expect((await failure(manager.tickets.canned.create({ title: "Restart the router", body: "Again" }))).code).toBe(
      "CONFLICT",
    );
    await manager.tickets.canned.update({ id: c.id, title: "Restart the router", body: "Updated body" });
    await manager.tickets.canned.setArchived({ id: c.id, archived: true });
    expect((await support.tickets.canned.list({})).map((r) => r.id)).not.toContain(c.id);
    expect((await manager.tickets.canned.list({ includeArchived: true })).find((r) => r.id === c.id)).toMatchObject({
      archived: true,
      body: "Updated body",
    });
  });
});

describe("the queue", () => {
  it("searches by number, subject and customer; filters by status, assignee, SLA; pages and sorts on the server", async () => {
    const a = await newTicket("Fibre cut on Mango Lane", { priority: "HIGH" });
    await manager.tickets.assign({ id: a.id, assigneeId: supportId });
    expect((await support.tickets.list({ search: a.numberLabel })).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await support.tickets.list({ search: "fibre cut" })).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await support.tickets.list({ search: "brian", pageSize: 100 })).rows.map((r) => r.id)).toContain(a.id);
    const mine = await support.tickets.list({ assignee: "mine", pageSize: 100 });
    expect(mine.rows.every((r) => r.assignee?.id === supportId)).toBe(true);
    const unassigned = await support.tickets.list({ assignee: "unassigned", status: "open", pageSize: 100 });
    expect(unassigned.rows.every((r) => r.assignee === null)).toBe(true);
    expect(
      (await support.tickets.list({ priority: "HIGH", pageSize: 100 })).rows.every((r) => r.priority === "HIGH"),
    ).toBe(true);

    const page1 = await support.tickets.list({ pageSize: 3, sort: "number", direction: "asc" });
    const page2 = await support.tickets.list({ pageSize: 3, page: 2, sort: "number", direction: "asc" });
    expect(page1.total).toBeGreaterThan(6);
    expect(page1.rows.map((r) => r.number)).toEqual([...page1.rows.map((r) => r.number)].sort((x, y) => x - y));
    expect(page2.rows[0]!.number).toBeGreaterThan(page1.rows[2]!.number);
    expect(page1.rows[0]!.clock).toMatchObject({
      response: expect.any(Object),
      resolution: expect.any(Object),
      nearBreach: expect.any(Boolean),
    });

    // Breached: a due time in the past; near breach: most of the target used.
    const late = await newTicket("Late one");
    await withTenant(co.company.id, (tx) =>
      tx.ticket.update({ where: { id: late.id }, data: { responseDueAt: new Date(Date.now() - 60_000) } }),
    );
    const near = await newTicket("Nearly late", { priority: "CRITICAL" });
    const n = await row(near.id);
    const target = n.resolutionTargetMin * 60_000;
    await withTenant(co.company.id, (tx) =>
      tx.ticket.update({
        where: { id: near.id },
        data: { calendarId: null, firstRespondedAt: new Date(), resolutionDueAt: new Date(Date.now() + target * 0.1) },
      }),
    );
    const breached = (await support.tickets.list({ sla: "breached", pageSize: 100 })).rows.map((r) => r.id);
    expect(breached).toContain(late.id);
    expect(breached).not.toContain(near.id);
    const nearIds = (await support.tickets.list({ sla: "near_breach", pageSize: 100 })).rows.map((r) => r.id);
    expect(nearIds).toContain(near.id);
    expect(nearIds).not.toContain(late.id);
  });
});

describe("creating through the service", () => {
  it("the REST channel is recorded as API", async () => {
    const scope = (tx: Scope["tx"]): Scope => ({
      tx,
      companyId: co.company.id,
      actor: { type: "API", id: supportId, label: "api" },
    });
    const t = await withTenant(co.company.id, (tx) =>
      create(
        scope(tx),
        { categoryId, subject: "From the API", description: "Created by an integration." },
        { channel: "API", allowAssignee: true },
      ),
    );
    expect((await row(t.id)).channel).toBe("API");
  });
});
