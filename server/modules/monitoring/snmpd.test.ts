import { spawnSync } from "node:child_process";
import type { Socket } from "node:dgram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { freeUdpPort } from "../radius/freeradius-harness";
import { pollCompany, type PollOptions } from "./poller";
import { garbageAgent, missingSnmpd, silentAgent, startSnmpd, type RunningSnmpd } from "./snmpd-harness";
import { makeMonitoredNetwork } from "./testing";

// The poller against Debian's snmpd on a loopback port, serving a fixed interface table whose
// counters grow at known rates (if-table.mjs), next to a "device" that answers garbage, one that
// never answers, one with the wrong community and one that is not there at all.

const hasFping = spawnSync("fping", ["-v"]).status === 0;
const COMMUNITY = "lastmile-test";

describe.skipIf(!!missingSnmpd)("SNMP polling against snmpd", () => {
  let agent: RunningSnmpd;
  let port: number;
  let net: Awaited<ReturnType<typeof makeMonitoredNetwork>>;
  const dev: Record<string, string> = {};
  const sockets: Socket[] = [];
  let options: PollOptions;

  const latest = (deviceId: string) =>
    withTenant(net.company.id, async (tx) => {
      const last = await tx.interfaceSample.findFirstOrThrow({ where: { deviceId }, orderBy: { at: "desc" } });
      const rows = await tx.interfaceSample.findMany({ where: { deviceId, at: last.at }, orderBy: { ifIndex: "asc" } });
      return Object.fromEntries(rows.map((r) => [r.ifIndex, r]));
    });
  const reachability = (deviceId: string) =>
    withTenant(net.company.id, (tx) => tx.deviceReachability.findUniqueOrThrow({ where: { deviceId } }));

  beforeAll(async () => {
    port = await freeUdpPort();
    sockets.push(await garbageAgent("127.0.0.2", port), await silentAgent("127.0.0.3", port));
    net = await makeMonitoredNetwork("snmp-isp");
    dev.agent = await net.device("core-router", { address: "127.0.0.1", community: COMMUNITY });
    // The same agent at another of its addresses, asked with the wrong community: snmpd stays silent.
    dev.wrongCommunity = await net.device("misconfigured", { address: "127.0.0.4", community: "not-the-community" });
    dev.garbage = await net.device("garbage", { address: "127.0.0.2", community: COMMUNITY });
    dev.silent = await net.device("silent", { address: "127.0.0.3", community: COMMUNITY });
    dev.gone = await net.device("gone", { address: "198.51.100.7" });
    // Started last, so the first poll comes right after it (before the wrap).
    agent = await startSnmpd({
      port,
      community: COMMUNITY,
      addresses: ["127.0.0.1", "127.0.0.4"],
      interfaces: [
        { index: 1, name: "ether1", inBps: 8_000_000, outBps: 2_000_000, inErrorsPerSecond: 2 },
        { index: 2, name: "ether2", inBps: 0, outBps: 0, oper: 2 },
        // Its 64-bit in counter passes 2^64 three seconds from now: between the first poll (at once) and the second.
        {
          index: 3,
          name: "sfp-sfpplus1",
          inBps: 80_000_000,
          outBps: 40_000_000,
          speedMbps: 10_000,
          zeroAt: Date.now() + 3_000,
        },
      ],
    });
    options = { port, timeoutMs: 700, retries: 0, ping: { count: 2, timeoutMs: 300 } };
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await agent?.stop();
  });

  it("reads the agent's interfaces, and records every other device with what went wrong", async () => {
    const report = await pollCompany(net.company.id, options);
    expect(report).toMatchObject({ devices: 5, snmp: 1, interfaces: 3, noRate: { first: 3 } });
    const failed = Object.fromEntries(report.failed.map((f) => [f.name, f.error]));
    expect(failed).toEqual({
      misconfigured: expect.stringMatching(/timeout/),
      garbage: expect.stringMatching(/not SNMP/),
      silent: expect.stringMatching(/timeout/),
      gone: "No SNMP credentials (v2c community or v3 user) on this device.",
    });
    expect(await reachability(dev.agent)).toMatchObject({
      up: true,
      via: "SNMP",
      sysDescr: "Lastmile test agent",
      error: null,
    });
    expect(await reachability(dev.garbage)).toMatchObject({ error: expect.stringMatching(/not SNMP/) });
    const status = await net.admin.monitoring.deviceStatus({ deviceId: dev.agent });
    expect(status.interfaces.map((i) => [i.ifIndex, i.ifName, i.up, i.speedMbps])).toEqual([
      [1, "ether1", true, 1000],
      [2, "ether2", false, 1000],
      [3, "sfp-sfpplus1", true, 10_000],
    ]);
  }, 30_000);

  it("gives rates on the next poll, across the 64-bit wrap", async () => {
    const firstAt = (await latest(dev.agent))[1].at;
    await new Promise((r) => setTimeout(r, 5_000));
    const report = await pollCompany(net.company.id, options);
    expect(report.rated).toBe(3);
    const s = await latest(dev.agent);
    // Counters are read a few milliseconds after sysUpTime, so the rate is close, not exact.
    expect(s[1].inBps! / 8_000_000).toBeCloseTo(1, 1);
    expect(s[1].outBps! / 2_000_000).toBeCloseTo(1, 1);
    // Two errors a second over the interval (give or take the reads' few milliseconds).
    const seconds = (s[1].at.getTime() - firstAt.getTime()) / 1000;
    expect(Math.abs(Number(s[1].inErrors) - 2 * seconds)).toBeLessThanOrEqual(2);
    expect(s[2]).toMatchObject({ inBps: 0, outBps: 0, operUp: false });
    expect(s[3].inBps! / 80_000_000).toBeCloseTo(1, 1);
  }, 30_000);

  it("has no rate, not a spike, for the poll after the agent restarted", async () => {
    await agent.restart();
    const report = await pollCompany(net.company.id, options);
    expect(report.noRate.rebooted).toBe(3);
    const s = await latest(dev.agent);
    expect([s[1].inBps, s[3].inBps]).toEqual([null, null]);
  }, 30_000);

  it.skipIf(!hasFping)(
    "pings the devices that answer no SNMP: loopback answers, 198.51.100.7 does not",
    async () => {
      await pollCompany(net.company.id, options);
      expect(await reachability(dev.wrongCommunity)).toMatchObject({ up: true, via: "ICMP", lossPercent: 0 });
      expect((await reachability(dev.wrongCommunity)).latencyMs).toBeGreaterThanOrEqual(0);
      expect(await reachability(dev.gone)).toMatchObject({ up: false, via: "NONE", lossPercent: 100, latencyMs: null });
    },
    30_000,
  );

  it("says fping is missing and still stores the SNMP results", async () => {
    const before = (await latest(dev.agent))[1].at;
    const report = await pollCompany(net.company.id, { ...options, ping: { binary: "/nonexistent/fping" } });
    expect(report.pingUnavailable).toMatch(/fping is not installed/);
    expect((await latest(dev.agent))[1].at.getTime()).toBeGreaterThan(before.getTime());
    expect(await reachability(dev.gone)).toMatchObject({ up: false });
  }, 30_000);
});

