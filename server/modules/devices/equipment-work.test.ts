import { beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { login } from "../auth/rest";
import { systemActor } from "../scope";
import { makeCustomer } from "../subscriptions/testing";
import { seedStarterCatalogue } from "./catalogue";
import { get as restGet, list as restList } from "./rest";

// The network administrator's catalogue and interface forms, the CPE a technician fits becoming
// a device, the device pickers of tickets and jobs, and what a field technician sees: the
// devices at the sites of their open jobs. Real PostgreSQL, through the tRPC callers.

type Caller = Awaited<ReturnType<typeof callerAs>>;
type Company = Awaited<ReturnType<typeof makeCompany>>;

let co: Company;
let other: Company;
let admin: Caller;
let otherAdmin: Caller;
let dispatcher: Caller;
let techId: string;
let tech: Caller;
let pkgId: string;
const window = { windowStart: "2026-11-25T09:00", windowEnd: "2026-11-25T11:00" };

const typeId = (companyId: string, model: string) =>
  withTenant(companyId, async (tx) => (await tx.deviceType.findFirstOrThrow({ where: { model } })).id);

async function pendingSubscription(firstName: string, accessInterfaceId: string | null = null) {
  const customer = await makeCustomer(co.company.id, { firstName, serviceAddress: `${firstName}'s house` });
  const id = newId();
  await withTenant(co.company.id, (tx) =>
    tx.subscription.create({
      data: {
        id,
        companyId: co.company.id,
        customerId: customer.id,
        packageId: pkgId,
        status: "PENDING",
        startDate: new Date("2026-11-20"),
        accessInterfaceId,
      },
    }),
  );
  return { id, customerId: customer.id };
}

async function completeInstallation(subscriptionId: string, serial: string, description = "LiteBeam 5AC Gen2") {
  const job = await dispatcher.workOrders.create({
    kind: "INSTALLATION",
    subscriptionId,
    technicianId: techId,
    ...window,
    checklist: [],
  });
  await tech.workOrders.advance({ id: job.id, status: "EN_ROUTE" });
  await tech.workOrders.advance({ id: job.id, status: "ON_SITE" });
  await tech.workOrders.addEquipment({ workOrderId: job.id, description, serial });
  return { job, done: () => tech.workOrders.complete({ id: job.id, customerAbsentNote: "Signed on paper." }) };
}

beforeAll(async () => {
  co = await makeCompany("eqwork", "Equipment Works");
  other = await makeCompany("eqwork-other");
  admin = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN")).id);
  otherAdmin = await callerAs(other.company, (await makeUser(other.company.id, "NETWORK_ADMIN")).id);
  dispatcher = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  techId = (await makeUser(co.company.id, "FIELD_TECHNICIAN")).id;
  tech = await callerAs(co.company, techId);
  pkgId = newId();
  for (const c of [co, other])
    await withTenant(c.company.id, (tx) => seedStarterCatalogue({ tx, companyId: c.company.id, actor: systemActor }));
  await withTenant(co.company.id, (tx) =>
    tx.package.create({
      data: {
        id: pkgId,
        companyId: co.company.id,
        name: "Air 10",
        code: "A10",
        type: "PPPOE",
        priceMinor: 2000,
        downloadKbps: 10_000,
        uploadKbps: 5_000,
      },
    }),
  );
});

describe("the catalogue", () => {
  it("renames a manufacturer; a name already taken is refused with the field named", async () => {
    const { id } = await admin.devices.createManufacturer({ name: "Cambium" });
    await admin.devices.updateManufacturer({ id, name: "Cambium Networks" });
    expect((await admin.devices.manufacturers()).map((m) => m.name)).toContain("Cambium Networks");
    const taken = await failure(admin.devices.updateManufacturer({ id, name: "MikroTik" }));
    expect(taken.code).toBe("CONFLICT");
    expect(taken.fields).toMatchObject({ name: "This manufacturer already exists." });
    expect((await admin.devices.manufacturers()).filter((m) => m.name === "MikroTik")).toHaveLength(1);
  });

  it("edits a device type's model, role and ports; new devices get the new ports, old ones keep theirs", async () => {
    const makerId = (await admin.devices.manufacturers()).find((m) => m.name === "Cambium Networks")!.id;
    const { id } = await admin.devices.createDeviceType({
      manufacturerId: makerId,
      model: "ePMP 3000",
      role: "ACCESS_POINT",
      portTemplates: [{ name: "eth0", kind: "ETHERNET" }],
    });
    const before = await admin.devices.create({ name: "tower-1-ap", deviceTypeId: id });
    await admin.devices.updateDeviceType({
      id,
      manufacturerId: makerId,
      model: "ePMP 3000L",
      role: "ACCESS_POINT",
      portTemplates: [
        { name: "eth0", kind: "ETHERNET" },
        { name: "radio0", kind: "WIRELESS" },
      ],
    });
    const row = (await admin.devices.deviceTypes({ q: "ePMP" })).rows[0]!;
    expect(row).toMatchObject({ model: "ePMP 3000L", ports: 2 });
    expect(row.portTemplates.map((p) => p.name)).toEqual(["eth0", "radio0"]);
    const after = await admin.devices.create({ name: "tower-2-ap", deviceTypeId: id });
    expect((await admin.devices.get({ id: after.id })).interfaces.map((i) => i.name)).toEqual(["eth0", "radio0"]);
    expect((await admin.devices.get({ id: before.id })).interfaces.map((i) => i.name)).toEqual(["eth0"]);

    const twice = await failure(
      admin.devices.updateDeviceType({
        id,
        manufacturerId: makerId,
        model: "ePMP 3000L",
        role: "ACCESS_POINT",
        portTemplates: [
          { name: "eth0", kind: "ETHERNET" },
          { name: "eth0", kind: "SFP" },
        ],
      }),
    );
    expect(twice.message).toBe("Port eth0 is listed twice.");
    const notPon = await failure(
      admin.devices.updateDeviceType({
        id,
        manufacturerId: makerId,
        model: "ePMP 3000L",
        role: "ACCESS_POINT",
        portTemplates: [{ name: "eth0", kind: "ETHERNET", ponStandard: "GPON" }],
      }),
    );
    expect(notPon.code).toBe("UNPROCESSABLE_CONTENT");
    expect((await admin.devices.deviceTypes({ q: "ePMP" })).rows[0]!.ports).toBe(2);
  });
});

describe("interfaces", () => {
  it("adds, edits and deletes a port; a cabled port is refused with a clear message", async () => {
    const sw = await admin.devices.create({
      name: "sw-lab",
      deviceTypeId: await typeId(co.company.id, "CRS326-24G-2S+"),
    });
    const rt = await admin.devices.create({
      name: "rt-lab",
      deviceTypeId: await typeId(co.company.id, "CCR2004-16G-2S+"),
    });
    const { id } = await admin.devices.addInterface({ deviceId: sw.id, name: "vlan100", kind: "VIRTUAL" });
    await admin.devices.updateInterface({ id, name: "vlan100", kind: "VIRTUAL", description: "Management" });
    let page = await admin.devices.get({ id: sw.id });
    expect(page.interfaces.find((i) => i.id === id)?.description).toBe("Management");
    await admin.devices.deleteInterface({ id });
    page = await admin.devices.get({ id: sw.id });
    expect(page.interfaces.map((i) => i.name)).not.toContain("vlan100");

    const port = page.interfaces.find((i) => i.name === "ether1")!.id;
    const up = (await admin.devices.get({ id: rt.id })).interfaces.find((i) => i.name === "ether1")!.id;
    await admin.devices.createLink({ kind: "COPPER", aInterfaceId: up, bInterfaceId: port });
    const cabled = await failure(admin.devices.deleteInterface({ id: port }));
    expect(cabled.code).toBe("CONFLICT");
    expect(cabled.message).toBe("sw-lab ether1 is cabled: remove its link before deleting the interface.");
    expect((await admin.devices.get({ id: sw.id })).interfaces.map((i) => i.name)).toContain("ether1");
  });
});

describe("a CPE fitted on an installation", () => {
  it("becomes an active CPE device at the access site, attached to the subscription; twice makes one", async () => {
    const site = await admin.ipam.sites.create({ name: "Hilltop tower", slug: "hilltop" });
    const ap = await admin.devices.create({
      name: "hilltop-ap",
      deviceTypeId: await typeId(co.company.id, "Rocket 5AC Prism"),
      siteId: site.id,
    });
    const radio = (await admin.devices.get({ id: ap.id })).interfaces.find((i) => i.name === "ath0")!.id;
    const sub = await pendingSubscription("Wanjiru", radio);
    const { job, done } = await completeInstallation(sub.id, "LB-0001", "Ubiquiti LiteBeam 5AC Gen2 on the roof");
    const result = await done();
    expect(result.cpeDevice?.name).toBe("cpe-LB-0001");

    const cpe = await admin.devices.get({ id: result.cpeDevice!.id });
    expect(cpe).toMatchObject({ serial: "LB-0001", status: "ACTIVE", role: "CPE", siteName: "Hilltop tower" });
    expect(cpe.model).toBe("Ubiquiti LiteBeam 5AC Gen2");
    const attached = await withTenant(co.company.id, (tx) =>
      tx.subscription.findUniqueOrThrow({
        where: { id: sub.id },
        select: { cpeDeviceId: true, accessInterfaceId: true },
      }),
    );
    expect(attached).toEqual({ cpeDeviceId: cpe.id, accessInterfaceId: radio });
    // The job's record of the box points at the device.
    const equipment = (await dispatcher.workOrders.get({ id: job.id })).equipment;
    expect(equipment).toHaveLength(1);

    // Completing again is refused and changes nothing; a second job with the same box makes no second device.
    expect((await failure(tech.workOrders.complete({ id: job.id }))).code).toBe("CONFLICT");
    const again = await completeInstallation(sub.id, "LB-0001");
    expect((await again.done()).cpeDevice?.id).toBe(cpe.id);
    const count = await withTenant(co.company.id, (tx) => tx.device.count({ where: { serial: "LB-0001" } }));
    expect(count).toBe(1);
  });

  it("reuses a device already in stock by its serial and marks it active", async () => {
    const stock = await admin.devices.create({
      name: "stock-hap-7",
      serial: "HAP-777",
      status: "PLANNED",
      deviceTypeId: await typeId(co.company.id, "hAP ac²"),
    });
    const sub = await pendingSubscription("Otieno");
    const { done } = await completeInstallation(sub.id, "HAP-777", "hAP ac2");
    expect((await done()).cpeDevice?.id).toBe(stock.id);
    expect(await admin.devices.get({ id: stock.id })).toMatchObject({ status: "ACTIVE", name: "stock-hap-7" });
  });

  it("refuses a serial that is another customer's CPE, and completes nothing", async () => {
    const first = await pendingSubscription("Achieng");
    await (await completeInstallation(first.id, "LB-0099")).done();
    const second = await pendingSubscription("Kiprop");
    const { job, done } = await completeInstallation(second.id, "LB-0099");
    const refused = await failure(done());
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/^Serial LB-0099 is the CPE of Achieng/);
    expect((await dispatcher.workOrders.get({ id: job.id })).status).toBe("ON_SITE");
    const sub = await withTenant(co.company.id, (tx) =>
      tx.subscription.findUniqueOrThrow({ where: { id: second.id }, select: { cpeDeviceId: true } }),
    );
    expect(sub.cpeDeviceId).toBeNull();
  });
});

