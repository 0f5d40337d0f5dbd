import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { callerAs, makeUser } from "../../test/fixtures";
import { deviceMaker } from "../monitoring/testing";
import { pollCompany, type PollOptions } from "../monitoring/poller";
import { missingSnmpd, startSnmpd, type RunningSnmpd } from "../monitoring/snmpd-harness";
import { radclient, startRadiusApi, type RadiusApi } from "../radius/freeradius-api";
import {
  freeUdpPort,
  missingFreeradius,
  shippedModulesAndPolicy,
  shippedSite,
  startFreeradius,
  writeRaddb,
  type Daemon,
} from "../radius/freeradius-harness";
import { makeNetwork, type Subscriber } from "../radius/testing";
import { CODE, startCoaResponder, type CoaResponder } from "./testing";

// Issue 13's "Done when", in order, for one subscriber (Amina) of one ISP, with real daemons:
//   1. Debian's FreeRADIUS, running the configuration we ship (deploy/freeradius) and calling our
//      RADIUS REST handlers, accepts her login from the ISP's registered MikroTik NAS with her
//      package's speed (Mikrotik-Rate-Limit), and refuses the same login from a NAS not registered;
//      a customer of the same package on the ISP's Cisco BNG gets that speed as the Cisco-AVPair
//      QoS a CoA would send him;
//   2. accounting sent through that FreeRADIUS puts her usage into what the portal's usage chart
//      reads (portal.overview, as Amina) and her session, with its bytes, into the console's
//      online list (nas.online, as the network administrator);
//   3. suspending her subscription sends a Disconnect-Request that the NAS (a UDP listener that
//      checks the Request Authenticator and Message-Authenticator as a router does) receives for
//      her session and ACKs; the online list shows the ACK; the NAS ends the session and accounts
//      its Stop through FreeRADIUS, as a router does after a disconnect, and she leaves the list;
//   4. her tower, polled over SNMP from Debian's snmpd, stops answering when that snmpd is stopped:
//      after the hold-down an outage opens that lists exactly the customers behind the tower (she,
//      and her neighbour shown online since his session is live) and not the customer behind the
//      other tower, whose own snmpd keeps answering; she sees the outage in the portal.
// The steps share state, so they are one test each in file order (vitest runs them in sequence).

const SECRET = "journey-nas-secret";
const SLUG = "live-journey";
const NAS_IP = "127.0.0.1";
const CISCO_NAS_IP = "127.0.0.2";
const COMMUNITY = "journey-community";
// Amina's tower and the other tower: two snmpd on one port, each on its own loopback address.
const TOWER_A_IP = "127.0.0.1";
const TOWER_B_IP = "127.0.0.5";

const missing = missingFreeradius ?? missingSnmpd;
if (missing) console.warn(`Skipping the live-network journey: ${missing} is not installed.`);

