import { beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Tx } from "../../../db/tenant";
import { newId } from "../../../lib/ids";
import { failure } from "../../../test/trpc";
import { systemActor, type Scope } from "../../scope";
import { makeCustomer } from "../../subscriptions/testing";
import { makeMonitoredNetwork } from "../testing";
import { bandwidth } from "./bandwidth";
import { capacity, fitLine, project } from "./capacity";
import { latency } from "./latency";
import { sessionsTrend } from "./sessions-trend";
import { topUsers } from "./top-users";

// The monitoring dashboards' queries on real PostgreSQL, against series written as the poller and
// accounting write them, with numbers worked out by hand. The company runs on Nairobi's clock
// (UTC+3), so peak hours are three hours after the UTC buckets.

type Net = Awaited<ReturnType<typeof makeMonitoredNetwork>>;
let net: Net;
let other: Net;
const dev: Record<string, string> = {};
let siteId: string;

const NOW = new Date("2026-12-04T12:00:00Z");
const utc = (s: string) => new Date(`${s}Z`);
const M = 1_000_000;

const as = <T>(n: Net, work: (scope: Scope) => Promise<T>) =>
  withTenant(n.company.id, (tx) => work({ tx, companyId: n.company.id, actor: systemActor }));
const write = (n: Net, work: (tx: Tx) => Promise<unknown>) => withTenant(n.company.id, work);

/** An hourly (or other) interface rollup with one rated sample: its average is what is given. */
function rollup(
  n: Net,
  deviceId: string,
  ifIndex: number,
  bucket: Date,
  r: { inBps: number | null; outBps?: number; inMax?: number; outMax?: number },
  resolution: "FIVE_MINUTES" | "HOUR" | "DAY" = "HOUR",
) {
  const rated = r.inBps !== null;
  return write(n, (tx) =>
    tx.interfaceRollup.create({
      data: {
        companyId: n.company.id,
        deviceId,
        ifIndex,
        resolution,
        bucket,
        samples: 1,
        upSamples: 1,
        rateSamples: rated ? 1 : 0,
        inBpsSum: r.inBps ?? 0,
        outBpsSum: r.outBps ?? 0,
        inBpsMax: rated ? (r.inMax ?? r.inBps) : null,
        outBpsMax: rated ? (r.outMax ?? r.outBps ?? 0) : null,
        inErrors: 0n,
        outErrors: 0n,
      },
    }),
  );
}

function counter(n: Net, deviceId: string, ifIndex: number, ifName: string, speedMbps: number | null) {
  return write(n, (tx) =>
    tx.interfaceCounter.create({
      data: {
        companyId: n.company.id,
        deviceId,
        ifIndex,
        ifName,
        at: NOW,
        sysUpTimeCs: 100n,
        inOctets: 0,
        outOctets: 0,
        operStatus: 1,
        speedMbps,
      },
    }),
  );
}

beforeAll(async () => {
  net = await makeMonitoredNetwork("dash-isp");
  other = await makeMonitoredNetwork("dash-other");
  await write(net, (tx) => tx.company.update({ where: { id: net.company.id }, data: { timeZone: "Africa/Nairobi" } }));
  siteId = (await net.admin.ipam.sites.create({ name: "Westlands POP", slug: "westlands" })).id;
  dev.core = await net.device("core-1");
  dev.agg = await net.device("agg-1");
  await write(net, (tx) => tx.device.update({ where: { id: dev.core }, data: { siteId } }));
  dev.otherCore = await other.device("core-1");
});

