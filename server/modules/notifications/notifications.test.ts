import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure, outboxOf } from "../../test/trpc";
import { systemActor } from "../scope";
import { notify } from "./service";

type Company = Awaited<ReturnType<typeof makeCompany>>;
let A: Company;
let B: Company;
let tech: Awaited<ReturnType<typeof makeUser>>;
let lead: Awaited<ReturnType<typeof makeUser>>;
let customer: Awaited<ReturnType<typeof makeUser>>;
let foreign: Awaited<ReturnType<typeof makeUser>>;

const send = (companyId: string, input: Parameters<typeof notify>[1]) =>
  withTenant(companyId, (tx) => notify({ tx, companyId, actor: systemActor }, input));

beforeAll(async () => {
  A = await makeCompany("notify-a");
  B = await makeCompany("notify-b");
  tech = await makeUser(A.company.id, "TECHNICAL_SUPPORT", { email: "tech@notify-a.test", name: "Tess Tech" });
  lead = await makeUser(A.company.id, "CUSTOMER_SERVICE_MANAGER", { email: "lead@notify-a.test", name: "Leo Lead" });
  customer = await makeUser(A.company.id, "CUSTOMER", { email: "cust@notify-a.test", name: "Cara Customer" });
  foreign = await makeUser(B.company.id, "TECHNICAL_SUPPORT", { email: "tech@notify-b.test" });
});

describe("notify", () => {
  it("creates one notification per user of the company, skipping unknown, foreign and disabled ids", async () => {
    const disabled = await makeUser(A.company.id, "TECHNICAL_SUPPORT", { email: "gone@notify-a.test" });
    await withTenant(A.company.id, (tx) =>
      tx.user.update({ where: { id: disabled.id }, data: { status: "DISABLED" } }),
    );
    await send(A.company.id, {
      userIds: [tech.id, lead.id, tech.id, foreign.id, "no-such-user", disabled.id],
      kind: "sla.near_breach",
      title: "Ticket #7 is near its response target",
      link: "/tickets/t7",
    });
    const rows = await withTenant(A.company.id, (tx) =>
      tx.notification.findMany({ where: { kind: "sla.near_breach" } }),
    );
    expect(rows.map((r) => r.userId).sort()).toEqual([tech.id, lead.id].sort());
    expect(rows[0]).toMatchObject({
      companyId: A.company.id,
      title: "Ticket #7 is near its response target",
      link: "/tickets/t7",
      readAt: null,
    });
    expect(await withTenant(B.company.id, (tx) => tx.notification.count())).toBe(0);
    expect(await outboxOf(A.company.id)).toHaveLength(0);
  });

  it("with email: true also e-mails each recipient through the outbox, with an absolute link", async () => {
    await send(A.company.id, {
      userIds: [lead.id],
      kind: "ticket.critical",
      title: "Critical ticket #9: fibre cut",
      body: "Kilimani is down.",
      link: "/tickets/t9",
      email: true,
    });
    const mail = (await outboxOf(A.company.id)).filter((m) => m.to === "lead@notify-a.test");
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe("Critical ticket #9: fibre cut");
    expect(mail[0].text).toContain("Kilimani is down.");
    expect(mail[0].text).toMatch(/https?:\/\/notify-a\.[^\s]*\/tickets\/t9/);
  });

  it("refuses a link to another site and writes nothing", async () => {
    const before = await withTenant(A.company.id, (tx) => tx.notification.count());
    await expect(
      send(A.company.id, { userIds: [tech.id], kind: "x", title: "Phish", link: "https://evil.example/login" }),
    ).rejects.toThrow(/path in the app/);
    await expect(
      send(A.company.id, { userIds: [tech.id], kind: "x", title: "Phish", link: "//evil.example/login" }),
    ).rejects.toThrow(/path in the app/);
    expect(await withTenant(A.company.id, (tx) => tx.notification.count())).toBe(before);
  });

  it("nobody to tell is not an error", async () => {
    await send(A.company.id, { userIds: [], kind: "x", title: "Nobody" });
    await send(A.company.id, { userIds: [foreign.id], kind: "x", title: "Nobody here" });
    expect(await withTenant(A.company.id, (tx) => tx.notification.count({ where: { kind: "x" } }))).toBe(0);
  });
});

describe("the bell: each person sees and marks only their own", () => {
  it("lists newest first with the unread count, marks some and then all read", async () => {
    for (const n of [1, 2, 3])
      await send(A.company.id, {
        userIds: [customer.id],
        kind: "ticket.reply",
        title: `Reply ${n}`,
        link: `/portal/tickets/${n}`,
      });
    const me = await callerAs(A.company, customer.id);
    const first = await me.notifications.list({ pageSize: 2 });
    expect(first).toMatchObject({ total: 3, unread: 3, pageCount: 2 });
    expect(first.rows.map((r) => r.title)).toEqual(["Reply 3", "Reply 2"]);
    expect(await me.notifications.unreadCount()).toEqual({ count: 3 });

    expect(await me.notifications.markRead({ ids: [first.rows[0].id] })).toEqual({ updated: 1 });
    expect(await me.notifications.unreadCount()).toEqual({ count: 2 });
    expect((await me.notifications.list({ unreadOnly: true })).rows.map((r) => r.title)).toEqual([
      "Reply 2",
      "Reply 1",
    ]);
    expect(await me.notifications.markAllRead()).toEqual({ updated: 2 });
    expect(await me.notifications.unreadCount()).toEqual({ count: 0 });
    expect(await me.notifications.markAllRead()).toEqual({ updated: 0 });
  });

  it("cannot read or mark a colleague's notifications", async () => {
    await send(A.company.id, { userIds: [tech.id], kind: "private", title: "For Tess only" });
    const theirs = await withTenant(A.company.id, (tx) =>
      tx.notification.findFirstOrThrow({ where: { userId: tech.id, kind: "private" } }),
    );
    const other = await callerAs(A.company, lead.id);
    expect((await other.notifications.list({})).rows.map((r) => r.id)).not.toContain(theirs.id);
    expect(await other.notifications.markRead({ ids: [theirs.id] })).toEqual({ updated: 0 });
    const after = await withTenant(A.company.id, (tx) =>
      tx.notification.findUniqueOrThrow({ where: { id: theirs.id } }),
    );
    expect(after.readAt).toBeNull();
  });

  it("validates the ids to mark", async () => {
    const me = await callerAs(A.company, tech.id);
    expect((await failure(me.notifications.markRead({ ids: [] }))).fields).toEqual({
      ids: "Choose at least one notification.",
    });
  });
});
