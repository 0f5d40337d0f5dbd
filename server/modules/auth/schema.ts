import { z } from "zod";
import { passwordSchema } from "../../auth/password-policy";

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address."),
  password: z.string().min(1, "Enter your password.").max(200),
  totp: z.string().trim().max(20).optional(),
  recoveryCode: z.string().trim().max(20).optional(),
});
export type LoginInput = z.input<typeof loginSchema>;

/** One's own profile: the name shown to colleagues and customers. */
export const updateProfileSchema = z.object({ name: z.string().trim().min(2, "Enter your name.").max(120) });

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password."),
  newPassword: passwordSchema,
});

export const requestResetSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address."),
});
export const resetPasswordSchema = z.object({ token: z.string().min(10).max(200), password: passwordSchema });
export const totpCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code from your app."),
});
export const refreshSchema = z.object({ refreshToken: z.string().min(10).max(200) });
