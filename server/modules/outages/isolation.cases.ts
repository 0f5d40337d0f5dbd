import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";
import { customersFixture } from "../customers/isolation.cases";
import { devicesFixture } from "../devices/isolation.cases";
import { systemActor } from "../scope";
import { recordReachability } from "./reachability";
import { get, list } from "./rest";

// Tenant isolation of outages: B's OLT stopped answering (an outage listing B's subscriber, a
// status update, the device's reachability); A has its own router down too.

export const outagesFixture = fixture(async (w) => {
  const { dv } = await devicesFixture(w);
  const { aCustomerPortal } = await customersFixture(w);
  const bOutage = await w.bAdmin.outages.open({ deviceId: dv.olt, title: "Bravo OLT down" });
  await w.bAdmin.outages.postUpdate({ outageId: bOutage.id, message: "Bravo engineers on site" });
  await withTenant(w.B.company.id, (tx) =>
    recordReachability(
      { tx, companyId: w.B.company.id, actor: systemActor },
      { deviceId: dv.ont, up: false, at: new Date("2026-11-01T00:00:00Z") },
    ),
  );
  const aOutage = await w.aAdmin.outages.open({ deviceId: dv.aRouter, title: "Alpha router down" });
  return { dv, bOutageId: bOutage.id, aOutageId: aOutage.id, aCustomerPortal };
});

const period = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") };

export default isolationCases({
  setup: outagesFixture,
  snapshotB: async (tx) => ({
    outages: await tx.outage.findMany({ orderBy: { id: "asc" } }),
    customers: await tx.outageCustomer.findMany({ orderBy: { subscriptionId: "asc" } }),
    updates: await tx.outageUpdate.findMany({ orderBy: { id: "asc" } }),
    tickets: await tx.outageTicket.findMany({ orderBy: { ticketId: "asc" } }),
    reachability: await tx.deviceOutageState.findMany({ orderBy: { deviceId: "asc" } }),
    settings: await tx.outageSettings.findMany(),
  }),
  idsOfB: async (tx) => [
    ...(await tx.outage.findMany()).flatMap((o) => [o.id, o.title]),
    ...(await tx.outageUpdate.findMany()).flatMap((u) => [u.id, u.message]),
  ],
  procedures: {
    "outages.list": async (w, f) => {
      const page = await w.aAdmin.outages.list({ pageSize: 100 });
      expect(page.rows.map((r) => r.id)).toEqual([f.aOutageId]);
      await w.expectNoneOfB(page);
    },
    "outages.get": async (w, f) => {
      expect((await failure(w.aAdmin.outages.get({ id: f.bOutageId }))).code).toBe("NOT_FOUND");
      await w.expectNoneOfB(await w.aAdmin.outages.get({ id: f.aOutageId }));
    },
    "outages.board": async (w, f) => {
      const board = await w.aAdmin.outages.board({ pageSize: 200 });
      expect(board.rows.map((r) => r.id)).toEqual([f.dv.aRouter]);
      await w.expectNoneOfB(board);
    },
    "outages.uptime": async (w, f) => {
      // B's device is unknown to A: no outages, full uptime; never B's numbers.
      const theirs = await w.aAdmin.outages.uptime({ deviceId: f.dv.olt, ...period });
      expect(theirs.outages).toBe(0);
      const mine = await w.aAdmin.outages.uptime({ deviceId: f.dv.aRouter, ...period });
      expect(mine.outages).toBe(1);
    },
    "outages.uptimeByDevice": async (w, f) => {
      // B's OLT has an open outage; A sees only its own router's.
      const page = await w.aAdmin.outages.uptimeByDevice({ ...period, pageSize: 100 });
      expect(page.rows.map((r) => r.deviceId)).toEqual([f.dv.aRouter]);
      await w.expectNoneOfB(page);
    },
    "outages.serviceQuality": async (w) => {
      // B's subscriber is behind B's outage; none of A's lines are.
      const page = await w.aAdmin.outages.serviceQuality({ ...period, pageSize: 100 });
      expect(page.rows).toEqual([]);
      await w.expectNoneOfB(page);
    },
    "outages.slaReport": async (w) => {
      await w.expectNoneOfB(await w.aAdmin.outages.slaReport(period));
    },
    "outages.settings": async (w) => {
      await w.aAdmin.outages.saveSettings({ holdDownPolls: 4, compensationMode: "NONE", compensationMinMinutes: 0 });
      expect((await w.aAdmin.outages.settings()).holdDownPolls).toBe(4);
    },
    "outages.saveSettings": async (w) => {
      // A's change is A's only (snapshotB checks B's settings are untouched).
      await w.aAdmin.outages.saveSettings({ holdDownPolls: 3, compensationMode: "CREDIT", compensationMinMinutes: 30 });
    },
    "outages.open": async (w, f) => {
      const failed = await failure(w.aAdmin.outages.open({ deviceId: f.dv.ont, title: "Sneaky" }));
      expect(failed.code).toBe("UNPROCESSABLE_CONTENT");
    },
    "outages.postUpdate": async (w, f) => {
      const failed = await failure(w.aAdmin.outages.postUpdate({ outageId: f.bOutageId, message: "Hijacked" }));
      expect(failed.code).toBe("NOT_FOUND");
    },
    "outages.resolve": async (w, f) => {
      const failed = await failure(w.aAdmin.outages.resolve({ id: f.bOutageId, rootCause: "Hijacked" }));
      expect(failed.code).toBe("NOT_FOUND");
    },
    "outages.portal.current": async (w, f) => {
      const mine = await f.aCustomerPortal.outages.portal.current();
      expect(mine).toEqual([]);
      await w.expectNoneOfB(mine);
    },
  },
  rest: {
    "GET /api/outages": async (w, f) => {
      const res = await call(list, { host: hostOf(w.A.company.slug), token: w.aToken, query: { pageSize: "100" } });
      expect(res.status).toBe(200);
      expect(res.body.rows.map((r: { id: string }) => r.id)).toEqual([f.aOutageId]);
      await w.expectNoneOfB(res.body);
    },
    "GET /api/outages/{id}": async (w, f) => {
      const res = await call(get, { host: hostOf(w.A.company.slug), token: w.aToken, params: { id: f.bOutageId } });
      expect(res.status).toBe(404);
      const own = await call(get, { host: hostOf(w.A.company.slug), token: w.aToken, params: { id: f.aOutageId } });
      expect(own.status).toBe(200);
      await w.expectNoneOfB(own.body);
    },
  },
});
