import { z } from "zod";
import { protectedProcedure, publicProcedure, router } from "../../api/trpc";
import { Unauthorized } from "../../lib/errors";
import { acceptInvitationSchema, changeRoleSchema, inviteSchema, listUsersSchema, setStatusSchema } from "./schema";
import * as users from "./service";

const id = z.string().min(1).max(64);

export const usersRouter = router({
  list: protectedProcedure("users:read")
    .input(listUsersSchema)
    .query(({ ctx, input }) => users.list(ctx.scope, input)),
  get: protectedProcedure("users:read")
    .input(z.object({ id }))
    .query(({ ctx, input }) => users.get(ctx.scope, input.id)),
  invite: protectedProcedure("users:invite")
    .input(inviteSchema)
    .mutation(({ ctx, input }) => users.invite(ctx.scope, ctx.company, input)),
  invitations: protectedProcedure("users:invite").query(({ ctx }) => users.listInvitations(ctx.scope)),
  revokeInvitation: protectedProcedure("users:invite")
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => users.revokeInvitation(ctx.scope, input.id)),
  changeRole: protectedProcedure("users:update")
    .input(changeRoleSchema)
    .mutation(({ ctx, input }) => users.changeRole(ctx.scope, input)),
  setStatus: protectedProcedure("users:update")
    .input(setStatusSchema)
    .mutation(({ ctx, input }) => users.setStatus(ctx.scope, input)),

  /** The invitation page: who is invited, before they choose a password. */
  peekInvitation: publicProcedure
    .input(z.object({ token: z.string().min(10).max(200) }))
    .query(async ({ ctx, input }) => {
      if (!ctx.company) throw new Unauthorized("Open the invitation link from your e-mail.");
      return users.peekInvitation(ctx.company.id, input.token);
    }),
  acceptInvitation: publicProcedure.input(acceptInvitationSchema).mutation(async ({ ctx, input }) => {
    if (!ctx.company) throw new Unauthorized("Open the invitation link from your e-mail.");
    const user = await users.acceptInvitation(ctx.company.id, input, { ip: ctx.ip, userAgent: ctx.userAgent });
    return { email: user.email };
  }),
});
