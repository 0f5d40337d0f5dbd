import { z } from "zod";
import { passwordSchema } from "../../auth/password-policy";
import { customerSelfSchema } from "../customers/schema";

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
 * What the portal shows a customer of their own record (its id included, theirs to refer to):
 * the customers module's self view, so staff-only fields are never sent; self-service.test.ts
 * fails when the portal starts returning a field not allowed there.
 */
export const portalCustomerSchema = customerSelfSchema;
export type PortalCustomer = z.output<typeof portalCustomerSchema>;