describe("bandwidth", () => {
  const period = { from: utc("2026-12-01T12:00:00"), to: utc("2026-12-04T12:00:00") };

  beforeAll(async () => {
    // core-1 ether1: Nairobi 20:00 on two evenings (100 and 200 Mb/s in), 08:00 one morning (20),
    // 09:00 polled without a rate; core-1 ether2 and agg-1 ether1 at the second evening.
    await rollup(net, dev.core!, 1, utc("2026-12-02T17:00:00"), { inBps: 100 * M, outBps: 10 * M, inMax: 150 * M });
    await rollup(net, dev.core!, 1, utc("2026-12-03T17:00:00"), { inBps: 200 * M, outBps: 20 * M, inMax: 250 * M });
    await rollup(net, dev.core!, 1, utc("2026-12-03T05:00:00"), { inBps: 20 * M, outBps: 2 * M });
    await rollup(net, dev.core!, 1, utc("2026-12-03T06:00:00"), { inBps: null });
    await rollup(net, dev.core!, 2, utc("2026-12-03T17:00:00"), { inBps: 50 * M, outBps: 5 * M, inMax: 60 * M });
    await rollup(net, dev.agg!, 1, utc("2026-12-03T17:00:00"), { inBps: 1000 * M, outBps: 0 });
    // Outside the period, and another company's.
    await rollup(net, dev.core!, 1, utc("2026-11-30T17:00:00"), { inBps: 900 * M });
    await rollup(other, dev.otherCore!, 1, utc("2026-12-03T17:00:00"), { inBps: 777 * M });
    await counter(net, dev.core!, 1, "ether1", 1000);
    await counter(net, dev.core!, 2, "ether2", 1000);
    await counter(net, dev.agg!, 1, "ether1", 1000);
  });

  it("one interface: its hourly averages and peaks, the busiest bucket, and peak hours on the company's clock", async () => {
    const b = await as(net, (s) => bandwidth(s, { ...period, deviceId: dev.core, ifIndex: 1 }, NOW));
    expect(b.resolution).toBe("HOUR");
    expect(b.timeZone).toBe("Africa/Nairobi");
    expect(b.points.map((p) => [p.at.toISOString(), p.inBps, p.inPeakBps])).toEqual([
      ["2026-12-02T17:00:00.000Z", 100 * M, 150 * M],
      ["2026-12-03T05:00:00.000Z", 20 * M, 20 * M],
      ["2026-12-03T06:00:00.000Z", null, null],
      ["2026-12-03T17:00:00.000Z", 200 * M, 250 * M],
    ]);
    expect(b.peak).toEqual({ at: utc("2026-12-03T17:00:00"), bps: 250 * M, direction: "in" });
    // 17:00 UTC is 20:00 in Nairobi: the average of the two evenings.
    expect(b.peakHours[20]).toEqual({ hour: 20, inBps: 150 * M, outBps: 15 * M });
    expect(b.peakHours[8]).toEqual({ hour: 8, inBps: 20 * M, outBps: 2 * M });
    expect(b.peakHours[9]!.inBps).toBeNull();
    expect(b.peakHours[17]!.inBps).toBeNull();
    expect(b.busiestHour).toBe(20);
  });

  it("a site sums its devices' interfaces, the network every polled interface; never another company's", async () => {
    const site = await as(net, (s) => bandwidth(s, { ...period, siteId }, NOW));
    const evening = site.points.find((p) => p.at.getTime() === utc("2026-12-03T17:00:00").getTime())!;
    expect([evening.inBps, evening.inPeakBps]).toEqual([250 * M, 310 * M]);
    const all = await as(net, (s) => bandwidth(s, period, NOW));
    expect(all.points.find((p) => p.at.getTime() === evening.at.getTime())!.inBps).toBe(1250 * M);
    expect(all.points.some((p) => p.inBps === 900 * M || p.inBps === 777 * M)).toBe(false);
  });

  it("reads 5-minute buckets for two days or less, days beyond a month; a device of another company is not found", async () => {
    await rollup(net, dev.core!, 1, utc("2026-12-04T09:05:00"), { inBps: 42 * M }, "FIVE_MINUTES");
    await rollup(net, dev.core!, 1, utc("2026-11-20T00:00:00"), { inBps: 64 * M }, "DAY");
    const day = await as(net, (s) => bandwidth(s, { from: utc("2026-12-03T12:00:00"), to: NOW }, NOW));
    expect(day.resolution).toBe("FIVE_MINUTES");
    expect(day.points.map((p) => p.inBps)).toEqual([42 * M]);
    const months = await as(net, (s) => bandwidth(s, { from: utc("2026-10-01T00:00:00"), to: NOW }, NOW));
    expect(months.resolution).toBe("DAY");
    expect(months.points.map((p) => p.inBps)).toEqual([64 * M]);
    expect((await failure(net.admin.monitoring.bandwidth({ ...period, deviceId: dev.otherCore }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(net.admin.monitoring.bandwidth({ ...period, ifIndex: 1 }))).fields).toEqual({
      ifIndex: "Choose the device of the interface.",
    });
  });

  it("lists the sites, devices and interfaces it can be narrowed to", async () => {
    const t = await net.admin.monitoring.targets();
    expect(t.sites).toEqual([{ id: siteId, name: "Westlands POP" }]);
    expect(t.devices.map((d) => [d.name, d.siteId, d.interfaces.map((i) => i.name)])).toEqual([
      ["agg-1", null, ["ether1"]],
      ["core-1", siteId, ["ether1", "ether2"]],
    ]);
  });
});

describe("sessions trend", () => {
  beforeAll(async () => {
    const session = (n: Net, key: string, start: string, stop: string | null) =>
      write(n, (tx) =>
        tx.radiusSession.create({
          data: {
            id: newId(),
            companyId: n.company.id,
            acctSessionId: key,
            username: `user-${key}`,
            startedAt: utc(start),
            updatedAt: utc(start),
            stoppedAt: stop ? utc(stop) : null,
          },
        }),
      );
    await session(net, "s1", "2026-12-03T10:30:00", "2026-12-03T12:10:00");
    await session(net, "s2", "2026-12-03T11:00:00", null);
    await session(net, "s3", "2026-12-03T08:00:00", "2026-12-03T11:00:00");
    await session(other, "x1", "2026-12-03T10:00:00", null);
  });

  it("counts the sessions online at every hour mark, now, the peak and the hours of the day", async () => {
    const t = await as(net, (s) =>
      sessionsTrend(
        s,
        { from: utc("2026-12-03T09:30:00"), to: utc("2026-12-03T13:00:00") },
        utc("2026-12-03T12:45:00"),
      ),
    );
    // 10:00 only s3; 11:00 s1 and s2 (s3 stopped at 11:00 sharp); 12:00 s1 and s2; 13:00 is after "now".
    expect(t.points.map((p) => [p.at.toISOString().slice(11, 16), p.online])).toEqual([
      ["10:00", 1],
      ["11:00", 2],
      ["12:00", 2],
    ]);
    expect(t.onlineNow).toBe(1);
    expect(t.peak).toEqual({ at: utc("2026-12-03T11:00:00"), online: 2 });
    expect(t.peakHours.filter((h) => h.online !== null)).toEqual([
      { hour: 13, online: 1 },
      { hour: 14, online: 2 },
      { hour: 15, online: 2 },
    ]);
    expect(
      (await failure(net.admin.monitoring.sessionsTrend({ from: utc("2026-01-01T00:00:00"), to: NOW }))).fields,
    ).toEqual({ from: "Choose a period of at most 92 days." });
  });
});

describe("top users", () => {
  const sub: Record<string, string> = {};
  beforeAll(async () => {
    const packageId = newId();
    await write(net, (tx) =>
      tx.package.create({
        data: {
          id: packageId,
          companyId: net.company.id,
          name: "Home 20",
          code: "H20",
          type: "PPPOE",
          downloadKbps: 20_000,
          uploadKbps: 5_000,
          priceMinor: 2_500,
          billingCycle: "MONTHLY",
        },
      }),
    );
    for (const name of ["Amina", "Baraka", "Chebet"]) {
      const c = await makeCustomer(net.company.id, { firstName: name });
      sub[name] = newId();
      await write(net, (tx) =>
        tx.subscription.create({
          data: {
            id: sub[name]!,
            companyId: net.company.id,
            customerId: c.id,
            packageId,
            startDate: new Date("2026-01-01"),
            status: "ACTIVE",
            pppoeUsername: name.toLowerCase(),
          },
        }),
      );
    }
    const G = 1_000_000_000n;
    const hourly = (who: string, hour: string, down: bigint, up: bigint) =>
      write(net, (tx) =>
        tx.usageHourly.create({
          data: {
            companyId: net.company.id,
            subscriptionId: sub[who]!,
            hour: utc(hour),
            downloadBytes: down,
            uploadBytes: up,
          },
        }),
      );
    await hourly("Amina", "2026-12-03T10:00:00", 5n * G, 1n * G);
    await hourly("Amina", "2026-12-03T11:00:00", 1n * G, 0n);
    await hourly("Baraka", "2026-12-03T10:00:00", 3n * G, 3n * G);
    await hourly("Baraka", "2026-12-02T10:00:00", 100n * G, 0n);
    await hourly("Chebet", "2026-12-03T10:00:00", 1n * G, 0n);
    await write(net, (tx) =>
      tx.usageDaily.create({
        data: {
          companyId: net.company.id,
          subscriptionId: sub.Chebet!,
          day: new Date("2026-06-02"),
          downloadBytes: 50n * G,
          uploadBytes: 0n,
        },
      }),
    );
  });

  it("ranks the subscriptions by data moved in the period, from the hourly usage, with their share", async () => {
    const top = await as(net, (s) =>
      topUsers(s, { from: utc("2026-12-03T00:00:00"), to: utc("2026-12-04T00:00:00"), limit: 2 }, NOW),
    );
    expect(top.source).toBe("HOUR");
    expect(top.totalBytes).toBe(14e9);
    expect(top.subscriptions).toBe(3);
    expect(top.rows.map((r) => [r.customerName, r.username, r.downloadBytes, r.uploadBytes, r.shareBps])).toEqual([
      ["Amina Otieno", "amina", 6e9, 1e9, 5_000],
      ["Baraka Otieno", "baraka", 3e9, 3e9, 4_286],
    ]);
  });

  it("reads the daily usage for a period older than the hourly figures are kept", async () => {
    const top = await as(net, (s) =>
      topUsers(s, { from: utc("2026-06-01T00:00:00"), to: utc("2026-06-30T00:00:00") }, NOW),
    );
    expect(top.source).toBe("DAY");
    expect(top.rows.map((r) => [r.customerName, r.totalBytes])).toEqual([["Chebet Otieno", 50e9]]);
    const theirs = await as(other, (s) => topUsers(s, { from: utc("2026-06-01T00:00:00"), to: NOW }, NOW));
    expect(theirs.rows).toEqual([]);
  });
});

describe("latency and loss", () => {
  beforeAll(async () => {
    const reach = (deviceId: string, up: boolean) =>
      write(net, (tx) =>
        tx.deviceReachability.create({
          data: { deviceId, companyId: net.company.id, up, via: up ? "ICMP" : "NONE", polledAt: NOW },
        }),
      );
    await reach(dev.core!, true);
    await reach(dev.agg!, false);
    const dr = (deviceId: string, bucket: string, r: Record<string, number | null>) =>
      write(net, (tx) =>
        tx.deviceRollup.create({
          data: {
            companyId: net.company.id,
            deviceId,
            resolution: "HOUR",
            bucket: utc(bucket),
            samples: 12,
            upSamples: r.up!,
            latencySamples: r.latencySamples!,
            latencySumMs: r.latencySum!,
            latencyMaxMs: r.latencyMax,
            lossPercentSum: r.lossSum!,
            lossSamples: 12,
          },
        }),
      );
    await dr(dev.core!, "2026-12-03T10:00:00", {
      up: 12,
      latencySamples: 12,
      latencySum: 120,
      latencyMax: 25,
      lossSum: 0,
    });
    await dr(dev.core!, "2026-12-03T11:00:00", {
      up: 9,
      latencySamples: 9,
      latencySum: 270,
      latencyMax: 80,
      lossSum: 300,
    });
    await dr(dev.agg!, "2026-12-03T10:00:00", {
      up: 0,
      latencySamples: 0,
      latencySum: 0,
      latencyMax: null,
      lossSum: 1200,
    });
  });

  it("per device: availability of the polls, average and worst latency, loss; down devices first", async () => {
    const l = await as(net, (s) => latency(s, { from: utc("2026-12-01T00:00:00"), to: NOW }, NOW));
    expect([l.up, l.down]).toEqual([1, 1]);
    expect(l.devices.map((d) => [d.name, d.up, d.availabilityBps, d.lossPercent])).toEqual([
      ["agg-1", false, 0, 100],
      ["core-1", true, 8_750, 12.5],
    ]);
    expect(l.devices[1]!.latencyAvgMs).toBeCloseTo(390 / 21, 9);
    expect(l.devices[1]!.latencyMaxMs).toBe(80);
    // The chart shows the first device with latency figures unless one is chosen.
    expect(l.chart.deviceId).toBe(dev.core);
    expect(l.chart.points.map((p) => [p.latencyAvgMs, p.lossPercent, p.availability])).toEqual([
      [10, 0, 1],
      [30, 25, 0.75],
    ]);
    const theirs = await as(other, (s) => latency(s, { from: utc("2026-12-01T00:00:00"), to: NOW }, NOW));
    expect(theirs.devices).toEqual([]);
  });
});

describe("capacity planning", () => {
  it("fits a least-squares line to hand-computed points", () => {
    // x̄ = 1.5, ȳ = 0.675; Σ(x−x̄)(y−ȳ) = 0.2, Σ(x−x̄)² = 5: b = 0.04, a = 0.615.
    const fit = fitLine([
      { x: 0, y: 0.6 },
      { x: 1, y: 0.7 },
      { x: 2, y: 0.65 },
      { x: 3, y: 0.75 },
    ])!;
    expect(fit.slope).toBeCloseTo(0.04, 12);
    expect(fit.intercept).toBeCloseTo(0.615, 12);
    // 80 % at x* = (0.8 − 0.615) / 0.04 = 4.625: 1.625 days after day 3, so on the second day after.
    expect(project(fit, 3, 365)).toMatchObject({ status: "CROSSES", daysToThreshold: 2 });
    expect(project(fit, 3, 1)).toMatchObject({ status: "NOT_WITHIN", daysToThreshold: null });
    expect(
      fitLine([
        { x: 0, y: 0.5 },
        { x: 1, y: 0.6 },
      ]),
    ).toBeNull();
    expect(
      fitLine([
        { x: 2, y: 0.5 },
        { x: 2, y: 0.6 },
        { x: 2, y: 0.7 },
      ]),
    ).toBeNull();
    expect(project(null, 0, 365).status).toBe("NOT_ENOUGH_DATA");
  });

  it("projects the day each uplink's daily peak trend crosses 80 %, or says why not", async () => {
    const cap = await makeMonitoredNetwork("dash-cap");
    const r = await cap.device("border-1");
    const day = (n: number) => new Date(Date.UTC(2026, 11, 4 - n)); // n days before 4 December
    // Peaks on the days up to 3 December, the last complete day: the last value is yesterday's.
    const peaks = async (ifIndex: number, name: string, speed: number, mbps: number[]) => {
      await counter(cap, r, ifIndex, name, speed);
      for (const [i, v] of mbps.entries())
        await rollup(cap, r, ifIndex, day(mbps.length - i), { inBps: v * M * 0.5, inMax: v * M, outMax: 1 * M }, "DAY");
    };
    await peaks(1, "sfp1-rising", 1000, [500, 520, 540, 560, 580]);
    await peaks(2, "sfp2-full", 1000, [850, 860, 870]);
    await peaks(3, "ether3-flat", 100, [10, 10, 10]);
    await peaks(4, "ether4-slow", 1000, [100, 101, 102]);
    await peaks(5, "ether5-new", 1000, [300, 400]);
    await counter(cap, r, 6, "lo", null); // no speed: not an uplink
    // Today (4 December) is under way: its morning peak is no day's peak and is left out.
    await rollup(cap, r, 1, day(0), { inBps: 10 * M, inMax: 20 * M }, "DAY");

    const c = await as(cap, (s) => capacity(s, { days: 30 }, NOW));
    expect(c.from).toBe("2026-11-04");
    expect(c.to).toBe("2026-12-03");
    const by = Object.fromEntries(c.uplinks.map((u) => [u.ifName, u]));
    expect(Object.keys(by).sort()).toEqual(["ether3-flat", "ether4-slow", "ether5-new", "sfp1-rising", "sfp2-full"]);
    // Days 25–29 of the window at 0.50…0.58: b = 0.02, a = 0; 80 % at x* = 40, 11 days after 3 December.
    expect(by["sfp1-rising"]).toMatchObject({ status: "CROSSES", daysToThreshold: 11, crossesOn: "2026-12-14" });
    expect(by["sfp1-rising"]!.slopePer30Days).toBeCloseTo(0.6, 9);
    expect(by["sfp1-rising"]!.latestPeak).toBeCloseTo(0.58, 12);
    expect(by["sfp1-rising"]!.days.map((d) => d.day)).toEqual([
      "2026-11-29",
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
    ]);
    expect(by["sfp2-full"]).toMatchObject({ status: "ABOVE", crossesOn: null });
    expect(by["sfp2-full"]!.trendNow).toBeCloseTo(0.87, 9);
    expect(by["ether3-flat"]).toMatchObject({ status: "NOT_RISING" });
    // 0.100, 0.101, 0.102: b = 0.001, 80 % some 698 days on, beyond the 365-day horizon.
    expect(by["ether4-slow"]).toMatchObject({ status: "NOT_WITHIN", crossesOn: null });
    expect(by["ether5-new"]).toMatchObject({ status: "NOT_ENOUGH_DATA", trendNow: null });
    // The most urgent first.
    expect(c.uplinks.map((u) => u.status)).toEqual(["ABOVE", "CROSSES", "NOT_WITHIN", "NOT_RISING", "NOT_ENOUGH_DATA"]);
    // A longer horizon brings the slow one in: 698 days after 3 December.
    const far = await as(cap, (s) => capacity(s, { days: 30, horizonDays: 1000 }, NOW));
    expect(far.uplinks.find((u) => u.ifName === "ether4-slow")).toMatchObject({
      status: "CROSSES",
      daysToThreshold: 698,
    });
    // Another company sees none of these uplinks.
    expect((await as(other, (s) => capacity(s, {}, NOW))).uplinks.map((u) => u.ifName)).not.toContain("sfp1-rising");
  });
});
