// Demo network for the demo company: two sites, a core router, an aggregation switch per site,
// an OLT with an ONT for most subscribers and an access point with a CPE for the rest (each
// subscription's typed CPE serial becomes its device). Built through the same services the
// console uses; does nothing if the company has devices already, so it may be run again.
// Then the address plan (prisma/seed-ipam.ts): management IPs, subscribers' addresses, IPv6.
import { withTenant } from "../server/db/tenant";
import { seedStarterCatalogue } from "../server/modules/devices/catalogue";
import * as links from "../server/modules/devices/links";
import * as devices from "../server/modules/devices/service";
import type { Scope } from "../server/modules/scope";
import { demoSites, seedAddressAssignments, seedAddressPlan } from "./seed-ipam";

export async function seedNetwork(companyId: string): Promise<void> {
  await seedAddressPlan(companyId); // once; before the subscriptions when the whole demo is seeded
  await seedDevices(companyId);
  await seedAddressAssignments(companyId);
}

async function seedDevices(companyId: string): Promise<void> {
  await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
    if ((await tx.device.count()) > 0) return;
    await seedStarterCatalogue(scope);
    const type = async (model: string) => (await tx.deviceType.findFirstOrThrow({ where: { model } })).id;
    const { westlands, kilimani } = await demoSites(scope);

    const add = async (name: string, model: string, site: string | null, extra: { serial?: string } = {}) => {
      const { id } = await devices.create(scope, {
        name,
        deviceTypeId: await type(model),
        siteId: site,
        status: "ACTIVE",
        firmware: model.startsWith("C") ? "RouterOS 7.16" : null,
        ...extra,
      });
      const page = await devices.get(scope, { userId: "seed", permissions: ["devices:read_all"] }, id);
      return { id, port: (name: string) => page.interfaces.find((i) => i.name === name)!.id };
    };
    const core = await add("core-1", "CCR2004-16G-2S+", westlands, { serial: "HF20A1B2C3" });
    const aggW = await add("agg-westlands", "CRS326-24G-2S+", westlands, { serial: "HF30D4E5F6" });
    const aggK = await add("agg-kilimani", "CRS326-24G-2S+", kilimani, { serial: "HF30G7H8I9" });
    const olt = await add("olt-westlands", "MA5800-X7", westlands, { serial: "21023546HW" });
    const ap = await add("ap-kilimani-sector1", "Rocket 5AC Prism", kilimani, { serial: "UBNT-RP-0042" });
    const cable = (kind: "FIBRE" | "COPPER", a: string, b: string) =>
      links.createLink(scope, { kind, aInterfaceId: a, bInterfaceId: b });
    await cable("FIBRE", core.port("sfp-sfpplus1"), aggW.port("sfp-sfpplus1"));
    await cable("FIBRE", core.port("sfp-sfpplus2"), aggK.port("sfp-sfpplus1"));
    await cable("FIBRE", aggW.port("sfp-sfpplus2"), olt.port("uplink0"));
    await cable("COPPER", aggK.port("ether1"), ap.port("eth0"));

    // Each subscriber's CPE: an ONT on a PON port for the first ones, a radio on the AP after.
    const subs = await tx.subscription.findMany({
      where: { cpeSerial: { not: null }, cpeDeviceId: null },
      orderBy: { createdAt: "asc" },
      select: { id: true, cpeSerial: true },
    });
    for (const [i, s] of subs.entries()) {
      const onFibre = i < Math.ceil(subs.length * 0.7);
      const cpe = await add(
        `${onFibre ? "ont" : "cpe"}-${s.cpeSerial!.toLowerCase()}`,
        onFibre ? "EchoLife HG8245H" : "LiteBeam 5AC Gen2",
        null,
        { serial: s.cpeSerial! },
      );
      await links.attachSubscription(scope, {
        subscriptionId: s.id,
        cpeDeviceId: cpe.id,
        accessInterfaceId: onFibre ? olt.port(`0/1/${i % 2}`) : ap.port("ath0"),
      });
    }
  });
}
