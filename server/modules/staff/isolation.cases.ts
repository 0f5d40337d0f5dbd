import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeUser } from "../../test/fixtures";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure, failure } from "../../test/trpc";

// Tenant isolation of staff profiles, skills, certificates and training.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** B's technician's profile, a skill (needed by a category of B), a certificate and training; A's own. */
export const staffFixture = fixture(async (w) => {
  const companyId = w.B.company.id;
  const ids = { skillId: newId(), categoryId: newId(), certId: newId(), trainingId: newId() };
  await withTenant(companyId, async (tx) => {
    await tx.staffProfile.create({
      data: {
        userId: w.bTech.id,
        companyId,
        title: "Bravo NOC engineer",
        areas: ["Bravo Hills"],
        teamLeadId: w.B.owner.id,
      },
    });
    await tx.skill.create({ data: { id: ids.skillId, companyId, name: "Bravo splicing" } });
    await tx.staffSkill.create({ data: { companyId, userId: w.bTech.id, skillId: ids.skillId, level: 4 } });
    await tx.ticketCategory.create({
      data: {
        id: ids.categoryId,
        companyId,
        group: "TECHNICAL",
        name: "Bravo fibre cut",
        skillId: ids.skillId,
        fieldWork: true,
      },
    });
    await tx.certification.create({
      data: {
        id: ids.certId,
        companyId,
        userId: w.bTech.id,
        name: "Bravo CFOT",
        expiresOn: new Date(Date.now() + 10 * 86_400_000),
      },
    });
    await tx.trainingRecord.create({
      data: {
        id: ids.trainingId,
        companyId,
        userId: w.bTech.id,
        course: "Bravo OTDR course",
        completedOn: new Date("2026-01-15"),
      },
    });
  });
  const aTechId = (
    await makeUser(w.A.company.id, "FIELD_TECHNICIAN", { name: "Alpha Tech", email: "field@alpha.test" })
  ).id;
  await w.aAdmin.staff.saveProfile({ userId: aTechId, areas: ["Alpha Heights"], maxOpenTickets: 5 });
  const aSkillId = (await w.aAdmin.staff.createSkill({ name: "Alpha splicing" })).id;
  return { stb: { ...ids, aTechId, aSkillId } };
});

