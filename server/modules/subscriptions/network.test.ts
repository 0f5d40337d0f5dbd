import { beforeAll, describe, expect, it } from "vitest";
import { settleInline } from "../../jobs/emit";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { seedStarterCatalogue } from "../devices/catalogue";
import { systemActor } from "../scope";
import { makeCustomer, packageInput } from "./testing";

// A subscription's place on the network, as the "Address and access" dialog changes it: an
// address from a pool (next free, or typed and checked), a delegated IPv6 prefix, the access port;
// and who may change them.

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let manager: Caller;
let netAdmin: Caller;
let support: Caller;
let pppoeId: string;
let pool4: { id: string };
let pool6: { id: string };

beforeAll(async () => {
  co = await makeCompany("subs-net-isp");
  manager = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  netAdmin = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN")).id);
  support = await callerAs(co.company, (await makeUser(co.company.id, "TECHNICAL_SUPPORT")).id);
  pppoeId = (await netAdmin.packages.create(packageInput("PPPOE"))).id;
  await withTenant(co.company.id, (tx) => seedStarterCatalogue({ tx, companyId: co.company.id, actor: systemActor }));
  pool4 = await netAdmin.ipam.prefixes.create({ prefix: "100.64.20.0/29", isPool: true, description: "Subscribers" });
  pool6 = await netAdmin.ipam.prefixes.create({ prefix: "2001:db8:20::/48", isPool: true });
});

async function newSubscription() {
  const customer = await makeCustomer(co.company.id);
  return (await manager.subscriptions.create({ customerId: customer.id, packageId: pppoeId, startDate: "2026-12-01" }))
    .subscription;
}

const addressesOf = async (id: string) =>
  (await netAdmin.ipam.addresses.list({ subscriptionId: id })).rows.map((r) => r.address);

describe("pools offered for a subscriber", () => {
  it("are the pools of the asked family, neither reserved nor deprecated", async () => {
    await netAdmin.ipam.prefixes.create({ prefix: "100.64.21.0/29", isPool: true, status: "RESERVED" });
    await netAdmin.ipam.prefixes.create({ prefix: "100.64.22.0/29" });
    expect((await netAdmin.ipam.prefixes.pools({ family: 4 })).map((p) => p.prefix)).toEqual(["100.64.20.0/29"]);
    expect((await netAdmin.ipam.prefixes.pools({ family: 6 })).map((p) => p.prefix)).toEqual(["2001:db8:20::/48"]);
  });
});

describe("a typed address in a pool", () => {
  it("is refused outside the pool, as the pool's network or broadcast, or when in use; nothing changes", async () => {
    const s = await newSubscription();
    const other = await newSubscription();
    expect((await netAdmin.subscriptions.setAddress({ id: other.id, staticIpPoolId: pool4.id })).staticIp).toBe(
      "100.64.20.1",
    );
    expect((await netAdmin.subscriptions.setAddress({ id: s.id, staticIpPoolId: pool4.id })).staticIp).toBe(
      "100.64.20.2",
    );

    const outside = await failure(
      netAdmin.subscriptions.setAddress({ id: s.id, staticIp: "100.64.99.3", staticIpPoolId: pool4.id }),
    );
    expect(outside).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "100.64.99.3 is outside the pool 100.64.20.0/29.",
      fields: { staticIp: "Outside 100.64.20.0/29." },
    });
    const broadcast = await failure(
      netAdmin.subscriptions.setAddress({ id: s.id, staticIp: "100.64.20.7", staticIpPoolId: pool4.id }),
    );
    expect(broadcast).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "100.64.20.7 is the broadcast address of 100.64.20.0/29; a host cannot use it.",
    });
    const network = await failure(
      netAdmin.subscriptions.setAddress({ id: s.id, staticIp: "100.64.20.0", staticIpPoolId: pool4.id }),
    );
    expect(network.message).toContain("network address");
    const used = await failure(
      netAdmin.subscriptions.setAddress({ id: s.id, staticIp: "100.64.20.1", staticIpPoolId: pool4.id }),
    );
    expect(used).toMatchObject({ code: "CONFLICT", fields: { staticIp: "Already assigned to another subscription." } });
    // Each refusal left the subscription with the address it had.
    expect(await addressesOf(s.id)).toEqual(["100.64.20.2"]);
    expect((await netAdmin.subscriptions.network({ id: s.id })).staticIp).toBe("100.64.20.2");

    expect(
      (await netAdmin.subscriptions.setAddress({ id: s.id, staticIp: "100.64.20.5", staticIpPoolId: pool4.id }))
        .staticIp,
    ).toBe("100.64.20.5");
    expect(await addressesOf(s.id)).toEqual(["100.64.20.5"]);
    // Given back for the next "Allocate next free".
    await netAdmin.subscriptions.setAddress({ id: s.id });
    await netAdmin.subscriptions.setAddress({ id: other.id });
  });
});

