import { LayoutDashboard, ScrollText, Mail, Settings, Users, CircleUser, type LucideIcon } from "lucide-react";
import { Ticket } from "lucide-react";
import { Contact, Funnel } from "lucide-react";
import { Cable, ClipboardList, Package } from "lucide-react";
import type { Permission } from "@/server/auth/permissions";

// The console's sections and the permission each needs: the sidebar and the dashboard's cards
// both come from this list, so a section appears exactly when its page would let you in.

export interface ConsoleSection {
  href: string;
  label: string;
  /** null: every staff member. */
  permission: Permission | null;
  icon: LucideIcon;
  /** One line for the dashboard card. */
  description: string;
}

export const CONSOLE_NAV: readonly ConsoleSection[] = [
  { href: "/", label: "Dashboard", permission: null, icon: LayoutDashboard, description: "Your starting point." },
  { href: "/users", label: "Users", permission: "users:read", icon: Users, description: "Staff and customer accounts, roles and invitations." },
  { href: "/customers", label: "Customers", permission: "customers:read", icon: Contact, description: "Subscriber accounts: contact details, service addresses, status and history." },
  { href: "/leads", label: "Leads", permission: "leads:read", icon: Funnel, description: "The sales pipeline: prospects, follow-ups and conversion into customers." },
  { href: "/vouchers", label: "Vouchers", permission: "vouchers:read", icon: Ticket, description: "Prepaid hotspot vouchers: print batches, see which are used, disable lost ones." },
  { href: "/packages", label: "Packages", permission: "packages:read", icon: Package, description: "What you sell: speeds, prices, promotions and fair-use limits." },
  { href: "/subscriptions", label: "Subscriptions", permission: "subscriptions:read", icon: Cable, description: "Every subscriber's service: status, PPPoE login and provisioning." },
  { href: "/service-requests", label: "Service requests", permission: "service_requests:read", icon: ClipboardList, description: "Upgrades, downgrades, relocations and terminations waiting for a decision." },
  { href: "/audit", label: "Audit log", permission: "audit:read", icon: ScrollText, description: "Who changed what, and when." },
  { href: "/outbox", label: "Outbox", permission: "outbox:read", icon: Mail, description: "E-mails the system has sent, such as invitations and password resets." },
  { href: "/settings", label: "Settings", permission: "company:update", icon: Settings, description: "Company name, currency, time zone and country." },
  { href: "/account", label: "My account", permission: null, icon: CircleUser, description: "Your profile, password, two-factor authentication and devices." },
];

export function consoleNavFor(permissions: readonly Permission[]): ConsoleSection[] {
  return CONSOLE_NAV.filter((item) => item.permission === null || permissions.includes(item.permission));
}
