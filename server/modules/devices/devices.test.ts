import { beforeAll, describe, expect, it } from "vitest";
import { unseal } from "../../lib/crypto";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { makeCustomer } from "../subscriptions/testing";
import { seedStarterCatalogue } from "./catalogue";
import { systemActor } from "../scope";

// Equipment and topology on real PostgreSQL: the link rules the database enforces, and the
// customers behind every level of core → aggregation → OLT → PON port → ONT → customer.

type Caller = Awaited<ReturnType<typeof callerAs>>;
type Company = Awaited<ReturnType<typeof makeCompany>>;

let co: Company;
let admin: Caller;
let support: Caller;
let other: Company;
const dev: Record<string, string> = {};
const ifc: Record<string, string> = {}; // "device.port" → interface id
const sub: Record<string, string> = {};
const link: Record<string, string> = {};

async function typeId(companyId: string, model: string) {
  return withTenant(companyId, async (tx) => (await tx.deviceType.findFirstOrThrow({ where: { model } })).id);
}

async function device(name: string, model: string) {
  const { id } = await admin.devices.create({
    name,
    deviceTypeId: await typeId(co.company.id, model),
    serial: `SN-${name}`,
  });
  dev[name] = id;
  for (const i of (await admin.devices.get({ id })).interfaces) ifc[`${name}.${i.name}`] = i.id;
}

async function cable(a: string, b: string, kind: "FIBRE" | "COPPER" | "WIRELESS" = "FIBRE") {
  link[`${a}>${b}`] = (await admin.devices.createLink({ kind, aInterfaceId: ifc[a]!, bInterfaceId: ifc[b]! })).id;
}

async function subscriber(name: string, at: { cpe?: string; port?: string; status?: "ACTIVE" | "TERMINATED" }) {
  const customer = await makeCustomer(co.company.id, { firstName: name });
  const id = newId();
  await withTenant(co.company.id, async (tx) => {
    const pkg = await tx.package.findFirstOrThrow();
    await tx.subscription.create({
      data: {
        id,
        companyId: co.company.id,
        customerId: customer.id,
        packageId: pkg.id,
        startDate: new Date(),
        status: at.status ?? "ACTIVE",
      },
    });
  });
  await admin.devices.attachSubscription({
    subscriptionId: id,
    cpeDeviceId: at.cpe ? dev[at.cpe] : null,
    accessInterfaceId: at.port ? ifc[at.port] : null,
  });
  sub[name] = id;
}

const names = async (input: Parameters<Caller["devices"]["customersBehind"]>[0]) => {
  const page = await admin.devices.customersBehind({ ...input, pageSize: 500 });
  const byId = Object.fromEntries(Object.entries(sub).map(([k, v]) => [v, k]));
  return page.rows.map((r) => byId[r.subscriptionId]).sort();
};

beforeAll(async () => {
  co = await makeCompany("topo", "Topo Fibre");
  other = await makeCompany("elsewhere");
  admin = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN", { email: "na@topo.test" })).id);
  support = await callerAs(
    co.company,
    (await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "ts@topo.test" })).id,
  );
  for (const c of [co, other])
    await withTenant(c.company.id, async (tx) => {
      await seedStarterCatalogue({ tx, companyId: c.company.id, actor: systemActor });
      await tx.package.create({
        data: {
          id: newId(),
          companyId: c.company.id,
          name: "Fibre",
          code: "F",
          type: "FIBER",
          downloadKbps: 1,
          uploadKbps: 1,
          priceMinor: 1,
        },
      });
    });

  await device("core", "CCR2004-16G-2S+");
  await device("agg", "CRS326-24G-2S+");
  await device("agg2", "CRS326-24G-2S+");
  await device("olt", "MA5800-X7");
  await device("ap", "Rocket 5AC Prism");
  for (const n of ["ont1", "ont2", "ont3"]) await device(n, "EchoLife HG8245H");
  await device("cpe1", "LiteBeam 5AC Gen2");

  await cable("core.sfp-sfpplus1", "agg.sfp-sfpplus1");
  await cable("agg.ether1", "olt.uplink0");
  await cable("agg.ether2", "ap.eth0", "COPPER");
  // A ring between the two aggregation switches: the walk must end anyway.
  await cable("agg.ether3", "agg2.ether1", "COPPER");
  await cable("agg2.ether2", "agg.ether4", "COPPER");

  await subscriber("s1", { cpe: "ont1", port: "olt.0/1/0" });
  await subscriber("s2", { cpe: "ont2", port: "olt.0/1/0" });
  await subscriber("s3", { cpe: "ont3", port: "olt.0/1/1" });
  await subscriber("gone", { cpe: "ont3", port: "olt.0/1/1", status: "TERMINATED" });
  await subscriber("s5", { cpe: "cpe1", port: "ap.ath0" });
  await subscriber("s6", { port: "ap.ath0" });
});

