// A portal sign-in for a customer made by an e2e set-up script: the CUSTOMER user an accepted
// portal invitation ends in (audited, linked to the customer), made at once with a known password.
import { hashPassword } from "../server/auth/password";
import { newId } from "../server/lib/ids";
import * as audit from "../server/modules/audit/service";
import * as customers from "../server/modules/customers/service";
import type { Scope } from "../server/modules/scope";

export async function givePortalSignIn(
  scope: Scope,
  customer: { id: string; name: string },
  email: string,
  password: string,
) {
  const user = await scope.tx.user.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      email,
      name: customer.name,
      role: "CUSTOMER",
      passwordHash: await hashPassword(password),
    },
  });
  await audit.record(scope, {
    action: "user.create",
    entityType: "User",
    entityId: user.id,
    after: { email, role: "CUSTOMER" },
  });
  await customers.linkPortalUser(scope, customer.id, user.id);
}
