// The demo company's address plan (issue 11), written through the IPAM module's services so the
// same overlap, host-address and pool rules apply as in the console, each write audited:
//   aggregates   10.0.0.0/8 (RFC 1918), 203.0.113.0/24 and 2001:db8::/32 (the public space;
//                documentation ranges stand in for the AFRINIC allocations of a real ISP)
//   10.20.0.0/16 container "Nairobi", holding per-site subscriber pools (a /22 each), and the
//                management pool the devices' management IPs come from
//   203.0.113.0/24 pool of business static IPs (the business subscription's address comes from it)
//   2001:db8:acde::/48 pool that delegates a /56 to each subscriber who has IPv6
//   a VLAN group per site (management, subscribers, business)
// Two steps: the plan (before the subscriptions, so a static IP is allocated from its pool) and
// the attachments (after the devices and subscriptions exist). Each runs once per company.
import { withTenant } from "../server/db/tenant";
import * as managementIp from "../server/modules/devices/management-ip";
import * as addresses from "../server/modules/ipam/addresses";
import * as aggregates from "../server/modules/ipam/aggregates";
import * as allocation from "../server/modules/ipam/allocation";
import * as prefixes from "../server/modules/ipam/prefixes";
import * as sites from "../server/modules/ipam/sites";
import * as vlans from "../server/modules/ipam/vlans";
import * as provisioning from "../server/modules/provisioning/service";
import type { Scope } from "../server/modules/scope";

export const BUSINESS_POOL = "Business static IPs";
export const MANAGEMENT_POOL = "Network management";
export const IPV6_POOL = "Subscriber IPv6 delegations (a /56 each)";
const SUBSCRIBER_POOL = (site: string) => `${site} subscribers (PPPoE)`;
/** How many subscribers the demo gives an IPv6 /56 (the rest are IPv4 only, as many are). */
const IPV6_SUBSCRIBERS = 4;

const scopeOf = (tx: Scope["tx"], companyId: string): Scope => ({
  tx,
  companyId,
  actor: { type: "SYSTEM", label: "seed" },
});

/** The demo's two POPs, created when missing (the network seed and the address plan share them). */
export async function demoSites(scope: Scope) {
  const existing = await sites.options(scope);
  const siteId = async (name: string, slug: string, code: string) =>
    existing.find((s) => s.name === name)?.id ??
    (await sites.create(scope, { name, slug, code, address: `${name}, Nairobi` })).id;
  return {
    westlands: await siteId("Westlands POP", "westlands", "WST"),
    kilimani: await siteId("Kilimani POP", "kilimani", "KLM"),
  };
}

/** Aggregates, VLANs, the prefix tree and the pools' gateways; nothing when the company has aggregates. */
export async function seedAddressPlan(companyId: string): Promise<void> {
  await withTenant(companyId, async (tx) => {
    const scope = scopeOf(tx, companyId);
    if ((await tx.aggregate.count()) > 0) return;
    const site = await demoSites(scope);

    await aggregates.create(scope, { prefix: "10.0.0.0/8", rir: "RFC 1918", description: "Private space" });
    await aggregates.create(scope, { prefix: "203.0.113.0/24", rir: "AFRINIC", description: "Public IPv4" });
    await aggregates.create(scope, { prefix: "2001:db8::/32", rir: "AFRINIC", description: "Public IPv6" });

    const vlan = async (groupId: string, siteId: string, vid: number, name: string) =>
      (await vlans.createVlan(scope, { vid, name, groupId, siteId })).id;
    const group = async (siteId: string, name: string, slug: string) =>
      (await vlans.createGroup(scope, { name, slug, siteId, minVid: 2, maxVid: 999 })).id;
    const wst = await group(site.westlands, "Westlands POP", "westlands");
    const klm = await group(site.kilimani, "Kilimani POP", "kilimani");
    const vlanOf = {
      wstManagement: await vlan(wst, site.westlands, 10, "Management"),
      wstSubscribers: await vlan(wst, site.westlands, 100, "PPPoE subscribers"),
      wstBusiness: await vlan(wst, site.westlands, 200, "Business"),
      klmManagement: await vlan(klm, site.kilimani, 10, "Management"),
      klmSubscribers: await vlan(klm, site.kilimani, 110, "PPPoE subscribers"),
    };

    const prefix = (p: Parameters<typeof prefixes.create>[1]) => prefixes.create(scope, p);
    await prefix({ prefix: "10.20.0.0/16", status: "CONTAINER", description: "Nairobi" });
    await prefix({
      prefix: "10.20.0.0/22",
      isPool: true,
      siteId: site.westlands,
      vlanId: vlanOf.wstSubscribers,
      description: SUBSCRIBER_POOL("Westlands"),
    });
    await prefix({
      prefix: "10.20.4.0/22",
      isPool: true,
      siteId: site.kilimani,
      vlanId: vlanOf.klmSubscribers,
      description: SUBSCRIBER_POOL("Kilimani"),
    });
    await prefix({ prefix: "10.20.8.0/22", status: "RESERVED", description: "Reserved for a third POP" });
    await prefix({
      prefix: "10.20.255.0/24",
      isPool: true,
      siteId: site.westlands,
      vlanId: vlanOf.wstManagement,
      description: MANAGEMENT_POOL,
    });
    await prefix({
      prefix: "203.0.113.0/24",
      isPool: true,
      siteId: site.westlands,
      vlanId: vlanOf.wstBusiness,
      description: BUSINESS_POOL,
    });
    await prefix({ prefix: "2001:db8:acde::/48", isPool: true, description: IPV6_POOL });

    // Each IPv4 pool's first host is its gateway on the BNG, so it is never handed to anyone.
    for (const [address, dnsName] of [
      ["10.20.0.1", "gw.westlands.acme.example"],
      ["10.20.4.1", "gw.kilimani.acme.example"],
      ["203.0.113.1", "gw.business.acme.example"],
    ] as const)
      await addresses.create(scope, { address, role: "GATEWAY", dnsName, description: "BNG gateway" });
  });
}

