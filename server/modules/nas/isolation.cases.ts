import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";
import { account, accountingPacket } from "../radius/accounting";
import { systemActor } from "../scope";
import { subscriptionsFixture } from "../subscriptions/isolation.cases";
import { disconnect, online } from "./rest";

// Tenant isolation of the NAS registry, the online sessions and the Disconnect/CoA requests.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** B's NAS, a live session of B's subscriber on it, and A's own NAS. */
export const nasFixture = fixture(async (w) => {
  const sb = (await subscriptionsFixture(w)).sb;
  const bNas = await w.bAdmin.nas.create({
    name: "bravo-bng",
    ipAddress: "198.51.100.77",
    type: "BNG",
    vendor: "CISCO",
    secret: "bravo-shared-secret",
  });
  await account(
    w.B.company.id,
    systemActor,
    accountingPacket(
      new Map([
        ["acct-status-type", "Start"],
        ["user-name", sb.username],
        ["acct-session-id", "bravo-live-1"],
        ["nas-ip-address", "198.51.100.77"],
        ["framed-ip-address", "100.64.9.9"],
      ]),
    ),
  );
  const bSessionId = await withTenant(
    w.B.company.id,
    async (tx) => (await tx.radiusSession.findFirstOrThrow({ where: { acctSessionId: "bravo-live-1" } })).id,
  );
  // A's own live session, which A's online list must show (a login FreeRADIUS accepted on A's NAS).
  await account(
    w.A.company.id,
    systemActor,
    accountingPacket(
      new Map([
        ["acct-status-type", "Start"],
        ["user-name", "alpha-walk-in"],
        ["acct-session-id", "alpha-live-1"],
        ["nas-ip-address", "192.0.2.1"],
      ]),
    ),
  );
  const aNas = await w.aAdmin.nas.create({
    name: "alpha-router",
    ipAddress: "192.0.2.1",
    secret: "alpha-shared-secret",
  });
  return { nb: { nasId: bNas.id, sessionId: bSessionId, customerId: sb.customerId, aNasId: aNas.id } };
});

export default isolationCases({
  setup: nasFixture,
  snapshotB: async (tx) => ({
    nas: await tx.nas.findMany({ orderBy: { id: "asc" } }),
    coaRequests: await tx.coaRequest.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.nas.findMany()).flatMap((n) => [n.id, n.name, n.ipAddress]),
    ...(await tx.radiusSession.findMany({ where: { acctSessionId: "bravo-live-1" } })).flatMap((s) => [
      s.id,
      s.acctSessionId,
    ]),
  ],
  procedures: {
    "nas.list": async (w, f) => {
      const page = await w.aAdmin.nas.list({ pageSize: 100 });
      expect(page.rows.map((n) => n.id)).toEqual([f.nb.aNasId]);
      await w.expectNoneOfB(page);
    },
    "nas.get": async (w, f) => {
      expect((await failure(w.aAdmin.nas.get({ id: f.nb.nasId }))).code).toBe("NOT_FOUND");
    },
    "nas.options": async (w) => {
      await w.expectNoneOfB(await w.aAdmin.nas.options());
    },
    "nas.create": async (w) => {
      // Addresses are per company: B's NAS address is free at A (private ranges repeat across ISPs).
      const made = await w.aAdmin.nas.create({
        name: "alpha-bng",
        ipAddress: "198.51.100.77",
        secret: "alpha-secret-2",
      });
      expect(await withTenant(w.A.company.id, (tx) => tx.nas.count({ where: { id: made.id } }))).toBe(1);
      await w.aAdmin.nas.remove({ id: made.id });
    },
    "nas.update": async (w, f) => {
      const failed = await failure(w.aAdmin.nas.update({ id: f.nb.nasId, name: "Hijacked", ipAddress: "192.0.2.9" }));
      expect(failed.code).toBe("NOT_FOUND");
    },
    "nas.rotateSecret": async (w, f) => {
      const failed = await failure(w.aAdmin.nas.rotateSecret({ id: f.nb.nasId, secret: "attacker-secret" }));
      expect(failed.code).toBe("NOT_FOUND");
    },
    "nas.remove": async (w, f) => {
      expect((await failure(w.aAdmin.nas.remove({ id: f.nb.nasId }))).code).toBe("NOT_FOUND");
    },
    "nas.online": async (w) => {
      const page = await w.aAdmin.nas.online({ pageSize: 200 });
      expect(page.rows.map((r) => r.acctSessionId)).toContain("alpha-live-1");
      await w.expectNoneOfB(page);
    },
    "nas.forCustomer": async (w, f) => {
      expect((await failure(w.aAdmin.nas.forCustomer({ customerId: f.nb.customerId }))).code).toBe("NOT_FOUND");
    },
    "nas.disconnect": async (w, f) => {
      expect((await failure(w.aAdmin.nas.disconnect({ sessionId: f.nb.sessionId }))).code).toBe("NOT_FOUND");
    },
  },
  rest: {
    "GET /api/sessions/online": async (w) => {
      const res = await call(online, { host: hostOf(w.A.company.slug), token: w.aToken, query: { pageSize: "200" } });
      expect(res.status).toBe(200);
      expect(res.body.rows.map((r: { acctSessionId: string }) => r.acctSessionId)).toContain("alpha-live-1");
      await w.expectNoneOfB(res.body);
    },
    "POST /api/sessions/{id}/disconnect": async (w, f) => {
      const res = await call(disconnect, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.nb.sessionId },
      });
      expect(res.status).toBe(404);
    },
  },
});
