import { expect } from "vitest";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";

// Tenant isolation of sites and IPAM.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** A site of B, and one of A's own with the same slug (slugs are unique per company only). */
export const ipamFixture = fixture(async (w) => {
  const bSiteId = (await w.bAdmin.ipam.sites.create({ name: "Bravo Tower", slug: "tower-1", code: "BRV1" })).id;
  const aSiteId = (await w.aAdmin.ipam.sites.create({ name: "Alpha Tower", slug: "tower-1", code: "BRV1" })).id;
  return { bSiteId, aSiteId };
});

export default isolationCases({
  setup: ipamFixture,
  snapshotB: async (tx) => ({
    sites: await tx.site.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [...(await tx.site.findMany()).map((s) => s.id), "Bravo Tower"],
  procedures: {
    "ipam.sites.list": async (w, f) => {
      const page = await w.aAdmin.ipam.sites.list({ pageSize: 100 });
      expect(page.rows.map((r) => r.id)).toEqual([f.aSiteId]);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.ipam.sites.list({ search: "bravo" })).toMatchObject({ total: 0 });
    },
    "ipam.sites.get": async (w, f) => {
      expect((await failure(w.aAdmin.ipam.sites.get({ id: f.bSiteId }))).code).toBe("NOT_FOUND");
    },
    "ipam.sites.options": async (w, f) => {
      const options = await w.aAdmin.ipam.sites.options();
      expect(options.map((o) => o.id)).toEqual([f.aSiteId]);
      await w.expectNoneOfB(options);
    },
    "ipam.sites.create": async (w) => {
      await w.aAdmin.ipam.sites.create({ name: "Alpha Hill", slug: "alpha-hill" });
    },
    "ipam.sites.update": async (w, f) => {
      const answer = await failure(w.aAdmin.ipam.sites.update({ id: f.bSiteId, name: "Taken", slug: "taken" }));
      expect(answer.code).toBe("NOT_FOUND");
    },
  },
});
