import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { idParams, pageSchema, queryOf } from "../../lib/schema";
import * as addresses from "./addresses";
import * as allocation from "./allocation";
import * as prefixes from "./prefixes";
import {
  ADDRESS_ROLES,
  ADDRESS_STATUSES,
  allocateAddressSchema,
  allocatePrefixSchema,
  createPrefixSchema,
  listAddressesSchema,
  listPrefixesSchema,
  PREFIX_STATUSES,
} from "./schema";
import * as sites from "./sites";
import { listSitesSchema, SITE_STATUSES } from "./sites.schema";

// REST endpoints of IPAM and sites (NetBox's names: prefixes, available IPs and prefixes, IP
// addresses); the rules live in the services, shared with tRPC.

const timestamp = z.iso.datetime();

const prefixResponse = z.object({
  id: z.string(),
  prefix: z.string().describe('The network, e.g. "10.0.0.0/24" or "2001:db8::/48".'),
  vrfId: z.string().nullable(),
  siteId: z.string().nullable(),
  vlanId: z.string().nullable(),
  status: z.enum(PREFIX_STATUSES),
  isPool: z.boolean(),
  subscriptionId: z.string().nullable(),
  description: z.string().nullable(),
});
const prefixListRow = prefixResponse.extend({
  vrfName: z.string().nullable(),
  siteName: z.string().nullable(),
  depth: z.number().int().describe("How many prefixes contain this one: 0 at the top of the tree."),
  size: z.string().describe("Addresses in the prefix, as a decimal string (IPv6 sizes exceed any JSON number)."),
  utilization: z.number().describe("Share of the prefix in use, from 0 to 1."),
});
const addressResponse = z.object({
  id: z.string(),
  address: z.string().describe('The host address, e.g. "10.0.0.5".'),
  vrfId: z.string().nullable(),
  vrfName: z.string().nullable(),
  status: z.enum(ADDRESS_STATUSES),
  role: z.enum(ADDRESS_ROLES).nullable(),
  dnsName: z.string().nullable(),
  description: z.string().nullable(),
  subscriptionId: z.string().nullable(),
  prefixId: z.string().nullable().describe("The smallest prefix that contains the address."),
  prefix: z.string().nullable(),
  customerId: z
    .string()
    .nullable()
    .describe("The customer whose subscription holds the address; null for a caller without customers:read."),
  customerName: z.string().nullable().describe("That customer's name; null for a caller without customers:read."),
  createdAt: timestamp,
});
const siteResponse = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  code: z.string().nullable(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  status: z.enum(SITE_STATUSES),
  description: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const prefixParams = idParams("The pool prefix's id.");

export const listPrefixes = defineRoute({
  method: "GET",
  path: "/api/ipam/prefixes",
  summary: "List prefixes",
  description: "Prefixes in address order (a walk of the tree), with depth and utilization, a page at a time.",
  tags: ["IPAM"],
  auth: "bearer",
  permission: "network:read",
  query: queryOf(listPrefixesSchema),
  response: pageSchema(prefixListRow),
  handler: ({ scope, query }) => prefixes.list(scope, query),
});

export const createPrefix = defineRoute({
  method: "POST",
  path: "/api/ipam/prefixes",
  summary: "Create a prefix",
  description:
    "Containers nest freely; other prefixes of one VRF may not overlap one another, nor pools one another. Host bits are refused.",
  tags: ["IPAM"],
  auth: "bearer",
  permission: "network:manage",
  body: createPrefixSchema,
  response: prefixResponse,
  status: 201,
  errors: { 409: "The prefix exists already or overlaps another in its VRF." },
  handler: ({ scope, body }) => prefixes.create(scope, body),
});

export const allocateAddress = defineRoute({
  method: "POST",
  path: "/api/ipam/prefixes/{id}/available-ips",
  summary: "Allocate the next free address of a pool",
  description:
    "Takes the first free host address of the pool (never an IPv4 network or broadcast address). Concurrent requests get different addresses.",
  tags: ["IPAM"],
  auth: "bearer",
  permission: "network:manage",
  params: prefixParams,
  body: allocateAddressSchema.omit({ prefixId: true }),
  response: addressResponse,
  status: 201,
  errors: { 409: "The prefix is not a pool, or it is full." },
  handler: ({ scope, params, body, viewer }) =>
    allocation.allocateAddress(
      scope,
      { ...body, prefixId: params.id },
      { seesCustomers: viewer.permissions.includes("customers:read") },
    ),
});

export const allocatePrefix = defineRoute({
  method: "POST",
  path: "/api/ipam/prefixes/{id}/available-prefixes",
  summary: "Delegate the next free child prefix of a pool",
  description: "E.g. a /56 per customer from an IPv6 /48 pool. The length must be longer than the pool's.",
  tags: ["IPAM"],
  auth: "bearer",
  permission: "network:manage",
  params: prefixParams,
  body: allocatePrefixSchema.omit({ prefixId: true }),
  response: prefixResponse,
  status: 201,
  errors: { 409: "The prefix is not a pool, or has no free prefix of that length." },
  handler: ({ scope, params, body }) => allocation.allocatePrefix(scope, { ...body, prefixId: params.id }),
});

export const listAddresses = defineRoute({
  method: "GET",
  path: "/api/ipam/ip-addresses",
  summary: "List IP addresses",
  tags: ["IPAM"],
  auth: "bearer",
  permission: "network:read",
  query: queryOf(listAddressesSchema),
  response: pageSchema(addressResponse),
  handler: ({ scope, query, viewer }) =>
    addresses.list(scope, query, { seesCustomers: viewer.permissions.includes("customers:read") }),
});

export const getAddress = defineRoute({
  method: "GET",
  path: "/api/ipam/ip-addresses/{id}",
  summary: "Get an IP address",
  tags: ["IPAM"],
  auth: "bearer",
  permission: "network:read",
  params: idParams("The IP address's id."),
  response: addressResponse,
  handler: ({ scope, params, viewer }) =>
    addresses.get(scope, params.id, { seesCustomers: viewer.permissions.includes("customers:read") }),
});

export const listSites = defineRoute({
  method: "GET",
  path: "/api/sites",
  summary: "List sites",
  description: "Sites and points of presence, by name.",
  tags: ["IPAM"],
  auth: "bearer",
  permission: "network:read",
  query: queryOf(listSitesSchema),
  response: pageSchema(siteResponse),
  handler: ({ scope, query }) => sites.list(scope, query),
});

export const getSite = defineRoute({
  method: "GET",
  path: "/api/sites/{id}",
  summary: "Get a site",
  tags: ["IPAM"],
  auth: "bearer",
  permission: "network:read",
  params: idParams("The site's id."),
  response: siteResponse,
  handler: ({ scope, params }) => sites.get(scope, params.id),
});
