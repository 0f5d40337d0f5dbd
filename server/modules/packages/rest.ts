import { z } from "zod";
import { defineRoute, Reply } from "../../api/rest/route";
import { idParams, pageSchema, queryOf } from "../../lib/schema";
import {
  BILLING_CYCLES,
  createPackageSchema,
  HOTSPOT_MODES,
  replacePackageSchema,
  listPackagesSchema,
  PACKAGE_TYPES,
  TAX_CATEGORIES,
  VISIBILITIES,
  volumeDiscountSchema,
} from "./schema";
import * as packages from "./service";

// REST endpoints of the packages module; the rules live in the services, shared with tRPC.
// Subscribing a customer to a package is the subscriptions module's (subscriptions/rest.ts).

const timestamp = z.iso.datetime();
const int = z.number().int();
const params = idParams("The package id.");

const packageResponse = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  description: z.string().nullable(),
  type: z.enum(PACKAGE_TYPES),
  hotspotMode: z.enum(HOTSPOT_MODES).nullable(),
  downloadKbps: int,
  uploadKbps: int,
  burstDownloadKbps: int.nullable(),
  burstUploadKbps: int.nullable(),
  burstThresholdBps: int.nullable(),
  burstTimeSeconds: int.nullable(),
  dataCapMb: int.nullable(),
  fupDownloadKbps: int.nullable(),
  fupUploadKbps: int.nullable(),
  billingCycle: z.enum(BILLING_CYCLES),
  validityMinutes: int.nullable(),
  sessionTimeoutMinutes: int.nullable(),
  priceMinor: int.describe("Price per billing cycle in minor units of the company's currency."),
  setupFeeMinor: int,
  overagePerGbMinor: int.nullable().describe("Charged per GB used above the data cap, in minor units."),
  contractMonths: int,
  taxCategory: z.enum(TAX_CATEGORIES),
  promoPriceMinor: int.nullable(),
  promoCycles: int.nullable(),
  volumeDiscounts: z.array(volumeDiscountSchema),
  slaUptimeBps: int.nullable(),
  slaResponseMinutes: int.nullable(),
  slaResolutionMinutes: int.nullable(),
  visibility: z.enum(VISIBILITIES),
  requiresStaticIp: z.boolean(),
  prepaid: z.boolean(),
  dataRollover: z.boolean().describe("Unused data of a billing period carries into the next period."),
  bandwidthPolicyId: z.string().nullable().describe("The bandwidth policy whose speeds replace the package's own."),
  onCap: z
    .enum(["THROTTLE", "DISCONNECT", "CAPTIVE"])
    .describe("Once a billing cycle's usage is over the data cap: slow down, cut off, or walled garden."),
  suspendedAccess: z
    .enum(["REJECT", "CAPTIVE"])
    .nullable()
    .describe("Suspended subscribers: refused or walled garden; null: the company's setting."),
  archivedAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const list = defineRoute({
  method: "GET",
  path: "/api/packages",
  summary: "List packages",
  description: "The internet packages the company sells, a page at a time. Archived packages only when asked for.",
  tags: ["Packages"],
  auth: "bearer",
  permission: "packages:read",
  query: queryOf(listPackagesSchema),
  response: pageSchema(packageResponse),
  handler: ({ scope, query }) => packages.list(scope, query),
});

export const create = defineRoute({
  method: "POST",
  path: "/api/packages",
  summary: "Create a package",
  description:
    "Speeds in kbit/s, data in MB, money in minor units, percentages in basis points. Hotspot packages are sold per validity period; others monthly, quarterly or yearly.",
  tags: ["Packages"],
  auth: "bearer",
  permission: "packages:manage",
  body: createPackageSchema,
  response: packageResponse,
  status: 201,
  errors: { 409: "Another package already uses this code." },
  handler: ({ scope, body }) => packages.create(scope, body),
});

export const get = defineRoute({
  method: "GET",
  path: "/api/packages/{id}",
  summary: "Get a package",
  tags: ["Packages"],
  auth: "bearer",
  permission: "packages:read",
  params,
  response: packageResponse,
  handler: ({ scope, params }) => packages.get(scope, params.id),
});

export const update = defineRoute({
  method: "PUT",
  path: "/api/packages/{id}",
  summary: "Replace a package's details",
  description:
    "Send the whole package, as for creation; only `bandwidthPolicyId` may be left out, which keeps the package's policy (send null to remove it). When the speeds, the policy or the session limits change, every subscription's RADIUS records are rewritten (their next login), and subscribers online now get the new speeds at once through an RFC 5176 CoA-Request to their NAS, in the attributes of its vendor.",
  tags: ["Packages"],
  auth: "bearer",
  permission: "packages:manage",
  params,
  body: replacePackageSchema,
  response: packageResponse,
  errors: { 409: "Another package already uses this code." },
  handler: ({ scope, params, body }) => packages.update(scope, { id: params.id, data: body }),
});

export const remove = defineRoute({
  method: "DELETE",
  path: "/api/packages/{id}",
  summary: "Delete a package",
  description: "Only a package no subscription, voucher batch or lead refers to; otherwise archive it.",
  tags: ["Packages"],
  auth: "bearer",
  permission: "packages:manage",
  params,
  status: 204,
  errors: { 409: "The package is in use: archive it instead." },
  handler: async ({ scope, params }) => {
    await packages.remove(scope, params.id);
    return new Reply(204, undefined);
  },
});
