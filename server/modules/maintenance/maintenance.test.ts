import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { openDue } from "./service";

// Preventive maintenance on real PostgreSQL: a plan's occurrence opens exactly one work order
// whether the job runs once, twice or twice at once; the next due date moves on from the day the
// job was completed; a paused plan opens nothing; and the unit's history shows the jobs.

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let admin: Caller;
let tech: Caller;
let assetId: string;

const maintenanceJobs = () =>
  withTenant(co.company.id, (tx) =>
    tx.workOrder.findMany({
      where: { kind: "MAINTENANCE" },
      orderBy: { number: "asc" },
      select: { id: true, title: true, windowStart: true },
    }),
  );

beforeAll(async () => {
  co = await makeCompany("pm-isp", "Maintenance ISP");
  admin = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN")).id);
  tech = await callerAs(co.company, (await makeUser(co.company.id, "FIELD_TECHNICIAN")).id);
  const supplierId = (await admin.inventory.suppliers.create({ name: "PM Supplies" })).id;
  const warehouseId = (await admin.inventory.locations.create({ name: "PM store", kind: "WAREHOUSE" })).id;
  const upsId = (
    await admin.inventory.items.create({ sku: "UPS-1", name: "UPS 3 kVA", category: "Power", tracking: "SERIAL" })
  ).id;
  const po = await admin.inventory.purchaseOrders.create({ supplierId, lines: [{ itemId: upsId, quantity: 2 }] });
  await admin.inventory.purchaseOrders.receive({
    purchaseOrderId: po.id,
    locationId: warehouseId,
    lines: [{ lineId: po.lines[0]!.id, quantity: 2, units: [{ serial: "UPS-0001" }, { serial: "UPS-0002" }] }],
  });
  assetId = (await admin.inventory.assets.lookup({ serial: "UPS-0001" })).id;
});

