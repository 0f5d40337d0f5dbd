import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { idParams, pageSchema, pagination, queryOf } from "../../lib/schema";
import { customersBehind } from "./behind";
import { DEVICE_ROLES, DEVICE_STATUSES, INTERFACE_KINDS, LINK_KINDS, listDevicesSchema, PON_STANDARDS } from "./schema";
import * as devices from "./service";

// REST endpoints of the devices module, for integrators (monitoring, provisioning scripts).

const params = idParams("The device id.");

const deviceResponse = z.object({
  id: z.string(),
  name: z.string(),
  serial: z.string().nullable(),
  mac: z.string().nullable().describe("aa:bb:cc:dd:ee:ff"),
  status: z.enum(DEVICE_STATUSES),
  role: z.enum(DEVICE_ROLES),
  model: z.string().describe("Manufacturer and model."),
  deviceTypeId: z.string(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  firmware: z.string().nullable(),
  rack: z.string().nullable(),
  rackUnit: z.number().int().nullable(),
});

const deviceDetail = deviceResponse.extend({
  notes: z.string().nullable(),
  managementIpAddressId: z.string().nullable().describe("The IPAM address the device is managed at."),
  interfaces: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(INTERFACE_KINDS),
      ponStandard: z.enum(PON_STANDARDS).nullable(),
      mac: z.string().nullable(),
      enabled: z.boolean(),
      link: z
        .object({
          linkId: z.string(),
          kind: z.enum(LINK_KINDS),
          direction: z
            .enum(["upstream", "downstream"])
            .describe("Where the far end is, towards the core or the customers."),
          deviceId: z.string(),
          deviceName: z.string(),
          interfaceId: z.string(),
          interfaceName: z.string(),
        })
        .nullable(),
    }),
  ),
});

const customerBehind = z.object({
  subscriptionId: z.string(),
  status: z.string(),
  pppoeUsername: z.string().nullable(),
  customerId: z.string(),
  accountNumber: z.number().int(),
  customerName: z.string(),
  packageName: z.string(),
});

export const list = defineRoute({
  method: "GET",
  path: "/api/devices",
  summary: "List devices",
  description: "Routers, switches, OLTs, ONTs, access points, CPEs and servers, a page at a time.",
  tags: ["Network"],
  auth: "bearer",
  permission: "devices:read",
  query: queryOf(listDevicesSchema),
  response: pageSchema(deviceResponse),
  handler: ({ scope, viewer, query }) => devices.list(scope, viewer, query),
});

export const get = defineRoute({
  method: "GET",
  path: "/api/devices/{id}",
  summary: "Get a device",
  description: "The device with its interfaces and what each is cabled to. SNMP secrets are never returned.",
  tags: ["Network"],
  auth: "bearer",
  permission: "devices:read",
  params,
  response: deviceDetail,
  handler: ({ scope, viewer, params }) => devices.get(scope, viewer, params.id),
});

export const customers = defineRoute({
  method: "GET",
  path: "/api/devices/{id}/customers",
  summary: "Customers behind a device",
  description:
    "Every subscription (not terminated) whose CPE or access port is on this device or downstream of it: links run from their upstream (a) end to their downstream (b) end.",
  tags: ["Network"],
  auth: "bearer",
  permission: "devices:read_all",
  params,
  query: queryOf(pagination({ size: 50, max: 500 })),
  response: pageSchema(customerBehind),
  handler: ({ scope, params, query }) => customersBehind(scope, { ...query, deviceId: params.id }),
});
