import { z } from "zod";
import type { IpAddressRole, IpAddressStatus, PrefixStatus, VlanStatus } from "../../db/generated/prisma/enums";
import { id, optionalId, optionalText, pagination, searchText } from "../../lib/schema";

// IPAM schemas (prefixes, addresses, VRFs, VLANs, allocation): pure zod, shared by the console's
// forms, the REST routes and the services. Addresses travel as text ("10.0.0.5", "2001:db8::/56").

export const PREFIX_STATUSES = [
  "CONTAINER",
  "ACTIVE",
  "RESERVED",
  "DEPRECATED",
] as const satisfies readonly PrefixStatus[];
export const PREFIX_STATUS_LABELS: Record<PrefixStatus, string> = {
  CONTAINER: "Container",
  ACTIVE: "Active",
  RESERVED: "Reserved",
  DEPRECATED: "Deprecated",
};
/** The prefixes list's pool filter: pools only, or every prefix that is not a pool. */
export const PREFIX_POOL_FILTERS = ["only", "none"] as const;
export const PREFIX_POOL_FILTER_LABELS: Record<(typeof PREFIX_POOL_FILTERS)[number], string> = {
  only: "Pools only",
  none: "Not pools",
};
export const ADDRESS_STATUSES = [
  "ACTIVE",
  "RESERVED",
  "DEPRECATED",
  "DHCP",
] as const satisfies readonly IpAddressStatus[];
export const ADDRESS_STATUS_LABELS: Record<IpAddressStatus, string> = {
  ACTIVE: "Active",
  RESERVED: "Reserved",
  DEPRECATED: "Deprecated",
  DHCP: "DHCP",
};
export const ADDRESS_ROLES = [
  "LOOPBACK",
  "SECONDARY",
  "ANYCAST",
  "VIP",
  "GATEWAY",
] as const satisfies readonly IpAddressRole[];
export const ADDRESS_ROLE_LABELS: Record<IpAddressRole, string> = {
  LOOPBACK: "Loopback",
  SECONDARY: "Secondary",
  ANYCAST: "Anycast",
  VIP: "VIP",
  GATEWAY: "Gateway",
};
export const VLAN_STATUSES = ["ACTIVE", "RESERVED", "DEPRECATED"] as const satisfies readonly VlanStatus[];

/** "10.0.0.0/24" or "2001:db8::/48", trimmed; host bits are checked by the service (it names the network). */
export const cidrText = z
  .string({ error: "Enter a prefix such as 10.0.0.0/24 or 2001:db8::/48." })
  .trim()
  .refine(
    (v) => z.cidrv4().safeParse(v).success || z.cidrv6().safeParse(v).success,
    "Enter a prefix such as 10.0.0.0/24 or 2001:db8::/48.",
  );

/** One host address, "10.0.0.5" or "2001:db8::5" (a "/32" or "/128" suffix is accepted). */
export const addressText = z
  .string({ error: "Enter an address such as 10.0.0.5 or 2001:db8::5." })
  .trim()
  .transform((v) => v.replace(/\/(32|128)$/, ""))
  .refine(
    (v) => z.ipv4().safeParse(v).success || z.ipv6().safeParse(v).success,
    "Enter an address such as 10.0.0.5 or 2001:db8::5.",
  );

export const prefixFields = z.object({
  prefix: cidrText,
  vrfId: optionalId,
  siteId: optionalId,
  vlanId: optionalId,
  status: z.enum(PREFIX_STATUSES, { error: "Choose a status." }).default("ACTIVE"),
  isPool: z.boolean().default(false).describe("Addresses or delegated prefixes are allocated from it."),
  description: optionalText(500, "Description"),
});
export const createPrefixSchema = prefixFields;
export const updatePrefixSchema = prefixFields.omit({ prefix: true, vrfId: true }).extend({ id });

export const listPrefixesSchema = pagination({ size: 50, max: 200 }).extend({
  search: searchText().describe(
    "A prefix or address it contains (10.1.0.0/16, 10.1.2.3), or words of the description.",
  ),
  vrfId: z.string().max(64).optional().describe('Only this VRF; "global" for the global table.'),
  siteId: z.string().max(64).optional().describe("Only prefixes at this site."),
  status: z.enum(PREFIX_STATUSES).optional(),
  pool: z
    .enum(PREFIX_POOL_FILTERS)
    .optional()
    .describe('"only": pools (what addresses and delegations are allocated from); "none": every other prefix.'),
  withinId: z.string().max(64).optional().describe("Only prefixes inside this prefix."),
});