describe("customers behind", () => {
  it("follows links from their upstream to their downstream end, at every level", async () => {
    const all = ["s1", "s2", "s3", "s5", "s6"];
    expect(await names({ deviceId: dev.core })).toEqual(all);
    expect(await names({ deviceId: dev.agg })).toEqual(all);
    expect(await names({ deviceId: dev.olt })).toEqual(["s1", "s2", "s3"]);
    expect(await names({ interfaceId: ifc["olt.0/1/0"] })).toEqual(["s1", "s2"]);
    expect(await names({ deviceId: dev.ont1 })).toEqual(["s1"]);
    expect(await names({ deviceId: dev.ont3 })).toEqual(["s3"]); // the terminated one is not behind
    expect(await names({ deviceId: dev.ap })).toEqual(["s5", "s6"]);
    expect(await names({ deviceId: dev.cpe1 })).toEqual(["s5"]);
  });

  it("for an interface: the far side of its link when it faces downstream, its device when it is an uplink", async () => {
    expect(await names({ interfaceId: ifc["agg.ether1"] })).toEqual(["s1", "s2", "s3"]);
    expect(await names({ interfaceId: ifc["olt.uplink0"] })).toEqual(["s1", "s2", "s3"]);
    expect(await names({ interfaceId: ifc["core.ether5"] })).toEqual([]);
  });

  it("for a link: everything on its downstream end", async () => {
    expect(await names({ linkId: link["agg.ether2>ap.eth0"] })).toEqual(["s5", "s6"]);
    expect(await names({ linkId: link["core.sfp-sfpplus1>agg.sfp-sfpplus1"] })).toEqual(["s1", "s2", "s3", "s5", "s6"]);
  });

  it("ends in a ring of links, and pages with the total", async () => {
    // agg2 is downstream of agg and agg of agg2: both see the same customers, each once.
    expect(await names({ deviceId: dev.agg2 })).toEqual(["s1", "s2", "s3", "s5", "s6"]);
    const first = await admin.devices.customersBehind({ deviceId: dev.core, pageSize: 2 });
    const third = await admin.devices.customersBehind({ deviceId: dev.core, pageSize: 2, page: 3 });
    const beyond = await admin.devices.customersBehind({ deviceId: dev.core, pageSize: 2, page: 4 });
    expect([first.total, first.rows.length, third.rows.length, beyond.total, beyond.rows.length]).toEqual([
      5, 2, 1, 5, 0,
    ]);
    expect(first.rows[0]).toMatchObject({ customerName: expect.stringContaining("Otieno"), packageName: "Fibre" });
  });

  it("support reads it; asking about another company's device is not found", async () => {
    expect((await support.devices.customersBehind({ deviceId: dev.olt })).total).toBe(3);
    const id = await withTenant(other.company.id, async (tx) => {
      const t = await tx.deviceType.findFirstOrThrow();
      return (
        await tx.device.create({ data: { id: newId(), companyId: other.company.id, deviceTypeId: t.id, name: "x" } })
      ).id;
    });
    expect((await failure(admin.devices.customersBehind({ deviceId: id }))).code).toBe("NOT_FOUND");
  });
});

