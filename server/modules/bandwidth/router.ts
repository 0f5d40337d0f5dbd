import { protectedProcedure, router } from "../../api/trpc";
import * as captive from "./captive";
import * as policies from "./policies";
import { captiveSettingsSchema, listPoliciesSchema, policyIdSchema, policySchema, updatePolicySchema } from "./schema";

const policiesRouter = router({
  list: protectedProcedure("packages:read")
    .input(listPoliciesSchema)
    .query(({ ctx, input }) => policies.list(ctx.scope, input)),
  choices: protectedProcedure("packages:read").query(({ ctx }) => policies.choices(ctx.scope)),
  get: protectedProcedure("packages:read")
    .input(policyIdSchema)
    .query(({ ctx, input }) => policies.get(ctx.scope, input.id)),
  create: protectedProcedure("packages:manage")
    .input(policySchema)
    .mutation(({ ctx, input }) => policies.create(ctx.scope, input)),
  update: protectedProcedure("packages:manage")
    .input(updatePolicySchema)
    .mutation(({ ctx, input }) => policies.update(ctx.scope, input)),
  delete: protectedProcedure("packages:manage")
    .input(policyIdSchema)
    .mutation(({ ctx, input }) => policies.remove(ctx.scope, input)),
});

const captiveRouter = router({
  get: protectedProcedure("network:read").query(({ ctx }) => captive.get(ctx.scope)),
  save: protectedProcedure("network:manage")
    .input(captiveSettingsSchema)
    .mutation(({ ctx, input }) => captive.save(ctx.scope, input)),
});

// Bandwidth: the QoS policies packages refer to (package managers) and the walled garden for
// suspended subscribers (network administrators).
export const bandwidthRouter = router({
  policies: policiesRouter,
  captive: captiveRouter,
});
