import { protectedProcedure, router } from "../../api/trpc";
import {
  addCertificationSchema,
  addTrainingSchema,
  byIdSchema,
  byUserSchema,
  createSkillSchema,
  listStaffSchema,
  removeStaffSkillSchema,
  renameSkillSchema,
  saveProfileSchema,
  setSkillCategoriesSchema,
  setStaffSkillSchema,
  updateCertificationSchema,
} from "./schema";
import * as staff from "./service";

export const staffRouter = router({
  list: protectedProcedure("staff:read")
    .input(listStaffSchema)
    .query(({ ctx, input }) => staff.list(ctx.scope, input)),
  get: protectedProcedure("staff:read")
    .input(byUserSchema)
    .query(({ ctx, input }) => staff.get(ctx.scope, input.userId)),
  me: protectedProcedure("staff:read_own").query(({ ctx }) => staff.me(ctx.scope, ctx.viewer.userId)),
  options: protectedProcedure("staff:read").query(({ ctx }) => staff.options(ctx.scope)),
  saveProfile: protectedProcedure("staff:manage")
    .input(saveProfileSchema)
    .mutation(({ ctx, input }) => staff.saveProfile(ctx.scope, input)),

  skills: protectedProcedure("staff:read").query(({ ctx }) => staff.listSkills(ctx.scope)),
  categoryOptions: protectedProcedure("staff:read").query(({ ctx }) => staff.categoryOptions(ctx.scope)),
  createSkill: protectedProcedure("staff:manage")
    .input(createSkillSchema)
    .mutation(({ ctx, input }) => staff.createSkill(ctx.scope, input)),
  renameSkill: protectedProcedure("staff:manage")
    .input(renameSkillSchema)
    .mutation(({ ctx, input }) => staff.renameSkill(ctx.scope, input)),
  deleteSkill: protectedProcedure("staff:manage")
    .input(byIdSchema)
    .mutation(({ ctx, input }) => staff.deleteSkill(ctx.scope, input.id)),
  setSkillCategories: protectedProcedure("staff:manage")
    .input(setSkillCategoriesSchema)
    .mutation(({ ctx, input }) => staff.setSkillCategories(ctx.scope, input)),

  setSkill: protectedProcedure("staff:manage")
    .input(setStaffSkillSchema)
    .mutation(({ ctx, input }) => staff.setStaffSkill(ctx.scope, input)),
  removeSkill: protectedProcedure("staff:manage")
    .input(removeStaffSkillSchema)
    .mutation(({ ctx, input }) => staff.removeStaffSkill(ctx.scope, input)),

  addCertification: protectedProcedure("staff:manage")
    .input(addCertificationSchema)
    .mutation(({ ctx, input }) => staff.addCertification(ctx.scope, input)),
  updateCertification: protectedProcedure("staff:manage")
    .input(updateCertificationSchema)
    .mutation(({ ctx, input }) => staff.updateCertification(ctx.scope, input)),
  deleteCertification: protectedProcedure("staff:manage")
    .input(byIdSchema)
    .mutation(({ ctx, input }) => staff.deleteCertification(ctx.scope, input.id)),

  addTraining: protectedProcedure("staff:manage")
    .input(addTrainingSchema)
    .mutation(({ ctx, input }) => staff.addTraining(ctx.scope, input)),
  deleteTraining: protectedProcedure("staff:manage")
    .input(byIdSchema)
    .mutation(({ ctx, input }) => staff.deleteTraining(ctx.scope, input.id)),
});
