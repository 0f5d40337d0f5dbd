import { z } from "zod";

// The password rule, shared by the server's schemas and the browser's forms (pure zod: this
// file is allowed in client bundles; see server/api/architecture.test.ts).
export const PASSWORD_HINT = "At least 10 characters, with letters and at least one digit.";

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), "Use letters and at least one digit.");
