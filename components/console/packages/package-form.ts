import type { Path, UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { createPackageSchema, type CreatePackageInput } from "@/server/modules/packages/schema";
import type { FormCheck } from "../check-with";
import { currencyDigits, moneyInput, parseMoney } from "./format";

// The package form edits text (Mbps, "25.00", "99.9 %"); these turn it into the module's input
// (kbit/s, minor units, basis points) and back, and check it with the module's own schema.

export type VolumeRow = { minQuantity: string; discountBps: string };
export type PackageFormValues = {
  name: string;
  code: string;
  description: string;
  type: CreatePackageInput["type"];
  hotspotMode: "" | "TIME" | "DATA";
  downloadKbps: string;
  uploadKbps: string;
  burstDownloadKbps: string;
  burstUploadKbps: string;
  burstTimeSeconds: string;
  dataCapMb: string;
  fupDownloadKbps: string;
  fupUploadKbps: string;
  billingCycle: "MONTHLY" | "QUARTERLY" | "YEARLY" | "VALIDITY";
  validityMinutes: string;
  sessionTimeoutMinutes: string;
  priceMinor: string;
  setupFeeMinor: string;
  overagePerGbMinor: string;
  contractMonths: string;
  taxCategory: "STANDARD" | "REDUCED" | "ZERO_RATED" | "EXEMPT";
  promoPriceMinor: string;
  promoCycles: string;
  volumeDiscounts: VolumeRow[];
  slaUptimeBps: string;
  slaResponseMinutes: string;
  slaResolutionMinutes: string;
  visibility: "PUBLIC" | "STAFF_ONLY";
  requiresStaticIp: boolean;
  prepaid: boolean;
  dataRollover: boolean;
  /** "" = the package's own speeds. */
  bandwidthPolicyId: string;
  /** "" = follow the speeds (slow down when there are fair-use speeds, else cut off). */
  onCap: "" | "THROTTLE" | "DISCONNECT" | "CAPTIVE";
  /** "" = the company's captive setting. */
  suspendedAccess: "" | "REJECT" | "CAPTIVE";
};
/** What the form hands the create or update mutation. */
export type PackageInput = z.output<typeof createPackageSchema>;
export type PackageForm = UseFormReturn<PackageFormValues, unknown, PackageInput>;

/** "12.5" with `digits` = 3 → 12500; null when not such a number. */
export function parseScaled(text: string, digits: number): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d*))?\s*$/.exec(text);
  if (!m || (m[2] ?? "").length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number((m[2] ?? "").padEnd(digits, "0") || "0");
}
export function formatScaled(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined) return "";
  const scale = 10 ** digits;
  const frac = String(value % scale)
    .padStart(digits, "0")
    .replace(/0+$/, "");
  return frac ? `${Math.floor(value / scale)}.${frac}` : String(Math.floor(value / scale));
}

type PackageLike = Partial<Omit<CreatePackageInput, "volumeDiscounts">> & {
  volumeDiscounts?: { minQuantity: number; discountBps: number }[];
};

export function toFormValues(pkg: PackageLike | null, currency: string): PackageFormValues {
  const s = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));
  return {
    name: pkg?.name ?? "",
    code: pkg?.code ?? "",
    description: pkg?.description ?? "",
    type: pkg?.type ?? "PPPOE",
    hotspotMode: pkg?.hotspotMode ?? "",
    downloadKbps: formatScaled(pkg?.downloadKbps, 3),
    uploadKbps: formatScaled(pkg?.uploadKbps, 3),
    burstDownloadKbps: formatScaled(pkg?.burstDownloadKbps, 3),
    burstUploadKbps: formatScaled(pkg?.burstUploadKbps, 3),
    burstTimeSeconds: s(pkg?.burstTimeSeconds),
    dataCapMb: s(pkg?.dataCapMb),
    fupDownloadKbps: formatScaled(pkg?.fupDownloadKbps, 3),
    fupUploadKbps: formatScaled(pkg?.fupUploadKbps, 3),
    billingCycle: pkg?.billingCycle ?? "MONTHLY",
    validityMinutes: s(pkg?.validityMinutes),
    sessionTimeoutMinutes: s(pkg?.sessionTimeoutMinutes),
    priceMinor: moneyInput(pkg?.priceMinor, currency),
    setupFeeMinor: pkg?.setupFeeMinor ? moneyInput(pkg.setupFeeMinor, currency) : "",
    overagePerGbMinor: moneyInput(pkg?.overagePerGbMinor, currency),
    contractMonths: pkg?.contractMonths ? String(pkg.contractMonths) : "",
    taxCategory: pkg?.taxCategory ?? "STANDARD",
    promoPriceMinor: moneyInput(pkg?.promoPriceMinor, currency),
    promoCycles: s(pkg?.promoCycles),
    volumeDiscounts: (pkg?.volumeDiscounts ?? []).map((d) => ({
      minQuantity: String(d.minQuantity),
      discountBps: formatScaled(d.discountBps, 2),
    })),
    slaUptimeBps: formatScaled(pkg?.slaUptimeBps, 2),
    slaResponseMinutes: s(pkg?.slaResponseMinutes),
    slaResolutionMinutes: s(pkg?.slaResolutionMinutes),
    visibility: pkg?.visibility ?? "PUBLIC",
    requiresStaticIp: pkg?.requiresStaticIp ?? false,
    prepaid: pkg?.prepaid ?? false,
    dataRollover: pkg?.dataRollover ?? false,
    bandwidthPolicyId: pkg?.bandwidthPolicyId ?? "",
    onCap: pkg?.onCap ?? "",
    suspendedAccess: pkg?.suspendedAccess ?? "",
  };
}

