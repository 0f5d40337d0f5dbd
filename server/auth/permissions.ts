// The single source of truth for who may do what. Permissions are `resource:action` strings;
// every tRPC procedure and REST endpoint declares one, and the console's navigation and
// buttons ask the same table. Later modules add their permissions here and nowhere else.
import type { Role } from "../db/generated/prisma/enums";

export const PERMISSIONS = [
  "company:read",
  "company:update",
  "users:read",
  "users:invite",
  "users:update",
  "audit:read",
  "outbox:read",
  "sessions:manage_own",
  "profile:manage_own",
  "portal:access",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const STAFF_BASE: Permission[] = ["company:read", "sessions:manage_own", "profile:manage_own"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  SUPER_ADMIN: PERMISSIONS.filter((p) => p !== "portal:access"),
  NETWORK_ADMIN: [...STAFF_BASE],
  CUSTOMER_SERVICE_MANAGER: [...STAFF_BASE, "users:read"],
  TECHNICAL_SUPPORT: [...STAFF_BASE],
  FIELD_TECHNICIAN: [...STAFF_BASE],
  BILLING_ADMIN: [...STAFF_BASE],
  CUSTOMER: ["portal:access", "sessions:manage_own", "profile:manage_own"],
};

export const ROLE_LABELS: Record<Role, string> = {
  SUPER_ADMIN: "Super Admin",
  NETWORK_ADMIN: "Network Administrator",
  CUSTOMER_SERVICE_MANAGER: "Customer Service Manager",
  TECHNICAL_SUPPORT: "Technical Support",
  FIELD_TECHNICIAN: "Field Technician",
  BILLING_ADMIN: "Billing Administrator",
  CUSTOMER: "Customer",
};

export const STAFF_ROLES = (Object.keys(ROLE_LABELS) as Role[]).filter((r) => r !== "CUSTOMER");

/** Roles that must enrol TOTP two-factor authentication before they can do anything else. */
export const TWO_FACTOR_REQUIRED_ROLES: readonly Role[] = ["SUPER_ADMIN", "BILLING_ADMIN"];

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}
