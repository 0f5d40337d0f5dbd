import { expect } from "vitest";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";
import { call, hostOf } from "../../api/rest/testing";
import * as rest from "./rest";

// Tenant isolation of sites and IPAM.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/**
 * B's site, VRF, pool with an allocated address and a delegation, VLAN group and VLAN; A's own
 * with the same slugs, names and addresses (all unique per company only).
 */
export const ipamFixture = fixture(async (w) => {
  const make = async (c: typeof w.aAdmin, name: string) => {
    const siteId = (await c.ipam.sites.create({ name: `${name} Tower`, slug: "tower-1", code: "TWR1" })).id;
    const vrfId = (await c.ipam.vrfs.create({ name: "CUSTOMERS", rd: "65000:1" })).id;
    const poolId = (await c.ipam.prefixes.create({ prefix: "10.99.0.0/24", isPool: true, vrfId, siteId })).id;
    const addressId = (await c.ipam.prefixes.allocateAddress({ prefixId: poolId, dnsName: `${name}.host` })).id;
    const v6PoolId = (await c.ipam.prefixes.create({ prefix: "2001:db8:99::/48", isPool: true })).id;
    const delegationId = (await c.ipam.prefixes.allocatePrefix({ prefixId: v6PoolId, length: 56 })).id;
    const groupId = (await c.ipam.vlans.createGroup({ name: `${name} access`, slug: "access" })).id;
    const vlanId = (await c.ipam.vlans.create({ vid: 100, name: `${name} mgmt`, groupId })).id;
    return { siteId, vrfId, poolId, addressId, v6PoolId, delegationId, groupId, vlanId };
  };
  return { b: await make(w.bAdmin, "Bravo"), a: await make(w.aAdmin, "Alpha") };
});

type F = Awaited<ReturnType<typeof ipamFixture>>;

