import { z } from "zod";
import { protectedProcedure, protectedReadProcedure, router } from "../../api/trpc";
import { customersBehind } from "./behind";
import * as catalogue from "./catalogue";
import * as links from "./links";
import * as managementIp from "./management-ip";
import {
  assignManagementIpSchema,
  addInterfaceSchema,
  attachSubscriptionSchema,
  createDeviceSchema,
  createDeviceTypeSchema,
  createLinkSchema,
  createManufacturerSchema,
  customersBehindSchema,
  listDevicesSchema,
  listDeviceTypesSchema,
  topologySchema,
  updateDeviceSchema,
  updateDeviceTypeSchema,
  updateInterfaceSchema,
  updateManufacturerSchema,
} from "./schema";
import * as devices from "./service";

const byId = z.object({ id: z.string().min(1).max(64) });

// Network administrators (devices:manage) keep the equipment; support reads all of it
// (devices:read_all); field technicians (devices:read alone) see the devices on their jobs.
export const devicesRouter = router({
  list: protectedReadProcedure("devices:read")
    .input(listDevicesSchema)
    .query(({ ctx, input }) => devices.list(ctx.scope, ctx.viewer, input)),
  get: protectedProcedure("devices:read")
    .input(byId)
    .query(({ ctx, input }) => devices.get(ctx.scope, ctx.viewer, input.id)),
  create: protectedProcedure("devices:manage")
    .input(createDeviceSchema)
    .mutation(({ ctx, input }) => devices.create(ctx.scope, input)),
  update: protectedProcedure("devices:manage")
    .input(updateDeviceSchema)
    .mutation(({ ctx, input }) => devices.update(ctx.scope, input)),
  assignManagementIp: protectedProcedure("devices:manage")
    .input(assignManagementIpSchema)
    .mutation(({ ctx, input }) => managementIp.assignManagementIp(ctx.scope, input)),
  addInterface: protectedProcedure("devices:manage")
    .input(addInterfaceSchema)
    .mutation(({ ctx, input }) => devices.addInterface(ctx.scope, input)),
  updateInterface: protectedProcedure("devices:manage")
    .input(updateInterfaceSchema)
    .mutation(({ ctx, input }) => devices.updateInterface(ctx.scope, input)),
  deleteInterface: protectedProcedure("devices:manage")
    .input(byId)
    .mutation(({ ctx, input }) => devices.deleteInterface(ctx.scope, input.id)),
  createLink: protectedProcedure("devices:manage")
    .input(createLinkSchema)
    .mutation(({ ctx, input }) => links.createLink(ctx.scope, input)),
  deleteLink: protectedProcedure("devices:manage")
    .input(byId)
    .mutation(({ ctx, input }) => links.deleteLink(ctx.scope, input.id)),
  attachSubscription: protectedProcedure("devices:manage")
    .input(attachSubscriptionSchema)
    .mutation(({ ctx, input }) => links.attachSubscription(ctx.scope, input)),
  customersBehind: protectedProcedure("devices:read_all")
    .input(customersBehindSchema)
    .query(({ ctx, input }) => customersBehind(ctx.scope, input)),
  topology: protectedProcedure("devices:read").query(({ ctx }) => links.topology(ctx.scope, ctx.viewer)),
  locate: protectedProcedure("devices:read")
    .input(topologySchema)
    .query(({ ctx, input }) => devices.locate(ctx.scope, ctx.viewer, input.q)),
  options: protectedProcedure("devices:read")
    .input(topologySchema)
    .query(({ ctx, input }) => devices.options(ctx.scope, ctx.viewer, input.q)),
  manufacturers: protectedProcedure("devices:read").query(({ ctx }) => catalogue.listManufacturers(ctx.scope)),
  createManufacturer: protectedProcedure("devices:manage")
    .input(createManufacturerSchema)
    .mutation(({ ctx, input }) => catalogue.createManufacturer(ctx.scope, input)),
  updateManufacturer: protectedProcedure("devices:manage")
    .input(updateManufacturerSchema)
    .mutation(({ ctx, input }) => catalogue.updateManufacturer(ctx.scope, input)),
  deviceTypes: protectedProcedure("devices:read")
    .input(listDeviceTypesSchema)
    .query(({ ctx, input }) => catalogue.listDeviceTypes(ctx.scope, input)),
  createDeviceType: protectedProcedure("devices:manage")
    .input(createDeviceTypeSchema)
    .mutation(({ ctx, input }) => catalogue.createDeviceType(ctx.scope, input)),
  updateDeviceType: protectedProcedure("devices:manage")
    .input(updateDeviceTypeSchema)
    .mutation(({ ctx, input }) => catalogue.updateDeviceType(ctx.scope, input)),
});