describe("device pickers on tickets and jobs", () => {
  it("a ticket and a job name one of the company's devices, never another company's", async () => {
    const olt = await admin.devices.create({
      name: "olt-east",
      deviceTypeId: await typeId(co.company.id, "MA5800-X7"),
    });
    const theirs = await otherAdmin.devices.create({
      name: "their-olt",
      deviceTypeId: await typeId(other.company.id, "MA5800-X7"),
    });
    expect((await dispatcher.devices.options({ q: "olt-e" })).map((d) => d.id)).toEqual([olt.id]);

    const category = await withTenant(co.company.id, (tx) =>
      tx.ticketCategory.create({ data: { id: newId(), companyId: co.company.id, group: "TECHNICAL", name: "Outage" } }),
    );
    const ticket = await dispatcher.tickets.create({
      categoryId: category.id,
      subject: "PON 0/1/3 down",
      description: "Eleven customers offline.",
      deviceId: olt.id,
    });
    expect((await dispatcher.tickets.get({ id: ticket.id })).device).toEqual({ id: olt.id, name: "olt-east" });
    const foreignTicket = await failure(
      dispatcher.tickets.create({
        categoryId: category.id,
        subject: "Their OLT is down",
        description: "Customers offline.",
        deviceId: theirs.id,
      }),
    );
    expect(foreignTicket.code).toBe("UNPROCESSABLE_CONTENT");
    expect(foreignTicket.fields).toMatchObject({ deviceId: "Unknown device." });

    const job = await dispatcher.workOrders.create({
      kind: "MAINTENANCE",
      address: "East POP",
      deviceId: olt.id,
      ...window,
    });
    expect(job.device).toEqual({ id: olt.id, name: "olt-east" });
    const foreignJob = await failure(
      dispatcher.workOrders.create({ kind: "MAINTENANCE", address: "East POP", deviceId: theirs.id, ...window }),
    );
    expect(foreignJob.fields).toMatchObject({ deviceId: "Unknown device." });

    const page = await admin.devices.get({ id: olt.id });
    expect(page.openTickets.map((t) => t.id)).toContain(ticket.id);
    expect(page.openJobs.map((j) => j.id)).toContain(job.id);
  });
});

