import { expect, it } from "vitest";
import { seedStaff } from "../../../prisma/seed-support";
import { withTenant } from "../../db/tenant";
import { makeCompany, makeUser } from "../../test/fixtures";
import { route } from "../routing/service";
import { systemActor } from "../scope";
import { week } from "../shifts/service";

// The demo team of prisma/seed-support.ts, on a company with the demo's staff addresses: it
// seeds once, links the default ticket categories to skills, and routing can use it.

it("seeds profiles, skills, certificates, training and two weeks of shifts, once", async () => {
  const { company } = await makeCompany("seed-staff");
  const companyId = company.id;
  // Like the demo company: Nairobi, and its support desk calendar too.
  await withTenant(companyId, async (tx) => {
    await tx.company.update({ where: { id: companyId }, data: { timeZone: "Africa/Nairobi" } });
    await tx.businessCalendar.updateMany({ data: { timeZone: "Africa/Nairobi" } });
  });
  const people = {
    noc: await makeUser(companyId, "NETWORK_ADMIN", { email: "noc@acme.example", name: "Grace Otieno" }),
    care: await makeUser(companyId, "CUSTOMER_SERVICE_MANAGER", { email: "care@acme.example", name: "Samuel Mwangi" }),
    support: await makeUser(companyId, "TECHNICAL_SUPPORT", { email: "support@acme.example", name: "Aisha Njeri" }),
    field: await makeUser(companyId, "FIELD_TECHNICIAN", { email: "field@acme.example", name: "Peter Kamau" }),
  };
  const now = new Date("2026-05-06T07:30:00Z"); // Wednesday 10:30 in Nairobi
  await seedStaff(companyId, now);
  await seedStaff(companyId, now);

  await withTenant(companyId, async (tx) => {
    const scope = { tx, companyId, actor: systemActor };
    expect(await tx.staffProfile.count()).toBe(4);
    expect((await tx.skill.findMany({ orderBy: { name: "asc" } })).map((s) => s.name)).toEqual([
      "Billing",
      "Fibre splicing",
      "PPPoE troubleshooting",
      "Wireless CPE",
    ]);
    const peter = await tx.staffProfile.findUniqueOrThrow({ where: { userId: people.field.id } });
    expect(peter).toMatchObject({ teamLeadId: people.noc.id, areas: ["Kilimani", "Westlands"] });
    const soon = await tx.certification.findFirstOrThrow({
      where: { userId: people.field.id, name: { startsWith: "Fibre splicing" } },
    });
    expect(soon.expiresOn!.toISOString().slice(0, 10)).toBe("2026-05-26");
    const categories = await tx.ticketCategory.findMany({
      where: { skillId: { not: null } },
      select: { name: true, skill: { select: { name: true } } },
      orderBy: { name: "asc" },
    });
    expect(categories.map((c) => `${c.name} → ${c.skill!.name}`)).toEqual([
      "Billing inquiry → Billing",
      "Connectivity → PPPoE troubleshooting",
      "Equipment → Wireless CPE",
      "Relocation → Fibre splicing",
      "Speed → PPPoE troubleshooting",
    ]);

    const thisWeek = await week(scope, {}, now);
    expect(thisWeek.weekStart).toBe("2026-05-04");
    expect(thisWeek.shifts.filter((s) => s.onCall).every((s) => s.userId === people.noc.id)).toBe(true);
    expect(thisWeek.gapHours).toBe(0);
    const nextWeek = await week(scope, { weekStart: "2026-05-11" }, now);
    expect(nextWeek.shifts.length).toBeGreaterThan(0);
    expect(nextWeek.days[5].gapHours).toBeGreaterThan(0); // next Saturday is left for the planner to fill

    const equipment = await tx.ticketCategory.findFirstOrThrow({ where: { name: "Equipment" } });
    const decision = await route(scope, { categoryId: equipment.id, area: "Kilimani", priority: "HIGH" }, now);
    expect(decision.assigneeId).toBe(people.field.id);
    expect(decision.explanation.summary).toBe(
      "Assigned to Peter Kamau: has Wireless CPE (level 4), covers Kilimani, on shift, 0 of 6 open tickets.",
    );
  });
});
