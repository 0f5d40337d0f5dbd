import { z } from "zod";
import type { SiteStatus } from "../../db/generated/prisma/enums";
import { id, optionalText, pagination, searchText } from "../../lib/schema";
import { coordinate } from "../customers/schema";

// Sites (POPs): pure zod, shared by the console's forms, the REST routes and the service.

export const SITE_STATUSES = [
  "PLANNED",
  "ACTIVE",
  "DECOMMISSIONING",
  "RETIRED",
] as const satisfies readonly SiteStatus[];
export const SITE_STATUS_LABELS: Record<SiteStatus, string> = {
  PLANNED: "Planned",
  ACTIVE: "Active",
  DECOMMISSIONING: "Decommissioning",
  RETIRED: "Retired",
};

const slug = z
  .string({ error: "Slug must be text." })
  .trim()
  .toLowerCase()
  .min(1, "Give the site a slug.")
  .max(60, "Slug can be at most 60 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Slug may contain lower-case letters, digits and single hyphens.");

export const siteFields = z.object({
  name: z
    .string({ error: "Name must be text." })
    .trim()
    .min(1, "Give the site a name.")
    .max(120, "Name can be at most 120 characters."),
  slug,
  code: optionalText(20, "Code").transform((v) => (v ? v.toUpperCase() : v)),
  address: optionalText(300, "Address"),
  latitude: coordinate(-90, 90, "Latitude"),
  longitude: coordinate(-180, 180, "Longitude"),
  status: z.enum(SITE_STATUSES, { error: "Choose a status." }).default("ACTIVE"),
  description: optionalText(2000, "Description"),
});

export const createSiteSchema = siteFields;
export const updateSiteSchema = siteFields.extend({ id });

export const listSitesSchema = pagination().extend({
  search: searchText().describe("Matches name, slug, code or address."),
  status: z.enum(SITE_STATUSES).optional().describe("Only sites in this status."),
});

/** A slug made from a name: what the form proposes until the user edits it. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}
