import { z } from "zod";
import { id, optionalId, optionalText, pagination, searchText } from "../../lib/schema";
import { addressFields } from "../ipam/schema";

// Schemas are pure zod, so the browser's forms use these same rules.

export const DEVICE_ROLES = ["ROUTER", "SWITCH", "OLT", "ONT", "ACCESS_POINT", "CPE", "SERVER"] as const;
export const DEVICE_STATUSES = ["PLANNED", "ACTIVE", "OFFLINE", "DECOMMISSIONED"] as const;
export const INTERFACE_KINDS = ["ETHERNET", "SFP", "PON", "WIRELESS", "VIRTUAL", "OTHER"] as const;
export const PON_STANDARDS = ["GPON", "XGS_PON", "EPON"] as const;
export const LINK_KINDS = ["COPPER", "FIBRE", "WIRELESS"] as const;
export const SNMP_AUTH_PROTOCOLS = ["MD5", "SHA", "SHA-256", "SHA-512"] as const;
export const SNMP_PRIV_PROTOCOLS = ["DES", "AES", "AES-256"] as const;

export const ROLE_LABELS: Record<(typeof DEVICE_ROLES)[number], string> = {
  ROUTER: "Router",
  SWITCH: "Switch",
  OLT: "OLT",
  ONT: "ONT",
  ACCESS_POINT: "Access point",
  CPE: "CPE",
  SERVER: "Server",
};

const name = (label: string, max = 100) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `The ${label} can be at most ${max} characters.`);

/** A MAC address in any common notation, stored as aa:bb:cc:dd:ee:ff. */
export const macAddress = z
  .string()
  .trim()
  .nullish()
  .transform((v, ctx) => {
    if (!v) return null;
    const hex = v.toLowerCase().replace(/[^0-9a-f]/g, "");
    if (hex.length !== 12 || !/^[0-9a-f:.\-\s]+$/i.test(v)) {
      ctx.addIssue({ code: "custom", message: "Enter a MAC address like 4C:5E:0C:12:34:56." });
      return z.NEVER;
    }
    return hex.match(/../g)!.join(":");
  });

export const portTemplateSchema = z.object({
  name: name("port name", 64),
  kind: z.enum(INTERFACE_KINDS).default("ETHERNET"),
  ponStandard: z
    .enum(PON_STANDARDS)
    .nullish()
    .transform((v) => v ?? null),
});

/** A choice from a select: its empty option reads as the choice not made. */
const chosen = (message: string) => z.string({ error: message }).min(1, message).max(64);

export const createManufacturerSchema = z.object({ name: name("manufacturer name") });
export const updateManufacturerSchema = createManufacturerSchema.extend({ id });

export const createDeviceTypeSchema = z.object({
  manufacturerId: chosen("Choose the manufacturer."),
  model: name("model"),
  role: z.enum(DEVICE_ROLES, { error: "Choose what the device does." }),
  portTemplates: z.array(portTemplateSchema).max(256, "At most 256 ports per type.").default([]),
});

/** The type's ports change what new devices get; devices already made keep their interfaces. */
export const updateDeviceTypeSchema = createDeviceTypeSchema.extend({ id });

export const listDeviceTypesSchema = z.object({
  ...pagination({ size: 50, max: 200 }).shape,
  q: searchText(),
  role: z.enum(DEVICE_ROLES).optional(),
});

