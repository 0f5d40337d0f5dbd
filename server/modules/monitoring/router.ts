import { protectedProcedure, router } from "../../api/trpc";
import { bandwidth, targets } from "./dashboards/bandwidth";
import { capacity } from "./dashboards/capacity";
import { latency } from "./dashboards/latency";
import {
  bandwidthSchema,
  capacitySchema,
  latencySchema,
  sessionsTrendSchema,
  topUsersSchema,
} from "./dashboards.schema";
import { sessionsTrend } from "./dashboards/sessions-trend";
import { topUsers } from "./dashboards/top-users";
import { deviceStatus, deviceTraffic } from "./queries";
import { deviceStatusSchema, deviceTrafficSchema } from "./schema";

// Read-only: polls are written by the poller and the ingest route, never by a person. A device's
// own page reads its status and traffic (devices:read_all); the monitoring dashboards are the
// network administrators' (monitoring:read).
export const monitoringRouter = router({
  deviceStatus: protectedProcedure("devices:read_all")
    .input(deviceStatusSchema)
    .query(({ ctx, input }) => deviceStatus(ctx.scope, input)),
  deviceTraffic: protectedProcedure("devices:read_all")
    .input(deviceTrafficSchema)
    .query(({ ctx, input }) => deviceTraffic(ctx.scope, input)),
  targets: protectedProcedure("monitoring:read").query(({ ctx }) => targets(ctx.scope)),
  bandwidth: protectedProcedure("monitoring:read")
    .input(bandwidthSchema)
    .query(({ ctx, input }) => bandwidth(ctx.scope, input)),
  sessionsTrend: protectedProcedure("monitoring:read")
    .input(sessionsTrendSchema)
    .query(({ ctx, input }) => sessionsTrend(ctx.scope, input)),
  topUsers: protectedProcedure("monitoring:read")
    .input(topUsersSchema)
    .query(({ ctx, input }) => topUsers(ctx.scope, input)),
  latency: protectedProcedure("monitoring:read")
    .input(latencySchema)
    .query(({ ctx, input }) => latency(ctx.scope, input)),
  capacity: protectedProcedure("monitoring:read")
    .input(capacitySchema)
    .query(({ ctx, input }) => capacity(ctx.scope, input)),
});