/** The pool with this description (the plan's own pools), if the plan is there. */
export async function demoPoolId(scope: Scope, description: string): Promise<string | null> {
  return (await scope.tx.prefix.findFirst({ where: { isPool: true, description }, select: { id: true } }))?.id ?? null;
}

/**
 * The customers and devices on the plan: each POP device's management IP from the management
 * pool, each subscriber with a CPE an address from the pool of the POP they hang off (fibre at
 * Westlands, radio at Kilimani), the first subscribers an IPv6 /56, and their RADIUS rows
 * rewritten to carry them. Once: nothing when the IPv6 pool has delegated a prefix already. One
 * transaction per device and per subscriber (a loaded machine must not time the whole out), each
 * step skipped when already done.
 */
export async function seedAddressAssignments(companyId: string): Promise<void> {
  const plan = await withTenant(companyId, async (tx) => {
    const scope = scopeOf(tx, companyId);
    const pools = {
      management: await demoPoolId(scope, MANAGEMENT_POOL),
      westlands: await demoPoolId(scope, SUBSCRIBER_POOL("Westlands")),
      kilimani: await demoPoolId(scope, SUBSCRIBER_POOL("Kilimani")),
      ipv6: await demoPoolId(scope, IPV6_POOL),
    };
    if (!pools.management || !pools.westlands || !pools.kilimani || !pools.ipv6) return null;
    if ((await tx.prefix.count({ where: { subscriptionId: { not: null } } })) > 0) return null;
    const devices = await tx.device.findMany({
      where: { siteId: { not: null }, managementIpAddressId: null },
      orderBy: [{ createdAt: "asc" }, { name: "asc" }],
      select: { id: true },
    });
    const subscribers = await tx.subscription.findMany({
      where: { status: { not: "TERMINATED" }, cpeDeviceId: { not: null } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, pppoeUsername: true, cpeDevice: { select: { name: true } } },
    });
    return { pools: pools as Record<keyof typeof pools, string>, devices, subscribers };
  });
  if (!plan) return;
  const { pools } = plan;
  for (const d of plan.devices)
    await withTenant(companyId, (tx) =>
      managementIp.assignManagementIp(scopeOf(tx, companyId), { deviceId: d.id, prefixId: pools.management }),
    );
  for (const [i, s] of plan.subscribers.entries())
    await withTenant(companyId, async (tx) => {
      const scope = scopeOf(tx, companyId);
      if ((await tx.ipAddress.count({ where: { subscriptionId: s.id } })) === 0)
        await allocation.allocateAddress(scope, {
          prefixId: s.cpeDevice!.name.startsWith("ont-") ? pools.westlands : pools.kilimani,
          subscriptionId: s.id,
        });
      if (i < IPV6_SUBSCRIBERS && (await tx.prefix.count({ where: { subscriptionId: s.id } })) === 0)
        await allocation.allocatePrefix(scope, { prefixId: pools.ipv6, length: 56, subscriptionId: s.id });
      if (s.pppoeUsername) await provisioning.sync(scope, s.id);
    });
}
