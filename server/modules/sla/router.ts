import { protectedProcedure, router } from "../../api/trpc";
import { addHolidaySchema, byIdSchema, saveCalendarSchema, saveRuleSchema, saveTargetsSchema } from "./schema";
import * as settings from "./settings";

// Settings → Support (SLA targets, business calendars and holidays, escalation rules).
export const slaRouter = router({
  settings: protectedProcedure("support_settings:manage").query(({ ctx }) => settings.getSettings(ctx.scope)),
  saveTargets: protectedProcedure("support_settings:manage")
    .input(saveTargetsSchema)
    .mutation(({ ctx, input }) => settings.saveTargets(ctx.scope, input)),
  saveCalendar: protectedProcedure("support_settings:manage")
    .input(saveCalendarSchema)
    .mutation(({ ctx, input }) => settings.saveCalendar(ctx.scope, input)),
  setDefaultCalendar: protectedProcedure("support_settings:manage")
    .input(byIdSchema)
    .mutation(({ ctx, input }) => settings.setDefaultCalendar(ctx.scope, input.id)),
  deleteCalendar: protectedProcedure("support_settings:manage")
    .input(byIdSchema)
    .mutation(({ ctx, input }) => settings.deleteCalendar(ctx.scope, input.id)),
  addHoliday: protectedProcedure("support_settings:manage")
    .input(addHolidaySchema)
    .mutation(({ ctx, input }) => settings.addHoliday(ctx.scope, input)),
  removeHoliday: protectedProcedure("support_settings:manage")
    .input(byIdSchema)
    .mutation(({ ctx, input }) => settings.removeHoliday(ctx.scope, input.id)),
  saveRule: protectedProcedure("support_settings:manage")
    .input(saveRuleSchema)
    .mutation(({ ctx, input }) => settings.saveRule(ctx.scope, input)),
  deleteRule: protectedProcedure("support_settings:manage")
    .input(byIdSchema)
    .mutation(({ ctx, input }) => settings.deleteRule(ctx.scope, input.id)),
});
