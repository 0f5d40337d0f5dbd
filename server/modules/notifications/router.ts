import { protectedProcedure, router } from "../../api/trpc";
import { listNotificationsSchema, markReadSchema } from "./schema";
import * as notifications from "./service";

// The bell, for staff and customers alike: everyone sees and marks only their own.
export const notificationsRouter = router({
  list: protectedProcedure("notifications:manage_own")
    .input(listNotificationsSchema)
    .query(({ ctx, input }) => notifications.list(ctx.scope, ctx.viewer.userId, input)),
  unreadCount: protectedProcedure("notifications:manage_own").query(({ ctx }) =>
    notifications.unreadCount(ctx.scope, ctx.viewer.userId),
  ),
  markRead: protectedProcedure("notifications:manage_own")
    .input(markReadSchema)
    .mutation(({ ctx, input }) => notifications.markRead(ctx.scope, ctx.viewer.userId, input)),
  markAllRead: protectedProcedure("notifications:manage_own").mutation(({ ctx }) =>
    notifications.markAllRead(ctx.scope, ctx.viewer.userId),
  ),
});
