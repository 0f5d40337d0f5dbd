import { LayoutDashboard, ScrollText, Mail, Settings, Users, CircleUser, type LucideIcon } from "lucide-react";
import { Ticket } from "lucide-react";
import { Contact, Funnel } from "lucide-react";
import { Cable, ClipboardList, Package, Receipt } from "lucide-react";
import { Binary, Network, RadioTower, Router, Siren, Wifi } from "lucide-react";
import { Activity, Gauge } from "lucide-react";
import { BookOpen, Truck, Wrench } from "lucide-react";
import { CalendarClock, UsersRound } from "lucide-react";
import { ChartColumn, ChartLine, Timer } from "lucide-react";
import { Archive } from "lucide-react";
import { Boxes, Truck as Van } from "lucide-react";
import { LifeBuoy, MessageSquareText } from "lucide-react";
import { MessageSquareMore, Smartphone } from "lucide-react";
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
  {
    href: "/users",
    label: "Users",
    permission: "users:read",
    icon: Users,
    description: "Staff and customer accounts, roles and invitations.",
  },
  {
    href: "/customers",
    label: "Customers",
    permission: "customers:read",
    icon: Contact,
    description: "Subscriber accounts: contact details, service addresses, status and history.",
  },
  {
    href: "/leads",
    label: "Leads",
    permission: "leads:read",
    icon: Funnel,
    description: "The sales pipeline: prospects, follow-ups and conversion into customers.",
  },
  {
    href: "/vouchers",
    label: "Vouchers",
    permission: "vouchers:read",
    icon: Ticket,
    description: "Prepaid hotspot vouchers: print batches, see which are used, disable lost ones.",
  },
  {
    href: "/packages",
    label: "Packages",
    permission: "packages:read",
    icon: Package,
    description: "What you sell: speeds, prices, promotions and fair-use limits.",
  },
  {
    href: "/subscriptions",
    label: "Subscriptions",
    permission: "subscriptions:read",
    icon: Cable,
    description: "Every subscriber's service: status, PPPoE login and provisioning.",
  },
  {
    href: "/billing/invoices",
    label: "Billing",
    permission: "billing:read",
    icon: Receipt,
    description:
      "Invoices with the rule behind every amount, payments, bank transfers to verify and import, billing runs, tax rates and billing settings.",
  },
  {
    href: "/tickets",
    label: "Tickets",
    permission: "tickets:read",
    icon: LifeBuoy,
    description: "The support queue: customers' problems with their SLA clocks, replies, notes and who works on them.",
  },
  {
    href: "/service-requests",
    label: "Service requests",
    permission: "service_requests:read",
    icon: ClipboardList,
    description: "Upgrades, downgrades, relocations and terminations waiting for a decision.",
  },
  {
    href: "/field",
    label: "My jobs",
    permission: "work_orders:perform",
    icon: Truck,
    description:
      "Your field jobs today and next: directions, checklist, readings, photos and the customer's signature.",
  },
  {
    href: "/network/devices",
    label: "Devices",
    permission: "devices:read",
    icon: Network,
    description: "Equipment and topology: devices, interfaces, links, the map and the customers behind each device.",
  },
  {
    href: "/network/sessions",
    label: "Online sessions",
    permission: "online_sessions:read",
    icon: Wifi,
    description: "Who is online now, on which NAS and site, and disconnecting a session.",
  },
  {
    href: "/network/monitoring",
    label: "Monitoring",
    permission: "monitoring:read",
    icon: Activity,
    description:
      "Bandwidth per device, interface and site with peak hours, sessions online and their trend, top users, latency and loss, and uplink capacity.",
  },
  {
    href: "/network/nas",
    label: "NAS",
    permission: "network:read",
    icon: Router,
    description: "Routers, BNGs and hotspot gateways with their RADIUS secrets, for Disconnect and CoA requests.",
  },
  {
    href: "/network/outages",
    label: "Outages",
    permission: "outages:read",
    icon: Siren,
    description: "Devices up and down, outages with the customers they hit, status updates to them, and uptime.",
  },
  {
    href: "/network/uptime",
    label: "Uptime & SLA",
    permission: "outages:read",
    icon: Gauge,
    description: "Uptime per device and per customer line against its package's SLA, and the SLA credit report.",
  },
  {
    href: "/network/prefixes",
    label: "IP addresses",
    permission: "network:read",
    icon: Binary,
    description: "IPAM: prefixes and pools, addresses, VLANs, VRFs and sites, and allocating the next free address.",
  },
  {
    href: "/inventory",
    label: "Inventory",
    permission: "inventory:read",
    icon: Boxes,
    description:
      "Stock in warehouses and vans as a ledger, every unit by serial from delivery to the customer and back, suppliers and purchase orders.",
  },
  {
    href: "/inventory/van",
    label: "My van",
    permission: "inventory:van",
    icon: Van,
    description: "The stock you carry, with the serials of the equipment.",
  },
  {
    href: "/work-orders",
    label: "Work orders",
    permission: "work_orders:read",
    icon: Wrench,
    description: "Installations, repairs and site visits: schedule, assign and follow them.",
  },
  {
    href: "/team",
    label: "Team",
    permission: "staff:read",
    icon: UsersRound,
    description: "Staff profiles, skills, certificates, workload, and the shift planner with coverage gaps.",
  },
  {
    href: "/team/me",
    label: "My skills & shifts",
    permission: "staff:read_own",
    icon: CalendarClock,
    description: "Your skills, certificates, training and upcoming shifts.",
  },
  {
    href: "/kb",
    label: "Knowledge base",
    permission: "kb:read",
    icon: BookOpen,
    description: "How-to articles for staff and customers: search, write and publish.",
  },
  {
    href: "/audit",
    label: "Audit log",
    permission: "audit:read",
    icon: ScrollText,
    description: "Who changed what, and when.",
  },
  {
    href: "/outbox",
    label: "Outbox",
    permission: "outbox:read",
    icon: Mail,
    description: "E-mails the system has sent, such as invitations and password resets.",
  },
  {
    href: "/sms",
    label: "SMS log",
    permission: "sms:read",
    icon: MessageSquareMore,
    description: "Every SMS sent to customers, with the provider's answer: sent, or failed and why.",
  },
  {
    href: "/settings",
    label: "Settings",
    permission: "company:update",
    icon: Settings,
    description: "Company name, currency, time zone and country.",
  },
  {
    href: "/settings/retention",
    label: "Data retention",
    permission: "retention:manage",
    icon: Archive,
    description: "How long sessions, usage, the audit log and sent e-mail are kept before they are deleted.",
  },
  {
    href: "/settings/export",
    label: "Company data export",
    permission: "company:export",
    icon: Archive,
    description: "Everything your company keeps in Lastmile, as one ZIP of CSV files.",
  },
  {
    href: "/settings/radius",
    label: "RADIUS servers",
    permission: "network:manage",
    icon: RadioTower,
    description: "Keys for your FreeRADIUS servers, which check PPPoE and hotspot logins and report usage.",
  },
  {
    href: "/settings/sms",
    label: "SMS settings",
    permission: "sms:manage",
    icon: Smartphone,
    description: "Your Africa's Talking or Twilio account and sender ID, a test SMS, and the wording of each message.",
  },
  {
    href: "/tickets/settings",
    label: "Ticket settings",
    permission: "canned_responses:manage",
    icon: MessageSquareText,
    description: "Ticket categories (and the skills they need) and the canned responses your team inserts in replies.",
  },
  {
    href: "/settings/support",
    label: "Support & SLA",
    permission: "support_settings:manage",
    icon: Timer,
    description: "Response and resolution targets, business hours and holidays, escalation rules.",
  },
  {
    href: "/reports/revenue",
    label: "Revenue reports",
    permission: "billing:read",
    icon: ChartLine,
    description:
      "MRR and its movements, churn, what customers owe by age, revenue per package and area, the tax report and the accounting export.",
  },
  {
    href: "/reports/support",
    label: "Support reports",
    permission: "reports:support",
    icon: ChartColumn,
    description:
      "SLA compliance, response and resolution times, reopen rate, workload per technician and satisfaction.",
  },
  {
    href: "/account",
    label: "My account",
    permission: null,
    icon: CircleUser,
    description: "Your profile, password, two-factor authentication and devices.",
  },
];

export function consoleNavFor(permissions: readonly Permission[]): ConsoleSection[] {
  return CONSOLE_NAV.filter((item) => item.permission === null || permissions.includes(item.permission));
}
