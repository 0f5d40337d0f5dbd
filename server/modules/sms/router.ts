import { protectedProcedure, router } from "../../api/trpc";
import * as account from "./account";
import {
  listSmsSchema,
  saveSmsSettingsSchema,
  saveTemplateSchema,
  sendTestSmsSchema,
  smsByIdSchema,
  templateKeySchema,
} from "./schema";
import * as sms from "./service";
import * as templates from "./template-store";

// Settings → SMS (the company's provider account and a test message), the templates, and the
// SMS log. Super admins manage; the log is read by those who answer for what customers were told.
export const smsRouter = router({
  settings: router({
    get: protectedProcedure("sms:manage").query(({ ctx }) => account.getSettings(ctx.scope)),
    save: protectedProcedure("sms:manage")
      .input(saveSmsSettingsSchema)
      .mutation(({ ctx, input }) => account.saveSettings(ctx.scope, input)),
    switchOff: protectedProcedure("sms:manage").mutation(({ ctx }) => account.switchOff(ctx.scope)),
    sendTest: protectedProcedure("sms:manage")
      .input(sendTestSmsSchema)
      .mutation(({ ctx, input }) => sms.sendTest(ctx.scope, input)),
  }),
  templates: router({
    list: protectedProcedure("sms:manage").query(({ ctx }) => templates.listTemplates(ctx.scope)),
    save: protectedProcedure("sms:manage")
      .input(saveTemplateSchema)
      .mutation(({ ctx, input }) => templates.saveTemplate(ctx.scope, input)),
    reset: protectedProcedure("sms:manage")
      .input(templateKeySchema)
      .mutation(({ ctx, input }) => templates.resetTemplate(ctx.scope, input)),
  }),
  log: router({
    list: protectedProcedure("sms:read")
      .input(listSmsSchema)
      .query(({ ctx, input }) => sms.list(ctx.scope, input)),
    get: protectedProcedure("sms:read")
      .input(smsByIdSchema)
      .query(({ ctx, input }) => sms.get(ctx.scope, input.id)),
    /** Whether SMS is on, for the log's banner (readers may not open the settings). */
    status: protectedProcedure("sms:read").query(async ({ ctx }) => ({ enabled: await sms.isEnabled(ctx.scope) })),
  }),
});