/** The pools a subscriber's address or delegated prefix can come from: one IP family. */
export const poolOptionsSchema = z.object({
  family: z.union([z.literal(4), z.literal(6)]).describe("4 for addresses (IPv4), 6 for delegated IPv6 prefixes."),
});

export const addressFields = z.object({
  address: addressText,
  vrfId: optionalId,
  status: z.enum(ADDRESS_STATUSES, { error: "Choose a status." }).default("ACTIVE"),
  role: z
    .enum(ADDRESS_ROLES)
    .nullish()
    .transform((v) => v ?? null),
  dnsName: optionalText(255, "DNS name"),
  description: optionalText(500, "Description"),
  subscriptionId: optionalId,
});
export const createAddressSchema = addressFields;
export const updateAddressSchema = addressFields.omit({ address: true, vrfId: true }).extend({ id });

export const listAddressesSchema = pagination({ size: 50, max: 200 }).extend({
  search: searchText().describe("An address, part of one, or the DNS name."),
  vrfId: z.string().max(64).optional().describe('Only this VRF; "global" for the global table.'),
  prefixId: z.string().max(64).optional().describe("Only addresses inside this prefix."),
  status: z.enum(ADDRESS_STATUSES).optional(),
  subscriptionId: z.string().max(64).optional(),
});

/** Allocate the next free address of a pool prefix. */
export const allocateAddressSchema = z.object({
  prefixId: id.describe("The pool prefix to allocate from."),
  status: z.enum(["ACTIVE", "RESERVED", "DHCP"]).default("ACTIVE"),
  subscriptionId: optionalId.describe("Assign the address to this subscription."),
  dnsName: optionalText(255, "DNS name"),
  description: optionalText(500, "Description"),
});

/** Allocate (delegate) the next free child prefix of a given length from a pool prefix. */
export const allocatePrefixSchema = z.object({
  prefixId: id.describe("The pool prefix to allocate from."),
  length: z
    .number({ error: "Give the prefix length to allocate, e.g. 56." })
    .int()
    .min(1)
    .max(128)
    .describe("Length of the prefix to allocate, e.g. 56 for a /56."),
  subscriptionId: optionalId.describe("Delegate the prefix to this subscription."),
  description: optionalText(500, "Description"),
});

export const vrfFields = z.object({
  name: z.string().trim().min(1, "Give the VRF a name.").max(100),
  rd: optionalText(30, "Route distinguisher"),
  description: optionalText(500, "Description"),
});
export const updateVrfSchema = vrfFields.extend({ id });

export const vlanGroupFields = z.object({
  name: z.string().trim().min(1, "Give the group a name.").max(100),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Slug may contain lower-case letters, digits and single hyphens.")
    .max(60),
  siteId: optionalId,
  minVid: z.number().int().min(1).max(4094).default(1),
  maxVid: z.number().int().min(1).max(4094).default(4094),
  description: optionalText(500, "Description"),
});

export const vlanFields = z.object({
  vid: z.coerce
    .number({ error: "The VLAN id is a number from 1 to 4094." })
    .int("The VLAN id is a whole number.")
    .min(1, "The VLAN id is a number from 1 to 4094.")
    .max(4094, "The VLAN id is a number from 1 to 4094."),
  name: z.string().trim().min(1, "Give the VLAN a name.").max(100),
  groupId: optionalId,
  siteId: optionalId,
  status: z.enum(VLAN_STATUSES).default("ACTIVE"),
  description: optionalText(500, "Description"),
});
export const updateVlanSchema = vlanFields.extend({ id });
export const listVlansSchema = pagination({ size: 50, max: 200 }).extend({
  search: searchText(),
  groupId: z.string().max(64).optional(),
  siteId: z.string().max(64).optional(),
});

export const historySchema = pagination({ size: 50, max: 200 }).extend({
  prefixId: z.string().max(64).optional().describe("Only allocations from this pool."),
  subscriptionId: z.string().max(64).optional(),
});
