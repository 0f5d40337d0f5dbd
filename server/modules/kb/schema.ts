import { z } from "zod";
import type { ArticleVisibility } from "../../db/generated/prisma/enums";
import { id, optionalId, pagination, searchText } from "../../lib/schema";

// Knowledge base: categories and markdown articles. Pure zod, so the console's editor validates
// with exactly the rules the server applies.

export const VISIBILITIES = ["PUBLIC", "INTERNAL"] as const satisfies readonly ArticleVisibility[];
export const VISIBILITY_LABELS: Record<ArticleVisibility, string> = {
  PUBLIC: "Public (customers too)",
  INTERNAL: "Internal (staff only)",
};
export const ARTICLE_STATES = ["published", "draft"] as const;
export const STATE_LABELS: Record<(typeof ARTICLE_STATES)[number], string> = { published: "Published", draft: "Draft" };

/** "Restart your router (2026)!" → "restart-your-router-2026": the article's address in the portal. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)
    .replace(/-+$/g, "");
}

export const saveCategorySchema = z.object({
  id: id.optional(),
  name: z
    .string({ error: "Enter a name." })
    .trim()
    .min(2, "The name needs at least 2 characters.")
    .max(80, "The name can be at most 80 characters."),
});

export const moveCategorySchema = z.object({ id, direction: z.enum(["up", "down"]) });

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const articleFields = z.object({
  title: z
    .string({ error: "Enter a title." })
    .trim()
    .min(3, "The title needs at least 3 characters.")
    .max(200, "The title can be at most 200 characters."),
  /** Empty: made from the title. */
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(100, "The address can be at most 100 characters.")
    .nullish()
    .transform((v) => v || null)
    .refine(
      (v) => v === null || SLUG_RE.test(v),
      "Use lower-case letters, digits and single dashes, e.g. restart-your-router.",
    ),
  body: z
    .string({ error: "Write the article." })
    .trim()
    .min(10, "Write at least a sentence.")
    .max(50_000, "The article can be at most 50,000 characters."),
  categoryId: optionalId,
  visibility: z.enum(VISIBILITIES, { error: "Choose public or internal." }).default("INTERNAL"),
  /** Published articles are searchable (public ones also in the portal); drafts only by staff. */
  published: z.boolean().default(false),
});

export const createArticleSchema = articleFields;
export const updateArticleSchema = articleFields.extend({ id });
export type ArticleInput = z.input<typeof createArticleSchema>;

export const listArticlesSchema = z.object({
  search: searchText(200),
  /** A category id, or "none" for articles without one. */
  categoryId: z.string().max(64).optional(),
  state: z.enum(ARTICLE_STATES).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  ...pagination().shape,
});

export const suggestSchema = z.object({
  text: z.string().max(2_000),
  limit: z.number().int().min(1).max(10).default(5),
});

/** The portal's help centre: search and/or one category. */
export const helpSearchSchema = z.object({
  search: searchText(200),
  categoryId: z.string().max(64).optional(),
});

export const slugInputSchema = z.object({ slug: z.string().trim().min(1).max(100) });
