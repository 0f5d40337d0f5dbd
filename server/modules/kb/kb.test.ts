import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { makeCustomer } from "../subscriptions/testing";
import { systemActor } from "../scope";
import { meaningfulWords, plainText, suggest } from "./service";

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let support: Caller;
let field: Caller;
let customer: Caller;

const text = (parts: { text: string }[]) => parts.map((p) => p.text).join("");

beforeAll(async () => {
  co = await makeCompany("kb-isp");
  support = await callerAs(co.company, (await makeUser(co.company.id, "TECHNICAL_SUPPORT")).id);
  field = await callerAs(co.company, (await makeUser(co.company.id, "FIELD_TECHNICIAN")).id);
  const user = await makeUser(co.company.id, "CUSTOMER", { email: "reader@kb.test" });
  const c = await makeCustomer(co.company.id);
  await withTenant(co.company.id, (tx) => tx.customer.update({ where: { id: c.id }, data: { userId: user.id } }));
  customer = await callerAs(co.company, user.id);
});

const article = (title: string, body: string, extra: Record<string, unknown> = {}) => ({
  title,
  body,
  visibility: "PUBLIC" as const,
  published: true,
  ...extra,
});

describe("categories", () => {
  it("are ordered, renamed, moved and deleted (articles keep living without one)", async () => {
    const a = await support.kb.saveCategory({ name: "Getting connected" });
    const b = await support.kb.saveCategory({ name: "Billing" });
    expect((await failure(support.kb.saveCategory({ name: "billing" }))).fields).toEqual({
      name: "Already used by another category.",
    });
    expect((await support.kb.categories()).map((c) => c.name)).toEqual(["Getting connected", "Billing"]);
    await support.kb.moveCategory({ id: b.id, direction: "up" });
    expect((await support.kb.categories()).map((c) => c.name)).toEqual(["Billing", "Getting connected"]);
    await support.kb.saveCategory({ id: a.id, name: "Connecting" });
    const art = await support.kb.create(
      article("Pay with mobile money", "Open the menu and pay to our till number.", { categoryId: b.id }),
    );
    expect(await support.kb.deleteCategory({ id: b.id })).toEqual({ uncategorized: 1 });
    expect((await support.kb.get({ id: art.id })).category).toBeNull();
    expect((await support.kb.categories()).map((c) => c.name)).toEqual(["Connecting"]);
  });
});

describe("articles", () => {
  it("get a slug from the title, unique per company; an explicit clash is refused clearly", async () => {
    const first = await support.kb.create(
      article("Restart your router!", "Unplug the router, wait ten seconds, plug it back in."),
    );
    expect(first.slug).toBe("restart-your-router");
    const second = await support.kb.create(
      article("Restart your router", "Another text about restarting the router at home."),
    );
    expect(second.slug).toBe("restart-your-router-2");
    const f = await failure(
      support.kb.create(article("Something else", "A body long enough to save.", { slug: "restart-your-router" })),
    );
    expect(f.code).toBe("CONFLICT");
    expect(f.fields).toEqual({ slug: "Already used by another article: choose another." });
    expect(
      (await failure(support.kb.create(article("Bad slug", "A body long enough to save.", { slug: "Not a slug!" }))))
        .fields?.slug,
    ).toMatch(/lower-case/);
    // Another ISP may use the same address.
    const other = await makeCompany("kb-other");
    const otherSupport = await callerAs(other.company, (await makeUser(other.company.id, "TECHNICAL_SUPPORT")).id);
    expect(
      (await otherSupport.kb.create(article("Restart your router", "Their own words about restarting routers."))).slug,
    ).toBe("restart-your-router");
  });

  it("publishing sets the date once; unpublishing makes a draft; an edit keeps the address", async () => {
    const a = await support.kb.create(
      article("Moving house", "Tell us your new address two weeks ahead.", { published: false }),
    );
    expect(a).toMatchObject({ published: false, publishedAt: null });
    const p = await support.kb.update({ ...a, id: a.id, published: true, title: "Moving house with us", slug: null });
    expect(p.published).toBe(true);
    expect(p.slug).toBe("moving-house");
    const again = await support.kb.update({
      ...p,
      id: a.id,
      published: true,
      body: p.body + " We move the line for free.",
    });
    expect(again.publishedAt).toEqual(p.publishedAt);
    expect((await support.kb.update({ ...again, id: a.id, published: false })).publishedAt).toBeNull();
  });

  it("a field technician reads but may not write", async () => {
    expect((await field.kb.list({})).total).toBeGreaterThan(0);
    expect((await failure(field.kb.create(article("Nope", "Should not be saved at all.")))).code).toBe("FORBIDDEN");
  });
});

