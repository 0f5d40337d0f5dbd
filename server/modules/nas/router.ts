import { z } from "zod";
import { protectedProcedure, router } from "../../api/trpc";
import { disconnectSession } from "./coa";
import * as registry from "./registry";
import {
  createNasSchema,
  disconnectSchema,
  forCustomerSchema,
  listNasSchema,
  listOnlineSchema,
  removeNasSchema,
  rotateSecretSchema,
  updateNasSchema,
} from "./schema";
import * as sessions from "./sessions";

const byId = z.object({ id: z.string().min(1).max(64) });

// The NAS registry: network administrators (network:manage) keep it, the network's readers see it
// (never the secret). Online sessions: network administrators and technical support see them and
// may disconnect one (online_sessions:*).
export const nasRouter = router({
  list: protectedProcedure("network:read")
    .input(listNasSchema)
    .query(({ ctx, input }) => registry.list(ctx.scope, input)),
  get: protectedProcedure("network:read")
    .input(byId)
    .query(({ ctx, input }) => registry.get(ctx.scope, input.id)),
  options: protectedProcedure("online_sessions:read").query(({ ctx }) => registry.options(ctx.scope)),
  create: protectedProcedure("network:manage")
    .input(createNasSchema)
    .mutation(({ ctx, input }) => registry.create(ctx.scope, input)),
  update: protectedProcedure("network:manage")
    .input(updateNasSchema)
    .mutation(({ ctx, input }) => registry.update(ctx.scope, input)),
  rotateSecret: protectedProcedure("network:manage")
    .input(rotateSecretSchema)
    .mutation(({ ctx, input }) => registry.rotateSecret(ctx.scope, input)),
  remove: protectedProcedure("network:manage")
    .input(removeNasSchema)
    .mutation(({ ctx, input }) => registry.remove(ctx.scope, input)),
  online: protectedProcedure("online_sessions:read")
    .input(listOnlineSchema)
    .query(({ ctx, input }) => sessions.listOnline(ctx.scope, input)),
  forCustomer: protectedProcedure("online_sessions:read")
    .input(forCustomerSchema)
    .query(({ ctx, input }) => sessions.forCustomer(ctx.scope, input)),
  disconnect: protectedProcedure("online_sessions:disconnect")
    .input(disconnectSchema)
    .mutation(({ ctx, input }) => disconnectSession(ctx.scope, input.sessionId)),
});
