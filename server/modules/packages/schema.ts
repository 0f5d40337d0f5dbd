import { z } from "zod";
import type {
  BlockedAccess,
  CapAction,
  BillingCycle,
  HotspotMode,
  PackageType,
  PackageVisibility,
  TaxCategory,
} from "../../db/generated/prisma/enums";
import { id, optionalId, pagination, searchText, sortDirection } from "../../lib/schema";
import { checkSpeeds } from "../bandwidth/schema";

// Schemas are pure zod, so the console's package form uses these same rules. Speeds are kbit/s,
// data MiB, money integer minor units, percentages basis points (10000 = 100 %).

export const PACKAGE_TYPES = ["HOTSPOT", "PPPOE", "FIBER", "CORPORATE"] as const satisfies readonly PackageType[];
export const HOTSPOT_MODES = ["TIME", "DATA"] as const satisfies readonly HotspotMode[];
export const BILLING_CYCLES = ["MONTHLY", "QUARTERLY", "YEARLY", "VALIDITY"] as const satisfies readonly BillingCycle[];
export const TAX_CATEGORIES = ["STANDARD", "REDUCED", "ZERO_RATED", "EXEMPT"] as const satisfies readonly TaxCategory[];
export const VISIBILITIES = ["PUBLIC", "STAFF_ONLY"] as const satisfies readonly PackageVisibility[];
const CAP_ACTIONS = ["THROTTLE", "DISCONNECT", "CAPTIVE"] as const satisfies readonly CapAction[];
const BLOCKED_ACCESS = ["REJECT", "CAPTIVE"] as const satisfies readonly BlockedAccess[];

export const PACKAGE_TYPE_LABELS: Record<PackageType, string> = {
  HOTSPOT: "Hotspot",
  PPPOE: "PPPoE",
  FIBER: "Fibre",
  CORPORATE: "Corporate",
};
export const BILLING_CYCLE_LABELS: Record<BillingCycle, string> = {
  MONTHLY: "Monthly",
  QUARTERLY: "Quarterly",
  YEARLY: "Yearly",
  VALIDITY: "Validity period",
};

/** Package types whose subscribers sign in with a PPPoE username and password. */
export const PPPOE_TYPES: readonly PackageType[] = ["PPPOE", "FIBER", "CORPORATE"];

const kbps = (label: string) =>
  z
    .number({ error: `Enter the ${label} in kbit/s.` })
    .int(`${label} must be a whole number of kbit/s.`)
    .positive(`${label} must be more than 0.`)
    .max(100_000_000);
const optionalPositive = (label: string) =>
  z
    .number({ error: `Enter ${label} as a number.` })
    .int(`${label} must be a whole number.`)
    .positive(`${label} must be more than 0.`)
    .nullish();
const money = (label: string) =>
  z
    .number({ error: `Enter the ${label}.` })
    .int(`${label} must be in whole minor units (cents).`)
    .min(0, `${label} cannot be negative.`)
    .max(1_000_000_000);
const bps = (label: string) =>
  z
    .number({ error: `Enter ${label}.` })
    .int()
    .min(0, `${label} must be between 0 and 10000 basis points.`)
    .max(10_000, `${label} must be between 0 and 10000 basis points.`);

export const volumeDiscountSchema = z.object({
  minQuantity: z.number().int().min(2, "A volume discount starts at 2 or more."),
  discountBps: z
    .number()
    .int()
    .min(1, "The discount must be between 1 and 10000 basis points.")
    .max(10_000, "The discount must be between 1 and 10000 basis points."),
});
export type VolumeDiscount = z.infer<typeof volumeDiscountSchema>;

const packageFields = z.object({
  name: z.string().trim().min(2, "Enter the package name.").max(120),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .min(2, "Enter a short code, e.g. HOME-20.")
    .max(40)
    .regex(/^[A-Z0-9][A-Z0-9_-]*$/, "Use letters, digits, dashes and underscores."),
  description: z.string().trim().max(2000).nullish(),
  type: z.enum(PACKAGE_TYPES, { error: "Choose the package type." }),
  hotspotMode: z.enum(HOTSPOT_MODES).nullish(),
  downloadKbps: kbps("Download speed"),
  uploadKbps: kbps("Upload speed"),
  burstDownloadKbps: optionalPositive("Burst download"),
  burstUploadKbps: optionalPositive("Burst upload"),
  burstThresholdBps: optionalPositive("Burst threshold"),
  burstTimeSeconds: optionalPositive("Burst time"),
  dataCapMb: optionalPositive("Data cap"),
  fupDownloadKbps: optionalPositive("Fair-use download"),
  fupUploadKbps: optionalPositive("Fair-use upload"),
  billingCycle: z.enum(BILLING_CYCLES, { error: "Choose the billing cycle." }),
  validityMinutes: optionalPositive("Validity"),
  sessionTimeoutMinutes: optionalPositive("Session timeout"),
  priceMinor: money("price"),
  setupFeeMinor: money("setup fee").default(0),
  /** Charged per GB (1,024 MiB) above the data cap in a billing period (billing bills it in arrears). */
  overagePerGbMinor: money("overage price per GB").nullish(),
  contractMonths: z.number().int().min(0, "Contract months cannot be negative.").max(120).default(0),
  taxCategory: z.enum(TAX_CATEGORIES).default("STANDARD"),
  promoPriceMinor: money("promotional price").nullish(),
  promoCycles: z.number().int().min(1, "A promotion lasts at least 1 cycle.").max(120).nullish(),
  volumeDiscounts: z.array(volumeDiscountSchema).max(20).default([]),
  slaUptimeBps: bps("SLA uptime").nullish(),
  slaResponseMinutes: optionalPositive("SLA response time"),
  slaResolutionMinutes: optionalPositive("SLA resolution time"),
  visibility: z.enum(VISIBILITIES).default("PUBLIC"),
  requiresStaticIp: z.boolean().default(false),
  /** Paid in advance from the wallet, term by term (server/modules/wallet), and never invoiced. */
  prepaid: z.boolean().default(false),
  /** Unused data of a billing period carries into the next period (one period, never compounding). */
  dataRollover: z.boolean().default(false),
  /** A named bandwidth policy (server/modules/bandwidth) whose speeds replace the package's own. */
  bandwidthPolicyId: optionalId,
  /** Once a cycle's usage is over the cap: slow down, cut off, or walled garden. Left out: slow down when there are fair-use speeds, else cut off. */
  onCap: z.enum(CAP_ACTIONS).nullish(),
  /** Suspended subscribers of this package: refused or walled garden; null: the company's setting. */
  suspendedAccess: z.enum(BLOCKED_ACCESS).nullish(),
});

