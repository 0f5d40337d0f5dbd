import { expect, it } from "vitest";
import { seedLifecycle } from "../../../prisma/seed-lifecycle";
import { seedStaff, seedTickets } from "../../../prisma/seed-support";
import { withTenant } from "../../db/tenant";
import { makeCompany, makeUser } from "../../test/fixtures";

// The demo tickets of prisma/seed-support.ts on a company with the demo's people and customers:
// a queue in different states, told through the services, seeded once.

it("seeds a working queue once: replies, notes, a merge, a rating, a rating still to give", async () => {
  const { company } = await makeCompany("seed-tickets");
  const companyId = company.id;
  await makeUser(companyId, "NETWORK_ADMIN", { email: "noc@acme.example", name: "Grace Otieno" });
  await makeUser(companyId, "CUSTOMER_SERVICE_MANAGER", { email: "care@acme.example", name: "Samuel Mwangi" });
  await makeUser(companyId, "TECHNICAL_SUPPORT", { email: "support@acme.example", name: "Aisha Njeri" });
  await makeUser(companyId, "FIELD_TECHNICIAN", { email: "field@acme.example", name: "Peter Kamau" });
  await makeUser(companyId, "CUSTOMER", { email: "brian.ouma@example.com", name: "Brian Ouma" });
  await seedLifecycle(companyId);
  await seedStaff(companyId);
  await seedTickets(companyId);
  await seedTickets(companyId);

  await withTenant(companyId, async (tx) => {
    const rows = await tx.ticket.findMany({
      orderBy: { number: "asc" },
      select: {
        number: true,
        subject: true,
        status: true,
        mergedIntoId: true,
        csatRating: true,
        assigneeId: true,
        channel: true,
      },
    });
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const by = (subject: string) => rows.find((r) => r.subject === subject)!;
    expect(by("Internet drops every evening")).toMatchObject({ status: "IN_PROGRESS", channel: "PORTAL" });
    expect(by("Slow internet at night")).toMatchObject({ status: "CLOSED", mergedIntoId: expect.any(String) });
    expect(by("Charged twice for March")).toMatchObject({ status: "CLOSED", csatRating: 5 });
    expect(by("Router keeps restarting")).toMatchObject({ status: "RESOLVED", csatRating: null });
    expect(by("Total outage at the Industrial Area warehouse")).toMatchObject({ status: "IN_PROGRESS" });
    expect(await tx.ticketComment.count({ where: { visibility: "INTERNAL", authorType: "STAFF" } })).toBe(2);
    expect(await tx.cannedResponse.count()).toBe(4);
    const open = await tx.csatRequest.count({ where: { usedAt: null, expiresAt: { gt: new Date() } } });
    expect(open).toBe(1);
    // The clocks were moved back with the story: nothing is due before it was created.
    const clocks = await tx.ticket.findMany({ select: { createdAt: true, responseDueAt: true } });
    expect(clocks.every((c) => !c.responseDueAt || c.responseDueAt > c.createdAt)).toBe(true);
  });
});
