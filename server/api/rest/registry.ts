import * as authRest from "../../modules/auth/rest";
import * as billingRest from "../../modules/billing/rest";
import * as customersRest from "../../modules/customers/rest";
import * as depreciationRest from "../../modules/depreciation/rest";
import * as inventoryRest from "../../modules/inventory/rest";
import * as inventoryCountsRest from "../../modules/inventory/counts-rest";
import * as inventoryRmaRest from "../../modules/inventory/rma-rest";
import * as maintenanceRest from "../../modules/maintenance/rest";
import * as ipamRest from "../../modules/ipam/rest";
import * as devicesRest from "../../modules/devices/rest";
import * as nasRest from "../../modules/nas/rest";
import * as monitoringRest from "../../modules/monitoring/rest";
import * as outagesRest from "../../modules/outages/rest";
import * as packagesRest from "../../modules/packages/rest";
import * as paymentCallbacksRest from "../../modules/payments/callbacks-rest";
import * as paymentsRest from "../../modules/payments/rest";
import * as privacyRest from "../../modules/privacy/rest";
import * as radiusRest from "../../modules/radius/rest";
import * as subscriptionsRest from "../../modules/subscriptions/rest";
import * as ticketsRest from "../../modules/tickets/rest";
import * as usersRest from "../../modules/users/rest";
import { health } from "./health";
import { metrics } from "./metrics";
import { apiDocs, openApiJson } from "./reference";
import type { RestRoute } from "./route";

// Every REST endpoint, for the OpenAPI document and the reference page: one line per module,
// taking every RestRoute its server/modules/<module>/rest.ts exports. Each is also exported from
// its route file under app/api/; server/api/rest/system.test.ts fails when the two disagree.
// A function, not a constant: reference.ts imports this file and is listed in it.
export function restRoutes(): RestRoute[] {
  return [
    ...routesOf(authRest),
    ...routesOf(usersRest),
    ...routesOf(customersRest),
    ...routesOf(packagesRest),
    ...routesOf(radiusRest),
    ...routesOf(ticketsRest),
    ...routesOf(subscriptionsRest),
    ...routesOf(privacyRest),
    ...routesOf(paymentsRest),
    ...routesOf(paymentCallbacksRest),
    ...routesOf(billingRest),
    ...routesOf(ipamRest),
    ...routesOf(devicesRest),
    ...routesOf(nasRest),
    ...routesOf(monitoringRest),
    ...routesOf(outagesRest),
    ...routesOf(inventoryRest),
    ...routesOf(inventoryCountsRest),
    ...routesOf(inventoryRmaRest),
    ...routesOf(depreciationRest),
    ...routesOf(maintenanceRest),
    health,
    metrics,
    openApiJson,
    apiDocs,
  ];
}

const METHOD_ORDER = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * The routes a module exports, by path and then method (a namespace's own order is alphabetical
 * by export name, which would scatter a resource's methods over the reference).
 */
function routesOf(module: Record<string, unknown>): RestRoute[] {
  const routes = Object.values(module).filter(
    (value): value is RestRoute => typeof value === "function" && "spec" in value,
  );
  const key = (r: RestRoute) => `${r.spec.path} ${METHOD_ORDER.indexOf(r.spec.method)}`;
  return routes.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Sections of the reference, in order; a tag not listed here is appended after them. */
export const TAGS = [
  { name: "Authentication", description: "Sign in, keep the session alive with refresh tokens, and sign out." },
  { name: "Users", description: "The people of your company: staff and customer accounts." },
  { name: "Customers", description: "Your subscribers: accounts, contact and service addresses, data usage." },
  { name: "Packages", description: "What you sell: speeds, prices, promotions; subscribing a customer to a package." },
  {
    name: "Tickets",
    description:
      "Support tickets: staff work the company's queue; a customer's token sees and answers only its own tickets, never internal notes.",
  },
  {
    name: "RADIUS",
    description:
      "For your FreeRADIUS server (rlm_rest): PPPoE and hotspot logins, and usage accounting. Authenticated with a RADIUS server key.",
  },
  {
    name: "Payment providers",
    description:
      "Where Stripe and Safaricom's Daraja post payment events, on your company's address with its URL token (Billing → Payment methods). Not for your own integrations.",
  },
  {
    name: "Invoices",
    description:
      "Invoices with their lines, taxes and balances, and their PDFs: staff with billing access see the company's; a customer's token sees only its own.",
  },
  {
    name: "IPAM",
    description:
      "IP address management: sites, prefixes with their utilization, next-free addresses and delegated prefixes, IP addresses.",
  },
  {
    name: "Network",
    description:
      "Equipment and topology: devices with their interfaces and links, the customers behind any device, and outages; sessions online now, and disconnecting one; poll results (SNMP, ping) from your pollers, with a RADIUS server key.",
  },
  {
    name: "Inventory",
    description:
      "Stock and equipment: the catalogue, stock on hand per warehouse, bin and van, a unit by serial with its history, recording transfers and issues to jobs, cycle counts, RMAs with suppliers, book values and depreciation schedules, and preventive-maintenance plans.",
  },
  { name: "System", description: "Health and this reference. No token needed." },
];
