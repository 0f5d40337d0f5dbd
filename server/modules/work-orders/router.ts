import { z } from "zod";
import { protectedProcedure, protectedReadProcedure, router } from "../../api/trpc";
import {
  advanceSchema,
  cancelSchema,
  completeSchema,
  createWorkOrderSchema,
  deployUnitSchema,
  equipmentSchema,
  listWorkOrdersSchema,
  measurementSchema,
  photosSchema,
  prefillSchema,
  removeChildSchema,
  signatureSchema,
  tickSchema,
  updateWorkOrderSchema,
} from "./schema";
import * as wo from "./service";

const byId = z.object({ id: z.string().min(1).max(64) });

// Dispatchers (work_orders:manage) plan jobs; the technician on a job (work_orders:perform)
// carries it out. The service narrows a technician without manage to their own jobs.
export const workOrdersRouter = router({
  list: protectedReadProcedure("work_orders:read")
    .input(listWorkOrdersSchema)
    .query(({ ctx, input }) => wo.list(ctx.scope, ctx.viewer, input)),
  get: protectedProcedure("work_orders:read")
    .input(byId)
    .query(({ ctx, input }) => wo.get(ctx.scope, ctx.viewer, input.id)),
  mine: protectedProcedure("work_orders:perform").query(({ ctx }) => wo.myJobs(ctx.scope, ctx.viewer)),
  technicians: protectedProcedure("work_orders:manage").query(({ ctx }) => wo.technicians(ctx.scope)),
  prefill: protectedProcedure("work_orders:manage")
    .input(prefillSchema)
    .query(({ ctx, input }) => wo.prefill(ctx.scope, input)),
  create: protectedProcedure("work_orders:manage")
    .input(createWorkOrderSchema)
    .mutation(({ ctx, input }) => wo.create(ctx.scope, input)),
  update: protectedProcedure("work_orders:manage")
    .input(updateWorkOrderSchema)
    .mutation(({ ctx, input }) => wo.update(ctx.scope, ctx.viewer, input)),
  cancel: protectedProcedure("work_orders:manage")
    .input(cancelSchema)
    .mutation(({ ctx, input }) => wo.cancel(ctx.scope, ctx.viewer, input)),
  advance: protectedProcedure("work_orders:perform")
    .input(advanceSchema)
    .mutation(({ ctx, input }) => wo.advance(ctx.scope, ctx.viewer, input)),
  tick: protectedProcedure("work_orders:perform")
    .input(tickSchema)
    .mutation(({ ctx, input }) => wo.tick(ctx.scope, ctx.viewer, input)),
  recordMeasurement: protectedProcedure("work_orders:perform")
    .input(measurementSchema)
    .mutation(({ ctx, input }) => wo.recordMeasurement(ctx.scope, ctx.viewer, input)),
  removeMeasurement: protectedProcedure("work_orders:perform")
    .input(removeChildSchema)
    .mutation(({ ctx, input }) => wo.removeMeasurement(ctx.scope, ctx.viewer, input)),
  addEquipment: protectedProcedure("work_orders:perform")
    .input(equipmentSchema)
    .mutation(({ ctx, input }) => wo.addEquipment(ctx.scope, ctx.viewer, input)),
  deployUnit: protectedProcedure("work_orders:perform")
    .input(deployUnitSchema)
    .mutation(({ ctx, input }) => wo.deployUnit(ctx.scope, ctx.viewer, input)),
  removeEquipment: protectedProcedure("work_orders:perform")
    .input(removeChildSchema)
    .mutation(({ ctx, input }) => wo.removeEquipment(ctx.scope, ctx.viewer, input)),
  addPhotos: protectedProcedure("work_orders:perform")
    .input(photosSchema)
    .mutation(({ ctx, input }) => wo.addPhotos(ctx.scope, ctx.viewer, input)),
  removePhoto: protectedProcedure("work_orders:perform")
    .input(removeChildSchema)
    .mutation(({ ctx, input }) => wo.removePhoto(ctx.scope, ctx.viewer, input)),
  sign: protectedProcedure("work_orders:perform")
    .input(signatureSchema)
    .mutation(({ ctx, input }) => wo.sign(ctx.scope, ctx.viewer, input)),
  complete: protectedProcedure("work_orders:perform")
    .input(completeSchema)
    .mutation(({ ctx, input }) => wo.complete(ctx.scope, ctx.viewer, input)),
});
