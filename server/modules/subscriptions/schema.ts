import { z } from "zod";
import type { ProvisioningState, SubscriptionStatus } from "../../db/generated/prisma/enums";
import { id, pagination, searchText } from "../../lib/schema";

// Schemas are pure zod, so the console's subscription dialogs use these same rules.

export const SUBSCRIPTION_STATUSES = [
  "PENDING",
  "ACTIVE",
  "SUSPENDED",
  "TERMINATED",
] as const satisfies readonly SubscriptionStatus[];
export const PROVISIONING_STATES = [
  "NOT_PROVISIONED",
  "IN_PROGRESS",
  "PROVISIONED",
  "DEPROVISIONED",
  "FAILED",
] as const satisfies readonly ProvisioningState[];

/** A calendar date "YYYY-MM-DD" (billing periods and service dates are dates, not instants). */
export const dateSchema = z.iso.date("Enter a date as YYYY-MM-DD.");

export const ipv4Schema = z.ipv4("Enter an IPv4 address, e.g. 10.20.0.15.");

export const pppoeUsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "A PPPoE username has at least 3 characters.")
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._@-]*$/, "Use letters, digits, dots, dashes, underscores and @.");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullish();

/** What a new subscription needs besides the customer and the package. */
export const subscriptionOptionsSchema = z.object({
  quantity: z.number().int("Quantity must be a whole number.").min(1, "Quantity is at least 1.").max(10_000).default(1),
  pppoeUsername: pppoeUsernameSchema.or(z.literal("").transform(() => undefined)).optional(),
  staticIp: ipv4Schema.or(z.literal("").transform(() => undefined)).optional(),
  /** Instead of a typed address: the next free address of this IPAM pool. */
  staticIpPoolId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || undefined)
    .describe("Allocate the static IP as the next free address of this IPAM pool prefix."),
  installationAddress: optionalText(500),
  cpeSerial: optionalText(100),
});

/**
 * A network administrator sets a subscription's address: a typed one, the next free one of a pool,
 * or neither to release it.
 */
export const setAddressSchema = subscriptionOptionsSchema.pick({ staticIp: true, staticIpPoolId: true }).extend({
  id: id.describe("The subscription."),
});

export const createSubscriptionSchema = subscriptionOptionsSchema.extend({
  customerId: id.describe("The customer who subscribes."),
  packageId: id.describe("The package subscribed to."),
  startDate: dateSchema,
});

export const transitionSchema = z.object({ id, reason: z.string().trim().max(500).optional() });
export const reasonRequiredSchema = z.object({
  id,
  reason: z.string().trim().min(3, "Say why, for the subscriber's history.").max(500),
});

export const listSubscriptionsSchema = z.object({
  ...pagination().shape,
  status: z.enum(SUBSCRIPTION_STATUSES).optional(),
  customerId: id.optional(),
  packageId: id.optional(),
  search: searchText(),
});

/**
 * A network administrator delegates an IPv6 prefix to a subscription (the customer's router
 * numbers its LAN from it): the next free prefix of this length from a pool, or none to release it.
 */
export const setDelegatedPrefixSchema = z.object({
  id: id.describe("The subscription."),
  poolId: z
    .string()
    .max(64)
    .nullish()
    .transform((v) => v || null)
    .describe("The IPv6 pool to delegate from; leave out to release the delegated prefix."),
  length: z
    .number()
    .int("A prefix length is a whole number.")
    .min(48, "Delegate a /48 to a /64.")
    .max(64, "Delegate a /48 to a /64.")
    .default(56)
    .describe("The delegated prefix's length: 56 unless the plan says otherwise."),
});
