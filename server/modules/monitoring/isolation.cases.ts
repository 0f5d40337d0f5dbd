import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";
import { devicesFixture } from "../devices/isolation.cases";
import { newId } from "../../lib/ids";
import { radiusFixture } from "../radius/isolation.cases";
import { subscriptionsFixture } from "../subscriptions/isolation.cases";
import * as radiusKeys from "../radius/keys";
import { systemActor } from "../scope";
import { ingest } from "./ingest";
import { ingestSnmp } from "./rest";

// Tenant isolation of the monitoring series and the SNMP ingest route.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

const poll = (deviceId: string, at: Date, octets: string) => ({
  deviceId,
  at,
  snmp: {
    sysUpTime: 1_000,
    sysDescr: "bravo agent",
    interfaces: [{ ifIndex: 1, name: "uplink1", operStatus: 1, inOctets: octets, outOctets: octets, speedMbps: 1000 }],
  },
});

/**
 * B's OLT polled twice (a rate, rollups, reachability; its uplink has a speed, so it is planned for),
 * B's subscriber online with an hour of usage; a server key of A for A's own posts.
 */
export const monitoringFixture = fixture(async (w) => {
  const { dv } = await devicesFixture(w);
  const { rb } = await radiusFixture(w);
  const { sb } = await subscriptionsFixture(w);
  await withTenant(w.B.company.id, async (tx) => {
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000);
    await tx.radiusSession.create({
      data: {
        id: newId(),
        companyId: w.B.company.id,
        acctSessionId: "bravo-monitoring-1",
        username: "bravo-subscriber",
        subscriptionId: sb.subscriptionId,
        startedAt: hour,
        updatedAt: hour,
      },
    });
    await tx.usageHourly.create({
      data: {
        companyId: w.B.company.id,
        subscriptionId: sb.subscriptionId,
        hour,
        downloadBytes: 9_000_000_000n,
        uploadBytes: 1n,
      },
    });
  });
  const t0 = new Date(Date.now() - 600_000);
  const bScope = (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => ({
    tx,
    companyId: w.B.company.id,
    actor: systemActor,
  });
  await withTenant(w.B.company.id, (tx) => ingest(bScope(tx), { devices: [poll(dv.olt, t0, "1000")] }));
  await withTenant(w.B.company.id, (tx) =>
    ingest(bScope(tx), {
      devices: [
        {
          ...poll(dv.olt, new Date(t0.getTime() + 300_000), "2000"),
          snmp: { ...poll(dv.olt, t0, "2000").snmp, sysUpTime: 31_000 },
        },
      ],
    }),
  );
  const aKey = await withTenant(w.A.company.id, (tx) =>
    radiusKeys.create({ tx, companyId: w.A.company.id, actor: systemActor }, { name: "alpha-poller", use: "POLLER" }),
  );
  const bPoller = await withTenant(w.B.company.id, (tx) =>
    radiusKeys.create({ tx, companyId: w.B.company.id, actor: systemActor }, { name: "bravo-poller", use: "POLLER" }),
  );
  return { dv, rb, aSecret: aKey.secret, bPollerSecret: bPoller.secret };
});

/** The last day, and an hour ahead (a period may end in the future; it stops at now). */
const lastDay = () => ({ from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 3_600_000) });

