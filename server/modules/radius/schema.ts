import { z } from "zod";

// Schemas are pure zod, so the browser's forms use these same rules.

export const createKeySchema = z.object({
  name: z
    .string({ error: "Name the RADIUS server this key is for." })
    .trim()
    .min(1, "Name the RADIUS server this key is for.")
    .max(60, "Keep the name under 60 characters."),
});

export const revokeKeySchema = z.object({ id: z.string().trim().min(1).max(64) });

export type CreateKeyInput = z.input<typeof createKeySchema>;