describe("excerpts", () => {
  it("read as prose: emphasis marks vanish without leaving a gap, headings and links become text", () => {
    expect(plainText("## Slow speeds\n**Restart your router**: wait 30 s, see [our guide](https://x.example/g).")).toBe(
      "Slow speeds Restart your router: wait 30 s, see our guide.",
    );
  });
});

describe("search", () => {
  let titleHit: string;
  let bodyHit: string;
  beforeAll(async () => {
    bodyHit = (
      await support.kb.create(
        article(
          "Speed troubleshooting",
          "If pages load slowly, the ONT may be overheating: check the ONT lights and the fibre cable.",
        ),
      )
    ).id;
    titleHit = (
      await support.kb.create(
        article("ONT lights explained", "What each light on the box means: power, PON, LOS and LAN."),
      )
    ).id;
  });

  it("ranks a title hit above a body hit and marks the words found", async () => {
    const page = await support.kb.list({ search: "ont" });
    const ids = page.rows.map((r) => r.id);
    expect(ids.indexOf(titleHit)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(titleHit)).toBeLessThan(ids.indexOf(bodyHit));
    const snippet = page.rows.find((r) => r.id === bodyHit)!.snippet;
    expect(snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toContain("ont");
    expect(text(snippet)).not.toMatch(/[⟦⟧]/);
  });

  it("understands web-search syntax and filters by state, visibility and category", async () => {
    expect((await support.kb.list({ search: '"fibre cable"' })).rows.map((r) => r.id)).toEqual([bodyHit]);
    expect((await support.kb.list({ search: "ont -overheating" })).rows.map((r) => r.id)).toEqual([titleHit]);
    expect((await support.kb.list({ search: "ont", state: "draft" })).total).toBe(0);
    expect((await support.kb.list({ search: "ont", visibility: "INTERNAL" })).total).toBe(0);
    expect((await support.kb.list({ search: "ont", categoryId: "none" })).total).toBe(2);
    expect((await support.kb.list({ search: "zzzz-nothing" })).total).toBe(0);
    // Punctuation a person types does not break the query.
    expect((await support.kb.list({ search: "ont & | ! :* (" })).total).toBeGreaterThan(0);
  });

  it("pages a search", async () => {
    const p2 = await support.kb.list({ search: "ont", pageSize: 1, page: 2 });
    expect(p2).toMatchObject({ total: 2, pageCount: 2 });
    expect(p2.rows.map((r) => r.id)).toEqual([bodyHit]);
    expect(await support.kb.list({ search: "ont", pageSize: 1, page: 5 })).toMatchObject({ total: 2, rows: [] });
  });
});

describe("what the portal sees", () => {
  let internal: { id: string; slug: string };
  let draft: { id: string; slug: string };
  let pub: { id: string; slug: string };
  beforeAll(async () => {
    internal = await support.kb.create(
      article("OLT port troubleshooting", "Check the OLT PON port optical power and the splitter.", {
        visibility: "INTERNAL",
      }),
    );
    draft = await support.kb.create(
      article("Optical power draft", "Draft about optical power levels on the customer ONT.", { published: false }),
    );
    pub = await support.kb.create(
      article(
        "Slow internet speeds",
        "Slow speeds? Restart the router, move closer to it, and test the speed with a cable.",
      ),
    );
  });

  it("never gets internal or draft articles: not in suggest, search, categories or by address", async () => {
    const suggested = await customer.kb.suggest({ text: "optical power on the OLT port is low" });
    expect(suggested.map((a) => a.id)).not.toContain(internal.id);
    expect(suggested.map((a) => a.id)).not.toContain(draft.id);
    const help = await customer.kb.help({ search: "optical" });
    expect(help.articles).toEqual([]);
    const all = await customer.kb.help({});
    expect(all.articles.map((a) => a.id)).toEqual(expect.arrayContaining([pub.id]));
    expect(all.articles.map((a) => a.id)).not.toContain(internal.id);
    expect(all.articles.map((a) => a.id)).not.toContain(draft.id);
    for (const slug of [internal.slug, draft.slug]) {
      expect((await failure(customer.kb.helpArticle({ slug }))).code).toBe("NOT_FOUND");
      expect((await failure(customer.kb.helpViewed({ slug }))).code).toBe("NOT_FOUND");
    }
    // Staff do see them.
    expect((await support.kb.list({ search: "optical" })).total).toBe(2);
  });

  it("the help centre's search forgives sentences but honours web-search syntax", async () => {
    expect((await customer.kb.help({ search: "my internet speeds are slow" })).articles.map((a) => a.id)).toContain(
      pub.id,
    );
    expect((await customer.kb.help({ search: '"slow internet speeds"' })).articles.map((a) => a.id)).toEqual([pub.id]);
    expect((await customer.kb.help({ search: "slow -restart" })).articles.map((a) => a.id)).not.toContain(pub.id);
  });

  it("reads a public article by its address and counts the view", async () => {
    const a = await customer.kb.helpArticle({ slug: pub.slug });
    expect(a).toMatchObject({ title: "Slow internet speeds" });
    expect(a).not.toHaveProperty("authorId");
    await customer.kb.helpViewed({ slug: pub.slug });
    await customer.kb.helpViewed({ slug: pub.slug });
    expect((await support.kb.get({ id: pub.id })).views).toBe(2);
  });

  it("staff cannot use the portal's procedures, customers cannot use staff's", async () => {
    expect((await failure(support.kb.suggest({ text: "slow internet" }))).code).toBe("FORBIDDEN");
    expect((await failure(customer.kb.list({}))).code).toBe("FORBIDDEN");
    expect((await failure(customer.kb.get({ id: internal.id }))).code).toBe("FORBIDDEN");
  });
});

describe("suggest", () => {
  it("finds relevant public articles from a customer's everyday words", async () => {
    const wifi = await support.kb.create(
      article(
        "Wi-Fi channel tips",
        "If your Wi-Fi is slow or drops, change the wireless channel in the router settings.",
      ),
    );
    const bill = await support.kb.create(
      article("Paying your bill", "Pay with M-Pesa to our paybill number; use your account number as the reference."),
    );
    const typed = "Hello, my wifi keeps dropping since yesterday and it is very slow in the bedroom";
    const ids = (await customer.kb.suggest({ text: typed })).map((a) => a.id);
    expect(ids[0]).toBe(wifi.id);
    expect(ids).not.toContain(bill.id);
    expect((await customer.kb.suggest({ text: "how do I pay my bill with mpesa?" })).map((a) => a.id)[0]).toBe(bill.id);
    // Prefixes: "connect" finds nothing here, "rout" finds the router articles.
    expect((await customer.kb.suggest({ text: "router" })).length).toBeGreaterThan(0);
  });

  it("needs 3 characters and meaningful words; respects the limit", async () => {
    expect(await customer.kb.suggest({ text: "wi" })).toEqual([]);
    expect(await customer.kb.suggest({ text: "please help, it is not working today" })).toEqual([]);
    expect((await customer.kb.suggest({ text: "router slow speeds wifi", limit: 2 })).length).toBe(2);
    expect(meaningfulWords("My Wi-Fi isn't working!! 2 days, router 123, ROUTER")).toEqual(["router"]);
  });

  it("is callable from other modules with a plain scope (the tickets module does)", async () => {
    const found = await withTenant(co.company.id, (tx) =>
      suggest({ tx, companyId: co.company.id, actor: systemActor }, "slow speeds"),
    );
    expect(found.map((a) => a.title)).toContain("Slow internet speeds");
  });
});
