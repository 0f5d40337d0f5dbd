import { beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import * as apiTokens from "../auth/api-tokens";
import type { Role } from "../../db/generated/prisma/enums";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { addFound, enterCount, getCount, listCounts, postCount, startCount } from "./counts-rest";
import { closeRma, listRmas, openRma } from "./rma-rest";

// The cycle-count and RMA endpoints for integrators: a count started, counted (with a unit the
// sheet did not expect), posted to the ledger; a faulty unit sent back and returned repaired;
// bad input answered with a clear 4xx that writes nothing; read-only and van roles refused.

const host = hostOf("rest-stock");
let companyId: string;
let admin: Awaited<ReturnType<typeof callerAs>>;
let token: string;
let billingToken: string;
let techToken: string;
let supplierId: string;
let ontId: string;
let cableId: string;
let shelfId: string;
let backId: string;

async function tokenFor(role: Role) {
  const user = await makeUser(companyId, role);
  return (await apiTokens.issue(companyId, user, { ip: "203.0.113.9", userAgent: "vitest" })).accessToken;
}

const books = () =>
  withTenant(companyId, async (tx) => ({
    movements: await tx.stockMovement.count(),
    lines: await tx.stockCountLine.findMany({ orderBy: { id: "asc" } }),
    counts: await tx.stockCount.findMany({ orderBy: { id: "asc" } }),
    rmas: await tx.rma.findMany({ orderBy: { id: "asc" } }),
  }));

beforeAll(async () => {
  const co = await makeCompany("rest-stock");
  companyId = co.company.id;
  admin = await callerAs(co.company, (await makeUser(companyId, "NETWORK_ADMIN")).id);
  token = await tokenFor("NETWORK_ADMIN");
  billingToken = await tokenFor("BILLING_ADMIN");
  techToken = await tokenFor("FIELD_TECHNICIAN");
  supplierId = (await admin.inventory.suppliers.create({ name: "Optic Supplies" })).id;
  ontId = (
    await admin.inventory.items.create({
      sku: "ONT-1",
      name: "ONT",
      category: "ONT",
      tracking: "SERIAL",
      costMinor: 50_00,
    })
  ).id;
  cableId = (
    await admin.inventory.items.create({
      sku: "CABLE-1",
      name: "Drop cable",
      category: "Cable",
      tracking: "BULK",
      unit: "m",
    })
  ).id;
  shelfId = (await admin.inventory.locations.create({ name: "Shelf A", kind: "WAREHOUSE" })).id;
  backId = (await admin.inventory.locations.create({ name: "Back room", kind: "WAREHOUSE" })).id;
  const po = await admin.inventory.purchaseOrders.create({ supplierId, lines: [{ itemId: ontId, quantity: 4 }] });
  await admin.inventory.purchaseOrders.receive({
    purchaseOrderId: po.id,
    locationId: shelfId,
    lines: [{ lineId: po.lines[0]!.id, quantity: 2, units: [{ serial: "ONT-A1" }, { serial: "ONT-A2" }] }],
  });
  await admin.inventory.purchaseOrders.receive({
    purchaseOrderId: po.id,
    locationId: backId,
    lines: [{ lineId: po.lines[0]!.id, quantity: 2, units: [{ serial: "ONT-B1" }, { serial: "ONT-B2" }] }],
  });
});

describe("/api/inventory/counts", () => {
  it("starts a count, records it with a unit found from elsewhere, and posts the variance once", async () => {
    const started = await call(startCount, { host, token, body: { locationId: shelfId } });
    expect(started.status, started.text).toBe(201);
    expect(started.body).toMatchObject({
      status: "OPEN",
      location: { id: shelfId, name: "Shelf A" },
      lines: [
        { item: { id: ontId }, expectedQuantity: 2, expectedSerials: ["ONT-A1", "ONT-A2"], countedQuantity: null },
      ],
    });
    const id = started.body.id;

    const entered = await call(enterCount, {
      host,
      token,
      params: { id },
      body: { lines: [{ itemId: ontId, countedSerials: ["ont-a1"] }] },
    });
    expect(entered.status, entered.text).toBe(200);
    const found = await call(addFound, { host, token, params: { id }, body: { serial: "ONT-B1" } });
    expect(found.status, found.text).toBe(200);
    const cable = await call(addFound, { host, token, params: { id }, body: { itemId: cableId, quantity: 30 } });
    expect(cable.status, cable.text).toBe(200);
    const read = await call(getCount, { host, token: billingToken, params: { id } });
    expect(
      read.body.lines.map(
        (l: { item: { name: string }; variance: number; missingSerials: string[]; extraSerials: string[] }) => [
          l.item.name,
          l.variance,
          l.missingSerials,
          l.extraSerials,
        ],
      ),
    ).toEqual([
      ["Drop cable", 30, [], []],
      ["ONT", 0, ["ONT-A2"], ["ONT-B1"]],
    ]);

    const posted = await call(postCount, { host, token, params: { id }, body: { reason: "Monthly count" } });
    expect(posted.status, posted.text).toBe(200);
    expect(posted.body).toMatchObject({ status: "POSTED", reason: "Monthly count", postedAt: expect.any(String) });
    const stock = await admin.inventory.stock({ locationId: shelfId });
    expect(stock.rows.map((r) => [r.name, r.quantity, r.units.map((u) => u.serial)])).toEqual([
      ["Drop cable", 30, []],
      ["ONT", 2, ["ONT-A1", "ONT-B1"]],
    ]);
    expect((await admin.inventory.assets.lookup({ serial: "ONT-B1" })).history[0]).toMatchObject({
      kind: "TRANSFER",
      from: { name: "Back room" },
      reason: expect.stringContaining("Monthly count"),
    });

    const again = await call(postCount, { host, token, params: { id }, body: { reason: "Again" } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("was already posted");
    const listed = await call(listCounts, { host, token: billingToken, query: { status: "POSTED" } });
    expect(listed.body).toMatchObject({ total: 1, rows: [{ id }] });
  });

  it("answers bad input with a clear 4xx and writes nothing; read-only and van roles may not count", async () => {
    const open = await call(startCount, { host, token, body: { locationId: backId } });
    expect(open.status, open.text).toBe(201);
    const id = open.body.id;
    const before = await books();
    const negative = await call(enterCount, {
      host,
      token,
      params: { id },
      body: { lines: [{ itemId: cableId, countedQuantity: -3 }] },
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.fields).toEqual({
      "lines.0.countedQuantity": "The counted quantity cannot be negative.",
    });
    const unknown = await call(addFound, { host, token, params: { id }, body: { serial: "NEVER-SEEN-1" } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain("No unit with serial NEVER-SEEN-1 in your inventory");
    const neither = await call(addFound, { host, token, params: { id }, body: {} });
    expect(neither.status).toBe(400);
    expect(neither.body.error.fields).toHaveProperty("serial");
    const twice = await call(startCount, { host, token, body: { locationId: backId } });
    expect(twice.status).toBe(409);
    const unposted = await call(postCount, { host, token, params: { id }, body: { reason: "Too soon" } });
    expect(unposted.status).toBe(422);
    expect(unposted.body.error.message).toContain("not counted yet");
    expect((await call(getCount, { host, token, params: { id: "no-such-count" } })).status).toBe(404);
    expect((await call(startCount, { host, token: billingToken, body: { locationId: shelfId } })).status).toBe(403);
    expect((await call(listCounts, { host, token: techToken })).status).toBe(403);
    expect(await books()).toEqual(before);
  });
});

describe("/api/inventory/rmas", () => {
  it("sends a faulty unit back and records it repaired, refusing what does not fit", async () => {
    const sent = await call(openRma, {
      host,
      token,
      body: { serial: "ONT-B2", rmaNumber: "RMA-77", fault: "No optical power" },
    });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body).toMatchObject({
      status: "SENT",
      asset: { serial: "ONT-B2" },
      supplier: { id: supplierId, name: "Optic Supplies" },
      closedAt: null,
    });
    const before = await books();
    const sameNumber = await call(openRma, {
      host,
      token,
      body: { serial: "ONT-A1", rmaNumber: "RMA-77", fault: "x" },
    });
    expect(sameNumber.status).toBe(409);
    expect(sameNumber.body.error.message).toBe("RMA RMA-77 is already recorded.");
    const noPlace = await call(closeRma, {
      host,
      token,
      params: { id: sent.body.id },
      body: { outcome: "REPAIRED_RETURNED" },
    });
    expect(noPlace.status).toBe(400);
    expect(noPlace.body.error.fields).toHaveProperty("toLocationId");
    const badOutcome = await call(closeRma, { host, token, params: { id: sent.body.id }, body: { outcome: "LOST" } });
    expect(badOutcome.status).toBe(400);
    expect(
      (await call(openRma, { host, token: billingToken, body: { serial: "ONT-A1", rmaNumber: "R", fault: "x" } }))
        .status,
    ).toBe(403);
    expect(await books()).toEqual(before);

    const back = await call(closeRma, {
      host,
      token,
      params: { id: sent.body.id },
      body: { outcome: "REPAIRED_RETURNED", toLocationId: shelfId, note: "New laser" },
    });
    expect(back.status, back.text).toBe(200);
    expect(back.body).toMatchObject({
      status: "REPAIRED_RETURNED",
      outcomeNote: "New laser",
      closedAt: expect.any(String),
    });
    expect(await admin.inventory.assets.lookup({ serial: "ONT-B2" })).toMatchObject({
      status: "IN_STOCK",
      location: { id: shelfId },
    });
    const closedTwice = await call(closeRma, {
      host,
      token,
      params: { id: sent.body.id },
      body: { outcome: "REFUSED" },
    });
    expect(closedTwice.status).toBe(409);
    const listed = await call(listRmas, { host, token: billingToken, query: { status: "REPAIRED_RETURNED" } });
    expect(listed.body).toMatchObject({ total: 1, rows: [{ rmaNumber: "RMA-77" }] });
  });
});
