import { z } from "zod";
import { passwordSchema } from "../../auth/password-policy";
import type { Role } from "../../db/generated/prisma/enums";
import { ROLE_LABELS } from "../../auth/permissions";
import { id, pagination, searchText, sortDirection } from "../../lib/schema";

// Schemas are pure zod, so the browser's forms use these same rules.
export const roleSchema = z.enum(Object.keys(ROLE_LABELS) as [Role, ...Role[]], { error: "Choose a role." });

// The descriptions are the REST API's documentation of its query string (rest.ts uses this schema).
export const listUsersSchema = pagination().extend({
  search: searchText().describe("Part of a name or e-mail address."),
  role: roleSchema.optional().describe("Only users with this role."),
  sort: z.enum(["name", "email", "role", "createdAt", "lastLoginAt"]).default("name").describe("Sort column."),
  direction: sortDirection("asc"),
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

export const changeRoleSchema = z.object({ userId: id, role: roleSchema });
export const setStatusSchema = z.object({ userId: id, status: z.enum(["ACTIVE", "DISABLED"]) });
