import { z } from "zod";
import { protectedProcedure, protectedReadProcedure, router } from "../../api/trpc";
import {
  createSubscriptionSchema,
  listSubscriptionsSchema,
  reasonRequiredSchema,
  setAddressSchema,
  setDelegatedPrefixSchema,
  transitionSchema,
} from "./schema";
import * as network from "./network";
import * as subscriptions from "./service";

const id = z.string().min(1).max(64);

export const subscriptionsRouter = router({
  list: protectedReadProcedure("subscriptions:read")
    .input(listSubscriptionsSchema)
    .query(({ ctx, input }) => subscriptions.list(ctx.scope, input)),
  get: protectedProcedure("subscriptions:read")
    .input(z.object({ id }))
    .query(({ ctx, input }) => subscriptions.get(ctx.scope, input.id)),
  forCustomer: protectedProcedure("subscriptions:read")
    .input(z.object({ customerId: id }))
    .query(({ ctx, input }) => subscriptions.customerSubscriptions(ctx.scope, input.customerId)),
  create: protectedProcedure("subscriptions:manage")
    .input(createSubscriptionSchema)
    .mutation(({ ctx, input }) => subscriptions.create(ctx.scope, input)),
  activate: protectedProcedure("subscriptions:activate")
    .input(transitionSchema)
    .mutation(({ ctx, input }) => subscriptions.transition(ctx.scope, "activate", input)),
  suspend: protectedProcedure("subscriptions:activate")
    .input(reasonRequiredSchema)
    .mutation(({ ctx, input }) => subscriptions.transition(ctx.scope, "suspend", input)),
  resume: protectedProcedure("subscriptions:activate")
    .input(transitionSchema)
    .mutation(({ ctx, input }) => subscriptions.transition(ctx.scope, "resume", input)),
  terminate: protectedProcedure("subscriptions:manage")
    .input(reasonRequiredSchema)
    .mutation(({ ctx, input }) => subscriptions.transition(ctx.scope, "terminate", input)),
  reprovision: protectedProcedure("subscriptions:activate")
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => subscriptions.reprovision(ctx.scope, input.id)),
  // Network administrators set addresses without managing subscriptions otherwise.
  setAddress: protectedProcedure("subscriptions:set_address")
    .input(setAddressSchema)
    .mutation(({ ctx, input }) => subscriptions.setAddress(ctx.scope, input)),
  setDelegatedPrefix: protectedProcedure("subscriptions:set_address")
    .input(setDelegatedPrefixSchema)
    .mutation(({ ctx, input }) => network.setDelegatedPrefix(ctx.scope, input)),
  // Its address, delegated prefix and equipment, for the "Address and access" dialog.
  network: protectedProcedure("subscriptions:read")
    .input(z.object({ id }))
    .query(({ ctx, input }) => network.networkOf(ctx.scope, input.id)),
  regeneratePassword: protectedProcedure("subscriptions:manage")
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => subscriptions.regeneratePassword(ctx.scope, input.id)),
});
