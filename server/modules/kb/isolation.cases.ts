import { expect } from "vitest";
import { callerAs, makeUser } from "../../test/fixtures";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure, failure } from "../../test/trpc";
import { customersFixture } from "../customers/isolation.cases";

// Tenant isolation of the knowledge base, for staff and in the portal.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** B's category, a public and an internal article; A's own public article. */
export const kbFixture = fixture(async (w) => {
  const bSupport = await callerAs(w.B.company, (await makeUser(w.B.company.id, "TECHNICAL_SUPPORT")).id);
  const categoryId = (await bSupport.kb.saveCategory({ name: "Bravo help" })).id;
  const pub = await bSupport.kb.create({
    title: "Bravo zebrafruit router guide",
    body: "Zebrafruit routers restart with the side button.",
    categoryId,
    visibility: "PUBLIC",
    published: true,
  });
  const internalId = (
    await bSupport.kb.create({
      title: "Bravo zebrafruit OLT notes",
      body: "Internal zebrafruit notes for the NOC.",
      visibility: "INTERNAL",
      published: true,
    })
  ).id;
  const aCategoryId = (await w.aAdmin.kb.saveCategory({ name: "Alpha help" })).id;
  const aArticleId = (
    await w.aAdmin.kb.create({
      title: "Alpha router guide",
      body: "Alpha routers restart with the back button.",
      categoryId: aCategoryId,
      visibility: "PUBLIC",
      published: true,
    })
  ).id;
  return { kbb: { categoryId, publicId: pub.id, publicSlug: pub.slug, internalId, aCategoryId, aArticleId } };
});

export default isolationCases({
  setup: async (w) => ({ ...(await kbFixture(w)), ...(await customersFixture(w)) }),
  snapshotB: async (tx) => ({
    kbCategories: await tx.kbCategory.findMany({ orderBy: { id: "asc" } }),
    kbArticles: await tx.kbArticle.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.kbCategory.findMany()).map((c) => c.id),
    ...(await tx.kbArticle.findMany()).flatMap((a) => [a.id, a.slug]),
  ],
  procedures: {
    "kb.categories": async (w, f) => {
      const list = await w.aAdmin.kb.categories();
      expect(list.map((c) => c.id)).toContain(f.kbb.aCategoryId);
      await w.expectNoneOfB(list);
    },
    "kb.saveCategory": async (w, f) => {
      expect((await failure(w.aAdmin.kb.saveCategory({ id: f.kbb.categoryId, name: "Hijacked" }))).code).toBe(
        "NOT_FOUND",
      );
      // Names are unique per company: B's is free at A.
      expect((await w.aAdmin.kb.saveCategory({ name: "Bravo help" })).companyId).toBe(w.A.company.id);
    },
    "kb.moveCategory": async (w, f) => {
      expect((await failure(w.aAdmin.kb.moveCategory({ id: f.kbb.categoryId, direction: "up" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "kb.deleteCategory": async (w, f) => {
      expect((await failure(w.aAdmin.kb.deleteCategory({ id: f.kbb.categoryId }))).code).toBe("NOT_FOUND");
    },
    "kb.list": async (w, f) => {
      const page = await w.aAdmin.kb.list({ pageSize: 100 });
      expect(page.rows.map((r) => r.id)).toContain(f.kbb.aArticleId);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.kb.list({ search: "zebrafruit" })).toMatchObject({ total: 0, rows: [] });
      expect(await w.aAdmin.kb.list({ categoryId: f.kbb.categoryId })).toMatchObject({ total: 0 });
    },
    "kb.get": async (w, f) => {
      for (const id of [f.kbb.publicId, f.kbb.internalId])
        expect((await failure(w.aAdmin.kb.get({ id }))).code).toBe("NOT_FOUND");
    },
    "kb.create": async (w, f) => {
      const failed = await failure(
        w.aAdmin.kb.create({ title: "Cross link", body: "An article in B's category.", categoryId: f.kbb.categoryId }),
      );
      expect(failed.code).toBe("NOT_FOUND");
      // Addresses are unique per company: B's is free at A.
      const same = await w.aAdmin.kb.create({
        title: "Same address",
        body: "A's own article at B's address.",
        slug: f.kbb.publicSlug,
      });
      expect(same.slug).toBe(f.kbb.publicSlug);
      await w.aAdmin.kb.delete({ id: same.id }); // so later answers of A do not carry B's slug legitimately
    },
    "kb.update": async (w, f) => {
      await expectFailure(
        w.aAdmin.kb.update({
          id: f.kbb.publicId,
          title: "Hijacked",
          body: "Hijacked body text.",
          published: false,
        }),
        "NOT_FOUND",
      );
    },
    "kb.delete": async (w, f) => {
      expect((await failure(w.aAdmin.kb.delete({ id: f.kbb.publicId }))).code).toBe("NOT_FOUND");
    },
    "kb.suggest": async (w, f) => {
      const found = await f.aCustomerPortal.kb.suggest({ text: "zebrafruit router restart" });
      expect(found.map((a) => a.id)).toContain(f.kbb.aArticleId);
      await w.expectNoneOfB(found);
    },
    "kb.help": async (w, f) => {
      const all = await f.aCustomerPortal.kb.help({});
      expect(all.articles.map((a) => a.id)).toContain(f.kbb.aArticleId);
      await w.expectNoneOfB(all);
      expect((await f.aCustomerPortal.kb.help({ search: "zebrafruit" })).articles).toEqual([]);
      expect((await f.aCustomerPortal.kb.help({ categoryId: f.kbb.categoryId })).articles).toEqual([]);
    },
    "kb.helpArticle": async (w, f) => {
      expect((await failure(f.aCustomerPortal.kb.helpArticle({ slug: f.kbb.publicSlug }))).code).toBe("NOT_FOUND");
    },
    "kb.helpViewed": async (w, f) => {
      // The snapshot shows B's view count unchanged.
      expect((await failure(f.aCustomerPortal.kb.helpViewed({ slug: f.kbb.publicSlug }))).code).toBe("NOT_FOUND");
    },
  },
});
