import { z } from "zod";

// The IPAM CSV import (pure zod, shared by the console's dialog and the service). The file's
// first line names the columns, as NetBox's CSV import does; the columns below, any order,
// case-insensitive; others are ignored.

export const IMPORT_KINDS = ["prefixes", "addresses", "vlans"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  prefixes: "Prefixes",
  addresses: "IP addresses",
  vlans: "VLANs",
};

/** Each kind's columns: the first is required, the rest optional. */
export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  prefixes: ["prefix", "status", "pool", "vrf", "site", "vlan", "description"],
  addresses: ["address", "status", "role", "vrf", "dns_name", "description"],
  vlans: ["vid", "name", "group", "site", "status", "description"],
};

export const IMPORT_MAX_LINES = 2000;

export const importSchema = z.object({
  kind: z.enum(IMPORT_KINDS, { error: "Choose what the file holds: prefixes, IP addresses or VLANs." }),
  csv: z
    .string({ error: "Choose a CSV file." })
    .min(1, "Choose a CSV file.")
    .max(2_000_000, "The file is larger than 2 MB; split it."),
});
export type ImportInput = z.input<typeof importSchema>;
