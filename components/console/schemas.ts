import { z } from "zod";
import { changePasswordSchema, resetPasswordSchema, updateProfileSchema } from "@/server/modules/auth/schema";
import { companySettingsSchema, registerCompanySchema } from "@/server/modules/companies/schema";
import { bodySchema, csatCommentSchema, ratingSchema } from "@/server/modules/tickets/schema";
import { acceptInvitationSchema, inviteSchema } from "@/server/modules/users/schema";

// The browser's forms validate with the server modules' own zod schemas (pure zod files, so
// they may be bundled); only what exists in the form alone (a repeated password) is added here.

export { PASSWORD_HINT } from "@/server/auth/password-policy";
export const inviteFormSchema = inviteSchema;
export const profileFormSchema = updateProfileSchema;
export const companySettingsFormSchema = companySettingsSchema;
export const registerFormSchema = registerCompanySchema;

export const changePasswordFormSchema = changePasswordSchema
  .extend({ confirmPassword: z.string().min(1, "Repeat the new password.") })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

/** Choosing a password after a reset link, typed twice. */
export const resetPasswordFormSchema = resetPasswordSchema
  .extend({ confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same." });

/** Accepting an invitation: a name and a password typed twice. */
export const acceptInvitationFormSchema = acceptInvitationSchema
  .extend({ confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same." });

/** A reply or note on a ticket (its files travel beside the form, as upload ids). */
export const replyFormSchema = z.object({ body: bodySchema });

/** "How did we do?": the stars and the optional comment, for the portal and the e-mailed link alike. */
export const ratingFormSchema = z.object({ rating: ratingSchema, comment: csatCommentSchema });

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
