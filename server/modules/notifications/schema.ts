import { z } from "zod";
import { pagination } from "../../lib/schema";

// Pure zod: the bell's list and the "mark read" calls validate with the same rules in the
// browser and on the server.

export const listNotificationsSchema = z.object({
  ...pagination({ size: 10, max: 50 }).shape,
  unreadOnly: z.boolean().default(false),
});

export const markReadSchema = z.object({
  ids: z
    .array(z.string().min(1).max(64))
    .min(1, "Choose at least one notification.")
    .max(200, "At most 200 notifications at once."),
});

/** What a caller of notify() passes: who, what, and where the notification leads. */
export const notifySchema = z.object({
  userIds: z.array(z.string().min(1).max(64)).max(500),
  kind: z.string().trim().min(1).max(60),
  title: z.string().trim().min(1, "A notification needs a title.").max(200),
  body: z.string().trim().max(2000).optional(),
  // A path inside the app ("/tickets/…"): never another host, so a notification cannot send
  // someone off-site.
  link: z
    .string()
    .max(500)
    .refine(
      (v) => v.startsWith("/") && !v.startsWith("//"),
      "A notification link must be a path in the app, like /tickets/123.",
    )
    .optional(),
  email: z.boolean().optional(),
});
export type NotifyInput = z.input<typeof notifySchema>;