describe.skipIf(!!missingSnmpd)("SNMP v3 (authPriv, SHA and AES) and an agent with only 32-bit counters", () => {
  // A port of the range given to this work (16100-16119), loopback only.
  const PORT = 16101;
  const V3 = {
    user: "lastmile-v3",
    authProtocol: "SHA",
    authKey: "auth-pass-123",
    privProtocol: "AES",
    privKey: "priv-pass-456",
  } as const;
  let agent: RunningSnmpd;
  let net: Awaited<ReturnType<typeof makeMonitoredNetwork>>;
  let v3Device: string;
  let wrongKey: string;
  const options: PollOptions = { port: PORT, timeoutMs: 700, retries: 0, ping: false };

  beforeAll(async () => {
    net = await makeMonitoredNetwork("snmp-v3-isp");
    v3Device = await net.device("v3-router", { address: "127.0.0.1", v3: V3 });
    wrongKey = await net.device("v3-wrong-passphrase", {
      address: "127.0.0.7",
      v3: { ...V3, authKey: "not-the-auth-pass" },
    });
    agent = await startSnmpd({
      port: PORT,
      community: "v3-test-community",
      addresses: ["127.0.0.1", "127.0.0.7"],
      v3Users: [{ name: V3.user, authProtocol: "SHA", authKey: V3.authKey, privProtocol: "AES", privKey: V3.privKey }],
      interfaces: [
        // No ifHC counters; 1 MB/s in, so its 32-bit ifInOctets passes 2^32 2.5 s from now: between the two polls.
        {
          index: 1,
          name: "ether1",
          inBps: 8_000_000,
          outBps: 800_000,
          speedMbps: 100,
          hc: false,
          zeroAt: Date.now() + 2_500 - 4_294_967,
        },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await agent?.stop();
  });

  it("reads the device over v3 with its sealed passphrases, refuses the wrong passphrase, and rates 32-bit counters across their wrap", async () => {
    const first = await pollCompany(net.company.id, options);
    expect(first).toMatchObject({ devices: 2, snmp: 1, interfaces: 1, noRate: { first: 1 } });
    expect(first.failed.map((f) => f.name)).toEqual(["v3-wrong-passphrase"]);
    expect(first.failed[0]!.error).not.toBe("");
    const status = await net.admin.monitoring.deviceStatus({ deviceId: v3Device });
    expect(status.interfaces.map((i) => [i.ifIndex, i.ifName, i.up, i.speedMbps])).toEqual([[1, "ether1", true, 100]]);
    expect(
      await withTenant(net.company.id, (tx) =>
        tx.deviceReachability.findUniqueOrThrow({ where: { deviceId: wrongKey } }),
      ),
    ).toMatchObject({ up: false });

    await new Promise((r) => setTimeout(r, 5_000));
    const second = await pollCompany(net.company.id, options);
    expect(second.rated).toBe(1);
    const last = await withTenant(net.company.id, (tx) =>
      tx.interfaceSample.findFirstOrThrow({ where: { deviceId: v3Device }, orderBy: { at: "desc" } }),
    );
    // Across the 2^32 wrap: the rate, not a spike of 2^32 bytes nor a missing interval.
    expect(last.inBps! / 8_000_000).toBeCloseTo(1, 1);
    expect(last.outBps! / 800_000).toBeCloseTo(1, 1);
  }, 30_000);
});