describe("a field technician's devices", () => {
  it("are those at the sites of their open jobs: a device elsewhere is not found, in tRPC and REST", async () => {
    const fresh = await makeCompany("eqwork-tech");
    const na = await callerAs(fresh.company, (await makeUser(fresh.company.id, "NETWORK_ADMIN")).id);
    const csm = await callerAs(fresh.company, (await makeUser(fresh.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
    const ft = await makeUser(fresh.company.id, "FIELD_TECHNICIAN", { email: "ft@eqwork-tech.test" });
    const me = await callerAs(fresh.company, ft.id);
    await withTenant(fresh.company.id, (tx) =>
      seedStarterCatalogue({ tx, companyId: fresh.company.id, actor: systemActor }),
    );
    const north = await na.ipam.sites.create({ name: "North POP", slug: "north" });
    const south = await na.ipam.sites.create({ name: "South POP", slug: "south" });
    const switchType = await typeId(fresh.company.id, "CRS326-24G-2S+");
    const northSw = await na.devices.create({ name: "north-sw", deviceTypeId: switchType, siteId: north.id });
    const northOlt = await na.devices.create({
      name: "north-olt",
      deviceTypeId: await typeId(fresh.company.id, "MA5800-X7"),
      siteId: north.id,
    });
    const southSw = await na.devices.create({ name: "south-sw", deviceTypeId: switchType, siteId: south.id });
    expect((await me.devices.list({})).total).toBe(0);

    const job = await csm.workOrders.create({
      kind: "REPAIR",
      address: "North POP",
      deviceId: northSw.id,
      technicianId: ft.id,
      ...window,
    });
    expect((await me.devices.list({})).rows.map((d) => d.name)).toEqual(["north-olt", "north-sw"]);
    expect((await me.devices.get({ id: northOlt.id })).siteName).toBe("North POP");
    expect((await failure(me.devices.get({ id: southSw.id }))).code).toBe("NOT_FOUND");
    expect((await me.devices.options({ q: "south" })).length).toBe(0);
    expect((await me.devices.topology()).nodes.map((n) => n.name).sort()).toEqual(["north-olt", "north-sw"]);

    const host = hostOf(fresh.company.slug);
    const signedIn = await call(login, { host, body: { email: "ft@eqwork-tech.test", password: TEST_PASSWORD } });
    const token = signedIn.body.accessToken as string;
    const listed = await call(restList, { host, token, query: {} });
    expect(listed.body.rows.map((r: { name: string }) => r.name)).toEqual(["north-olt", "north-sw"]);
    expect((await call(restGet, { host, token, params: { id: southSw.id } })).status).toBe(404);
    expect((await call(restGet, { host, token, params: { id: northOlt.id } })).status).toBe(200);

    // A job for a subscriber whose access port is at the south POP opens the south POP too.
    const southPort = (await na.devices.get({ id: southSw.id })).interfaces[0]!.id;
    const customer = await makeCustomer(fresh.company.id, { firstName: "Baraka" });
    const subId = newId();
    await withTenant(fresh.company.id, async (tx) => {
      const pkg = await tx.package.create({
        data: {
          id: newId(),
          companyId: fresh.company.id,
          name: "F",
          code: "F",
          type: "FIBER",
          priceMinor: 1,
          downloadKbps: 1,
          uploadKbps: 1,
        },
      });
      await tx.subscription.create({
        data: {
          id: subId,
          companyId: fresh.company.id,
          customerId: customer.id,
          packageId: pkg.id,
          startDate: new Date(),
          accessInterfaceId: southPort,
        },
      });
    });
    await csm.workOrders.create({ kind: "REPAIR", subscriptionId: subId, technicianId: ft.id, ...window });
    expect((await me.devices.get({ id: southSw.id })).name).toBe("south-sw");

    // Once the north job is cancelled, the north POP closes again (the job's own device stays visible).
    await csm.workOrders.cancel({ id: job.id, reason: "Fixed remotely." });
    expect((await failure(me.devices.get({ id: northOlt.id }))).code).toBe("NOT_FOUND");
    expect((await me.devices.get({ id: northSw.id })).name).toBe("north-sw");
  });
});