export default isolationCases({
  setup: staffFixture,
  snapshotB: async (tx) => ({
    staffProfiles: await tx.staffProfile.findMany({ orderBy: { userId: "asc" } }),
    skills: await tx.skill.findMany({ orderBy: { id: "asc" } }),
    staffSkills: await tx.staffSkill.findMany({ orderBy: [{ userId: "asc" }, { skillId: "asc" }] }),
    certifications: await tx.certification.findMany({ orderBy: { id: "asc" } }),
    trainingRecords: await tx.trainingRecord.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.skill.findMany()).flatMap((x) => [x.id, x.name]),
    ...(await tx.certification.findMany()).flatMap((x) => [x.id, x.name]),
    ...(await tx.trainingRecord.findMany()).flatMap((x) => [x.id, x.course]),
    "Bravo Hills",
  ],
  procedures: {
    "staff.list": async (w, f) => {
      const all = await w.aAdmin.staff.list({ pageSize: 100 });
      expect(all.rows.map((r) => r.userId)).toContain(f.stb.aTechId);
      await w.expectNoneOfB(all);
      expect(await w.aAdmin.staff.list({ search: "bravo" })).toMatchObject({ total: 0, rows: [] });
      expect((await w.aAdmin.staff.list({ skillId: f.stb.skillId })).total).toBe(0);
    },
    "staff.get": async (w, f) => {
      expect((await failure(w.aAdmin.staff.get({ userId: w.bTech.id }))).code).toBe("NOT_FOUND");
      await w.expectNoneOfB(await w.aAdmin.staff.get({ userId: f.stb.aTechId }));
    },
    "staff.me": async (w, f) => {
      const me = await (await callerAs(w.A.company, f.stb.aTechId)).staff.me();
      expect(me.user.id).toBe(f.stb.aTechId);
      await w.expectNoneOfB(me);
    },
    "staff.options": async (w) => {
      const options = await w.aAdmin.staff.options();
      expect(options.length).toBeGreaterThan(0);
      await w.expectNoneOfB(options);
    },
    "staff.saveProfile": async (w, f) => {
      expect((await failure(w.aAdmin.staff.saveProfile({ userId: w.bTech.id, areas: ["Taken over"] }))).code).toBe(
        "NOT_FOUND",
      );
      const failed = await failure(w.aAdmin.staff.saveProfile({ userId: f.stb.aTechId, teamLeadId: w.B.owner.id }));
      expect(failed).toMatchObject({
        code: "UNPROCESSABLE_CONTENT",
        fields: { teamLeadId: "Choose a team lead of your company." },
      });
    },
    "staff.skills": async (w, f) => {
      const skills = await w.aAdmin.staff.skills();
      expect(skills.map((x) => x.id)).toContain(f.stb.aSkillId);
      await w.expectNoneOfB(skills);
    },
    "staff.categoryOptions": async (w, f) => {
      const categories = await w.aAdmin.staff.categoryOptions();
      expect(categories.map((c) => c.id)).not.toContain(f.stb.categoryId);
      await w.expectNoneOfB(categories);
    },
    "staff.createSkill": async (w, f) => {
      // Skill names are unique per company: A may have its own "Bravo splicing".
      const skill = await w.aAdmin.staff.createSkill({ name: "Bravo splicing" });
      expect(skill.id).not.toBe(f.stb.skillId);
      await w.aAdmin.staff.deleteSkill({ id: skill.id });
    },
    "staff.renameSkill": async (w, f) => {
      expect((await failure(w.aAdmin.staff.renameSkill({ id: f.stb.skillId, name: "Hijacked" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "staff.deleteSkill": async (w, f) => {
      expect((await failure(w.aAdmin.staff.deleteSkill({ id: f.stb.skillId }))).code).toBe("NOT_FOUND");
    },
    "staff.setSkillCategories": async (w, f) => {
      expect((await failure(w.aAdmin.staff.setSkillCategories({ skillId: f.stb.skillId, categoryIds: [] }))).code).toBe(
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.staff.setSkillCategories({ skillId: f.stb.aSkillId, categoryIds: [f.stb.categoryId] }),
        "NOT_FOUND",
      );
    },
    "staff.setSkill": async (w, f) => {
      await expectFailure(
        w.aAdmin.staff.setSkill({ userId: w.bTech.id, skillId: f.stb.aSkillId, level: 5 }),
        "NOT_FOUND",
      );
      expect(
        (await failure(w.aAdmin.staff.setSkill({ userId: f.stb.aTechId, skillId: f.stb.skillId, level: 5 }))).fields,
      ).toEqual({ skillId: "Choose a skill from the catalogue." });
    },
    "staff.removeSkill": async (w, f) => {
      expect((await failure(w.aAdmin.staff.removeSkill({ userId: w.bTech.id, skillId: f.stb.skillId }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "staff.addCertification": async (w) => {
      await expectFailure(
        w.aAdmin.staff.addCertification({ userId: w.bTech.id, name: "Planted", expiresOn: "2030-01-01" }),
        "NOT_FOUND",
      );
    },
    "staff.updateCertification": async (w, f) => {
      await expectFailure(
        w.aAdmin.staff.updateCertification({ id: f.stb.certId, name: "Changed", expiresOn: "2030-01-01" }),
        "NOT_FOUND",
      );
    },
    "staff.deleteCertification": async (w, f) => {
      expect((await failure(w.aAdmin.staff.deleteCertification({ id: f.stb.certId }))).code).toBe("NOT_FOUND");
    },
    "staff.addTraining": async (w) => {
      await expectFailure(
        w.aAdmin.staff.addTraining({ userId: w.bTech.id, course: "Planted", completedOn: "2026-01-01" }),
        "NOT_FOUND",
      );
    },
    "staff.deleteTraining": async (w, f) => {
      expect((await failure(w.aAdmin.staff.deleteTraining({ id: f.stb.trainingId }))).code).toBe("NOT_FOUND");
    },
  },
});
