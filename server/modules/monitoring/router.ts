import { protectedProcedure, router } from "../../api/trpc";
import { deviceStatus, deviceTraffic } from "./queries";
import { deviceStatusSchema, deviceTrafficSchema } from "./schema";

// Read-only: polls are written by the poller and the ingest route, never by a person.
export const monitoringRouter = router({
  deviceStatus: protectedProcedure("devices:read_all")
    .input(deviceStatusSchema)
    .query(({ ctx, input }) => deviceStatus(ctx.scope, input)),
  deviceTraffic: protectedProcedure("devices:read_all")
    .input(deviceTrafficSchema)
    .query(({ ctx, input }) => deviceTraffic(ctx.scope, input)),
});
