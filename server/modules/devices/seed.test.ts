import { expect, it } from "vitest";
import { seedLifecycle } from "../../../prisma/seed-lifecycle";
import { seedNetwork } from "../../../prisma/seed-network";
import { withTenant } from "../../db/tenant";
import { makeCompany, makeUser } from "../../test/fixtures";
import { systemActor } from "../scope";
import { customersBehind } from "./behind";

// The demo's network (prisma/seed-network.ts): two sites, a core with everything behind it, each
// subscriber's typed CPE serial as a device on the OLT or the access point; seeded once.

it("seeds a network where every subscriber with a CPE is behind the core router, once", async () => {
  const { company } = await makeCompany("seed-network");
  await makeUser(company.id, "CUSTOMER", { email: "brian.ouma@example.com", name: "Brian Ouma" });
  await seedLifecycle(company.id);
  await seedNetwork(company.id);
  await seedNetwork(company.id);
  await withTenant(company.id, async (tx) => {
    const scope = { tx, companyId: company.id, actor: systemActor };
    const core = await tx.device.findFirstOrThrow({ where: { name: "core-1" } });
    const withCpe = await tx.subscription.count({ where: { cpeSerial: { not: null }, status: { not: "TERMINATED" } } });
    expect(withCpe).toBeGreaterThan(3);
    expect((await customersBehind(scope, { deviceId: core.id })).total).toBe(withCpe);
    expect(await tx.site.count()).toBe(2);
    expect(await tx.subscription.count({ where: { cpeSerial: { not: null }, cpeDeviceId: null } })).toBe(0);
  });
}, 240_000);