describe("links", () => {
  const count = () => withTenant(co.company.id, (tx) => tx.link.count());

  it("refuses an interface that is already cabled, at either end, and changes nothing", async () => {
    const before = await count();
    for (const [a, b] of [
      ["core.ether2", "olt.uplink0"], // uplink0 is a b-end already
      ["olt.uplink0", "core.ether2"], // … and cannot become an a-end either
      ["agg.ether1", "ont1.lan1"], // agg.ether1 is an a-end already
    ]) {
      const f = await failure(
        admin.devices.createLink({ kind: "FIBRE", aInterfaceId: ifc[a!]!, bInterfaceId: ifc[b!]! }),
      );
      expect([f.code, f.message]).toEqual(["CONFLICT", expect.stringMatching(/already cabled/)]);
    }
    expect(await count()).toBe(before);
  });

  it("refuses a link to itself or within one device", async () => {
    for (const [a, b] of [
      ["core.ether6", "core.ether6"],
      ["core.ether6", "core.ether7"],
    ]) {
      const f = await failure(
        admin.devices.createLink({ kind: "COPPER", aInterfaceId: ifc[a!]!, bInterfaceId: ifc[b!]! }),
      );
      expect(f.message).toMatch(/two different devices/);
    }
  });

  it("the database itself refuses what the service would have caught", async () => {
    const raw = (a: string, b: string, aDev: string, bDev: string) =>
      withTenant(co.company.id, (tx) =>
        tx.link.create({
          data: {
            id: newId(),
            companyId: co.company.id,
            kind: "FIBRE",
            aInterfaceId: ifc[a]!,
            aDeviceId: dev[aDev]!,
            bInterfaceId: ifc[b]!,
            bDeviceId: dev[bDev]!,
          },
        }),
      );
    // The crossing case the unique indexes alone would let through: a b-end becoming an a-end.
    await expect(raw("olt.uplink0", "ont1.lan2", "olt", "ont1")).rejects.toThrow(
      /already cabled|Link_interface_cabled/,
    );
    await expect(raw("core.ether8", "core.ether9", "core", "core")).rejects.toThrow(
      /two different devices|Link_not_to_itself/,
    );
    // The interface of one device claimed with another device's id: the composite foreign key.
    await expect(raw("core.ether8", "ont1.lan2", "core", "ont2")).rejects.toThrow();
  });

  it("two links racing for the same port: exactly one is made", async () => {
    const admin2 = await callerAs(
      co.company,
      (await makeUser(co.company.id, "NETWORK_ADMIN", { email: "na2@topo.test" })).id,
    );
    const results = await Promise.allSettled([
      admin.devices.createLink({ kind: "COPPER", aInterfaceId: ifc["core.ether10"]!, bInterfaceId: ifc["ont2.lan1"]! }),
      admin2.devices.createLink({
        kind: "COPPER",
        aInterfaceId: ifc["ont2.lan1"]!,
        bInterfaceId: ifc["agg2.ether10"]!,
      }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const links = await withTenant(co.company.id, (tx) =>
      tx.link.count({ where: { OR: [{ aInterfaceId: ifc["ont2.lan1"] }, { bInterfaceId: ifc["ont2.lan1"] }] } }),
    );
    expect(links).toBe(1);
  });

  it("refuses another company's interface", async () => {
    const foreign = await withTenant(other.company.id, async (tx) => {
      const t = await tx.deviceType.findFirstOrThrow({ where: { model: "hAP ac²" } });
      const d = await tx.device.create({
        data: { id: newId(), companyId: other.company.id, deviceTypeId: t.id, name: "theirs" },
      });
      return (
        await tx.interface.create({
          data: { id: newId(), companyId: other.company.id, deviceId: d.id, name: "ether1" },
        })
      ).id;
    });
    const f = await failure(
      admin.devices.createLink({ kind: "COPPER", aInterfaceId: ifc["core.ether11"]!, bInterfaceId: foreign }),
    );
    expect(f.code).toBe("UNPROCESSABLE_CONTENT");
  });
});

describe("devices", () => {
  it("seals SNMP credentials, shows only which are set, and keeps serials unique per company", async () => {
    const { id } = await admin.devices.create({
      name: "edge-1",
      deviceTypeId: await typeId(co.company.id, "CCR2004-16G-2S+"),
      serial: "EDGE-1",
      mac: "4C-5E-0C-12-34-56",
      snmp: {
        version: "V3",
        user: "monitor",
        authProtocol: "SHA",
        authKey: "auth-pass-1",
        privProtocol: "AES",
        privKey: "priv-pass-1",
      },
    });
    const row = await withTenant(co.company.id, (tx) => tx.device.findUniqueOrThrow({ where: { id } }));
    expect(row.snmpV3AuthKey).not.toContain("auth-pass-1");
    expect(unseal(row.snmpV3AuthKey!)).toBe("auth-pass-1");
    expect(unseal(row.snmpV3PrivKey!)).toBe("priv-pass-1");
    const shown = await admin.devices.get({ id });
    expect(shown.mac).toBe("4c:5e:0c:12:34:56");
    expect(shown.snmp).toEqual({
      version: "V3",
      user: "monitor",
      authProtocol: "SHA",
      privProtocol: "AES",
      hasCommunity: false,
    });
    expect(JSON.stringify(shown)).not.toMatch(/pass-1|v1\./);
    const audit = await withTenant(co.company.id, (tx) => tx.auditEntry.findFirstOrThrow({ where: { entityId: id } }));
    expect(JSON.stringify(audit)).not.toMatch(/pass-1/);

    const dup = await failure(
      admin.devices.create({ name: "edge-2", deviceTypeId: row.deviceTypeId, serial: "EDGE-1" }),
    );
    expect(dup.code).toBe("CONFLICT");
    // The same serial at another company is no clash.
    await withTenant(other.company.id, async (tx) => {
      const t = await tx.deviceType.findFirstOrThrow();
      await tx.device.create({
        data: { id: newId(), companyId: other.company.id, deviceTypeId: t.id, name: "edge-1", serial: "EDGE-1" },
      });
    });
  });

  it("names what is missing in words: the device's name and type, a device type's manufacturer and role", async () => {
    const device = await failure(admin.devices.create({ name: " ", deviceTypeId: "" }));
    expect(device.fields).toMatchObject({ name: "Enter the device name.", deviceTypeId: "Choose the device type." });
    const type = await failure(
      admin.devices.createDeviceType({ manufacturerId: "", model: "", role: undefined as never }),
    );
    expect(type.fields).toMatchObject({
      manufacturerId: "Choose the manufacturer.",
      model: "Enter the model.",
      role: "Choose what the device does.",
    });
  });

  it("stands at one of the company's sites, never another company's", async () => {
    const site = (c: Company, name: string) =>
      withTenant(c.company.id, (tx) =>
        tx.site.create({ data: { id: newId(), companyId: c.company.id, name, slug: name.toLowerCase() } }),
      );
    const pop = await site(co, "Westlands");
    const theirs = await site(other, "Theirs");
    const deviceTypeId = await typeId(co.company.id, "CRS326-24G-2S+");
    const { id } = await admin.devices.create({ name: "sw-westlands", deviceTypeId, siteId: pop.id });
    expect((await admin.devices.get({ id })).siteName).toBe("Westlands");
    expect((await admin.devices.list({ siteId: pop.id })).rows.map((d) => d.name)).toEqual(["sw-westlands"]);
    const f = await failure(admin.devices.create({ name: "sw-theirs", deviceTypeId, siteId: theirs.id }));
    expect([f.code, f.message]).toEqual(["UNPROCESSABLE_CONTENT", "Choose one of your sites."]);
    const moved = await failure(admin.devices.update({ id, name: "sw-westlands", deviceTypeId, siteId: theirs.id }));
    expect(moved.code).toBe("UNPROCESSABLE_CONTENT");
    expect((await admin.devices.get({ id })).siteName).toBe("Westlands");
  });

  it("a device page lists its open tickets and jobs", async () => {
    const cat = await withTenant(co.company.id, (tx) =>
      tx.ticketCategory.create({ data: { id: newId(), companyId: co.company.id, group: "TECHNICAL", name: "Down" } }),
    );
    await withTenant(co.company.id, async (tx) => {
      for (const [n, status] of [
        [1, "NEW"],
        [2, "CLOSED"],
      ] as const)
        await tx.ticket.create({
          data: {
            id: newId(),
            companyId: co.company.id,
            number: n,
            subject: `Ticket ${n}`,
            description: "x",
            categoryId: cat.id,
            responseTargetMin: 60,
            resolutionTargetMin: 480,
            status,
            deviceId: dev.olt,
          },
        });
    });
    const page = await support.devices.get({ id: dev.olt! });
    expect(page.openTickets.map((t) => t.subject)).toEqual(["Ticket 1"]);
    expect(page.interfaces.find((i) => i.name === "uplink0")?.link).toMatchObject({
      direction: "upstream",
      deviceName: "agg",
    });
  });

  it("field technicians see only the devices on their own jobs", async () => {
    const techId = (await makeUser(co.company.id, "FIELD_TECHNICIAN", { email: "ft@topo.test" })).id;
    const tech = await callerAs(co.company, techId);
    expect((await tech.devices.list({})).total).toBe(0);
    await withTenant(co.company.id, (tx) =>
      tx.workOrder.create({
        data: {
          id: newId(),
          companyId: co.company.id,
          number: 1,
          kind: "REPAIR",
          title: "Fix",
          address: "Here",
          windowStart: new Date(),
          windowEnd: new Date(),
          technicianId: techId,
          subscriptionId: sub.s1,
        },
      }),
    );
    expect((await tech.devices.list({})).rows.map((d) => d.name)).toEqual(["ont1"]);
    expect((await failure(tech.devices.get({ id: dev.olt! }))).code).toBe("NOT_FOUND");
    expect((await tech.devices.topology()).nodes.map((n) => n.name)).toEqual(["ont1"]);
    expect((await tech.devices.options({})).map((d) => d.name)).toEqual(["ont1"]);
  });

  it("lists a device's ports in the order printed on it", async () => {
    const olt = await admin.devices.get({ id: dev.olt! });
    const pon = olt.interfaces.map((i) => i.name).filter((n) => n.startsWith("0/1/"));
    expect(pon.slice(0, 3)).toEqual(["0/1/0", "0/1/1", "0/1/2"]);
    expect(pon.at(-1)).toBe(`0/1/${pon.length - 1}`);
  });

  it("the map draws links and attachments from upstream to downstream, and finds a customer's device", async () => {
    const map = await admin.devices.topology();
    const name = Object.fromEntries(map.nodes.map((n) => [n.id, n.name]));
    const edges = map.edges.map((e) => `${name[e.source]}>${name[e.target]}`);
    expect(edges).toEqual(expect.arrayContaining(["core>agg", "agg>olt", "olt>ont1", "ap>cpe1"]));
    const found = await admin.devices.locate({ q: "s5" });
    expect(found).toContainEqual(expect.objectContaining({ kind: "customer", deviceId: dev.cpe1 }));
    // Typed as a person says it: first and last name together.
    const byName = await admin.devices.locate({ q: "S5 otieno" });
    expect(byName).toContainEqual(expect.objectContaining({ kind: "customer", deviceId: dev.cpe1 }));
  });

  it("pickers find devices by name or serial, a technician only those on their jobs", async () => {
    const byName = await admin.devices.options({ q: "OLT" });
    expect(byName.map((d) => d.name)).toEqual(["olt"]);
    expect((await admin.devices.options({ q: "sn-cpe1" })).map((d) => d.id)).toEqual([dev.cpe1]);
  });
});

describe("management IP", () => {
  it("comes from an IPAM pool or is typed in; a new one releases the old, and the device page shows it", async () => {
    const pool = await admin.ipam.prefixes.create({ prefix: "10.254.7.0/29", isPool: true });
    const deviceId = Object.values(dev)[0]!;
    const first = await admin.devices.assignManagementIp({ deviceId, prefixId: pool.id });
    expect(first.address).toBe("10.254.7.1");
    expect((await admin.devices.get({ id: deviceId })).managementIp).toBe("10.254.7.1");

    await admin.devices.assignManagementIp({ deviceId, address: "10.254.7.6" });
    expect((await admin.devices.get({ id: deviceId })).managementIp).toBe("10.254.7.6");
    const inPool = await admin.ipam.addresses.list({ prefixId: pool.id });
    expect(inPool.rows.map((r) => r.address)).toEqual(["10.254.7.6"]);
    // IPAM names the device the address manages.
    const device = await admin.devices.get({ id: deviceId });
    expect(inPool.rows[0]).toMatchObject({ deviceId, deviceName: device.name });

    // Releasing the address in IPAM leaves the device without one (the foreign key sets null).
    await admin.ipam.addresses.release({ id: inPool.rows[0]!.id });
    expect((await admin.devices.get({ id: deviceId })).managementIp).toBeNull();
    const bad = await failure(admin.devices.assignManagementIp({ deviceId, address: "10.254.7.0" }));
    expect(bad.code).toBe("UNPROCESSABLE_CONTENT");
    expect((await admin.devices.get({ id: deviceId })).managementIp).toBeNull();
  });
});
