import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import type { Role } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import * as apiTokens from "../auth/api-tokens";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { createPlan, due, listPlans, pausePlan, updatePlan } from "./rest";

// The preventive-maintenance endpoints, on 20 August 2026: a plan created, changed, paused and
// resumed; what falls due in the next month (and nothing of a paused plan); bad plans refused
// with a clear 4xx that writes nothing; a billing administrator reads but does not plan.

const host = hostOf("rest-pm");
let companyId: string;
let token: string;
let billingToken: string;
let upsId: string;

async function tokenFor(role: Role) {
  const user = await makeUser(companyId, role);
  return (await apiTokens.issue(companyId, user, { ip: "203.0.113.9", userAgent: "vitest" })).accessToken;
}

const plans = () => withTenant(companyId, (tx) => tx.maintenancePlan.findMany({ orderBy: { id: "asc" } }));

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-08-20T12:00:00Z"));
  const co = await makeCompany("rest-pm");
  companyId = co.company.id;
  const admin = await callerAs(co.company, (await makeUser(companyId, "NETWORK_ADMIN")).id);
  token = await tokenFor("NETWORK_ADMIN");
  billingToken = await tokenFor("BILLING_ADMIN");
  const supplierId = (await admin.inventory.suppliers.create({ name: "Power Supplies" })).id;
  const warehouseId = (await admin.inventory.locations.create({ name: "Store", kind: "WAREHOUSE" })).id;
  const itemId = (
    await admin.inventory.items.create({ sku: "UPS", name: "UPS 3 kVA", category: "Power", tracking: "SERIAL" })
  ).id;
  const po = await admin.inventory.purchaseOrders.create({ supplierId, lines: [{ itemId, quantity: 1 }] });
  await admin.inventory.purchaseOrders.receive({
    purchaseOrderId: po.id,
    locationId: warehouseId,
    lines: [{ lineId: po.lines[0]!.id, quantity: 1, units: [{ serial: "UPS-9" }] }],
  });
  upsId = (await admin.inventory.assets.lookup({ serial: "UPS-9" })).id;
});

afterAll(() => {
  vi.useRealTimers();
});

describe("/api/inventory/maintenance", () => {
  it("creates, changes, pauses and resumes a plan, and says what falls due", async () => {
    const plan = {
      title: "Check UPS batteries",
      assetId: upsId,
      intervalDays: 90,
      leadDays: 7,
      startsOn: "2026-09-01",
    };
    const created = await call(createPlan, { host, token, body: plan });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      title: "Check UPS batteries",
      asset: { id: upsId, serial: "UPS-9", item: "UPS 3 kVA" },
      deviceType: null,
      paused: false,
    });
    const id = created.body.id;

    const soon = await call(due, { host, token: billingToken, query: { withinDays: "30" } });
    expect(soon.status, soon.text).toBe(200);
    expect(soon.body).toEqual({
      asOf: "2026-08-20",
      until: "2026-09-19",
      rows: [
        {
          plan: { id, title: "Check UPS batteries" },
          target: { assetId: upsId, deviceId: null, name: "UPS 3 kVA UPS-9" },
          dueOn: "2026-09-01",
          opensOn: "2026-08-25",
          overdue: false,
        },
      ],
    });
    expect((await call(due, { host, token, query: { withinDays: "5" } })).body.rows).toEqual([]);

    const changed = await call(updatePlan, {
      host,
      token,
      params: { id },
      body: { ...plan, title: "Test UPS batteries", intervalDays: 60 },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ title: "Test UPS batteries", intervalDays: 60 });

    const paused = await call(pausePlan, { host, token, params: { id }, body: { paused: true } });
    expect(paused.body).toEqual({ id, paused: true });
    expect((await call(due, { host, token })).body.rows).toEqual([]);
    const listed = await call(listPlans, { host, token: billingToken, query: { search: "ups" } });
    expect(listed.body).toMatchObject({ total: 1, rows: [{ id, paused: true, targets: 1, nextDueOn: "2026-09-01" }] });
    await call(pausePlan, { host, token, params: { id }, body: { paused: false } });
    expect((await call(due, { host, token })).body.rows).toHaveLength(1);
  });

  it("refuses bad plans with a clear 4xx and writes nothing; a billing administrator may not plan", async () => {
    const before = await plans();
    const noTarget = await call(createPlan, {
      host,
      token,
      body: { title: "Clean filters", intervalDays: 30, startsOn: "2026-09-01" },
    });
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.error.fields).toEqual({ assetId: "Choose one unit or one device type for the plan." });
    const zero = await call(createPlan, {
      host,
      token,
      body: { title: "Clean filters", assetId: upsId, intervalDays: 0, startsOn: "2026-09-01" },
    });
    expect(zero.status).toBe(400);
    expect(zero.body.error.fields.intervalDays).toBe("The interval must be at least 1 day.");
    const missing = await call(updatePlan, {
      host,
      token,
      params: { id: "no-such-plan" },
      body: { title: "Clean filters", assetId: upsId, intervalDays: 30, startsOn: "2026-09-01" },
    });
    expect(missing.status).toBe(404);
    expect((await call(pausePlan, { host, token, params: { id: "x" }, body: {} })).status).toBe(400);
    expect((await call(due, { host, token, query: { withinDays: "400" } })).status).toBe(400);
    const billing = await call(createPlan, {
      host,
      token: billingToken,
      body: { title: "Clean filters", assetId: upsId, intervalDays: 30, startsOn: "2026-09-01" },
    });
    expect(billing.status).toBe(403);
    expect(await plans()).toEqual(before);
  });
});
