import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";
import { systemActor } from "../scope";
import { subscriptionsFixture } from "../subscriptions/isolation.cases";
import { seedStarterCatalogue } from "./catalogue";
import { customers, get, list } from "./rest";

// Tenant isolation of equipment and topology.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

const catalogue = (companyId: string) =>
  withTenant(companyId, async (tx) => {
    await seedStarterCatalogue({ tx, companyId, actor: systemActor });
    const type = (model: string) => tx.deviceType.findFirstOrThrow({ where: { model } });
    const maker = await tx.manufacturer.findFirstOrThrow({ where: { name: "Huawei" } });
    return { olt: (await type("MA5800-X7")).id, ont: (await type("EchoLife HG8245H")).id, makerId: maker.id };
  });

/** B's OLT cabled to an ONT with B's subscriber behind it; A's own router with a port. */
export const devicesFixture = fixture(async (w) => {
  const { sb } = await subscriptionsFixture(w);
  const bTypes = await catalogue(w.B.company.id);
  const aTypes = await catalogue(w.A.company.id);
  const olt = (await w.bAdmin.devices.create({ name: "bravo-olt", deviceTypeId: bTypes.olt, serial: "BRAVO-OLT-1" }))
    .id;
  const ont = (await w.bAdmin.devices.create({ name: "bravo-ont", deviceTypeId: bTypes.ont, serial: "BRAVO-ONT-1" }))
    .id;
  const oltPage = await w.bAdmin.devices.get({ id: olt });
  const ontPage = await w.bAdmin.devices.get({ id: ont });
  const oltPort = oltPage.interfaces.find((i) => i.name === "uplink1")!.id;
  const ponPort = oltPage.interfaces.find((i) => i.name === "0/1/0")!.id;
  const ontPort = ontPage.interfaces.find((i) => i.name === "lan1")!.id;
  const linkId = (await w.bAdmin.devices.createLink({ kind: "FIBRE", aInterfaceId: oltPort, bInterfaceId: ontPort }))
    .id;
  await w.bAdmin.devices.attachSubscription({
    subscriptionId: sb.subscriptionId,
    cpeDeviceId: ont,
    accessInterfaceId: ponPort,
  });
  const aRouter = (await w.aAdmin.devices.create({ name: "alpha-olt", deviceTypeId: aTypes.olt })).id;
  const aPort = (await w.aAdmin.devices.get({ id: aRouter })).interfaces[0]!.id;
  return {
    dv: {
      olt,
      ont,
      oltPort,
      ponPort,
      ontPort,
      linkId,
      bTypes,
      aTypes,
      aRouter,
      aPort,
      subscriptionId: sb.subscriptionId,
    },
  };
});

