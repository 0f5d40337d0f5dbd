import { z } from "zod";
import { passwordSchema } from "../../auth/password-policy";
import type { Role } from "../../db/generated/prisma/enums";
import { ROLE_LABELS } from "../../auth/permissions";

// Schemas are pure zod, so the browser's forms use these same rules.
export const roleSchema = z.enum(Object.keys(ROLE_LABELS) as [Role, ...Role[]], { error: "Choose a role." });

export const listUsersSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  search: z.string().trim().max(100).optional(),
  role: roleSchema.optional(),
  sort: z.enum(["name", "email", "role", "createdAt", "lastLoginAt"]).default("name"),
  direction: z.enum(["asc", "desc"]).default("asc"),
});

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address."),
  name: z.string().trim().min(2, "Enter the person's name.").max(120),
  role: roleSchema,
});

export const acceptInvitationSchema = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().min(2, "Enter your name.").max(120),
  password: passwordSchema,
});

export const changeRoleSchema = z.object({ userId: z.string().min(1).max(64), role: roleSchema });
export const setStatusSchema = z.object({ userId: z.string().min(1).max(64), status: z.enum(["ACTIVE", "DISABLED"]) });