describe.skipIf(!!missing)("the live network, end to end: speed, usage, online, CoA, outage", () => {
  let net: Awaited<ReturnType<typeof makeNetwork>>;
  let noc: Awaited<ReturnType<typeof callerAs>>;
  let portal: Awaited<ReturnType<typeof callerAs>>;
  let amina: Subscriber;
  let neighbour: Subscriber;
  let elsewhere: Subscriber;
  let onCisco: Subscriber;
  let api: RadiusApi;
  let daemon: Daemon;
  let raddb: string;
  let nas: CoaResponder;
  const agents: Record<"a" | "b", RunningSnmpd | undefined> = { a: undefined, b: undefined };
  const towers: Record<"a" | "b", string> = { a: "", b: "" };
  const ports = { auth: 0, acct: 0 };
  let pollOptions: PollOptions;
  const AMINA_SESSION = "journey-0001";

  const send = (kind: "auth" | "acct", attributes: Record<string, string | number>) =>
    radclient(kind === "auth" ? ports.auth : ports.acct, SECRET, kind, attributes, () => daemon.log());
  const onlineNow = async (username: string) => (await noc.nas.online({ search: username })).rows;

  /** The subscriber's line on a port of the tower (no CPE device of their own). */
  async function behind(tower: string, sub: Subscriber) {
    const port = (await noc.devices.get({ id: tower })).interfaces[0]!;
    await noc.devices.attachSubscription({ subscriptionId: sub.subscriptionId, accessInterfaceId: port.id });
  }

  beforeAll(async () => {
    net = await makeNetwork(SLUG);
    noc = await callerAs(
      net.company,
      (await makeUser(net.company.id, "NETWORK_ADMIN", { email: `noc@${SLUG}.test` })).id,
    );
    amina = await net.subscriber("ACTIVE");
    neighbour = await net.subscriber("ACTIVE");
    elsewhere = await net.subscriber("ACTIVE");
    onCisco = await net.subscriber("ACTIVE");
    // Amina signs in to the portal as herself.
    const user = await makeUser(net.company.id, "CUSTOMER", { email: `amina@${SLUG}.test` });
    await withTenant(net.company.id, (tx) =>
      tx.customer.update({ where: { id: amina.customerId }, data: { userId: user.id } }),
    );
    portal = await callerAs(net.company, user.id);

    // The ISP's NAS: a MikroTik whose Dynamic Authorization port is our checking listener.
    nas = await startCoaResponder(SECRET, NAS_IP);
    await noc.nas.create({ name: "bng-1", ipAddress: NAS_IP, vendor: "MIKROTIK", coaPort: nas.port, secret: SECRET });
    // And a Cisco BNG (only logged in through here: no CoA is sent to it).
    await noc.nas.create({
      name: "bng-2",
      ipAddress: CISCO_NAS_IP,
      vendor: "CISCO",
      coaPort: nas.port,
      secret: SECRET,
    });

    // FreeRADIUS with the shipped module, policy and site, calling the API with a server key.
    const { secret: key } = await net.admin.radius.createKey({ name: "journey freeradius" });
    api = await startRadiusApi();
    ports.auth = await freeUdpPort();
    ports.acct = await freeUdpPort();
    raddb = writeRaddb({
      secret: SECRET,
      ...shippedModulesAndPolicy(),
      sites: { lastmile: shippedSite("lastmile", ports.auth, ports.acct) },
    });
    daemon = await startFreeradius(raddb, ports.auth, SECRET, {
      LASTMILE_API_URL: `http://${SLUG}.localhost:${api.port}`,
      LASTMILE_RADIUS_KEY: key,
    });

    // Two towers polled over SNMP; Amina and her neighbour behind the first, another customer behind the second.
    const device = await deviceMaker(net.company.id, noc);
    towers.a = await device("tower-a", { address: TOWER_A_IP, community: COMMUNITY });
    towers.b = await device("tower-b", { address: TOWER_B_IP, community: COMMUNITY });
    await behind(towers.a, amina);
    await behind(towers.a, neighbour);
    await behind(towers.b, elsewhere);
    const snmpPort = await freeUdpPort();
    const radio = { index: 1, name: "wlan1", inBps: 4_000_000, outBps: 20_000_000 };
    agents.a = await startSnmpd({ port: snmpPort, community: COMMUNITY, addresses: [TOWER_A_IP], interfaces: [radio] });
    agents.b = await startSnmpd({ port: snmpPort, community: COMMUNITY, addresses: [TOWER_B_IP], interfaces: [radio] });
    // SNMP only: every loopback address answers ping, so a stopped snmpd would still look "up" by ICMP.
    pollOptions = { port: snmpPort, timeoutMs: 700, retries: 0, ping: false };
  }, 120_000);

  afterAll(async () => {
    await daemon?.stop();
    if (api?.listening) await api.stop();
    await nas?.close();
    await agents.a?.stop();
    await agents.b?.stop();
    if (raddb) rmSync(raddb, { recursive: true, force: true });
  });

  it("1. FreeRADIUS gives her the speed of her package in her NAS's words, and refuses a NAS not registered", async () => {
    const login = { "User-Name": amina.username, "User-Password": amina.password };
    // First, as the API is asked only outside a login's fresh-answer window (kept per User-Name).
    expect(await send("auth", { ...login, "NAS-IP-Address": "192.0.2.99" })).toMatchObject({
      code: "Access-Reject",
    });
    const pkg = net.packages.pppoe;
    expect(await send("auth", { ...login, "NAS-IP-Address": NAS_IP })).toEqual({
      code: "Access-Accept",
      attributes: { "Mikrotik-Rate-Limit": `${pkg.uploadKbps}k/${pkg.downloadKbps}k` },
    });
    // The same package on the Cisco BNG: ISG parameterised QoS in bit/s, upload in, download out; no MikroTik attribute.
    expect(
      await send("auth", {
        "User-Name": onCisco.username,
        "User-Password": onCisco.password,
        "NAS-IP-Address": CISCO_NAS_IP,
      }),
    ).toEqual({
      code: "Access-Accept",
      attributes: {
        "Cisco-AVPair": [
          `ip:sub-qos-policy-in=add-class(sub,(class-default),police(${pkg.uploadKbps * 1000}))`,
          `ip:sub-qos-policy-out=add-class(sub,(class-default),police(${pkg.downloadKbps * 1000}))`,
        ],
      },
    });
  });

  // What her NAS accounts for her session: 40 MB plus 4 GiB down (Gigawords), 1.5 MB up.
  const DOWN = 2 ** 32 + 40_000_000;
  const UP = 1_500_000;

  it("2. her accounting through FreeRADIUS shows in the portal's usage chart and in the console's online list", async () => {
    const session = {
      "User-Name": amina.username,
      "Acct-Session-Id": AMINA_SESSION,
      "NAS-IP-Address": NAS_IP,
      "Framed-IP-Address": "100.64.13.7",
    };
    expect((await send("acct", { ...session, "Acct-Status-Type": "Start" })).code).toBe("Accounting-Response");
    expect(
      (
        await send("acct", {
          ...session,
          "Acct-Status-Type": "Interim-Update",
          "Acct-Output-Octets": 40_000_000,
          "Acct-Output-Gigawords": 1,
          "Acct-Input-Octets": UP,
          "Acct-Session-Time": 300,
        })
      ).code,
    ).toBe("Accounting-Response");

    // The portal's dashboard chart (components/portal/dashboard.tsx reads portal.overview), as Amina.
    const { usage } = await portal.portal.overview();
    expect(usage.daily).toEqual([{ day: expect.any(String), downloadBytes: DOWN, uploadBytes: UP }]);
    expect(usage.thisCycle).toMatchObject({ downloadBytes: DOWN, uploadBytes: UP });

    // The console's online list (nas.online), as the network administrator: her session on bng-1.
    expect(await onlineNow(amina.username)).toEqual([
      expect.objectContaining({
        acctSessionId: AMINA_SESSION,
        framedIp: "100.64.13.7",
        outputBytes: DOWN,
        inputBytes: UP,
        nas: expect.objectContaining({ name: "bng-1" }),
        subscriber: expect.objectContaining({ subscriptionId: amina.subscriptionId, status: "ACTIVE" }),
        lastRequest: null,
      }),
    ]);
  });

  it("3. suspending her disconnects the session through CoA, and she leaves the online list", async () => {
    await net.admin.subscriptions.suspend({ id: amina.subscriptionId, reason: "Unpaid invoice" });
    await settleInline();

    // The NAS received a valid Disconnect-Request for her session (it drops one that does not check).
    await expect
      .poll(() => nas.received.filter((p) => p.attributes["Acct-Session-Id"] === AMINA_SESSION))
      .toEqual([
        expect.objectContaining({
          code: CODE.DISCONNECT_REQUEST,
          hasMessageAuthenticator: true,
          attributes: expect.objectContaining({ "User-Name": amina.username, "NAS-IP-Address": NAS_IP }),
        }),
      ]);
    expect(nas.refused).toEqual([]);
    // Its ACK is recorded and shown beside the session.
    await expect
      .poll(async () => (await onlineNow(amina.username))[0]?.lastRequest)
      .toMatchObject({ kind: "DISCONNECT", result: "ACK" });

    // The router ends the session and accounts its Stop, as after any disconnect.
    expect(
      (
        await send("acct", {
          "User-Name": amina.username,
          "Acct-Session-Id": AMINA_SESSION,
          "NAS-IP-Address": NAS_IP,
          "Acct-Status-Type": "Stop",
          "Acct-Output-Octets": 40_000_000,
          "Acct-Output-Gigawords": 1,
          "Acct-Input-Octets": UP,
          "Acct-Session-Time": 360,
          "Acct-Terminate-Cause": "Admin-Reset",
        })
      ).code,
    ).toBe("Accounting-Response");
    expect(await onlineNow(amina.username)).toEqual([]);
  });

  it("4. her tower stops answering SNMP: after the hold-down an outage lists exactly the customers behind it", async () => {
    // Her neighbour is online on the same tower: a live session.
    expect(
      (
        await send("acct", {
          "User-Name": neighbour.username,
          "Acct-Session-Id": "journey-0002",
          "NAS-IP-Address": NAS_IP,
          "Acct-Status-Type": "Start",
        })
      ).code,
    ).toBe("Accounting-Response");

    const first = await pollCompany(net.company.id, pollOptions);
    expect(first).toMatchObject({ devices: 2, snmp: 2, failed: [] });
    expect((await noc.outages.list({})).rows).toEqual([]);

    await agents.a!.stop();
    agents.a = undefined;
    const { holdDownPolls } = await noc.outages.settings();
    // Misses below the hold-down are not an outage.
    for (let miss = 1; miss < holdDownPolls; miss++) {
      const report = await pollCompany(net.company.id, pollOptions);
      expect(report.failed.map((f) => f.name)).toEqual(["tower-a"]);
      expect((await noc.outages.list({})).rows).toEqual([]);
    }
    const last = await pollCompany(net.company.id, pollOptions);
    expect(last).toMatchObject({ snmp: 1, failed: [expect.objectContaining({ name: "tower-a" })] });
    await settleInline();

    const { rows } = await noc.outages.list({});
    expect(rows).toEqual([
      expect.objectContaining({ status: "OPEN", source: "AUTOMATIC", device: { id: towers.a, name: "tower-a" } }),
    ]);
    const outage = await noc.outages.get({ id: rows[0]!.id });
    expect(
      outage.customers
        .map((c) => ({ subscriptionId: c.subscriptionId, online: c.online }))
        .sort((x, y) => x.subscriptionId.localeCompare(y.subscriptionId)),
    ).toEqual(
      [
        { subscriptionId: amina.subscriptionId, online: false },
        { subscriptionId: neighbour.subscriptionId, online: true },
      ].sort((x, y) => x.subscriptionId.localeCompare(y.subscriptionId)),
    );
    expect(outage.customers.map((c) => c.subscriptionId)).not.toContain(elsewhere.subscriptionId);
    expect(outage).toMatchObject({ affected: 1, online: 1 });

    // Amina sees it on the portal.
    expect(await portal.outages.portal.current()).toEqual([expect.objectContaining({ id: outage.id })]);
  });
});
