import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { pageSchema, queryOf } from "../../lib/schema";
import { PERMISSIONS } from "../../auth/permissions";
import { Role, UserStatus } from "../../db/generated/prisma/enums";
import { listUsersSchema } from "./schema";
import * as users from "./service";

// REST endpoints of the users module; the rules live in service.ts, shared with tRPC.

const role = z.enum(Role);
const timestamp = z.iso.datetime();

export const me = defineRoute({
  method: "GET",
  path: "/api/me",
  summary: "The user behind the access token",
  description: "Who the token acts for, in which company, and what it may do.",
  tags: ["Users"],
  auth: "bearer",
  permission: "profile:manage_own",
  response: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role,
    permissions: z.array(z.enum(PERMISSIONS)),
    twoFactorEnabled: z.boolean(),
    company: z.object({ name: z.string(), slug: z.string() }),
  }),
  handler: async ({ viewer, company }) => ({
    id: viewer.userId,
    email: viewer.email,
    name: viewer.name,
    role: viewer.role,
    permissions: viewer.permissions,
    twoFactorEnabled: viewer.twoFactorEnabled,
    company: { name: company.name, slug: company.slug },
  }),
});

export const list = defineRoute({
  method: "GET",
  path: "/api/users",
  summary: "List the company's users",
  description: "Staff and customer accounts of this company, a page at a time.",
  tags: ["Users"],
  auth: "bearer",
  permission: "users:read",
  query: queryOf(listUsersSchema),
  response: pageSchema(
    z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      role,
      status: z.enum(UserStatus),
      twoFactorEnabled: z.boolean(),
      lastLoginAt: timestamp.nullable(),
      createdAt: timestamp,
    }),
  ),
  handler: async ({ scope, query }) => {
    const result = await users.list(scope, query);
    return {
      ...result,
      rows: result.rows.map(({ totpEnabledAt, ...row }) => ({ ...row, twoFactorEnabled: !!totpEnabledAt })),
    };
  },
});
