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
  "customers:read",
  "customers:create",
  "customers:update",
  "customers:delete",
  "customers:import",
  "customers:export",
  "leads:read",
  "leads:manage",
  "packages:read",
  "packages:manage",
  "subscriptions:read",
  "subscriptions:manage",
  "subscriptions:activate",
  "service_requests:read",
  "service_requests:decide",
  "vouchers:read",
  "vouchers:manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const STAFF_BASE: Permission[] = ["company:read", "sessions:manage_own", "profile:manage_own"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  SUPER_ADMIN: PERMISSIONS.filter((p) => p !== "portal:access"),
  // Network infrastructure: defines what packages deliver, provisions and runs hotspots.
  NETWORK_ADMIN: [...STAFF_BASE, "customers:read", "packages:read", "packages:manage", "subscriptions:read", "subscriptions:activate", "service_requests:read", "vouchers:read", "vouchers:manage"],
  // Customers, sales pipeline, service changes, team oversight.
  CUSTOMER_SERVICE_MANAGER: [
    ...STAFF_BASE,
    "users:read",
    "customers:read",
    "customers:create",
    "customers:update",
    "customers:delete",
    "customers:import",
    "customers:export",
    "leads:read",
    "leads:manage",
    "packages:read",
    "subscriptions:read",
    "subscriptions:manage",
    "subscriptions:activate",
    "service_requests:read",
    "service_requests:decide",
    "vouchers:read",
    "vouchers:manage",
  ],
  // Front-line support: registers customers, activates service, sells vouchers.
  TECHNICAL_SUPPORT: [...STAFF_BASE, "customers:read", "customers:create", "customers:update", "leads:read", "packages:read", "subscriptions:read", "subscriptions:manage", "subscriptions:activate", "service_requests:read", "vouchers:read"],
  // On site: needs the customer's address and what to install.
  FIELD_TECHNICIAN: [...STAFF_BASE, "customers:read", "subscriptions:read"],
  // Account management and revenue: customers' billing details, exports.
  BILLING_ADMIN: [...STAFF_BASE, "customers:read", "customers:update", "customers:export", "packages:read", "subscriptions:read", "service_requests:read", "vouchers:read"],
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
