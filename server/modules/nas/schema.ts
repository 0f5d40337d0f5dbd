import { z } from "zod";
import type { CoaKind, CoaReason, CoaResult, NasType, NasVendor } from "../../db/generated/prisma/enums";
import { id, optionalId, optionalText, pagination, searchText } from "../../lib/schema";

// NAS registry and live sessions: pure zod, shared by the console's forms, REST and the services.

export const NAS_TYPES = ["ROUTER", "BNG", "HOTSPOT_GATEWAY"] as const satisfies readonly NasType[];
export const NAS_TYPE_LABELS: Record<NasType, string> = {
  ROUTER: "Router",
  BNG: "BNG",
  HOTSPOT_GATEWAY: "Hotspot gateway",
};
export const NAS_VENDORS = ["MIKROTIK", "CISCO", "GENERIC"] as const satisfies readonly NasVendor[];
export const NAS_VENDOR_LABELS: Record<NasVendor, string> = {
  MIKROTIK: "MikroTik",
  CISCO: "Cisco",
  GENERIC: "Generic (RFC 5176)",
};
export const COA_KINDS = ["DISCONNECT", "COA"] as const satisfies readonly CoaKind[];
export const COA_REASONS = [
  "SUSPENSION",
  "TERMINATION",
  "PACKAGE_CHANGE",
  "SPEED_CHANGE",
  "QUOTA",
  "FAIR_USE",
  "CAPTIVE",
  "RESTORE",
  "STAFF",
] as const satisfies readonly CoaReason[];
export const COA_REASON_LABELS: Record<CoaReason, string> = {
  SUSPENSION: "Suspension",
  TERMINATION: "Termination",
  PACKAGE_CHANGE: "Package change",
  SPEED_CHANGE: "Speeds edited",
  QUOTA: "Data cap reached",
  FAIR_USE: "Fair use",
  CAPTIVE: "Walled garden",
  RESTORE: "Service restored",
  STAFF: "Staff",
};
export const COA_RESULTS = ["PENDING", "ACK", "NAK", "TIMEOUT", "NO_NAS"] as const satisfies readonly CoaResult[];
export const COA_RESULT_LABELS: Record<CoaResult, string> = {
  PENDING: "Sending",
  ACK: "Done (ACK)",
  NAK: "Refused (NAK)",
  TIMEOUT: "No answer",
  NO_NAS: "NAS not registered",
};

/** The NAS's address as it sends it in NAS-IP-Address: one IPv4 or IPv6 address, no prefix. */
const ipAddress = z
  .string({ error: "Enter the NAS's IP address." })
  .trim()
  .min(1, "Enter the NAS's IP address.")
  .refine(
    (v) => z.ipv4().safeParse(v).success || z.ipv6().safeParse(v).success,
    "Enter an IP address like 10.0.0.1 (the NAS-IP-Address the NAS sends).",
  )
  .transform((v) => v.toLowerCase());

/** RADIUS shared secrets: printable, and long enough not to be guessed (RFC 2865 §3 asks 16+). */
export const sharedSecret = z
  .string({ error: "Enter the RADIUS shared secret." })
  .min(8, "The shared secret must be at least 8 characters.")
  .max(128, "The shared secret can be at most 128 characters.")
  .regex(/^[\x21-\x7e]+$/, "Use letters, digits and symbols, without spaces.");

const nasFields = z.object({
  name: z
    .string({ error: "Enter a name." })
    .trim()
    .min(1, "Enter a name.")
    .max(100, "The name can be at most 100 characters."),
  ipAddress,
  type: z.enum(NAS_TYPES, { error: "Choose the kind of NAS." }).default("ROUTER"),
  vendor: z.enum(NAS_VENDORS, { error: "Choose the vendor." }).default("MIKROTIK"),
  coaPort: z.coerce
    .number({ error: "Enter the CoA port." })
    .int("The CoA port is a whole number.")
    .min(1, "Ports run from 1 to 65535.")
    .max(65535, "Ports run from 1 to 65535.")
    .default(3799),
  deviceId: optionalId,
  siteId: optionalId,
  notes: optionalText(1000, "Notes"),
});

export const createNasSchema = nasFields.extend({ secret: sharedSecret });
/** Editing never shows nor changes the secret: rotating it is its own action. */
export const updateNasSchema = nasFields.extend({ id });
export const rotateSecretSchema = z.object({ id, secret: sharedSecret });
export const removeNasSchema = z.object({ id });

export const listNasSchema = pagination().extend({
  search: searchText().describe("Matches name or IP address."),
  siteId: z.string().max(64).optional().describe("Only NAS at this site."),
});

export const listOnlineSchema = pagination({ size: 50, max: 200 }).extend({
  search: searchText().describe("Matches the username (PPPoE login or voucher code)."),
  nasId: z.string().max(64).optional().describe("Only sessions on this NAS."),
  siteId: z.string().max(64).optional().describe("Only sessions on NAS at this site."),
});

export const disconnectSchema = z.object({ sessionId: id });
export const forCustomerSchema = z.object({ customerId: id });

/** An attribute a CoA-Request asks the NAS to apply, by its dictionary name. */
export const coaAttributeSchema = z.object({
  name: z.string().min(1).max(64),
  value: z.union([z.string().max(253), z.number().int()]),
});
export type CoaAttribute = z.infer<typeof coaAttributeSchema>;
