import { expect, it } from "vitest";
import { seedInventory } from "../../../prisma/seed-inventory";
import { seedLifecycle } from "../../../prisma/seed-lifecycle";
import { seedNetwork } from "../../../prisma/seed-network";
import { withTenant } from "../../db/tenant";
import { makeCompany, makeUser } from "../../test/fixtures";
import { systemActor } from "../scope";
import { drift } from "./ledger";
import { draftDue } from "./reorder";

// The demo's inventory (prisma/seed-inventory.ts): every subscriber's CPE a deployed unit on its
// subscription, a van per field technician with stock in it, a received order; seeded once.

it("seeds stock that follows the demo's CPEs by serial, with the ledger and its summary agreeing, once", async () => {
  const { company } = await makeCompany("seed-inventory");
  await makeUser(company.id, "CUSTOMER", { email: "brian.ouma@example.com", name: "Brian Ouma" });
  const tech = await makeUser(company.id, "FIELD_TECHNICIAN", { name: "Peter Kamau" });
  await seedLifecycle(company.id);
  await seedNetwork(company.id);
  await seedInventory(company.id);
  await seedInventory(company.id);
  await withTenant(company.id, async (tx) => {
    const cpes = await tx.device.findMany({
      where: { subscriptions: { some: {} } },
      select: { id: true, serial: true },
    });
    expect(cpes.length).toBeGreaterThan(3);
    const units = await tx.asset.findMany({ where: { deviceId: { in: cpes.map((d) => d.id) } } });
    expect(units.map((u) => u.serial).sort()).toEqual(cpes.map((d) => d.serial!.toUpperCase()).sort());
    expect(units.every((u) => u.status === "DEPLOYED" && u.subscriptionId)).toBe(true);
    const van = await tx.stockLocation.findFirstOrThrow({ where: { technicianId: tech.id } });
    expect(await tx.asset.count({ where: { locationId: van.id } })).toBe(3);
    expect(await tx.purchaseOrder.count({ where: { status: "RECEIVED" } })).toBe(2);
    // The wireless CPEs (4 spares, reorder point 5) have their order drafted, saying why.
    const drafted = await tx.purchaseOrder.findMany({ where: { status: "DRAFT" }, include: { lines: true } });
    expect(drafted).toHaveLength(1);
    expect(drafted[0]).toMatchObject({ automatic: true, lines: [expect.objectContaining({ quantity: 10 })] });
    expect(drafted[0]!.notes).toBe(
      "Drafted automatically by Ubiquiti LiteBeam 5AC Gen2's reorder point: 4 on hand (warehouses, shelves and vans), below the reorder point of 5; 0 on order before this one. Ordering the reorder quantity, 10. Check and send it.",
    );
    expect(await tx.inventoryItem.count()).toBe(4);
    expect(await drift({ tx, companyId: company.id, actor: systemActor })).toEqual([]);
  });
  // Drafted once: the reorder job drafts nothing more on a fresh demo.
  expect(await draftDue(company.id)).toMatchObject({ drafted: [], noSupplier: [] });
}, 300_000);
