import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { wallClock, addDays } from "../shifts/zone";

// Staff profiles, the skill catalogue, certifications and training, through the procedures the
// console's Team pages use.

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let manager: Caller;
let jane: { id: string; name: string };
let peter: { id: string; name: string };
let lead: { id: string; name: string };
let today: string;

beforeAll(async () => {
  co = await makeCompany("staff-isp");
  manager = await callerAs(
    co.company,
    (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER", { name: "Samuel Mwangi" })).id,
  );
  jane = await makeUser(co.company.id, "FIELD_TECHNICIAN", { name: "Jane Mwangi", email: "jane@staff.test" });
  peter = await makeUser(co.company.id, "FIELD_TECHNICIAN", { name: "Peter Kamau", email: "peter@staff.test" });
  lead = await makeUser(co.company.id, "NETWORK_ADMIN", { name: "Grace Otieno", email: "grace@staff.test" });
  today = wallClock(new Date(), co.full.timeZone).date;
});

const audits = (entityId: string) =>
  withTenant(co.company.id, (tx) =>
    tx.auditEntry.findMany({ where: { entityId }, orderBy: { createdAt: "asc" }, select: { action: true } }),
  );

describe("profiles", () => {
  it("creates and updates a profile, tidying coverage areas, and audits both", async () => {
    const created = await manager.staff.saveProfile({
      userId: jane.id,
      title: "Senior field technician",
      phone: "+254 722 000 111",
      areas: "Kilimani, westlands ,kilimani,, Kasarani",
      maxOpenTickets: "8" as never,
      teamLeadId: lead.id,
    });
    expect(created).toEqual({
      title: "Senior field technician",
      phone: "+254 722 000 111",
      areas: ["Kilimani", "westlands", "Kasarani"],
      availability: "AVAILABLE",
      maxOpenTickets: 8,
      teamLeadId: lead.id,
    });
    const updated = await manager.staff.saveProfile({
      userId: jane.id,
      title: "Senior field technician",
      areas: ["Kilimani"],
      availability: "ON_LEAVE",
      maxOpenTickets: 8,
      teamLeadId: lead.id,
    });
    expect(updated).toMatchObject({ phone: null, areas: ["Kilimani"], availability: "ON_LEAVE" });
    expect((await audits(jane.id)).map((a) => a.action)).toEqual(["staff.profile_create", "staff.profile_update"]);
    const view = await manager.staff.get({ userId: jane.id });
    expect(view.profile).toMatchObject({ teamLead: { id: lead.id, name: "Grace Otieno" } });
    expect((await manager.staff.get({ userId: lead.id })).teamMembers).toEqual([{ id: jane.id, name: "Jane Mwangi" }]);
  });

  it("team lead: same company only, not oneself, no loops; the clear error changes nothing", async () => {
    const other = await makeCompany("staff-other");
    const stranger = await makeUser(other.company.id, "NETWORK_ADMIN", { name: "Stranger" });
    const base = { userId: peter.id, areas: ["Westlands"], maxOpenTickets: 10 };
    await manager.staff.saveProfile({ ...base, teamLeadId: null });
    expect(await failure(manager.staff.saveProfile({ ...base, teamLeadId: stranger.id }))).toEqual({
      code: "UNPROCESSABLE_CONTENT",
      message: "That team lead is not on your company's staff.",
      fields: { teamLeadId: "Choose a team lead of your company." },
    });
    expect((await failure(manager.staff.saveProfile({ ...base, teamLeadId: peter.id }))).message).toBe(
      "A person cannot be their own team lead.",
    );
    const customer = await makeUser(co.company.id, "CUSTOMER", { name: "Brian Ouma" });
    expect((await failure(manager.staff.saveProfile({ ...base, teamLeadId: customer.id }))).message).toBe(
      "Brian Ouma is a customer, not a team lead.",
    );
    // Grace leads Jane; Jane may not then lead Grace.
    await manager.staff.saveProfile({ userId: lead.id, areas: [], maxOpenTickets: 10, teamLeadId: null });
    expect(
      (
        await failure(
          manager.staff.saveProfile({ userId: lead.id, areas: [], maxOpenTickets: 10, teamLeadId: jane.id }),
        )
      ).message,
    ).toBe("Jane Mwangi reports to Grace Otieno already, so Grace Otieno cannot report to Jane Mwangi.");
    expect((await manager.staff.get({ userId: peter.id })).profile).toMatchObject({
      teamLead: null,
      areas: ["Westlands"],
    });
    expect((await failure(manager.staff.saveProfile({ ...base, userId: customer.id }))).message).toBe(
      "Brian Ouma is a customer: only staff have staff profiles.",
    );
    expect((await failure(manager.staff.get({ userId: stranger.id }))).code).toBe("NOT_FOUND");
  });

  it("validates the form's fields with clear messages", async () => {
    const f = await failure(
      manager.staff.saveProfile({ userId: peter.id, phone: "call me", maxOpenTickets: 0, areas: [] }),
    );
    expect(f.fields).toEqual({
      phone: "Phone: enter digits, spaces or dashes, optionally starting with +.",
      maxOpenTickets: "Allow at least 1 open ticket.",
    });
  });

  it("a staff member reads their own profile; a customer has none", async () => {
    const self = await callerAs(co.company, peter.id);
    expect((await self.staff.me()).user).toMatchObject({ id: peter.id, name: "Peter Kamau" });
    const customer = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER")).id);
    expect((await failure(customer.staff.me())).code).toBe("FORBIDDEN");
  });
});

describe("skill catalogue", () => {
  it("creates, renames and deletes skills; names are unique regardless of case", async () => {
    const splicing = await manager.staff.createSkill({ name: "Fibre splicing" });
    expect(await failure(manager.staff.createSkill({ name: "FIBRE SPLICING" }))).toEqual({
      code: "CONFLICT",
      message: 'There is already a skill called "Fibre splicing".',
      fields: { name: '"Fibre splicing" is already in the catalogue.' },
    });
    const cpe = await manager.staff.createSkill({ name: "Wireless CPE" });
    expect((await failure(manager.staff.renameSkill({ id: cpe.id, name: "fibre splicing" }))).code).toBe("CONFLICT");
    expect(await manager.staff.renameSkill({ id: cpe.id, name: "Wireless CPE alignment" })).toEqual({
      id: cpe.id,
      name: "Wireless CPE alignment",
    });

    await manager.staff.setSkill({ userId: jane.id, skillId: splicing.id, level: 4 });
    await manager.staff.setSkill({ userId: jane.id, skillId: splicing.id, level: 5 });
    await manager.staff.setSkill({ userId: peter.id, skillId: cpe.id, level: 2 });
    expect((await manager.staff.get({ userId: jane.id })).skills).toEqual([
      { skillId: splicing.id, name: "Fibre splicing", level: 5 },
    ]);
    expect((await failure(manager.staff.setSkill({ userId: jane.id, skillId: splicing.id, level: 6 }))).fields).toEqual(
      { level: "Levels go from 1 to 5." },
    );

    const category = await withTenant(co.company.id, (tx) =>
      tx.ticketCategory.create({
        data: { id: newId(), companyId: co.company.id, group: "TECHNICAL", name: "Fibre cut", fieldWork: true },
      }),
    );
    const linked = await manager.staff.setSkillCategories({ skillId: cpe.id, categoryIds: [category.id] });
    expect(linked).toMatchObject({
      name: "Wireless CPE alignment",
      people: 1,
      categories: [{ id: category.id, name: "Fibre cut" }],
    });
    // Linking the category to another skill moves it.
    await manager.staff.setSkillCategories({ skillId: splicing.id, categoryIds: [category.id] });
    const skills = await manager.staff.skills();
    expect(skills.map((s) => [s.name, s.people, s.categories.map((c) => c.name)])).toEqual([
      ["Fibre splicing", 1, ["Fibre cut"]],
      ["Wireless CPE alignment", 1, []],
    ]);

    expect(await manager.staff.deleteSkill({ id: splicing.id })).toEqual({ id: splicing.id, people: 1, categories: 1 });
    expect((await manager.staff.get({ userId: jane.id })).skills).toEqual([]);
    expect(
      await withTenant(co.company.id, (tx) => tx.ticketCategory.findUnique({ where: { id: category.id } })),
    ).toMatchObject({ skillId: null });
    await manager.staff.removeSkill({ userId: peter.id, skillId: cpe.id });
    expect((await failure(manager.staff.removeSkill({ userId: peter.id, skillId: cpe.id }))).code).toBe("NOT_FOUND");
  });
});

describe("certifications and training", () => {
  it("shows expired and soon-expiring certificates, and refuses expiry before issue", async () => {
    const expired = await manager.staff.addCertification({
      userId: peter.id,
      name: "Working at heights",
      issuer: "NITA",
      expiresOn: addDays(today, -1),
    });
    await manager.staff.addCertification({
      userId: peter.id,
      name: "FOA CFOT",
      issuedOn: "2024-01-10",
      expiresOn: addDays(today, 30),
    });
    await manager.staff.addCertification({ userId: peter.id, name: "Ubiquiti UBWA", expiresOn: addDays(today, 31) });
    await manager.staff.addCertification({ userId: peter.id, name: "First aid" });
    const f = await failure(
      manager.staff.addCertification({
        userId: peter.id,
        name: "Backwards",
        issuedOn: "2026-05-01",
        expiresOn: "2026-04-01",
      }),
    );
    expect(f.fields).toEqual({ expiresOn: "A certificate cannot expire before it was issued." });

    const view = await manager.staff.get({ userId: peter.id });
    expect(view.certifications.map((c) => [c.name, c.state])).toEqual([
      ["Working at heights", "expired"],
      ["FOA CFOT", "expiring"],
      ["Ubiquiti UBWA", "valid"],
      ["First aid", "none"],
    ]);
    const row = (await manager.staff.list({ search: "Peter" })).rows[0];
    expect(row).toMatchObject({ certificatesExpired: 1, certificatesExpiring: 1 });

    // Renewing (a new expiry date) starts the reminders over.
    await withTenant(co.company.id, (tx) =>
      tx.certification.update({ where: { id: expired.id }, data: { reminderSentAt: new Date() } }),
    );
    const renewed = await manager.staff.updateCertification({
      id: expired.id,
      name: "Working at heights",
      issuer: "NITA",
      expiresOn: addDays(today, 365),
    });
    expect(renewed.expiresOn).toBe(addDays(today, 365));
    expect(
      await withTenant(co.company.id, (tx) => tx.certification.findUnique({ where: { id: expired.id } })),
    ).toMatchObject({ reminderSentAt: null });
    await manager.staff.deleteCertification({ id: expired.id });
    expect((await failure(manager.staff.deleteCertification({ id: expired.id }))).code).toBe("NOT_FOUND");
  });

  it("records training", async () => {
    const t = await manager.staff.addTraining({
      userId: jane.id,
      course: "Splicing with the Fujikura 90S",
      provider: "Fujikura Academy",
      completedOn: "2026-03-14",
      hours: "16" as never,
    });
    expect(t).toMatchObject({ course: "Splicing with the Fujikura 90S", hours: 16, completedOn: "2026-03-14" });
    expect(
      (await failure(manager.staff.addTraining({ userId: jane.id, course: "No date", completedOn: "" }))).fields,
    ).toEqual({ completedOn: "Enter the completion date." });
    expect((await manager.staff.get({ userId: jane.id })).training.map((x) => x.course)).toEqual([
      "Splicing with the Fujikura 90S",
    ]);
    await manager.staff.deleteTraining({ id: t.id });
    expect((await manager.staff.get({ userId: jane.id })).training).toEqual([]);
  });
});

describe("the team list", () => {
  it("shows load (x of max, overloaded), who is on shift and on call, and filters", async () => {
    const fresh = await makeCompany("staff-list");
    const companyId = fresh.company.id;
    const boss = await callerAs(fresh.company, (await makeUser(companyId, "SUPER_ADMIN", { name: "Zed Boss" })).id);
    const busy = await makeUser(companyId, "TECHNICAL_SUPPORT", { name: "Amina Busy" });
    const calm = await makeUser(companyId, "FIELD_TECHNICIAN", { name: "Ben Calm" });
    await makeUser(companyId, "CUSTOMER", { name: "A Customer" });
    const splicing = await boss.staff.createSkill({ name: "Fibre splicing" });
    await boss.staff.saveProfile({ userId: busy.id, maxOpenTickets: 2, areas: ["Kasarani"], availability: "BUSY" });
    await boss.staff.saveProfile({ userId: calm.id, maxOpenTickets: 5, areas: ["Kilimani"] });
    await boss.staff.setSkill({ userId: calm.id, skillId: splicing.id, level: 3 });
    await withTenant(companyId, async (tx) => {
      const cat = await tx.ticketCategory.create({
        data: { id: newId(), companyId, group: "TECHNICAL", name: "Fibre cut" },
      });
      for (let i = 1; i <= 3; i++) {
        await tx.ticket.create({
          data: {
            id: newId(),
            companyId,
            number: i,
            subject: `T${i}`,
            description: "x",
            categoryId: cat.id,
            status: i === 3 ? "RESOLVED" : "IN_PROGRESS",
            assigneeId: busy.id,
            responseTargetMin: 60,
            resolutionTargetMin: 480,
          },
        });
      }
      await tx.shift.create({
        data: {
          id: newId(),
          companyId,
          userId: calm.id,
          startsAt: new Date(Date.now() - 3_600_000),
          endsAt: new Date(Date.now() + 3_600_000),
          onCall: true,
        },
      });
    });

    const all = await boss.staff.list({});
    expect(
      all.rows.map((r) => [r.name, r.hasProfile, r.openTickets, r.maxOpenTickets, r.overloaded, r.onShift, r.onCall]),
    ).toEqual([
      ["Amina Busy", true, 2, 2, true, false, false],
      ["Ben Calm", true, 0, 5, false, true, true],
      ["Owner", false, 0, null, false, false, false],
      ["Zed Boss", false, 0, null, false, false, false],
    ]);
    expect(all.summary).toEqual({ staff: 4, onShift: 1, onCall: 1, overloaded: 1, withoutProfile: 2 });
    expect((await boss.staff.list({ skillId: splicing.id })).rows.map((r) => r.name)).toEqual(["Ben Calm"]);
    expect((await boss.staff.list({ area: "kasarani" })).rows.map((r) => r.name)).toEqual(["Amina Busy"]);
    expect((await boss.staff.list({ onShift: true })).rows.map((r) => r.name)).toEqual(["Ben Calm"]);
    expect((await boss.staff.list({ availability: "BUSY" })).rows.map((r) => r.name)).toEqual(["Amina Busy"]);
    expect((await boss.staff.list({ sort: "load", direction: "desc" })).rows.map((r) => r.name)).toEqual([
      "Amina Busy",
      "Ben Calm",
      "Owner",
      "Zed Boss",
    ]);
    expect((await boss.staff.list({ pageSize: 3, page: 2 })).rows.map((r) => r.name)).toEqual(["Zed Boss"]);
  });
});