describe("a delegated IPv6 prefix", () => {
  it("is the next free /56 of an IPv6 pool, released on request, and reaches the RADIUS reply", async () => {
    const s = await newSubscription();
    await manager.subscriptions.activate({ id: s.id });
    await settleInline();
    const n = await netAdmin.subscriptions.setDelegatedPrefix({ id: s.id, poolId: pool6.id });
    expect(n.delegatedPrefix).toBe("2001:db8:20::/56");
    const second = await newSubscription();
    expect((await netAdmin.subscriptions.setDelegatedPrefix({ id: second.id, poolId: pool6.id })).delegatedPrefix).toBe(
      "2001:db8:20:100::/56",
    );
    await netAdmin.subscriptions.setAddress({ id: s.id, staticIpPoolId: pool4.id });
    await settleInline();
    const reply = await withTenant(co.company.id, (tx) =>
      tx.radiusAttribute.findMany({ where: { subscriptionId: s.id, kind: "reply" }, orderBy: { attribute: "asc" } }),
    );
    expect(Object.fromEntries(reply.map((r) => [r.attribute, r.value]))).toMatchObject({
      "Framed-IP-Address": "100.64.20.1",
      "Delegated-IPv6-Prefix": "2001:db8:20::/56",
    });

    // An IPv4 pool does not delegate IPv6 prefixes; the prefix stays.
    const wrong = await failure(netAdmin.subscriptions.setDelegatedPrefix({ id: s.id, poolId: pool4.id }));
    expect(wrong).toMatchObject({ code: "UNPROCESSABLE_CONTENT", fields: { poolId: "Choose an IPv6 pool." } });
    const tooLong = await failure(
      netAdmin.subscriptions.setDelegatedPrefix({ id: s.id, poolId: pool6.id, length: 80 }),
    );
    expect(tooLong.code).toBe("BAD_REQUEST");
    expect((await netAdmin.subscriptions.network({ id: s.id })).delegatedPrefix).toBe("2001:db8:20::/56");

    expect((await netAdmin.subscriptions.setDelegatedPrefix({ id: s.id })).delegatedPrefix).toBeNull();
    const history = (await netAdmin.ipam.prefixes.history({ subscriptionId: s.id })).rows.map((e) => [e.kind, e.value]);
    expect(history).toContainEqual(["RELEASED", "2001:db8:20::/56"]);
    const audit = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { entityId: s.id, action: "subscription.set_delegated_prefix" } }),
    );
    expect(audit).toHaveLength(2);
    await netAdmin.subscriptions.setAddress({ id: s.id });
    await netAdmin.subscriptions.setDelegatedPrefix({ id: second.id });
    await settleInline();
  });
});

describe("the access port", () => {
  it("shows in the subscription's network view once attached, and the customer is behind the device", async () => {
    const deviceTypeId = await withTenant(
      co.company.id,
      async (tx) => (await tx.deviceType.findFirstOrThrow({ where: { model: "MA5800-X7" } })).id,
    );
    const olt = await netAdmin.devices.create({ name: "olt-net", deviceTypeId, serial: "SN-OLT-NET" });
    const port = (await netAdmin.devices.get({ id: olt.id })).interfaces[0]!;
    const s = await newSubscription();
    expect((await support.subscriptions.network({ id: s.id })).accessInterface).toBeNull();
    await netAdmin.devices.attachSubscription({ subscriptionId: s.id, accessInterfaceId: port.id });
    expect((await support.subscriptions.network({ id: s.id })).accessInterface).toEqual({
      id: port.id,
      name: port.name,
      device: { id: olt.id, name: "olt-net" },
    });
    const behind = await netAdmin.devices.customersBehind({ deviceId: olt.id });
    expect(behind.rows.map((r) => r.subscriptionId)).toEqual([s.id]);
  });
});

describe("who may change it", () => {
  it("support reads the network view but sets neither address nor prefix; nothing changes", async () => {
    const s = await newSubscription();
    expect(await support.subscriptions.network({ id: s.id })).toMatchObject({ staticIp: null, delegatedPrefix: null });
    expect((await failure(support.subscriptions.setAddress({ id: s.id, staticIpPoolId: pool4.id }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await failure(support.subscriptions.setDelegatedPrefix({ id: s.id, poolId: pool6.id }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await addressesOf(s.id)).toEqual([]);
    expect((await netAdmin.subscriptions.network({ id: s.id })).delegatedPrefix).toBeNull();
  });

  it("a terminated subscription gets no prefix", async () => {
    const s = await newSubscription();
    await manager.subscriptions.terminate({ id: s.id, reason: "Never installed" });
    const f = await failure(netAdmin.subscriptions.setDelegatedPrefix({ id: s.id, poolId: pool6.id }));
    expect(f.code).toBe("CONFLICT");
    await settleInline();
  });
});