/**
 * The package form's check (its resolver, through checkResolver): form text → package input, then
 * the module's schema. Gives the input, or field errors keyed like the form's fields. Fields that
 * do not apply to the chosen type are left out.
 */
export const packageInputOf =
  (currency: string): FormCheck<PackageFormValues, PackageInput> =>
  (v) =>
    fromFormValues(v, currency);

function fromFormValues(
  v: PackageFormValues,
  currency: string,
): ReturnType<FormCheck<PackageFormValues, PackageInput>> {
  const errors: Record<string, string> = {};
  const digits = currencyDigits(currency);
  const num = (key: keyof PackageFormValues, text: string, parse: (t: string) => number | null, message: string) => {
    if (!text.trim()) return null;
    const n = parse(text.trim());
    if (n === null) errors[key] = message;
    return n;
  };
  const speed = (key: keyof PackageFormValues, text: string) =>
    num(key, text, (t) => parseScaled(t, 3), "Enter Mbit/s, e.g. 20 or 1.5.");
  const whole = (key: keyof PackageFormValues, text: string) =>
    num(key, text, (t) => (/^\d+$/.test(t) ? Number(t) : null), "Enter a whole number.");
  const money = (key: keyof PackageFormValues, text: string) =>
    num(key, text, (t) => parseMoney(t, currency), `Enter an amount with at most ${digits} decimals.`);
  const hotspot = v.type === "HOTSPOT";
  const corporate = v.type === "CORPORATE";
  const input = {
    name: v.name,
    code: v.code,
    description: v.description.trim() || null,
    type: v.type,
    hotspotMode: hotspot ? v.hotspotMode || null : null,
    downloadKbps: speed("downloadKbps", v.downloadKbps) ?? undefined,
    uploadKbps: speed("uploadKbps", v.uploadKbps) ?? undefined,
    burstDownloadKbps: hotspot ? null : speed("burstDownloadKbps", v.burstDownloadKbps),
    burstUploadKbps: hotspot ? null : speed("burstUploadKbps", v.burstUploadKbps),
    burstTimeSeconds: hotspot ? null : whole("burstTimeSeconds", v.burstTimeSeconds),
    dataCapMb: hotspot && v.hotspotMode === "TIME" ? null : whole("dataCapMb", v.dataCapMb),
    fupDownloadKbps: hotspot ? null : speed("fupDownloadKbps", v.fupDownloadKbps),
    fupUploadKbps: hotspot ? null : speed("fupUploadKbps", v.fupUploadKbps),
    billingCycle: hotspot ? "VALIDITY" : v.billingCycle,
    validityMinutes: hotspot ? whole("validityMinutes", v.validityMinutes) : null,
    sessionTimeoutMinutes: whole("sessionTimeoutMinutes", v.sessionTimeoutMinutes),
    priceMinor: money("priceMinor", v.priceMinor) ?? undefined,
    setupFeeMinor: hotspot ? 0 : (money("setupFeeMinor", v.setupFeeMinor) ?? 0),
    overagePerGbMinor: hotspot ? null : money("overagePerGbMinor", v.overagePerGbMinor),
    contractMonths: hotspot ? 0 : (whole("contractMonths", v.contractMonths) ?? 0),
    taxCategory: v.taxCategory,
    promoPriceMinor: hotspot ? null : money("promoPriceMinor", v.promoPriceMinor),
    promoCycles: hotspot ? null : whole("promoCycles", v.promoCycles),
    volumeDiscounts: corporate
      ? v.volumeDiscounts.map((d, i) => ({
          minQuantity: whole(`volumeDiscounts` as keyof PackageFormValues, d.minQuantity) ?? 0,
          discountBps:
            num(
              `volumeDiscounts.${i}.discountBps` as keyof PackageFormValues,
              d.discountBps,
              (t) => parseScaled(t, 2),
              "Enter a percentage, e.g. 5 or 12.5.",
            ) ?? 0,
        }))
      : [],
    slaUptimeBps: corporate
      ? num("slaUptimeBps", v.slaUptimeBps, (t) => parseScaled(t, 2), "Enter a percentage, e.g. 99.9.")
      : null,
    slaResponseMinutes: corporate ? whole("slaResponseMinutes", v.slaResponseMinutes) : null,
    slaResolutionMinutes: corporate ? whole("slaResolutionMinutes", v.slaResolutionMinutes) : null,
    visibility: v.visibility,
    requiresStaticIp: hotspot ? false : v.requiresStaticIp,
    prepaid: v.prepaid,
    dataRollover: hotspot ? false : v.dataRollover,
    bandwidthPolicyId: hotspot ? null : v.bandwidthPolicyId || null,
    onCap: hotspot ? null : v.onCap || null,
    suspendedAccess: hotspot ? null : v.suspendedAccess || null,
  };
  const parsed = createPackageSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key =
        issue.path[0] === "volumeDiscounts" && issue.path.length > 1
          ? "volumeDiscounts"
          : String(issue.path[0] ?? "name");
      errors[key] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success)
    return { errors: errors as Record<Path<PackageFormValues>, string> };
  return { input: parsed.data };
}