export default isolationCases({
  setup: devicesFixture,
  snapshotB: async (tx) => ({
    devices: await tx.device.findMany({ orderBy: { id: "asc" } }),
    interfaces: await tx.interface.findMany({ orderBy: { id: "asc" } }),
    links: await tx.link.findMany({ orderBy: { id: "asc" } }),
    types: await tx.deviceType.findMany({ orderBy: { id: "asc" } }),
    attachments: await tx.subscription.findMany({
      orderBy: { id: "asc" },
      select: { id: true, cpeDeviceId: true, accessInterfaceId: true },
    }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.device.findMany()).flatMap((d) => [d.id, d.name, ...(d.serial ? [d.serial] : [])]),
    ...(await tx.link.findMany()).map((l) => l.id),
  ],
  procedures: {
    "devices.list": async (w, f) => {
      const page = await w.aAdmin.devices.list({ pageSize: 100 });
      expect(page.rows.map((r) => r.id)).toEqual([f.dv.aRouter]);
      await w.expectNoneOfB(page);
    },
    "devices.get": async (w, f) => {
      expect((await failure(w.aAdmin.devices.get({ id: f.dv.olt }))).code).toBe("NOT_FOUND");
    },
    "devices.create": async (w, f) => {
      const failed = await failure(w.aAdmin.devices.create({ name: "sneaky", deviceTypeId: f.dv.bTypes.olt }));
      expect(failed.code).toBe("UNPROCESSABLE_CONTENT");
    },
    "devices.update": async (w, f) => {
      const failed = await failure(
        w.aAdmin.devices.update({ id: f.dv.olt, name: "hijacked", deviceTypeId: f.dv.aTypes.olt }),
      );
      expect(failed.code).toBe("NOT_FOUND");
    },
    "devices.assignManagementIp": async (w, f) => {
      const other = await failure(w.aAdmin.devices.assignManagementIp({ deviceId: f.dv.olt, address: "192.0.2.9" }));
      expect(other.code).toBe("NOT_FOUND");
      const pool = await failure(
        w.aAdmin.devices.assignManagementIp({ deviceId: f.dv.aRouter, prefixId: "no-such-pool" }),
      );
      expect(pool.code).toBe("NOT_FOUND");
    },
    "devices.addInterface": async (w, f) => {
      expect((await failure(w.aAdmin.devices.addInterface({ deviceId: f.dv.olt, name: "sneaky" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "devices.updateInterface": async (w, f) => {
      expect(
        (await failure(w.aAdmin.devices.updateInterface({ id: f.dv.oltPort, name: "x", enabled: false }))).code,
      ).toBe("NOT_FOUND");
    },
    "devices.deleteInterface": async (w, f) => {
      expect((await failure(w.aAdmin.devices.deleteInterface({ id: f.dv.oltPort }))).code).toBe("NOT_FOUND");
    },
    "devices.createLink": async (w, f) => {
      const failed = await failure(
        w.aAdmin.devices.createLink({ kind: "FIBRE", aInterfaceId: f.dv.aPort, bInterfaceId: f.dv.ponPort }),
      );
      expect(failed.code).toBe("UNPROCESSABLE_CONTENT");
    },
    "devices.deleteLink": async (w, f) => {
      expect((await failure(w.aAdmin.devices.deleteLink({ id: f.dv.linkId }))).code).toBe("NOT_FOUND");
    },
    "devices.attachSubscription": async (w, f) => {
      const failed = await failure(
        w.aAdmin.devices.attachSubscription({ subscriptionId: f.dv.subscriptionId, cpeDeviceId: f.dv.aRouter }),
      );
      expect(failed.code).toBe("NOT_FOUND");
      const foreign = await failure(
        w.aAdmin.devices.attachSubscription({ subscriptionId: f.dv.subscriptionId, accessInterfaceId: f.dv.ponPort }),
      );
      expect(foreign.code).toBe("UNPROCESSABLE_CONTENT");
    },
    "devices.customersBehind": async (w, f) => {
      for (const input of [{ deviceId: f.dv.olt }, { interfaceId: f.dv.ponPort }, { linkId: f.dv.linkId }])
        expect((await failure(w.aAdmin.devices.customersBehind(input))).code).toBe("NOT_FOUND");
    },
    "devices.topology": async (w, f) => {
      const map = await w.aAdmin.devices.topology();
      expect(map.nodes.map((n) => n.id)).toEqual([f.dv.aRouter]);
      await w.expectNoneOfB(map);
    },
    "devices.locate": async (w) => {
      const found = await w.aAdmin.devices.locate({ q: "bravo" });
      await w.expectNoneOfB(found);
    },
    "devices.options": async (w, f) => {
      expect((await w.aAdmin.devices.options({})).map((d) => d.id)).toEqual([f.dv.aRouter]);
      const found = await w.aAdmin.devices.options({ q: "bravo" });
      await w.expectNoneOfB(found);
    },
    "devices.manufacturers": async (w, f) => {
      const makers = await w.aAdmin.devices.manufacturers();
      expect(makers.map((m) => m.id)).not.toContain(f.dv.bTypes.makerId);
      expect(makers.map((m) => m.id)).toContain(f.dv.aTypes.makerId);
    },
    "devices.createManufacturer": async (w) => {
      // Both companies already have a "Huawei" (the starter catalogue): names are per company.
      expect((await w.aAdmin.devices.createManufacturer({ name: "Nokia" })).id).toBeTruthy();
    },
    "devices.updateManufacturer": async (w, f) => {
      const failed = await failure(w.aAdmin.devices.updateManufacturer({ id: f.dv.bTypes.makerId, name: "Hijacked" }));
      expect(failed.code).toBe("NOT_FOUND");
    },
    "devices.deviceTypes": async (w, f) => {
      const page = await w.aAdmin.devices.deviceTypes({ pageSize: 200 });
      expect(page.rows.map((r) => r.id)).toContain(f.dv.aTypes.olt);
      expect(page.rows.map((r) => r.id)).not.toContain(f.dv.bTypes.olt);
    },
    "devices.createDeviceType": async (w, f) => {
      const failed = await failure(
        w.aAdmin.devices.createDeviceType({ manufacturerId: f.dv.bTypes.makerId, model: "Sneaky", role: "ROUTER" }),
      );
      expect(failed.code).toBe("UNPROCESSABLE_CONTENT");
    },
    "devices.updateDeviceType": async (w, f) => {
      const theirs = await failure(
        w.aAdmin.devices.updateDeviceType({
          id: f.dv.bTypes.olt,
          manufacturerId: f.dv.aTypes.makerId,
          model: "Hijacked",
          role: "OLT",
        }),
      );
      expect(theirs.code).toBe("NOT_FOUND");
      // Their manufacturer on our type: unknown to us.
      const maker = await failure(
        w.aAdmin.devices.updateDeviceType({
          id: f.dv.aTypes.olt,
          manufacturerId: f.dv.bTypes.makerId,
          model: "MA5800-X7",
          role: "OLT",
        }),
      );
      expect(maker.code).toBe("UNPROCESSABLE_CONTENT");
    },
  },
  rest: {
    "GET /api/devices": async (w, f) => {
      const res = await call(list, { host: hostOf(w.A.company.slug), token: w.aToken, query: { pageSize: "100" } });
      expect(res.body.rows.map((r: { id: string }) => r.id)).toEqual([f.dv.aRouter]);
      await w.expectNoneOfB(res.body);
    },
    "GET /api/devices/{id}": async (w, f) => {
      const res = await call(get, { host: hostOf(w.A.company.slug), token: w.aToken, params: { id: f.dv.olt } });
      expect(res.status).toBe(404);
      const own = await call(get, { host: hostOf(w.A.company.slug), token: w.aToken, params: { id: f.dv.aRouter } });
      expect(own.status).toBe(200);
      await w.expectNoneOfB(own.body);
    },
    "GET /api/devices/{id}/customers": async (w, f) => {
      const res = await call(customers, { host: hostOf(w.A.company.slug), token: w.aToken, params: { id: f.dv.olt } });
      expect(res.status).toBe(404);
    },
  },
});
