import { z } from "zod";
import type { BlockedAccess, CapAction } from "../../db/generated/prisma/enums";
import { id, optionalText, pagination, searchText } from "../../lib/schema";

// Bandwidth policies and the walled garden. Pure zod: the console's forms use the same rules.
// Speeds in kbit/s (as on packages), hours 0-23 in the company's time zone.

export const CAP_ACTIONS = ["THROTTLE", "DISCONNECT", "CAPTIVE"] as const satisfies readonly CapAction[];
export const CAP_ACTION_LABELS: Record<CapAction, string> = {
  THROTTLE: "Slow down to the fair-use speed",
  DISCONNECT: "Cut off until a top-up or the next cycle",
  CAPTIVE: "Walled garden (portal only)",
};
export const BLOCKED_ACCESS = ["REJECT", "CAPTIVE"] as const satisfies readonly BlockedAccess[];
export const BLOCKED_ACCESS_LABELS: Record<BlockedAccess, string> = {
  REJECT: "Refuse the login",
  CAPTIVE: "Walled garden (portal only)",
};

const kbps = (label: string) =>
  z
    .number({ error: `Enter the ${label} as a number.` })
    .int(`${label} must be a whole number of kbit/s.`)
    .positive(`${label} must be more than 0.`)
    .max(100_000_000);
/** Left out or null: none. Always null in the output, so an update clears what the form left empty. */
const orNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);
const optionalKbps = (label: string) => orNull(kbps(label));
const hour = (label: string) =>
  orNull(
    z
      .number({ error: `Enter the ${label} hour (0-23).` })
      .int(`${label} must be a whole hour.`)
      .min(0, `${label} is an hour from 0 to 23.`)
      .max(23, `${label} is an hour from 0 to 23.`),
  );
/** A RouterOS firewall address list or IP pool name: no spaces or quotes, so it goes into a rule as it is. */
const routerName = (label: string) =>
  z
    .string()
    .trim()
    .max(63, `${label} can be at most 63 characters.`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, `${label}: letters, digits, dots, colons, dashes and underscores only.`);

/** The speeds a package and a bandwidth policy both have (kbit/s). */
interface SpeedFields {
  downloadKbps: number;
  uploadKbps: number;
  burstDownloadKbps?: number | null;
  burstUploadKbps?: number | null;
  fupDownloadKbps?: number | null;
  fupUploadKbps?: number | null;
}

/** Bursts at least, fair-use speeds below, the base speeds: a package's and a bandwidth policy's. */
export function checkSpeeds(p: SpeedFields, issue: (path: keyof SpeedFields, message: string) => void) {
  if (p.burstDownloadKbps != null && p.burstDownloadKbps < p.downloadKbps)
    issue("burstDownloadKbps", "Burst download must be at least the download speed.");
  if (p.burstUploadKbps != null && p.burstUploadKbps < p.uploadKbps)
    issue("burstUploadKbps", "Burst upload must be at least the upload speed.");
  if (p.fupDownloadKbps != null && p.fupDownloadKbps >= p.downloadKbps)
    issue("fupDownloadKbps", "Fair-use download must be slower than the download speed.");
  if (p.fupUploadKbps != null && p.fupUploadKbps >= p.uploadKbps)
    issue("fupUploadKbps", "Fair-use upload must be slower than the upload speed.");
}

const policyFields = z.object({
  name: z.string().trim().min(2, "Enter the policy name, e.g. Home 20M.").max(80),
  description: optionalText(500, "Description"),
  downloadKbps: kbps("Download speed"),
  uploadKbps: kbps("Upload speed"),
  burstDownloadKbps: optionalKbps("Burst download"),
  burstUploadKbps: optionalKbps("Burst upload"),
  burstThresholdBps: orNull(z.number().int().positive("Burst threshold must be more than 0.")),
  burstTimeSeconds: orNull(z.number().int().positive("Burst time must be more than 0.").max(3600)),
  priority: orNull(
    z
      .number({ error: "Enter a priority from 1 to 8." })
      .int()
      .min(1, "Priority is 1 (highest) to 8 (lowest).")
      .max(8, "Priority is 1 (highest) to 8 (lowest)."),
  ),
  fupDownloadKbps: optionalKbps("Fair-use download"),
  fupUploadKbps: optionalKbps("Fair-use upload"),
  addressList: routerName("Address list")
    .nullish()
    .or(z.literal(""))
    .transform((v) => v || null),
  freeFromHour: hour("Free from"),
  freeToHour: hour("Free until"),
});
type PolicyFields = z.output<typeof policyFields>;

function checkPolicy(p: PolicyFields, ctx: z.RefinementCtx<PolicyFields>) {
  const issue = (path: keyof PolicyFields, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  checkSpeeds(p, issue);
  if ((p.freeFromHour == null) !== (p.freeToHour == null))
    issue(p.freeFromHour == null ? "freeFromHour" : "freeToHour", "A free window needs both hours, or neither.");
  else if (p.freeFromHour != null && p.freeFromHour === p.freeToHour)
    issue("freeToHour", "The free window must end at another hour than it starts.");
}

export const policySchema = policyFields.superRefine(checkPolicy);
export type PolicyInput = z.input<typeof policySchema>;
export const updatePolicySchema = z.object({ id, data: policySchema });
export const policyIdSchema = z.object({ id });
export const listPoliciesSchema = pagination().extend({
  search: searchText().describe("Part of a policy's name."),
});

export const captiveSettingsSchema = z.object({
  suspended: z.enum(BLOCKED_ACCESS, { error: "Choose how suspended subscribers are answered." }),
  addressList: routerName("Address list").min(1, "Enter the address list name, e.g. lastmile-captive."),
  framedPool: routerName("Pool")
    .nullish()
    .or(z.literal(""))
    .transform((v) => v || null),
  portalUrl: z
    .url({ protocol: /^https?$/, error: "Enter the portal's address, e.g. https://isp.example.com/portal." })
    .max(300)
    .nullish()
    .or(z.literal(""))
    .transform((v) => v || null),
});
export type CaptiveSettingsInput = z.input<typeof captiveSettingsSchema>;

/** Whether `hour` (0-23, the company's wall clock) is inside the window [from, to), which may wrap midnight. */
export function inFreeWindow(hourOfDay: number, from: number | null, to: number | null): boolean {
  if (from == null || to == null) return false;
  return from < to ? hourOfDay >= from && hourOfDay < to : hourOfDay >= from || hourOfDay < to;
}