type PackageFields = z.output<typeof packageFields>;

/** Rules that tie fields together, per package type; each issue names the field to fix. */
function checkPackage(p: Omit<PackageFields, "bandwidthPolicyId">, ctx: z.RefinementCtx<unknown>) {
  const issue = (path: keyof PackageFields, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (p.type === "HOTSPOT") {
    if (!p.hotspotMode) issue("hotspotMode", "Choose whether hotspot access is sold by time or by data.");
    if (p.hotspotMode === "TIME" && !p.validityMinutes)
      issue("validityMinutes", "A time-based hotspot package needs its validity in minutes.");
    if (p.hotspotMode === "DATA" && !p.dataCapMb)
      issue("dataCapMb", "A data-based hotspot package needs its data allowance in MB.");
    if (p.billingCycle !== "VALIDITY") issue("billingCycle", "Hotspot packages are sold per validity period.");
  } else {
    if (p.billingCycle === "VALIDITY") issue("billingCycle", "Choose monthly, quarterly or yearly billing.");
    if (p.hotspotMode) issue("hotspotMode", "Only hotspot packages have a hotspot mode.");
  }
  if (p.overagePerGbMinor != null && !p.dataCapMb)
    issue("dataCapMb", "Overage is charged above a data cap: enter the cap in MB.");
  checkSpeeds(p, issue);
  if (p.dataRollover && !p.dataCapMb)
    issue("dataRollover", "Only data under a cap can roll over: enter the cap in MB.");
  if ((p.fupDownloadKbps != null || p.fupUploadKbps != null) && !p.dataCapMb)
    issue("dataCapMb", "Fair-use speeds apply after a data cap: enter the cap in MB.");
  if (p.promoPriceMinor != null) {
    if (p.promoPriceMinor >= p.priceMinor)
      issue("promoPriceMinor", "The promotional price must be lower than the price.");
    if (!p.promoCycles) issue("promoCycles", "Enter for how many billing cycles the promotion lasts (1 or more).");
  } else if (p.promoCycles != null)
    issue("promoPriceMinor", "Enter the promotional price, or clear the promotion cycles.");
  const quantities = p.volumeDiscounts.map((d) => d.minQuantity);
  if (quantities.some((q, i) => i > 0 && q <= quantities[i - 1]!))
    issue("volumeDiscounts", "List volume discounts by increasing minimum quantity, each quantity once.");
}

export const createPackageSchema = packageFields.superRefine(checkPackage);
/**
 * Replacing a package's details (the console's form, REST PUT): the whole package as for
 * creation, except that a left-out bandwidthPolicyId keeps the stored policy; null (or "") clears it.
 */
export const replacePackageSchema = packageFields
  .extend({
    bandwidthPolicyId: z
      .string()
      .max(64)
      .nullish()
      .transform((v) => (v === undefined ? undefined : v || null))
      .describe("The bandwidth policy whose speeds replace the package's own. Left out: kept as it is; null: none."),
  })
  .superRefine(checkPackage);
export const updatePackageSchema = z.object({ id, data: replacePackageSchema });

// The descriptions are the REST API's documentation of its query string (rest.ts uses this schema).
export const listPackagesSchema = pagination().extend({
  search: searchText().describe("Part of a name or code."),
  type: z.enum(PACKAGE_TYPES).optional().describe("Only packages of this type."),
  visibility: z.enum(VISIBILITIES).optional().describe("Only packages with this visibility."),
  archived: z.enum(["active", "archived", "all"]).default("active").describe("active (default), archived or all."),
  sort: z.enum(["name", "code", "priceMinor", "createdAt"]).default("name").describe("Sort column."),
  direction: sortDirection("asc"),
});

export type CreatePackageInput = z.input<typeof createPackageSchema>;
