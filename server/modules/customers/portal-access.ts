import { Conflict, Invalid } from "../../lib/errors";
import * as audit from "../audit/service";
import * as users from "../users/service";
import type { Scope } from "../scope";
import * as customers from "./service";

// A customer registered in the office gets a portal sign-in by invitation: staff send it from
// the customer's page, the customer follows the e-mailed link and chooses a password, and
// accepting links the new sign-in to this customer (registered with the users module below, so
// that users.acceptInvitation does it in its transaction). The invitation itself is the users
// module's (same e-mail, same link, same expiry); this adds the customer's rules and history.

// A customer invited by staff signs in to the portal for the customer record with their e-mail.
users.linkAcceptedAccounts("CUSTOMER", (scope, account) =>
  customers.linkPortalUserByEmail(scope, account.email, account.id),
);

/** The customer as the console's detail page shows it, with any open portal invitation. */
export async function detail(scope: Scope, id: string) {
  const customer = await customers.get(scope, id);
  const open =
    customer.email && !customer.userId ? await users.openInvitation(scope, customer.email, "CUSTOMER") : null;
  return { ...customer, portalInvitation: open ? { sentAt: open.createdAt, expiresAt: open.expiresAt } : null };
}

/** Sends (or sends again, replacing the earlier link) the portal invitation to the customer's e-mail. */
export async function invitePortal(scope: Scope, company: { slug: string; name: string }, id: string) {
  const customer = await customers.get(scope, id);
  if (customer.userId) throw new Conflict("This customer already has a portal sign-in.");
  if (!customer.email)
    throw new Invalid("Add an e-mail address first: the portal invitation is sent by e-mail.", {
      email: "Needed for the portal invitation.",
    });
  const account = await users.accountByEmail(scope, customer.email);
  if (account) {
    throw new Conflict(
      account.role === "CUSTOMER"
        ? "Someone already signs in to the portal with this e-mail address. Check the customer's e-mail, or ask them to reset their password."
        : "This e-mail address belongs to a staff account: give the customer their own e-mail address first.",
      { email: "Already has a sign-in." },
    );
  }
  // Inviting replaces the e-mail's open invitations: never a pending staff one (a Super Admin's,
  // say) that whoever sends portal invitations may not revoke.
  if (await users.openInvitation(scope, customer.email, { not: "CUSTOMER" }))
    throw new Conflict(
      "A staff invitation is waiting for this e-mail address: give the customer their own e-mail address, or revoke the staff invitation in Users first.",
      { email: "Has a pending staff invitation." },
    );
  const person = [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.displayName;
  const name = (person.trim().length >= 2 ? person.trim() : customer.email).slice(0, 120);
  const invitation = await users.invite(scope, company, { email: customer.email, name, role: "CUSTOMER" });
  await audit.record(scope, {
    action: "customer.portal_invite",
    entityType: "Customer",
    entityId: customer.id,
    after: { email: invitation.email, invitationId: invitation.id },
  });
  return { email: invitation.email, expiresAt: invitation.expiresAt };
}
