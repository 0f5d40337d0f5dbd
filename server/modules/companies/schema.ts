import { z } from "zod";
import { passwordSchema } from "../../auth/password-policy";

export const RESERVED_SLUGS = [
  "www",
  "api",
  "app",
  "admin",
  "platform",
  "mail",
  "portal",
  "static",
  "assets",
  "status",
  "help",
  "docs",
];

const timeZones = new Set(Intl.supportedValuesOf("timeZone").concat("UTC"));
const currencies = new Set(Intl.supportedValuesOf("currency"));

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(
    /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    "Use lowercase letters, digits and hyphens, starting and ending with a letter or digit.",
  )
  .refine((s) => !RESERVED_SLUGS.includes(s), "This address is reserved; choose another.");

export const companySettingsSchema = z.object({
  name: z.string().trim().min(2, "Enter the company's name.").max(120),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => currencies.has(c), "Choose a valid ISO currency code (e.g. USD, KES, EUR)."),
  timeZone: z
    .string()
    .trim()
    .refine((t) => timeZones.has(t), "Choose a valid time zone (e.g. Africa/Nairobi)."),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use the two-letter country code (e.g. KE, US)."),
});

export const registerCompanySchema = companySettingsSchema.extend({
  slug: slugSchema,
  adminName: z.string().trim().min(2, "Enter your name.").max(120),
  adminEmail: z.string().trim().toLowerCase().email("Enter a valid e-mail address."),
  password: passwordSchema,
});

export type RegisterCompanyInput = z.input<typeof registerCompanySchema>;
export type CompanySettingsInput = z.input<typeof companySettingsSchema>;
