import { z } from "zod";
import { protectedProcedure, protectedReadProcedure, router } from "../../api/trpc";
import { openManually } from "./open";
import { resolve } from "./resolve";
import {
  boardSchema,
  listOutagesSchema,
  openOutageSchema,
  postUpdateSchema,
  resolveOutageSchema,
  serviceQualitySchema,
  settingsSchema,
  slaReportSchema,
  uptimeByDeviceSchema,
  uptimeSchema,
} from "./schema";
import * as outages from "./service";
import { getSettings, saveSettings } from "./settings";
import { slaReport, uptime } from "./uptime";
import { serviceQuality, uptimeByDevice } from "./uptime-lists";

const byId = z.object({ id: z.string().min(1).max(64) });

// Network administrators and super admins manage outages (outages:manage); technical support
// reads them (outages:read). Customers see the open outages that affect them (portal).
export const outagesRouter = router({
  list: protectedReadProcedure("outages:read")
    .input(listOutagesSchema)
    .query(({ ctx, input }) => outages.list(ctx.scope, input)),
  get: protectedProcedure("outages:read")
    .input(byId)
    .query(({ ctx, input }) => outages.get(ctx.scope, input.id)),
  board: protectedProcedure("outages:read")
    .input(boardSchema)
    .query(({ ctx, input }) => outages.board(ctx.scope, input)),
  uptime: protectedProcedure("outages:read")
    .input(uptimeSchema)
    .query(({ ctx, input }) => uptime(ctx.scope, input)),
  uptimeByDevice: protectedProcedure("outages:read")
    .input(uptimeByDeviceSchema)
    .query(({ ctx, input }) => uptimeByDevice(ctx.scope, input)),
  serviceQuality: protectedProcedure("outages:read")
    .input(serviceQualitySchema)
    .query(({ ctx, input }) => serviceQuality(ctx.scope, input)),
  slaReport: protectedProcedure("outages:read")
    .input(slaReportSchema)
    .query(({ ctx, input }) => slaReport(ctx.scope, input)),
  settings: protectedProcedure("outages:read").query(({ ctx }) => getSettings(ctx.scope)),
  saveSettings: protectedProcedure("outages:manage")
    .input(settingsSchema)
    .mutation(({ ctx, input }) => saveSettings(ctx.scope, input)),
  open: protectedProcedure("outages:manage")
    .input(openOutageSchema)
    .mutation(({ ctx, input }) => openManually(ctx.scope, input)),
  postUpdate: protectedProcedure("outages:manage")
    .input(postUpdateSchema)
    .mutation(({ ctx, input }) => outages.postUpdate(ctx.scope, input)),
  resolve: protectedProcedure("outages:manage")
    .input(resolveOutageSchema)
    .mutation(({ ctx, input }) => resolve(ctx.scope, input)),
  portal: router({
    current: protectedProcedure("portal:access").query(({ ctx }) => outages.openForUser(ctx.scope, ctx.viewer.userId)),
  }),
});
