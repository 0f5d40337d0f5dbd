import * as authRest from "../../modules/auth/rest";
import * as customersRest from "../../modules/customers/rest";
import * as packagesRest from "../../modules/packages/rest";
import * as radiusRest from "../../modules/radius/rest";
import * as subscriptionsRest from "../../modules/subscriptions/rest";
import * as ticketsRest from "../../modules/tickets/rest";
import * as usersRest from "../../modules/users/rest";
import { health } from "./health";
import { apiDocs, openApiJson } from "./reference";
import type { RestRoute } from "./route";

// Every REST endpoint, for the OpenAPI document and the reference page. A module's endpoints
// are defined in server/modules/<module>/rest.ts, exported from its route file under app/api/,
// and listed here; server/api/rest/registry.test.ts fails when the two disagree.
// A function, not a constant: reference.ts imports this file and is listed in it.
export function restRoutes(): RestRoute[] {
  return [
    authRest.login,
    authRest.refresh,
    authRest.logout,
    usersRest.me,
    usersRest.list,
    customersRest.list,
    customersRest.create,
    customersRest.get,
    customersRest.update,
    customersRest.remove,
    customersRest.usage,
    packagesRest.list,
    packagesRest.create,
    packagesRest.get,
    packagesRest.update,
    packagesRest.remove,
    subscriptionsRest.subscribe,
    radiusRest.authorize,
    radiusRest.postAuth,
    radiusRest.accounting,
    ticketsRest.categories,
    ticketsRest.list,
    ticketsRest.create,
    ticketsRest.get,
    ticketsRest.update,
    ticketsRest.addComment,
    health,
    openApiJson,
    apiDocs,
  ];
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
  { name: "System", description: "Health and this reference. No token needed." },
];
