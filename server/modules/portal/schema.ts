import { z } from "zod";
import { passwordSchema } from "../../auth/password-policy";
import { CONTACT_CHANNELS, CUSTOMER_STATUSES, CUSTOMER_TYPES } from "../customers/schema";

// Online sign-up from the customer portal. Pure zod: the browser's form uses it too.
export const portalRegistrationSchema = z.object({
  firstName: z.string().trim().min(1, "Enter your first name.").max(80),
  lastName: z.string().trim().min(1, "Enter your last name.").max(80),
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address."),
  phone: z
    .string()
    .trim()
    .min(7, "Enter a phone number we can call.")
    .max(30)
    .regex(/^[+\d][\d\s()-]*$/, "Use digits, spaces and an optional leading +."),
  serviceAddress: z.string().trim().min(5, "Enter the address where you want the service installed.").max(500),
  packageId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  password: passwordSchema,
});
export type PortalRegistrationInput = z.input<typeof portalRegistrationSchema>;

export const resendVerificationSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address."),
});

const SELF_SERVICE_KINDS = ["UPGRADE", "DOWNGRADE", "RELOCATION", "TERMINATION"] as const;

/** What a customer may ask for in the portal about one of their subscriptions. */
export const portalChangeRequestSchema = z
  .object({
    subscriptionId: z.string().min(1, "Choose the service.").max(64),
    kind: z.enum(SELF_SERVICE_KINDS, { error: "Choose what you would like to change." }),
    packageId: z
      .string()
      .max(64)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    newAddress: z.string().trim().max(500).optional(),
    effectiveDate: z.iso.date("Enter the date as YYYY-MM-DD."),
    note: z.string().trim().max(1000).optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.kind === "UPGRADE" || r.kind === "DOWNGRADE") && !r.packageId)
      ctx.addIssue({ code: "custom", path: ["packageId"], message: "Choose the package you want." });
    if (r.kind === "RELOCATION" && (!r.newAddress || r.newAddress.length < 5))
      ctx.addIssue({ code: "custom", path: ["newAddress"], message: "Enter the new installation address." });
  });

/** Contact details and preferences a customer keeps up to date themselves. */
export const portalContactSchema = z.object({
  phone: z
    .string()
    .trim()
    .min(7, "Enter a phone number we can call.")
    .max(30)
    .regex(/^[+\d][\d\s()-]*$/, "Use digits, spaces and an optional leading +."),
  altPhone: z
    .string()
    .trim()
    .max(30)
    .regex(/^([+\d][\d\s()-]*)?$/, "Use digits, spaces and an optional leading +.")
    .optional(),
  billingAddress: z.string().trim().max(500).optional(),
  contactChannel: z.enum(["EMAIL", "SMS", "PHONE", "WHATSAPP"], { error: "Choose how we should contact you." }),
  paperlessBilling: z.boolean(),
});

/**
 * What the portal shows a customer of their own record (its id included, theirs to refer to).
 * Staff-only fields (notes, tags, tax id, ID document, location, the company and sign-in ids) are
 * never sent: parsing strips every key not named here, and
 * self-service.test.ts fails when the portal starts returning a field not allowed here.
 */
export const portalCustomerSchema = z.object({
  id: z.string(),
  accountNo: z.string(),
  displayName: z.string(),
  type: z.enum(CUSTOMER_TYPES),
  status: z.enum(CUSTOMER_STATUSES),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  businessName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  altPhone: z.string().nullable(),
  serviceAddress: z.string().nullable(),
  billingAddress: z.string().nullable(),
  contactChannel: z.enum(CONTACT_CHANNELS),
  language: z.string(),
  paperlessBilling: z.boolean(),
});
export type PortalCustomer = z.output<typeof portalCustomerSchema>;
