import { beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { systemActor } from "../scope";
import { ingest } from "./ingest";
import { trim } from "./retention";
import { accounting, authorize } from "../radius/rest";
import { ingestSnmp } from "./rest";
import { makeMonitoredNetwork } from "./testing";

// Poll results into time series on real PostgreSQL: rates and what a reboot or a wrap makes of
// them, the rollups a chart reads, the ingest route's refusals, and retention.

type Net = Awaited<ReturnType<typeof makeMonitoredNetwork>>;
let net: Net;
let other: Net;
const HOST = hostOf("mon-isp");

const T0 = new Date("2026-12-04T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
/** A poll of ether1 (and ether2, down) with uptime and octet counters as given. */
const poll = (deviceId: string, minutes: number, uptimeCs: number, inOctets: bigint, outOctets: bigint) => ({
  deviceId,
  at: at(minutes).toISOString(),
  snmp: {
    sysUpTime: uptimeCs,
    sysDescr: "RouterOS CCR2004",
    interfaces: [
      {
        ifIndex: 1,
        name: "ether1",
        operStatus: 1,
        inOctets: inOctets.toString(),
        outOctets: outOctets.toString(),
        inErrors: minutes,
        outErrors: 0,
        speedMbps: 1000,
      },
      { ifIndex: 2, name: "ether2", operStatus: 2, inOctets: "0", outOctets: "0", speedMbps: 1000 },
    ],
  },
});
const scopeOf = (n: Net) => (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => ({
  tx,
  companyId: n.company.id,
  actor: systemActor,
});
const post = (n: Net, devices: unknown[]) =>
  withTenant(n.company.id, (tx) => ingest(scopeOf(n)(tx), { devices: devices as never }));
const MB = 1_000_000n;

beforeAll(async () => {
  net = await makeMonitoredNetwork("mon-isp");
  other = await makeMonitoredNetwork("mon-other");
});

describe("ingest", () => {
  it("turns counters into rates and rollups; a wrap is an ordinary interval, a reboot has no rate", async () => {
    const router = await net.device("core-1");
    const wrapBase = 2n ** 64n - 150n * MB; // ether1's in counter passes 2^64 between the 2nd and 3rd poll
    // 10:00 first reading; 10:05 +375 MB in (10 Mb/s), +75 MB out (2 Mb/s); 10:10 the same across the wrap;
    // 10:15 the device rebooted (uptime 1 minute): no rate; 10:20 +750 MB in (20 Mb/s) since the reboot.
    expect(await post(net, [poll(router, 0, 100_000, wrapBase - 375n * MB, 0n)])).toMatchObject({
      rated: 0,
      noRate: { first: 2 },
    });
    await post(net, [poll(router, 5, 130_000, wrapBase, 75n * MB)]);
    await post(net, [poll(router, 10, 160_000, 225n * MB, 150n * MB)]);
    expect(await post(net, [poll(router, 15, 6_000, 1n * MB, 1n * MB)])).toMatchObject({
      rated: 0,
      noRate: { rebooted: 2 },
    });
    await post(net, [poll(router, 20, 36_000, 751n * MB, 76n * MB)]);

    const traffic = await net.admin.monitoring.deviceTraffic({
      deviceId: router,
      resolution: "FIVE_MINUTES",
      from: at(0),
      to: at(25),
    });
    const ether1 = traffic.interfaces.find((i) => i.name === "ether1")!;
    expect(ether1.interfaceId).toBeTruthy(); // filed against the inventory's ether1
    expect(ether1.points.map((p) => [p.inBpsAvg, p.outBpsAvg])).toEqual([
      [null, null],
      [10_000_000, 2_000_000],
      [10_000_000, 2_000_000],
      [null, null],
      [20_000_000, 2_000_000],
    ]);

    // The hour: average of the three rated intervals, the peak, the errors (1 a minute, none across the reboot), availability.
    const hour = await net.admin.monitoring.deviceTraffic({
      deviceId: router,
      resolution: "HOUR",
      from: at(0),
      to: at(60),
    });
    const [h1] = hour.interfaces.find((i) => i.name === "ether1")!.points;
    expect(h1.inBpsAvg).toBeCloseTo(40_000_000 / 3, 3);
    expect(h1).toMatchObject({ inBpsMax: 20_000_000, outBpsAvg: 2_000_000, outBpsMax: 2_000_000, availability: 1 });
    expect(h1.inErrors).toBe(15);
    const [h2] = hour.interfaces.find((i) => i.name === "ether2")!.points;
    expect(h2).toMatchObject({ availability: 0, inBpsAvg: 0 });

    const status = await net.admin.monitoring.deviceStatus({ deviceId: router });
    expect(status.reachability).toMatchObject({
      up: true,
      via: "SNMP",
      sysDescr: "RouterOS CCR2004",
      sysUpTimeSeconds: 360,
    });
    expect(status.interfaces.map((i) => [i.ifName, i.up])).toEqual([
      ["ether1", true],
      ["ether2", false],
    ]);
  });

  it("stores the same results once, and a late reading neither rates nor moves the counters back", async () => {
    const router = await net.device("core-2");
    await post(net, [poll(router, 0, 100_000, 0n, 0n)]);
    const second = poll(router, 5, 130_000, 375n * MB, 75n * MB);
    expect(await post(net, [second])).toMatchObject({ rated: 2, duplicates: 0 });
    expect(await post(net, [second])).toMatchObject({ duplicates: 2 });
    // 10:02, arriving after 10:05: stored without a rate.
    expect(await post(net, [poll(router, 2, 112_000, 100n * MB, 10n * MB)])).toMatchObject({
      noRate: { "not-after": 2 },
    });
    await post(net, [poll(router, 10, 160_000, 750n * MB, 150n * MB)]);
    const [rollup] = await withTenant(net.company.id, (tx) =>
      tx.interfaceRollup.findMany({ where: { deviceId: router, ifIndex: 1, resolution: "HOUR" } }),
    );
    // Four samples (10:00, 10:02, 10:05, 10:10), two of them rated at 10 Mb/s in.
    expect(rollup).toMatchObject({ samples: 4, rateSamples: 2, inBpsSum: 20_000_000, upSamples: 4 });
  });

  it("keeps a device that did not answer as down, with its last sighting and why", async () => {
    const router = await net.device("edge-1");
    await post(net, [poll(router, 0, 100_000, 0n, 0n)]);
    await post(net, [{ deviceId: router, at: at(5).toISOString(), error: "No SNMP answer (timeout)." }]);
    await post(net, [{ deviceId: router, at: at(10).toISOString(), icmp: { latencyMs: null, lossPercent: 100 } }]);
    const { reachability } = await net.admin.monitoring.deviceStatus({ deviceId: router });
    expect(reachability).toMatchObject({ up: false, via: "NONE", lastSeenAt: at(0), lossPercent: 100 });
    const pinged = await net.device("cpe-1");
    await post(net, [{ deviceId: pinged, at: at(0).toISOString(), icmp: { latencyMs: 4.5, lossPercent: 33.33 } }]);
    expect((await net.admin.monitoring.deviceStatus({ deviceId: pinged })).reachability).toMatchObject({
      up: true,
      via: "ICMP",
      latencyMs: 4.5,
    });
    const day = await withTenant(net.company.id, (tx) =>
      tx.deviceRollup.findFirstOrThrow({ where: { deviceId: router, resolution: "DAY" } }),
    );
    expect(day).toMatchObject({ samples: 3, upSamples: 1 });
  });

  it("tells outages what each poll saw: two missed polls open one from the first miss, the next answer closes it", async () => {
    const router = await net.device("edge-2");
    const outages = () =>
      withTenant(net.company.id, (tx) =>
        tx.outage.findMany({
          where: { deviceId: router },
          select: { status: true, startedAt: true, resolvedAt: true },
        }),
      );
    await post(net, [poll(router, 0, 100_000, 0n, 0n)]);
    await post(net, [{ deviceId: router, at: at(5).toISOString(), error: "No SNMP answer (timeout)." }]);
    expect(await outages()).toEqual([]);
    await post(net, [{ deviceId: router, at: at(10).toISOString(), error: "No SNMP answer (timeout)." }]);
    expect(await outages()).toEqual([{ status: "OPEN", startedAt: at(5), resolvedAt: null }]);
    await post(net, [poll(router, 15, 160_000, 0n, 0n)]);
    expect(await outages()).toEqual([{ status: "RESOLVED", startedAt: at(5), resolvedAt: at(15) }]);
  });
});

describe("POST /api/ingest/snmp", () => {
  it("takes results with this company's server key", async () => {
    const router = await net.device("route-1");
    const res = await call(ingestSnmp, {
      host: HOST,
      token: net.key,
      body: { devices: [poll(router, 0, 100, 5n, 5n)] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ devices: 1, up: 1, interfaces: 2, noRate: { first: 2 } });
  });

  it("refuses a missing, forged or other company's key, and writes nothing", async () => {
    const router = await net.device("route-2");
    const body = { devices: [poll(router, 0, 100, 5n, 5n)] };
    expect((await call(ingestSnmp, { host: HOST, body })).status).toBe(401);
    expect((await call(ingestSnmp, { host: HOST, body, token: "lmr_forged" })).status).toBe(401);
    expect((await call(ingestSnmp, { host: HOST, body, token: other.key })).status).toBe(401);
    expect(await withTenant(net.company.id, (tx) => tx.interfaceSample.count({ where: { deviceId: router } }))).toBe(0);
  });

  it("a RADIUS server key cannot post poll results, nor a poller key RADIUS accounting", async () => {
    const router = await net.device("route-keys");
    const radiusKey = (await net.admin.radius.createKey({ name: "freeradius-1" })).secret;
    expect(radiusKey).toMatch(/^lmr_/);
    expect(net.key).toMatch(/^lmp_/);
    const refused = await call(ingestSnmp, {
      host: HOST,
      token: radiusKey,
      body: { devices: [poll(router, 0, 100, 5n, 5n)] },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/RADIUS server key: the SNMP ingest takes a poller key/);
    expect(await withTenant(net.company.id, (tx) => tx.interfaceSample.count({ where: { deviceId: router } }))).toBe(0);

    const start = {
      "User-Name": { value: ["poller-walk-in"] },
      "Acct-Session-Id": { value: ["p-1"] },
      "Acct-Status-Type": { value: ["Start"] },
    };
    for (const route of [accounting, authorize]) {
      const res = await call(route, { host: HOST, token: net.key, body: start });
      expect(res.status, route.spec.path).toBe(401);
      expect(res.body.error.message).toMatch(/poller key: the RADIUS endpoints take a RADIUS server key/);
    }
    expect(await withTenant(net.company.id, (tx) => tx.radiusSession.count())).toBe(0);
  });

  it("answers bad input with 400 and the fields, and stores nothing of the post", async () => {
    const router = await net.device("route-3");
    const good = poll(router, 0, 100, 5n, 5n);
    const bad = {
      devices: [
        good,
        {
          deviceId: router,
          at: "yesterday-ish",
          snmp: {
            sysUpTime: -1,
            interfaces: [{ ifIndex: 1, name: "x", operStatus: 9, inOctets: "18446744073709551616", outOctets: 1.5 }],
          },
        },
      ],
    };
    const res = await call(ingestSnmp, { host: HOST, token: net.key, body: bad });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual([
      "devices.1.at",
      "devices.1.snmp.interfaces.0.inOctets",
      "devices.1.snmp.interfaces.0.operStatus",
      "devices.1.snmp.interfaces.0.outOctets",
      "devices.1.snmp.sysUpTime",
    ]);
    expect(res.body.error.fields["devices.1.snmp.interfaces.0.inOctets"]).toMatch(/maximum/);
    // Another company's device, or none: 422 naming it; the good device of the same post is not stored either.
    const foreign = await other.device("theirs");
    const refused = await call(ingestSnmp, {
      host: HOST,
      token: net.key,
      body: { devices: [good, { ...good, deviceId: foreign }] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual({ "devices.1.deviceId": "No device with this id in your company." });
    expect(await withTenant(net.company.id, (tx) => tx.interfaceSample.count({ where: { deviceId: router } }))).toBe(0);
    expect(await withTenant(other.company.id, (tx) => tx.deviceSample.count())).toBe(0);
  });
});

describe("retention", () => {
  it("trims each resolution after its own time and leaves the rest", async () => {
    const router = await other.device("old-1");
    const now = new Date("2027-06-01T00:00:00Z");
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    // Readings 1, 3, 20, 100 and 800 days old: each leaves raw samples and three rollups.
    for (const d of [800, 100, 20, 3, 1])
      await post(other, [{ ...poll(router, 0, 100, 0n, 0n), at: daysAgo(d).toISOString() }]);
    const counts = () =>
      withTenant(other.company.id, async (tx) => ({
        raw: await tx.interfaceSample.count({ where: { deviceId: router } }),
        five: await tx.interfaceRollup.count({ where: { deviceId: router, resolution: "FIVE_MINUTES" } }),
        hour: await tx.interfaceRollup.count({ where: { deviceId: router, resolution: "HOUR" } }),
        day: await tx.interfaceRollup.count({ where: { deviceId: router, resolution: "DAY" } }),
        deviceRaw: await tx.deviceSample.count({ where: { deviceId: router } }),
      }));
    expect(await counts()).toEqual({ raw: 10, five: 10, hour: 10, day: 10, deviceRaw: 5 });
    const trimmed = await trim(other.company.id, now);
    expect(trimmed).toMatchObject({ interfaceSamples: 8, deviceSamples: 4 });
    // Raw: 1 day; 5-minute: ≤14 days (1, 3); hourly: ≤90 (1, 3, 20); daily: ≤730 (all but 800).
    expect(await counts()).toEqual({ raw: 2, five: 4, hour: 6, day: 8, deviceRaw: 1 });
    // Another company's series are not touched by this company's trim.
    expect(await withTenant(net.company.id, (tx) => tx.interfaceRollup.count())).toBeGreaterThan(0);
  });
});