/** SNMP credentials as typed; secrets are sealed by the service and never sent back. */
export const snmpSchema = z
  .discriminatedUnion("version", [
    z.object({ version: z.literal("NONE") }),
    z.object({ version: z.literal("V2C"), community: name("SNMP community", 128) }),
    z.object({
      version: z.literal("V3"),
      user: name("SNMP v3 user", 64),
      authProtocol: z.enum(SNMP_AUTH_PROTOCOLS).nullish(),
      authKey: z.string().min(8, "An SNMP v3 passphrase has at least 8 characters.").max(128).nullish(),
      privProtocol: z.enum(SNMP_PRIV_PROTOCOLS).nullish(),
      privKey: z.string().min(8, "An SNMP v3 passphrase has at least 8 characters.").max(128).nullish(),
    }),
  ])
  .superRefine((v, ctx) => {
    if (v.version !== "V3") return;
    if (!!v.authProtocol !== !!v.authKey)
      ctx.addIssue({
        code: "custom",
        path: ["authKey"],
        message: "Give both the authentication protocol and its passphrase.",
      });
    if (!!v.privProtocol !== !!v.privKey)
      ctx.addIssue({
        code: "custom",
        path: ["privKey"],
        message: "Give both the privacy protocol and its passphrase.",
      });
    if (v.privProtocol && !v.authProtocol)
      ctx.addIssue({ code: "custom", path: ["privProtocol"], message: "SNMP v3 privacy needs authentication too." });
  });

const deviceFields = {
  name: name("device name"),
  deviceTypeId: chosen("Choose the device type."),
  siteId: optionalId,
  serial: optionalText(80, "The serial number"),
  mac: macAddress,
  rack: optionalText(50, "The rack"),
  rackUnit: z
    .number()
    .int()
    .min(1, "Rack units count from 1.")
    .max(60)
    .nullish()
    .transform((v) => v ?? null),
  status: z.enum(DEVICE_STATUSES).default("ACTIVE"),
  firmware: optionalText(80, "The firmware"),
  notes: optionalText(2000, "The notes"),
};

export const createDeviceSchema = z.object({
  ...deviceFields,
  /** Left out: no SNMP. */
  snmp: snmpSchema.optional(),
});

/** Left-out snmp keeps the stored credentials. */
export const updateDeviceSchema = z.object({ id, ...deviceFields, snmp: snmpSchema.optional() });

export const listDevicesSchema = z.object({
  ...pagination().shape,
  q: searchText().describe("Name, serial or MAC address contains."),
  role: z.enum(DEVICE_ROLES).optional().describe("Only devices of this role."),
  status: z.enum(DEVICE_STATUSES).optional().describe("Only devices in this status."),
  siteId: z.string().max(64).optional().describe("Only devices at this site."),
});

export const addInterfaceSchema = z.object({
  deviceId: id,
  name: name("interface name", 64),
  kind: z.enum(INTERFACE_KINDS).default("ETHERNET"),
  ponStandard: z
    .enum(PON_STANDARDS)
    .nullish()
    .transform((v) => v ?? null),
  mac: macAddress,
  enabled: z.boolean().default(true),
  description: optionalText(200, "The description"),
});

export const updateInterfaceSchema = addInterfaceSchema.omit({ deviceId: true }).extend({ id });

export const createLinkSchema = z.object({
  kind: z.enum(LINK_KINDS, { error: "Choose cable, fibre or wireless." }),
  aInterfaceId: id.describe("The upstream end (towards the core)."),
  bInterfaceId: id.describe("The downstream end (towards the customers)."),
  label: optionalText(100, "The label"),
});

export const customersBehindSchema = z
  .object({
    ...pagination({ size: 50, max: 500 }).shape,
    deviceId: optionalId,
    interfaceId: optionalId,
    linkId: optionalId,
  })
  .refine((v) => [v.deviceId, v.interfaceId, v.linkId].filter(Boolean).length === 1, {
    message: "Name one device, interface or link.",
  });

export const attachSubscriptionSchema = z.object({
  subscriptionId: id,
  cpeDeviceId: optionalId,
  accessInterfaceId: optionalId,
});

export const topologySchema = z.object({ q: searchText() });

export { id as deviceIdSchema };

/** A device's management IP: the next free address of an IPAM pool, or a typed address. */
export const assignManagementIpSchema = z.object({
  deviceId: id.describe("The device."),
  prefixId: optionalId.describe("Allocate the next free address of this IPAM pool."),
  address: addressFields.shape.address.optional().describe("Or this address."),
  vrfId: optionalId.describe("The VRF of a typed address (none: the global table)."),
});
