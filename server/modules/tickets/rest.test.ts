import { beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { buildOpenApiDocument } from "../../api/rest/openapi";
import { restRoutes } from "../../api/rest/registry";
import { withTenant } from "../../db/tenant";
import { login } from "../auth/rest";
import { makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { makeCustomer } from "../subscriptions/testing";
import { addComment, categories, create, get, list, update } from "./rest";

// The tickets REST API per role: staff tokens work the company's tickets as their permissions
// allow; a customer's token sees only its own tickets and never an internal note; another
// company's ticket is 404 for everyone.

const A = hostOf("rest-tix-a");
const B = hostOf("rest-tix-b");
const tokens = {} as Record<"manager" | "tech" | "network" | "customer" | "stranger" | "bManager", string>;
let categoryId: string;
let customerId: string;
let techId: string;
let bTicketId: string;

async function tokenOf(host: string, email: string) {
  const res = await call(login, { host, body: { email, password: TEST_PASSWORD } });
  expect(res.status, res.text).toBe(200);
  return res.body.accessToken as string;
}

beforeAll(async () => {
  const a = await makeCompany("rest-tix-a");
  const b = await makeCompany("rest-tix-b");
  await makeUser(a.company.id, "CUSTOMER_SERVICE_MANAGER", { email: "csm@a.test" });
  techId = (await makeUser(a.company.id, "FIELD_TECHNICIAN", { email: "tech@a.test", name: "Tech A" })).id;
  await makeUser(a.company.id, "NETWORK_ADMIN", { email: "noc@a.test" });
  const customerUser = await makeUser(a.company.id, "CUSTOMER", { email: "brian@a.test" });
  const strangerUser = await makeUser(a.company.id, "CUSTOMER", { email: "stranger@a.test" });
  customerId = (await makeCustomer(a.company.id, { firstName: "Brian" })).id;
  const strangerCustomerId = (await makeCustomer(a.company.id, { firstName: "Stranger" })).id;
  await withTenant(a.company.id, async (tx) => {
    await tx.customer.update({ where: { id: customerId }, data: { userId: customerUser.id } });
    await tx.customer.update({ where: { id: strangerCustomerId }, data: { userId: strangerUser.id } });
  });
  await makeUser(b.company.id, "CUSTOMER_SERVICE_MANAGER", { email: "csm@b.test" });
  tokens.manager = await tokenOf(A, "csm@a.test");
  tokens.tech = await tokenOf(A, "tech@a.test");
  tokens.network = await tokenOf(A, "noc@a.test");
  tokens.customer = await tokenOf(A, "brian@a.test");
  tokens.stranger = await tokenOf(A, "stranger@a.test");
  tokens.bManager = await tokenOf(B, "csm@b.test");
  categoryId = (
    await withTenant(a.company.id, (tx) => tx.ticketCategory.findFirstOrThrow({ where: { name: "Connectivity" } }))
  ).id;
  const bCategory = (
    await withTenant(b.company.id, (tx) => tx.ticketCategory.findFirstOrThrow({ where: { name: "Speed" } }))
  ).id;
  const res = await call(create, {
    host: B,
    token: tokens.bManager,
    body: { categoryId: bCategory, subject: "Bravo ticket", description: "Only Bravo may see this." },
  });
  expect(res.status, res.text).toBe(201);
  bTicketId = res.body.id;
});

describe("/api/ticket-categories", () => {
  it("lists the company's categories for staff and customers' tokens, so a new ticket can name one", async () => {
    for (const token of [tokens.manager, tokens.customer]) {
      const res = await call(categories, { host: A, token });
      expect(res.status, res.text).toBe(200);
      expect(res.body.rows).toContainEqual({ id: categoryId, name: "Connectivity", group: "TECHNICAL" });
    }
    expect(
      (await call(categories, { host: B, token: tokens.bManager })).body.rows.map((r: { id: string }) => r.id),
    ).not.toContain(categoryId);
  });
});

describe("/api/tickets as staff", () => {
  it("POST opens (201, channel API), GET lists and reads, PUT changes status, priority and assignee", async () => {
    const created = await call(create, {
      host: A,
      token: tokens.manager,
      body: {
        customerId,
        categoryId,
        subject: "Router offline",
        description: "No lights on the router since the storm.",
        priority: "HIGH",
      },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ number: 1, numberLabel: "#1" });
    const id = created.body.id;

    const listed = await call(list, { host: A, token: tokens.manager, query: { search: "router offline" } });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body).toMatchObject({
      total: 1,
      rows: [{ id, priority: "HIGH", channel: "API", customerId, status: "NEW" }],
    });

    const put = await call(update, {
      host: A,
      token: tokens.manager,
      params: { id },
      body: { assigneeId: techId, priority: "CRITICAL" },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({
      status: "ASSIGNED",
      priority: "CRITICAL",
      assignee: { id: techId, name: "Tech A" },
    });
    const moved = await call(update, {
      host: A,
      token: tokens.manager,
      params: { id },
      body: { status: "IN_PROGRESS", statusNote: "On my way" },
    });
    expect(moved.body.status).toBe("IN_PROGRESS");

    const illegal = await call(update, { host: A, token: tokens.manager, params: { id }, body: { status: "CLOSED" } });
    expect(illegal.status).toBe(422);
    expect(illegal.body.error).toMatchObject({
      code: "INVALID",
      message: "Only a resolved ticket can be closed: resolve this in progress ticket first.",
    });
    expect((await call(update, { host: A, token: tokens.manager, params: { id }, body: {} })).status).toBe(400);
  });

  it("comments: public replies and internal notes by permission; a closed ticket takes none", async () => {
    const { body: t } = await call(create, {
      host: A,
      token: tokens.manager,
      body: { customerId, categoryId, subject: "Slow evenings", description: "Speed halves after 7pm." },
    });
    const reply = await call(addComment, {
      host: A,
      token: tokens.manager,
      params: { id: t.id },
      body: { body: "Checking the OLT port." },
    });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body).toMatchObject({ visibility: "PUBLIC", status: "IN_PROGRESS" });
    const note = await call(addComment, {
      host: A,
      token: tokens.network,
      params: { id: t.id },
      body: { body: "Port 3 errors rising", visibility: "INTERNAL" },
    });
    expect(note.status, note.text).toBe(201);
    // The network admin may note but not reply publicly.
    const refused = await call(addComment, {
      host: A,
      token: tokens.network,
      params: { id: t.id },
      body: { body: "Hi" },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("A public reply needs the permission tickets:reply.");

    const detail = await call(get, { host: A, token: tokens.manager, params: { id: t.id } });
    expect(detail.body.comments.map((c: { visibility: string }) => c.visibility)).toEqual(["PUBLIC", "INTERNAL"]);

    await call(update, { host: A, token: tokens.manager, params: { id: t.id }, body: { status: "RESOLVED" } });
    await call(update, { host: A, token: tokens.manager, params: { id: t.id }, body: { status: "CLOSED" } });
    const late = await call(addComment, {
      host: A,
      token: tokens.manager,
      params: { id: t.id },
      body: { body: "One more thing" },
    });
    expect(late.status).toBe(422);
    expect(late.body.error.message).toBe("This ticket is closed: reopen it before replying.");
  });

  it("a field technician sees only their tickets and cannot reassign", async () => {
    const { body: mine } = await call(create, {
      host: A,
      token: tokens.manager,
      body: { categoryId, subject: "Tech's job", description: "Replace the ONT.", assigneeId: techId },
    });
    const { body: notMine } = await call(create, {
      host: A,
      token: tokens.manager,
      body: { categoryId, subject: "Someone else's", description: "Not for the tech." },
    });
    const listed = await call(list, { host: A, token: tokens.tech, query: { pageSize: "100" } });
    const ids = listed.body.rows.map((r: { id: string }) => r.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(notMine.id);
    expect((await call(get, { host: A, token: tokens.tech, params: { id: notMine.id } })).status).toBe(404);
    const reassign = await call(update, {
      host: A,
      token: tokens.tech,
      params: { id: mine.id },
      body: { assigneeId: null },
    });
    expect(reassign.status).toBe(403);
    expect(
      (
        await call(create, {
          host: A,
          token: tokens.tech,
          body: { categoryId, subject: "Nope", description: "Techs do not open tickets." },
        })
      ).status,
    ).toBe(403);
  });

  it("another company's ticket is 404 for every method and stays as it was", async () => {
    const params = { id: bTicketId };
    expect((await call(get, { host: A, token: tokens.manager, params })).status).toBe(404);
    expect((await call(update, { host: A, token: tokens.manager, params, body: { status: "RESOLVED" } })).status).toBe(
      404,
    );
    expect(
      (await call(addComment, { host: A, token: tokens.manager, params, body: { body: "Injected" } })).status,
    ).toBe(404);
    expect((await call(list, { host: A, token: tokens.manager, query: { pageSize: "100" } })).text).not.toContain(
      bTicketId,
    );
    const theirs = await call(get, { host: B, token: tokens.bManager, params });
    expect(theirs.body).toMatchObject({ status: "NEW", comments: [] });
    expect((await call(get, { host: B, token: tokens.manager, params })).status).toBe(401);
  });
});

describe("/api/tickets with a customer's token", () => {
  it("opens its own ticket, sees only its own tickets and only public replies, replies publicly", async () => {
    const created = await call(create, {
      host: A,
      token: tokens.customer,
      body: {
        categoryId,
        subject: "No internet",
        description: "Nothing loads since morning.",
        customerId: "someone-else",
        priority: "CRITICAL",
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    const stored = await call(get, { host: A, token: tokens.manager, params: { id } });
    expect(stored.body).toMatchObject({ customerId, priority: "MEDIUM", channel: "API" });

    await call(addComment, {
      host: A,
      token: tokens.manager,
      params: { id },
      body: { body: "Is the router on?", status: "WAITING_ON_CUSTOMER" },
    });
    await call(addComment, {
      host: A,
      token: tokens.manager,
      params: { id },
      body: { body: "SECRET: bad payer", visibility: "INTERNAL" },
    });

    const mine = await call(get, { host: A, token: tokens.customer, params: { id } });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.text).not.toContain("SECRET");
    expect(mine.body.comments.map((c: { body: string; visibility: string }) => [c.visibility, c.body])).toEqual([
      ["PUBLIC", "Is the router on?"],
    ]);
    expect(mine.body).not.toHaveProperty("priority");
    expect(mine.body).not.toHaveProperty("assignee");

    const listed = await call(list, { host: A, token: tokens.customer });
    const theirs = await call(list, { host: A, token: tokens.manager, query: { customerId, pageSize: "100" } });
    expect(listed.body.rows.map((r: { id: string }) => r.id).sort()).toEqual(
      theirs.body.rows.map((r: { id: string }) => r.id).sort(),
    );
    expect(listed.body.rows.map((r: { id: string }) => r.id)).toContain(id);
    expect(listed.body.rows[0]).not.toHaveProperty("customerId");
    expect(listed.text).not.toContain("SECRET");

    const reply = await call(addComment, {
      host: A,
      token: tokens.customer,
      params: { id },
      body: { body: "Yes, it is on." },
    });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body).toMatchObject({ visibility: "PUBLIC", status: "IN_PROGRESS" });

    const internal = await call(addComment, {
      host: A,
      token: tokens.customer,
      params: { id },
      body: { body: "Let me see notes", visibility: "INTERNAL" },
    });
    expect(internal.status).toBe(403);
    expect(internal.body.error.message).toBe("Customers add public replies only.");
    expect(
      (await call(update, { host: A, token: tokens.customer, params: { id }, body: { status: "CLOSED" } })).status,
    ).toBe(403);
  });

  it("another customer's ticket is 404, and no staff ticket is listed", async () => {
    const { body: t } = await call(create, {
      host: A,
      token: tokens.customer,
      body: { categoryId, subject: "Mine only", description: "Private ticket." },
    });
    expect((await call(get, { host: A, token: tokens.stranger, params: { id: t.id } })).status).toBe(404);
    expect(
      (await call(addComment, { host: A, token: tokens.stranger, params: { id: t.id }, body: { body: "Hi" } })).status,
    ).toBe(404);
    expect((await call(list, { host: A, token: tokens.stranger })).body).toMatchObject({ total: 0, rows: [] });
  });

  it("filters by status before paging: total and pageCount count the matching tickets only", async () => {
    const open = async (subject: string) =>
      (
        await call(create, {
          host: A,
          token: tokens.stranger,
          body: { categoryId, subject, description: "For the status filter." },
        })
      ).body.id as string;
    const resolved = await open("Resolved one");
    const closed = await open("Closed one");
    await open("Still new");
    for (const [id, status] of [
      [resolved, "RESOLVED"],
      [closed, "RESOLVED"],
      [closed, "CLOSED"],
    ])
      expect((await call(update, { host: A, token: tokens.manager, params: { id }, body: { status } })).status).toBe(
        200,
      );

    const onlyResolved = await call(list, { host: A, token: tokens.stranger, query: { status: "RESOLVED" } });
    expect(onlyResolved.body).toMatchObject({ total: 1, pageCount: 1, rows: [{ id: resolved, status: "RESOLVED" }] });
    // The newest activity is the closed ticket: a filter applied after paging would leave page 1 empty.
    const onlyNew = await call(list, { host: A, token: tokens.stranger, query: { status: "NEW", pageSize: "1" } });
    expect(onlyNew.body).toMatchObject({ total: 1, pageCount: 1, rows: [{ subject: "Still new", status: "NEW" }] });
    const stillOpen = await call(list, { host: A, token: tokens.stranger, query: { status: "open" } });
    expect(stillOpen.body).toMatchObject({ total: 1, rows: [{ subject: "Still new" }] });
  });
});

describe("the OpenAPI document", () => {
  it("documents the five endpoints with the permissions that open them", () => {
    const doc = buildOpenApiDocument(restRoutes(), { servers: [{ url: "http://x" }] });
    expect(Object.keys(doc.paths["/api/tickets"]!)).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/tickets/{id}"]!)).toEqual(["get", "put"]);
    expect(Object.keys(doc.paths["/api/tickets/{id}/comments"]!)).toEqual(["post"]);
    expect(doc.paths["/api/tickets"]!.get!["x-permission"]).toBe("tickets:read | portal:access");
    expect(doc.paths["/api/tickets"]!.get!.description).toContain(
      "Requires one of the permissions `tickets:read`, `portal:access`.",
    );
    expect(doc.paths["/api/tickets/{id}"]!.put!["x-permission"]).toBe("tickets:reply");
  });
});

describe("POST /api/tickets with an Idempotency-Key", () => {
  const body = { categoryId, subject: "Fibre cut on Mango Rd", description: "Three homes down since 9am." };
  const countOf = (subject: string) =>
    call(list, { host: A, token: tokens.manager, query: { search: subject } }).then((r) => r.body.total as number);

  it("truly parallel duplicates on the pool open one ticket, each answered with it", async () => {
    const headers = { "Idempotency-Key": "tix-parallel-1" };
    const sent = { ...body, categoryId };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call(create, { host: A, token: tokens.manager, body: sent, headers })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(4);
    expect(await countOf("Fibre cut on Mango Rd")).toBe(1);
  });

  it("the same key with another body, or from another user, is refused with 409 and opens nothing", async () => {
    const headers = { "Idempotency-Key": "tix-key-2" };
    const first = await call(create, {
      host: A,
      token: tokens.manager,
      body: { ...body, categoryId, subject: "Tower 4 flapping" },
      headers,
    });
    expect(first.status, first.text).toBe(201);
    const other = await call(create, {
      host: A,
      token: tokens.manager,
      body: { ...body, categoryId, subject: "Tower 5 flapping" },
      headers,
    });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/Idempotency-Key was already used for a different request/);
    // A customer who guessed the key gets no answer meant for staff.
    const guessed = await call(create, {
      host: A,
      token: tokens.customer,
      body: { ...body, categoryId, subject: "Tower 4 flapping" },
      headers,
    });
    expect(guessed.status).toBe(409);
    expect(await countOf("Tower 4 flapping")).toBe(1);
    expect(await countOf("Tower 5 flapping")).toBe(0);
    // Without a key every POST opens a ticket.
    const plain = { ...body, categoryId, subject: "Tower 6 flapping" };
    await call(create, { host: A, token: tokens.manager, body: plain });
    await call(create, { host: A, token: tokens.manager, body: plain });
    expect(await countOf("Tower 6 flapping")).toBe(2);
  });
});