describe("plans", () => {
  it("refuses a lead time as long as the interval, a plan without a target, and lets no technician plan", async () => {
    const long = await failure(
      admin.maintenance.plans.create({
        title: "Check batteries",
        assetId,
        intervalDays: 7,
        leadDays: 7,
        startsOn: "2026-03-01",
      }),
    );
    expect(JSON.stringify(long)).toContain("fewer days ahead than the interval");
    const none = await failure(
      admin.maintenance.plans.create({ title: "Check batteries", intervalDays: 90, startsOn: "2026-03-01" }),
    );
    expect(JSON.stringify(none)).toContain("Choose one unit or one device type");
    expect(
      await failure(
        tech.maintenance.plans.create({ title: "Check batteries", assetId, intervalDays: 90, startsOn: "2026-03-01" }),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
    expect((await admin.maintenance.plans.list({})).total).toBe(0);
  });
});

describe("the maintenance job", () => {
  it("opens one work order per occurrence, lead days ahead, however often it runs, and moves on after completion", async () => {
    const plan = await admin.maintenance.plans.create({
      title: "Check UPS batteries",
      assetId,
      intervalDays: 90,
      leadDays: 7,
      startsOn: "2026-03-01",
    });
    expect(plan.rule).toBe("Every 90 days, the work order opened 7 days ahead of the due date");
    // Eight days ahead: not yet.
    expect((await openDue(co.company.id, "2026-02-21")).opened).toEqual([]);
    const first = await openDue(co.company.id, "2026-02-22");
    expect(first.opened).toMatchObject([{ dueOn: "2026-03-01" }]);
    // Run again the same day and a week later: the open job is the one.
    expect((await openDue(co.company.id, "2026-02-22")).opened).toEqual([]);
    expect((await openDue(co.company.id, "2026-03-10")).opened).toEqual([]);
    const jobs = await maintenanceJobs();
    expect(jobs.map((j) => j.title)).toEqual(["Check UPS batteries: UPS 3 kVA UPS-0001"]);
    expect((await admin.maintenance.plans.list({})).rows[0]).toMatchObject({
      openJobs: 1,
      nextDueOn: null,
      // The plan names the work order it opened, for its due date.
      workOrders: {
        total: 1,
        recent: [{ id: first.opened[0]!.workOrderId, dueOn: "2026-03-01" }],
      },
    });

    // Completed on 5 March: the next one is due 90 days later, 3 June, opened on 27 May.
    await withTenant(co.company.id, (tx) =>
      tx.workOrder.update({
        where: { id: first.opened[0]!.workOrderId },
        data: { status: "COMPLETED", completedAt: new Date("2026-03-05T10:00:00Z") },
      }),
    );
    expect((await admin.maintenance.plans.list({})).rows[0]).toMatchObject({ openJobs: 0, nextDueOn: "2026-06-03" });
    expect((await openDue(co.company.id, "2026-05-26")).opened).toEqual([]);
    expect((await openDue(co.company.id, "2026-05-27")).opened).toMatchObject([{ dueOn: "2026-06-03" }]);
    expect(await maintenanceJobs()).toHaveLength(2);

    const history = await admin.maintenance.history({ assetId });
    expect(history.map((h) => [h.dueOn, h.workOrder?.status])).toEqual([
      ["2026-06-03", "SCHEDULED"],
      ["2026-03-01", "COMPLETED"],
    ]);
  });

  it("two runs at once open the occurrence's work order once", async () => {
    const other = (await admin.inventory.assets.lookup({ serial: "UPS-0002" })).id;
    await admin.maintenance.plans.create({
      title: "Clean the fans",
      assetId: other,
      intervalDays: 30,
      leadDays: 3,
      startsOn: "2026-04-10",
    });
    const before = (await maintenanceJobs()).length;
    const runs = await Promise.all([
      openDue(co.company.id, "2026-04-08"),
      openDue(co.company.id, "2026-04-08"),
      openDue(co.company.id, "2026-04-08"),
    ]);
    expect(runs.flatMap((r) => r.opened).map((o) => o.dueOn)).toEqual(["2026-04-10"]);
    expect(await maintenanceJobs()).toHaveLength(before + 1);
  });

  it("a paused plan opens nothing until it is resumed", async () => {
    const third = await admin.maintenance.plans.create({
      title: "Inspect the enclosure",
      assetId,
      intervalDays: 60,
      leadDays: 5,
      startsOn: "2026-07-01",
    });
    await admin.maintenance.plans.setPaused({ id: third.id, paused: true });
    expect((await openDue(co.company.id, "2026-06-30")).opened.filter((o) => o.planId === third.id)).toEqual([]);
    await admin.maintenance.plans.setPaused({ id: third.id, paused: false });
    expect((await openDue(co.company.id, "2026-06-30")).opened.filter((o) => o.planId === third.id)).toHaveLength(1);
  });
});

describe("a plan for every device of a type", () => {
  const setCreated = (ids: string[], at: string) =>
    withTenant(co.company.id, (tx) =>
      tx.device.updateMany({ where: { id: { in: ids } }, data: { createdAt: new Date(at) } }),
    );

  it("opens one work order per device of the type, once, and takes in a device installed later on the plan's cycle", async () => {
    const maker = await admin.devices.createManufacturer({ name: "PM Optics" });
    const olt = await admin.devices.createDeviceType({ manufacturerId: maker.id, model: "OLT-8", role: "OLT" });
    const other = await admin.devices.createDeviceType({ manufacturerId: maker.id, model: "SW-24", role: "SWITCH" });
    const east = await admin.devices.create({ name: "OLT East", deviceTypeId: olt.id });
    const west = await admin.devices.create({ name: "OLT West", deviceTypeId: olt.id });
    const old = await admin.devices.create({ name: "OLT Old", deviceTypeId: olt.id, status: "DECOMMISSIONED" });
    const sw = await admin.devices.create({ name: "Switch Core", deviceTypeId: other.id });
    await setCreated([east.id, west.id, old.id, sw.id], "2026-01-15T08:00:00Z");
    const plan = await admin.maintenance.plans.create({
      title: "Clean the OLT filters",
      deviceTypeId: olt.id,
      intervalDays: 90,
      leadDays: 7,
      startsOn: "2026-09-01",
    });
    expect((await admin.maintenance.plans.list({ search: "OLT filters" })).rows[0]).toMatchObject({
      deviceType: { name: "PM Optics OLT-8" },
      targets: 2,
      nextDueOn: "2026-09-01",
    });
    expect((await admin.maintenance.due({ withinDays: 366 })).rows.filter((r) => r.plan.id === plan.id)).toHaveLength(
      2,
    );

    const mine = (o: { planId: string }) => o.planId === plan.id;
    expect((await openDue(co.company.id, "2026-08-24")).opened.filter(mine)).toEqual([]);
    const first = (await openDue(co.company.id, "2026-08-25")).opened.filter(mine);
    expect(first.map((o) => [o.targetKey, o.dueOn]).sort()).toEqual(
      [
        [east.id, "2026-09-01"],
        [west.id, "2026-09-01"],
      ].sort(),
    );
    // Again, and at once: nothing more.
    const again = await Promise.all([openDue(co.company.id, "2026-08-26"), openDue(co.company.id, "2026-08-26")]);
    expect(again.flatMap((r) => r.opened).filter(mine)).toEqual([]);
    const jobs = await withTenant(co.company.id, (tx) =>
      tx.workOrder.findMany({
        where: { id: { in: first.map((o) => o.workOrderId) } },
        select: { title: true, deviceId: true, kind: true },
        orderBy: { title: "asc" },
      }),
    );
    expect(jobs).toEqual([
      { title: "Clean the OLT filters: OLT East", deviceId: east.id, kind: "MAINTENANCE" },
      { title: "Clean the OLT filters: OLT West", deviceId: west.id, kind: "MAINTENANCE" },
    ]);

    // A third OLT installed on 20 October joins the plan at its next cycle date (30 November),
    // not at the plan's first due date, already two months past.
    const north = await admin.devices.create({ name: "OLT North", deviceTypeId: olt.id });
    await setCreated([north.id], "2026-10-20T08:00:00Z");
    expect((await openDue(co.company.id, "2026-10-20")).opened.filter(mine)).toEqual([]);
    expect((await openDue(co.company.id, "2026-11-23")).opened.filter(mine)).toMatchObject([
      { targetKey: north.id, dueOn: "2026-11-30" },
    ]);
  });
});
