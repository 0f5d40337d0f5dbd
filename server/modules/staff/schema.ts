import { z } from "zod";
import type { StaffAvailability } from "../../db/generated/prisma/enums";
import { id, optionalText, pagination, searchText } from "../../lib/schema";

// Staff profiles, the skill catalogue, certifications and training records. Pure zod, so the
// console's forms validate with exactly these rules.

export const AVAILABILITIES = [
  "AVAILABLE",
  "BUSY",
  "OFF_DUTY",
  "ON_LEAVE",
] as const satisfies readonly StaffAvailability[];

export const AVAILABILITY_LABELS: Record<StaffAvailability, string> = {
  AVAILABLE: "Available",
  BUSY: "Busy",
  OFF_DUTY: "Off duty",
  ON_LEAVE: "On leave",
};

/** What routing does with each availability, for the form's hint. */
export const AVAILABILITY_HINTS: Record<StaffAvailability, string> = {
  AVAILABLE: "Gets new tickets.",
  BUSY: "Still gets tickets, but others are preferred.",
  OFF_DUTY: "Gets no new tickets.",
  ON_LEAVE: "Gets no new tickets and is never paged when on call.",
};

export const SKILL_LEVELS = [1, 2, 3, 4, 5] as const;
export const SKILL_LEVEL_LABELS: Record<number, string> = {
  1: "1 · Basic",
  2: "2 · Working",
  3: "3 · Competent",
  4: "4 · Advanced",
  5: "5 · Expert",
};

/** Days before expiry at which a certificate counts as "expiring soon" (and reminders start). */
export const EXPIRY_WARNING_DAYS = 30;

/** A calendar date "2026-05-04" (forms send "" for none). */
const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine(
      (v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))),
      `${label}: enter a date.`,
    );

const requiredDate = (label: string) =>
  z
    .string({ error: `Enter the ${label.toLowerCase()}.` })
    .trim()
    .min(1, `Enter the ${label.toLowerCase()}.`)
    .refine(
      (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
      `${label}: enter a date.`,
    );

/** "Kilimani, Westlands" or ["Kilimani"] → trimmed, single spaces, each area once (case-insensitive). */
export const areasSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,;\n]/) : (v ?? [])),
  z
    .array(z.string().trim().max(60, "An area name can be at most 60 characters."))
    .transform((list) => {
      const seen = new Set<string>();
      const out: string[] = [];
      for (const raw of list) {
        const area = raw.replace(/\s+/g, " ");
        if (!area || seen.has(area.toLowerCase())) continue;
        seen.add(area.toLowerCase());
        out.push(area);
      }
      return out;
    })
    .refine((list) => list.length <= 30, "At most 30 coverage areas."),
);

export const STAFF_SORTS = ["name", "availability", "load"] as const;

export const listStaffSchema = z.object({
  search: searchText(),
  availability: z.enum(AVAILABILITIES).optional(),
  skillId: id.optional(),
  area: z.string().trim().max(60).optional(),
  /** Only people on shift right now. */
  onShift: z.boolean().optional(),
  sort: z.enum(STAFF_SORTS).default("name"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  ...pagination().shape,
});

export const saveProfileSchema = z.object({
  userId: id,
  title: optionalText(80, "Job title"),
  phone: optionalText(30, "Phone").refine(
    (v) => v === null || /^\+?[0-9][0-9 ()-]{5,24}$/.test(v),
    "Phone: enter digits, spaces or dashes, optionally starting with +.",
  ),
  areas: areasSchema.default([]),
  availability: z.enum(AVAILABILITIES, { error: "Choose an availability." }).default("AVAILABLE"),
  maxOpenTickets: z.coerce
    .number({ error: "Enter a number of tickets." })
    .int("Enter a whole number of tickets.")
    .min(1, "Allow at least 1 open ticket.")
    .max(500, "At most 500 open tickets.")
    .default(10),
  teamLeadId: z
    .string()
    .max(64)
    .nullish()
    .transform((v) => (v ? v : null)),
});

export const skillNameSchema = z
  .string()
  .trim()
  .min(2, "Enter the skill's name.")
  .max(60, "A skill name can be at most 60 characters.");
export const createSkillSchema = z.object({ name: skillNameSchema });
export const renameSkillSchema = z.object({ id, name: skillNameSchema });
export const setSkillCategoriesSchema = z.object({ skillId: id, categoryIds: z.array(id).max(200) });

export const setStaffSkillSchema = z.object({
  userId: id,
  skillId: z.string({ error: "Choose a skill." }).min(1, "Choose a skill.").max(64),
  level: z.coerce
    .number({ error: "Choose a level." })
    .int()
    .min(1, "Levels go from 1 to 5.")
    .max(5, "Levels go from 1 to 5."),
});
export const removeStaffSkillSchema = z.object({ userId: id, skillId: id });

const certificationFields = z.object({
  name: z.string().trim().min(2, "Enter the certificate's name.").max(120, "At most 120 characters."),
  issuer: optionalText(120, "Issuer"),
  number: optionalText(60, "Certificate number"),
  issuedOn: optionalDate("Issued on"),
  expiresOn: optionalDate("Expires on"),
});

function certificationRules(v: z.output<typeof certificationFields>, ctx: z.RefinementCtx) {
  if (v.issuedOn && v.expiresOn && v.expiresOn < v.issuedOn)
    ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "A certificate cannot expire before it was issued." });
}

export const addCertificationSchema = certificationFields.extend({ userId: id }).superRefine(certificationRules);
export const updateCertificationSchema = certificationFields.extend({ id }).superRefine(certificationRules);

export const addTrainingSchema = z.object({
  userId: id,
  course: z.string().trim().min(2, "Enter the course.").max(160, "At most 160 characters."),
  provider: optionalText(120, "Provider"),
  completedOn: requiredDate("Completion date"),
  hours: z
    .preprocess(
      (v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? Number(v) : v),
      z
        .number({ error: "Hours must be a number." })
        .int("Enter whole hours.")
        .min(0, "Hours cannot be negative.")
        .max(2000, "At most 2000 hours.")
        .nullable(),
    )
    .optional()
    .transform((v) => (v ?? null) as number | null),
  notes: optionalText(1000, "Notes"),
});

export const byUserSchema = z.object({ userId: id });
export const byIdSchema = z.object({ id });

/** Days from `today` to a certificate's expiry date (both "YYYY-MM-DD"); negative once expired. */
export function daysUntil(expiresOn: string, today: string): number {
  return Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export type ExpiryState = "none" | "valid" | "expiring" | "expired";

/** Whether a certificate is valid, expiring within EXPIRY_WARNING_DAYS, or expired (on its expiry date it is still valid). */
export function expiryState(expiresOn: string | null, today: string): ExpiryState {
  if (!expiresOn) return "none";
  const days = daysUntil(expiresOn, today);
  return days < 0 ? "expired" : days <= EXPIRY_WARNING_DAYS ? "expiring" : "valid";
}