export default isolationCases<F>({
  setup: ipamFixture,
  snapshotB: async (tx) => ({
    sites: await tx.site.findMany({ orderBy: { id: "asc" } }),
    vrfs: await tx.vrf.findMany({ orderBy: { id: "asc" } }),
    prefixes: await tx.prefix.findMany({ orderBy: { id: "asc" } }),
    addresses: await tx.ipAddress.findMany({ orderBy: { id: "asc" } }),
    vlanGroups: await tx.vlanGroup.findMany({ orderBy: { id: "asc" } }),
    vlans: await tx.vlan.findMany({ orderBy: { id: "asc" } }),
    events: await tx.ipamEvent.count(),
  }),
  idsOfB: async (tx) => [
    ...(await tx.site.findMany()).map((s) => s.id),
    ...(await tx.vrf.findMany()).map((s) => s.id),
    ...(await tx.prefix.findMany()).map((s) => s.id),
    ...(await tx.ipAddress.findMany()).map((s) => s.id),
    ...(await tx.vlanGroup.findMany()).map((s) => s.id),
    ...(await tx.vlan.findMany()).map((s) => s.id),
    ...(await tx.ipamEvent.findMany()).map((s) => s.id),
    "Bravo Tower",
    "Bravo.host",
    "Bravo mgmt",
  ],
  procedures: {
    "ipam.sites.list": async (w, f) => {
      const page = await w.aAdmin.ipam.sites.list({ pageSize: 100 });
      expect(page.rows.map((r) => r.id)).toContain(f.a.siteId);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.ipam.sites.list({ search: "bravo" })).toMatchObject({ total: 0 });
    },
    "ipam.sites.get": async (w, f) => {
      expect((await failure(w.aAdmin.ipam.sites.get({ id: f.b.siteId }))).code).toBe("NOT_FOUND");
    },
    "ipam.sites.options": async (w, f) => {
      const options = await w.aAdmin.ipam.sites.options();
      expect(options.map((o) => o.id)).toContain(f.a.siteId);
      await w.expectNoneOfB(options);
    },
    "ipam.sites.create": async (w) => {
      await w.aAdmin.ipam.sites.create({ name: "Alpha Hill", slug: "alpha-hill" });
    },
    "ipam.sites.update": async (w, f) => {
      const answer = await failure(w.aAdmin.ipam.sites.update({ id: f.b.siteId, name: "Taken", slug: "taken" }));
      expect(answer.code).toBe("NOT_FOUND");
    },
    "ipam.prefixes.list": async (w, f) => {
      const page = await w.aAdmin.ipam.prefixes.list({ pageSize: 200 });
      expect(page.rows.map((r) => r.id)).toContain(f.a.poolId);
      await w.expectNoneOfB(page);
      await w.expectNoneOfB(await w.aAdmin.ipam.prefixes.list({ search: "10.99.0.1" }));
    },
    "ipam.prefixes.pools": async (w, f) => {
      // B's pools are the same networks as A's: only A's own ids come back.
      const v4 = await w.aAdmin.ipam.prefixes.pools({ family: 4 });
      expect(v4.map((p) => p.id)).toEqual([f.a.poolId]);
      expect((await w.aAdmin.ipam.prefixes.pools({ family: 6 })).map((p) => p.id)).toEqual([f.a.v6PoolId]);
      await w.expectNoneOfB(v4);
    },
    "ipam.prefixes.get": async (w, f) => {
      expect((await failure(w.aAdmin.ipam.prefixes.get({ id: f.b.poolId }))).code).toBe("NOT_FOUND");
      // A's pool of the same network counts only A's addresses.
      const own = await w.aAdmin.ipam.prefixes.get({ id: f.a.poolId });
      expect(own.utilization).toBeCloseTo(1 / 256);
      await w.expectNoneOfB(own);
    },
    "ipam.prefixes.create": async (w, f) => {
      // B's VRF is no VRF of A's; B's identical prefix does not clash with A's new one.
      expect((await failure(w.aAdmin.ipam.prefixes.create({ prefix: "10.98.0.0/24", vrfId: f.b.vrfId }))).code).toBe(
        "UNPROCESSABLE_CONTENT",
      );
      await w.aAdmin.ipam.prefixes.create({ prefix: "10.99.1.0/24", vrfId: f.a.vrfId });
    },
    "ipam.prefixes.update": async (w, f) => {
      const answer = await failure(w.aAdmin.ipam.prefixes.update({ id: f.b.poolId, description: "mine" }));
      expect(answer.code).toBe("NOT_FOUND");
    },
    "ipam.prefixes.remove": async (w, f) => {
      expect((await failure(w.aAdmin.ipam.prefixes.remove({ id: f.b.poolId }))).code).toBe("NOT_FOUND");
    },
    "ipam.prefixes.allocatePrefix": async (w, f) => {
      const answer = await failure(w.aAdmin.ipam.prefixes.allocatePrefix({ prefixId: f.b.v6PoolId, length: 56 }));
      expect(answer.code).toBe("NOT_FOUND");
      // A's own pool skips only A's delegation (B holds the same /56 in its own space).
      const own = await w.aAdmin.ipam.prefixes.allocatePrefix({ prefixId: f.a.v6PoolId, length: 56 });
      expect(own.prefix).toBe("2001:db8:99:100::/56");
    },
    "ipam.prefixes.allocateAddress": async (w, f) => {
      const answer = await failure(w.aAdmin.ipam.prefixes.allocateAddress({ prefixId: f.b.poolId }));
      expect(answer.code).toBe("NOT_FOUND");
      expect((await w.aAdmin.ipam.prefixes.allocateAddress({ prefixId: f.a.poolId })).address).toBe("10.99.0.2");
    },
    "ipam.prefixes.history": async (w) => {
      const page = await w.aAdmin.ipam.prefixes.history({});
      expect(page.total).toBeGreaterThan(0);
      await w.expectNoneOfB(page);
    },
    "ipam.addresses.list": async (w, f) => {
      const page = await w.aAdmin.ipam.addresses.list({ pageSize: 200 });
      expect(page.rows.map((r) => r.id)).toContain(f.a.addressId);
      await w.expectNoneOfB(page);
    },
    "ipam.addresses.get": async (w, f) => {
      expect((await failure(w.aAdmin.ipam.addresses.get({ id: f.b.addressId }))).code).toBe("NOT_FOUND");
    },
    "ipam.addresses.create": async (w, f) => {
      // 10.99.0.1 is B's in B's VRF; A's VRF is another table.
      await w.aAdmin.ipam.addresses.create({ address: "10.99.0.200", vrfId: f.a.vrfId });
    },
    "ipam.addresses.update": async (w, f) => {
      const answer = await failure(w.aAdmin.ipam.addresses.update({ id: f.b.addressId, dnsName: "mine" }));
      expect(answer.code).toBe("NOT_FOUND");
    },
    "ipam.addresses.release": async (w, f) => {
      expect((await failure(w.aAdmin.ipam.addresses.release({ id: f.b.addressId }))).code).toBe("NOT_FOUND");
    },
    "ipam.vlans.list": async (w, f) => {
      const page = await w.aAdmin.ipam.vlans.list({});
      expect(page.rows.map((r) => r.id)).toContain(f.a.vlanId);
      await w.expectNoneOfB(page);
    },
    "ipam.vlans.create": async (w, f) => {
      expect((await failure(w.aAdmin.ipam.vlans.create({ vid: 200, name: "x", groupId: f.b.groupId }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "ipam.vlans.groups": async (w) => {
      await w.expectNoneOfB(await w.aAdmin.ipam.vlans.groups());
    },
    "ipam.vlans.createGroup": async (w) => {
      await w.aAdmin.ipam.vlans.createGroup({ name: "Alpha core", slug: "core" });
    },
    "ipam.vrfs.list": async (w) => {
      await w.expectNoneOfB(await w.aAdmin.ipam.vrfs.list());
    },
    "ipam.vrfs.create": async (w) => {
      await w.aAdmin.ipam.vrfs.create({ name: "MGMT" });
    },
    "ipam.vrfs.update": async (w, f) => {
      expect((await failure(w.aAdmin.ipam.vrfs.update({ id: f.b.vrfId, name: "x" }))).code).toBe("NOT_FOUND");
    },
  },
  rest: {
    "GET /api/ipam/prefixes": async (w, f) => {
      const res = await call(rest.listPrefixes, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        query: { pageSize: "200" },
      });
      expect(res.body.rows.map((r: { id: string }) => r.id)).toContain(f.a.poolId);
      await w.expectNoneOfB(res.body);
    },
    "POST /api/ipam/prefixes": async (w, f) => {
      const body = { prefix: "10.97.0.0/24", vrfId: f.b.vrfId };
      const res = await call(rest.createPrefix, { host: hostOf(w.A.company.slug), token: w.aToken, body });
      expect(res.status).toBe(422);
    },
    "POST /api/ipam/prefixes/{id}/available-ips": async (w, f) => {
      const res = await call(rest.allocateAddress, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.b.poolId },
        body: {},
      });
      expect(res.status).toBe(404);
    },
    "POST /api/ipam/prefixes/{id}/available-prefixes": async (w, f) => {
      const res = await call(rest.allocatePrefix, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.b.v6PoolId },
        body: { length: 56 },
      });
      expect(res.status).toBe(404);
    },
    "GET /api/ipam/ip-addresses": async (w, f) => {
      const res = await call(rest.listAddresses, { host: hostOf(w.A.company.slug), token: w.aToken, query: {} });
      expect(res.body.rows.map((r: { id: string }) => r.id)).toContain(f.a.addressId);
      await w.expectNoneOfB(res.body);
    },
    "GET /api/ipam/ip-addresses/{id}": async (w, f) => {
      const res = await call(rest.getAddress, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.b.addressId },
      });
      expect(res.status).toBe(404);
    },
    "GET /api/sites": async (w, f) => {
      const res = await call(rest.listSites, { host: hostOf(w.A.company.slug), token: w.aToken, query: {} });
      expect(res.body.rows.map((r: { id: string }) => r.id)).toContain(f.a.siteId);
      await w.expectNoneOfB(res.body);
    },
    "GET /api/sites/{id}": async (w, f) => {
      const res = await call(rest.getSite, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.b.siteId },
      });
      expect(res.status).toBe(404);
    },
  },
});
