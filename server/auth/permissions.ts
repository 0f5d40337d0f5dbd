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
  // Data retention (how long sessions, usage, audit entries and sent e-mail are kept): Super Admin only.
  "retention:manage",
  // All of the company's data as one archive (Settings → Company data export): Super Admin only.
  "company:export",
  "sessions:manage_own",
  "profile:manage_own",
  "portal:access",
  "customers:read",
  "customers:create",
  "customers:update",
  "customers:delete",
  "customers:import",
  "customers:export",
  // Data protection (GDPR): one customer's full data export, and erasure by anonymisation.
  "privacy:export",
  "privacy:erase",
  "leads:read",
  "leads:manage",
  "packages:read",
  "packages:manage",
  "subscriptions:read",
  "subscriptions:manage",
  "subscriptions:activate",
  // Assign, change or release a subscription's static IP (network administrators), nothing else of it.
  "subscriptions:set_address",
  "service_requests:read",
  "service_requests:decide",
  "vouchers:read",
  "vouchers:manage",
  // Network inventory (sites, IPAM, equipment): read by support and customer service, changed by
  // network administrators. network:manage also covers the RADIUS server keys.
  "network:read",
  "network:manage",
  // Equipment and topology (device types, devices, interfaces, links, customers behind a device):
  // network administrators manage; support and customer service read them all (read_all); field
  // technicians read only the devices named on their own jobs (devices:read without read_all).
  "devices:read",
  "devices:read_all",
  "devices:manage",
  // Live sessions (who is online now, from RADIUS accounting) and sending a Disconnect-Request to
  // one: network administrators and technical support, who work the customer's "it doesn't work".
  // The NAS registry itself (and its shared secrets) is network:manage.
  "online_sessions:read",
  "online_sessions:disconnect",
  // Outages (device up/down board, outages, status updates to customers, uptime and SLA reports):
  // network administrators manage them; technical support reads them while working tickets.
  "outages:read",
  "outages:manage",
  // Monitoring dashboards (bandwidth per device / interface / site, sessions trend, top users,
  // latency and loss, capacity planning): network administrators (and super admins).
  "monitoring:read",
  // Support and field operations (SLA): everyone's own bell; SLA/calendar/escalation settings; support reports.
  "notifications:manage_own",
  "support_settings:manage",
  "reports:support",
  // Field work orders: read (a technician sees only their own), manage (create, schedule, assign,
  // cancel), perform (status, checklist, measurements, confirmation: only one's own unless manager).
  "work_orders:read",
  "work_orders:manage",
  "work_orders:perform",
  // Knowledge base: every staff member reads; managers and support write.
  "kb:read",
  "kb:manage",
  // Staff profiles, skills, certifications and shifts: managers read the team, SUPER_ADMIN and
  // customer service managers change it; everyone on the staff reads their own profile and shifts.
  "staff:read",
  "staff:manage",
  "staff:read_own",
  // Tickets: read (only those assigned to or watched by you, unless tickets:read_all: the whole
  // queue); create on a customer's behalf; reply publicly and move a ticket through its workflow;
  // write internal notes; manage (assign, priority, merge, links, re-route, others' watching);
  // canned responses and ticket categories. Customers reach their own tickets through the portal
  // procedures (portal:access), never through these.
  "tickets:read",
  "tickets:read_all",
  "tickets:create",
  "tickets:reply",
  "tickets:internal_notes",
  "tickets:manage",
  "canned_responses:manage",
  "ticket_categories:manage",
  // SMS: the company's provider account, templates and test message (manage); the SMS log of what
  // customers were sent (read): those who answer "I never got the reminder" and "what did we tell them".
  "sms:read",
  "sms:manage",
  // Billing: invoices, billing runs, billing settings and tax rates. Billing administrators (and
  // SUPER_ADMIN) manage them; customer service managers read them; nobody else sees them.
  "billing:read",
  "billing:manage",
  // Inventory (catalogue, stock in warehouses and vans, serialized assets, suppliers, purchase
  // orders): network administrators manage it; billing administrators read it with its costs;
  // field technicians (inventory:van) see and move only the stock in their own van.
  "inventory:read",
  "inventory:manage",
  "inventory:van",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const STAFF_BASE: Permission[] = [
  "company:read",
  "sessions:manage_own",
  "profile:manage_own",
  "notifications:manage_own",
  "staff:read_own",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  SUPER_ADMIN: PERMISSIONS.filter((p) => p !== "portal:access"),
  // Network infrastructure: defines what packages deliver, provisions and runs hotspots.
  // network:manage: the credentials our FreeRADIUS servers use to call the API (RADIUS server keys).
  NETWORK_ADMIN: [
    ...STAFF_BASE,
    "customers:read",
    "packages:read",
    "packages:manage",
    "subscriptions:read",
    "subscriptions:activate",
    "subscriptions:set_address",
    "service_requests:read",
    "vouchers:read",
    "vouchers:manage",
    "network:read",
    "network:manage",
    "devices:read",
    "devices:read_all",
    "devices:manage",
    "online_sessions:read",
    "online_sessions:disconnect",
    "outages:read",
    "outages:manage",
    "monitoring:read",
    "work_orders:read",
    "work_orders:manage",
    "work_orders:perform",
    "kb:read",
    "staff:read",
    "tickets:read",
    "tickets:read_all",
    "tickets:internal_notes",
    "inventory:read",
    "inventory:manage",
    "inventory:van",
  ],
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
    "privacy:export",
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
    "network:read",
    "devices:read",
    "devices:read_all",
    // Suspending a customer is theirs too: they see whether the live session was cut.
    "online_sessions:read",
    "support_settings:manage",
    "reports:support",
    "work_orders:read",
    "work_orders:manage",
    "work_orders:perform",
    "kb:read",
    "kb:manage",
    "staff:read",
    "staff:manage",
    "tickets:read",
    "tickets:read_all",
    "tickets:create",
    "tickets:reply",
    "tickets:internal_notes",
    "tickets:manage",
    "canned_responses:manage",
    "ticket_categories:manage",
    "sms:read",
    "billing:read",
  ],
  // Front-line support: registers customers, activates service, sells vouchers.
  TECHNICAL_SUPPORT: [
    ...STAFF_BASE,
    "customers:read",
    "customers:create",
    "customers:update",
    "leads:read",
    "packages:read",
    "subscriptions:read",
    "subscriptions:manage",
    "subscriptions:activate",
    "service_requests:read",
    "vouchers:read",
    "network:read",
    "devices:read",
    "devices:read_all",
    "online_sessions:read",
    "online_sessions:disconnect",
    "outages:read",
    "work_orders:read",
    "work_orders:manage",
    "work_orders:perform",
    "kb:read",
    "kb:manage",
    "tickets:read",
    "tickets:read_all",
    "tickets:create",
    "tickets:reply",
    "tickets:internal_notes",
    "tickets:manage",
  ],
  // On site: needs the customer's address and what to install.
  FIELD_TECHNICIAN: [
    ...STAFF_BASE,
    "customers:read",
    "subscriptions:read",
    "devices:read",
    "work_orders:read",
    "work_orders:perform",
    "kb:read",
    "tickets:read",
    "tickets:reply",
    "tickets:internal_notes",
    "inventory:van",
  ],
  // Account management and revenue: customers' billing details, exports.
  BILLING_ADMIN: [
    ...STAFF_BASE,
    "customers:read",
    "customers:update",
    "customers:export",
    "packages:read",
    "subscriptions:read",
    "service_requests:read",
    "vouchers:read",
    "kb:read",
    "tickets:read",
    "tickets:read_all",
    "tickets:create",
    "tickets:reply",
    "tickets:internal_notes",
    "sms:read",
    "billing:read",
    "billing:manage",
    "inventory:read",
  ],
  CUSTOMER: ["portal:access", "sessions:manage_own", "profile:manage_own", "notifications:manage_own"],
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
