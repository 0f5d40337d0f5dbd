import { z } from "zod";
import type { LeadActivityKind, LeadSource, LeadStage } from "../../db/generated/prisma/enums";
import { coordinate } from "../customers/schema";
import { id, optionalText, pagination, searchText } from "../../lib/schema";

// Sales pipeline schemas: pure zod, shared by the console's forms and the server.

export const LEAD_SOURCES = [
  "WEBSITE",
  "REFERRAL",
  "WALK_IN",
  "PHONE",
  "SOCIAL_MEDIA",
  "CAMPAIGN",
  "OTHER",
] as const satisfies readonly LeadSource[];
export const LEAD_STAGES = [
  "NEW",
  "CONTACTED",
  "SITE_SURVEY",
  "QUOTED",
  "WON",
  "LOST",
] as const satisfies readonly LeadStage[];
export const OPEN_STAGES = ["NEW", "CONTACTED", "SITE_SURVEY", "QUOTED"] as const satisfies readonly LeadStage[];
/** Activities a person logs; STAGE_CHANGE entries are written by the system. */
export const NOTE_KINDS = ["NOTE", "CALL", "EMAIL", "VISIT"] as const satisfies readonly LeadActivityKind[];

export const SOURCE_LABELS: Record<LeadSource, string> = {
  WEBSITE: "Website",
  REFERRAL: "Referral",
  WALK_IN: "Walk-in",
  PHONE: "Phone",
  SOCIAL_MEDIA: "Social media",
  CAMPAIGN: "Campaign",
  OTHER: "Other",
};
export const STAGE_LABELS: Record<LeadStage, string> = {
  NEW: "New",
  CONTACTED: "Contacted",
  SITE_SURVEY: "Site survey",
  QUOTED: "Quoted",
  WON: "Won",
  LOST: "Lost",
};
export const ACTIVITY_LABELS: Record<LeadActivityKind, string> = {
  NOTE: "Note",
  CALL: "Call",
  EMAIL: "E-mail",
  VISIT: "Visit",
  STAGE_CHANGE: "Stage change",
};

/**
 * Where a lead may go next. Open stages move freely among themselves (a survey can be redone)
 * or to LOST; WON is reached only by converting the lead into a customer and is final; a lost
 * lead can be reopened.
 */
export function allowedNextStages(stage: LeadStage): LeadStage[] {
  if (stage === "WON") return [];
  if (stage === "LOST") return [...OPEN_STAGES];
  return [...OPEN_STAGES.filter((s) => s !== stage), "LOST"];
}

/** A date-time from a Date, an ISO string or a datetime-local form value; empty means none. */
const optionalDateTime = z
  .preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? new Date(v) : v),
    z.date({ error: "Enter a valid date and time." }).nullable(),
  )
  .optional()
  .transform((v) => v ?? null);

const leadFields = z.object({
  name: z
    .string({ error: "Enter the contact's name." })
    .trim()
    .min(2, "Enter the contact's name.")
    .max(120, "The name can be at most 120 characters."),
  businessName: optionalText(160, "Business name"),
  email: optionalText(200, "E-mail")
    .transform((v) => v?.toLowerCase() ?? null)
    .refine((v) => v === null || z.email().safeParse(v).success, "Enter a valid e-mail address."),
  phone: optionalText(30, "Phone").refine(
    (v) => v === null || /^\+?[0-9][0-9 ()-]{5,24}$/.test(v),
    "Phone: enter digits, spaces or dashes, optionally starting with +.",
  ),
  address: optionalText(300, "Address"),
  coverageArea: optionalText(120, "Coverage area"),
  latitude: coordinate(-90, 90, "Latitude"),
  longitude: coordinate(-180, 180, "Longitude"),
  source: z.enum(LEAD_SOURCES, { error: "Choose where the lead came from." }).default("OTHER"),
  interestedPackageId: optionalText(64, "Package"),
  ownerId: optionalText(64, "Owner"),
  followUpAt: optionalDateTime,
});

function leadRules(v: z.output<typeof leadFields>, ctx: z.RefinementCtx) {
  if (!v.phone && !v.email)
    ctx.addIssue({
      code: "custom",
      path: ["phone"],
      message: "Enter a phone number or an e-mail address, so someone can follow up.",
    });
  if ((v.latitude === null) !== (v.longitude === null)) {
    ctx.addIssue({
      code: "custom",
      path: [v.latitude === null ? "latitude" : "longitude"],
      message: "Give both latitude and longitude, or neither.",
    });
  }
}

export const createLeadSchema = leadFields.superRefine(leadRules);
export const updateLeadSchema = leadFields.extend({ id }).superRefine(leadRules);

export const changeStageSchema = z
  .object({
    id,
    stage: z.enum(LEAD_STAGES, { error: "Choose a stage." }),
    lostReason: z.string().trim().max(500, "The reason can be at most 500 characters.").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.stage === "LOST" && (v.lostReason ?? "").length < 3)
      ctx.addIssue({ code: "custom", path: ["lostReason"], message: "Say why the lead was lost." });
  });

export const addActivitySchema = z.object({
  leadId: id,
  kind: z.enum(NOTE_KINDS, { error: "Choose what kind of activity this was." }).default("NOTE"),
  body: z.string().trim().min(1, "Write what happened.").max(5000, "At most 5000 characters."),
});

export const LEAD_SORTS = ["createdAt", "name", "followUpAt", "stage"] as const;

export const listLeadsSchema = z.object({
  ...pagination().shape,
  search: searchText(),
  stage: z.enum(LEAD_STAGES).optional(),
  source: z.enum(LEAD_SOURCES).optional(),
  ownerId: z.string().max(64).optional(),
  /** Only open leads whose follow-up date has come. */
  due: z.boolean().optional(),
  sort: z.enum(LEAD_SORTS).default("createdAt"),
  direction: z.enum(["asc", "desc"]).default("desc"),
});
