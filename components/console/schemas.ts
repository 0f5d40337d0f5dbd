import { z } from "zod";

// Browser-side copies of the server's form rules (the server's schema files import server-only
// code, so they cannot be bundled). Same rules, same words; the server still has the last say
// and its field errors are shown on the same fields.

export const emailRule = z.string().trim().toLowerCase().email("Enter a valid e-mail address.");

export const passwordRule = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), "Use letters and at least one digit.");

export const PASSWORD_HINT = "At least 10 characters, with letters and at least one digit.";

export const inviteFormSchema = z.object({
  name: z.string().trim().min(2, "Enter the person's name.").max(120, "Use at most 120 characters."),
  email: emailRule,
  role: z.string().min(1, "Choose a role."),
});

export const profileFormSchema = z.object({
  name: z.string().trim().min(2, "Enter your name.").max(120, "Use at most 120 characters."),
});

export const changePasswordFormSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: passwordRule,
    confirmPassword: z.string().min(1, "Repeat the new password."),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." });

export const companySettingsFormSchema = z.object({
  name: z.string().trim().min(2, "Enter the company's name.").max(120, "Use at most 120 characters."),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "Choose a valid ISO currency code (e.g. USD, KES, EUR)."),
  timeZone: z.string().trim().min(1, "Choose a valid time zone (e.g. Africa/Nairobi)."),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "Use the two-letter country code (e.g. KE, US)."),
});

export const RESERVED_SLUGS = ["www", "api", "app", "admin", "platform", "mail", "portal", "static", "assets", "status", "help", "docs"];

export const slugRule = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lowercase letters, digits and hyphens, starting and ending with a letter or digit.")
  .refine((s) => !RESERVED_SLUGS.includes(s), "This address is reserved; choose another.");

export const registerFormSchema = companySettingsFormSchema.extend({
  slug: slugRule,
  adminName: z.string().trim().min(2, "Enter your name.").max(120, "Use at most 120 characters."),
  adminEmail: emailRule,
  password: passwordRule,
});

/** "Acme Fiber Ltd." → "acme-fiber-ltd" (a suggestion for the company's address). */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}