export default isolationCases({
  setup: monitoringFixture,
  snapshotB: async (tx) => ({
    reachability: await tx.deviceReachability.findMany({ orderBy: { deviceId: "asc" } }),
    counters: await tx.interfaceCounter.findMany({ orderBy: [{ deviceId: "asc" }, { ifIndex: "asc" }] }),
    samples: await tx.interfaceSample.count(),
    rollups: await tx.interfaceRollup.findMany({
      orderBy: [{ deviceId: "asc" }, { resolution: "asc" }, { bucket: "asc" }],
    }),
    deviceSamples: await tx.deviceSample.count(),
    deviceRollups: await tx.deviceRollup.count(),
  }),
  idsOfB: async (tx) => (await tx.deviceReachability.findMany()).flatMap((r) => [r.deviceId, r.sysDescr ?? r.deviceId]),
  procedures: {
    "monitoring.deviceStatus": async (w, f) => {
      expect((await failure(w.aAdmin.monitoring.deviceStatus({ deviceId: f.dv.olt }))).code).toBe("NOT_FOUND");
      // A's own device, never polled: no reachability, no interfaces (and nothing of B's).
      const own = await w.aAdmin.monitoring.deviceStatus({ deviceId: f.dv.aRouter });
      expect(own).toEqual({ reachability: null, interfaces: [] });
    },
    "monitoring.deviceTraffic": async (w, f) => {
      expect((await failure(w.aAdmin.monitoring.deviceTraffic({ deviceId: f.dv.olt }))).code).toBe("NOT_FOUND");
      expect((await w.aAdmin.monitoring.deviceTraffic({ deviceId: f.dv.aRouter })).interfaces).toEqual([]);
    },
    "monitoring.targets": async (w) => {
      const t = await w.aAdmin.monitoring.targets();
      expect(t.devices.map((d) => d.name)).not.toContain("bravo-olt");
      await w.expectNoneOfB(t);
    },
    "monitoring.bandwidth": async (w, f) => {
      expect((await failure(w.aAdmin.monitoring.bandwidth({ ...lastDay(), deviceId: f.dv.olt }))).code).toBe(
        "NOT_FOUND",
      );
      // A has polled nothing: B's rollups never add into A's network total.
      const all = await w.aAdmin.monitoring.bandwidth(lastDay());
      expect(all.points).toEqual([]);
      expect(all.peak).toBeNull();
    },
    "monitoring.sessionsTrend": async (w) => {
      const t = await w.aAdmin.monitoring.sessionsTrend(lastDay());
      const aOnline = await withTenant(w.A.company.id, (tx) => tx.radiusSession.count({ where: { stoppedAt: null } }));
      expect(t.onlineNow).toBe(aOnline);
      expect(Math.max(0, ...t.points.map((p) => p.online))).toBeLessThanOrEqual(aOnline);
      await w.expectNoneOfB(t);
    },
    "monitoring.topUsers": async (w) => {
      // B's subscriber moved 9 GB in the last hour: none of it is A's.
      const top = await w.aAdmin.monitoring.topUsers(lastDay());
      expect(top.totalBytes).toBeLessThan(9_000_000_000);
      await w.expectNoneOfB(top);
    },
    "monitoring.latency": async (w, f) => {
      const l = await w.aAdmin.monitoring.latency(lastDay());
      expect(l.devices.map((d) => d.deviceId)).not.toContain(f.dv.olt);
      await w.expectNoneOfB(l);
      expect((await failure(w.aAdmin.monitoring.latency({ ...lastDay(), deviceId: f.dv.olt }))).code).toBe("NOT_FOUND");
    },
    "monitoring.capacity": async (w) => {
      const c = await w.aAdmin.monitoring.capacity({});
      expect(c.uplinks.map((u) => u.deviceName)).not.toContain("bravo-olt");
      await w.expectNoneOfB(c);
    },
  },
  rest: {
    "POST /api/ingest/snmp": async (w, f) => {
      const body = { devices: [poll(f.dv.olt, new Date(), "3000")] };
      // B's key at A's address: refused.
      const withB = await call(ingestSnmp, { host: hostOf(w.A.company.slug), token: f.rb.secret, body });
      expect(withB.status).toBe(401);
      // B's poller key at A's address: refused too.
      const withBPoller = await call(ingestSnmp, { host: hostOf(w.A.company.slug), token: f.bPollerSecret, body });
      expect(withBPoller.status).toBe(401);
      // A's key naming B's device: B's device is not in A's inventory; nothing written anywhere.
      const withA = await call(ingestSnmp, { host: hostOf(w.A.company.slug), token: f.aSecret, body });
      expect(withA.status).toBe(422);
      expect(withA.body.error.fields).toEqual({ "devices.0.deviceId": "No device with this id in your company." });
      expect(await withTenant(w.A.company.id, (tx) => tx.interfaceSample.count())).toBe(0);
    },
  },
});
