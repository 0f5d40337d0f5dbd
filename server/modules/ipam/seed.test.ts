import { expect, it } from "vitest";
import { seedAddressPlan } from "../../../prisma/seed-ipam";
import { seedLifecycle } from "../../../prisma/seed-lifecycle";
import { seedNetwork } from "../../../prisma/seed-network";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";

// The demo's address plan (prisma/seed-ipam.ts), seeded in the order prisma/seed.ts uses: the
// plan, the subscriptions, the devices, then the assignments; a second run adds nothing.

it("seeds a prefix tree with per-site pools, VLANs, management IPs and subscribers' addresses, once", async () => {
  const { company } = await makeCompany("seed-ipam");
  await makeUser(company.id, "CUSTOMER", { email: "brian.ouma@example.com", name: "Brian Ouma" });
  const noc = await callerAs(company, (await makeUser(company.id, "NETWORK_ADMIN", { email: "noc@seed.test" })).id);
  await seedAddressPlan(company.id);
  await seedLifecycle(company.id);
  await seedNetwork(company.id);
  const counts = () =>
    withTenant(company.id, async (tx) => [
      await tx.prefix.count(),
      await tx.ipAddress.count(),
      await tx.vlan.count(),
      await tx.ipamEvent.count(),
    ]);
  const before = await counts();
  await seedAddressPlan(company.id);
  await seedNetwork(company.id);
  expect(await counts()).toEqual(before);

  // The tree: the /16 container at the top, the pools inside it.
  const tree = await noc.ipam.prefixes.list({ search: "10.20.0.0/16" });
  expect(tree.rows.map((r) => [r.prefix, r.depth, r.status, r.isPool, r.siteName])).toEqual([
    ["10.20.0.0/16", 0, "CONTAINER", false, null],
    ["10.20.0.0/22", 1, "ACTIVE", true, "Westlands POP"],
    ["10.20.4.0/22", 1, "ACTIVE", true, "Kilimani POP"],
    ["10.20.8.0/22", 1, "RESERVED", false, null],
    ["10.20.255.0/24", 1, "ACTIVE", true, "Westlands POP"],
  ]);
  const pools = await noc.ipam.prefixes.list({ pool: "only", pageSize: 200 });
  expect(pools.rows.map((r) => r.prefix)).toEqual([
    "10.20.0.0/22",
    "10.20.4.0/22",
    "10.20.255.0/24",
    "203.0.113.0/24",
    "2001:db8:acde::/48",
  ]);
  expect((await noc.ipam.vlans.groups()).map((g) => [g.name, g._count.vlans])).toEqual([
    ["Kilimani POP", 2],
    ["Westlands POP", 3],
  ]);

  await withTenant(company.id, async (tx) => {
    // Every POP device has a management IP from the management pool.
    const pop = await tx.device.findMany({ where: { siteId: { not: null } }, include: { managementIp: true } });
    expect(pop.length).toBe(5);
    const mgmt = pop.map((d) => d.managementIp?.address.replace(/\/32$/, "")).sort();
    expect(mgmt).toEqual(["10.20.255.1", "10.20.255.2", "10.20.255.3", "10.20.255.4", "10.20.255.5"]);

    // Every live subscriber with a CPE has an address from their POP's pool, and RADIUS says so.
    const subscribers = await tx.subscription.findMany({
      where: { status: { not: "TERMINATED" }, cpeDeviceId: { not: null } },
      include: { ipAddresses: true, cpeDevice: true },
    });
    const framed = new Map(
      (await tx.radiusAttribute.findMany({ where: { attribute: "Framed-IP-Address" } })).map((a) => [
        a.subscriptionId,
        a.value,
      ]),
    );
    expect(subscribers.length).toBeGreaterThan(3);
    for (const s of subscribers) {
      const address = s.ipAddresses[0]!.address.replace(/\/32$/, "");
      expect(address).toMatch(s.cpeDevice!.name.startsWith("ont-") ? /^10\.20\.[0-3]\./ : /^10\.20\.[4-7]\./);
      if (s.pppoeUsername && s.status === "ACTIVE") expect(framed.get(s.id)).toBe(address);
    }
    // The business subscription's static IP came from the business pool, after its gateway.
    const business = await tx.subscription.findFirstOrThrow({ where: { staticIp: { not: null } } });
    expect(business.staticIp).toBe("203.0.113.2");
  });

  // The IPv6 pool delegated /56s to four subscribers, and its history lists them.
  const v6 = pools.rows.find((r) => r.prefix === "2001:db8:acde::/48")!;
  const delegated = await noc.ipam.prefixes.get({ id: v6.id });
  expect(delegated.children.map((c) => [c.prefix, c.subscriptionId !== null])).toEqual([
    ["2001:db8:acde::/56", true],
    ["2001:db8:acde:100::/56", true],
    ["2001:db8:acde:200::/56", true],
    ["2001:db8:acde:300::/56", true],
  ]);
  expect((await noc.ipam.prefixes.history({ prefixId: v6.id })).rows.map((r) => r.kind)).toEqual(
    Array(4).fill("DELEGATED"),
  );
  const business = pools.rows.find((r) => r.prefix === "203.0.113.0/24")!;
  const history = await noc.ipam.prefixes.history({ prefixId: business.id });
  expect(history.rows.map((r) => [r.kind, r.value, r.subscriptionId !== null])).toEqual([
    ["ALLOCATED", "203.0.113.2", true],
    ["ALLOCATED", "203.0.113.1", false],
  ]);
}, 240_000);
