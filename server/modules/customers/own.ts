import { NotFound } from "../../lib/errors";
import type { Scope } from "../scope";

// The customer record behind a portal sign-in (or a customer's REST token). Every module's
// customer-facing side starts here, so that a customer only ever reaches their own records.

/** The customer linked to the sign-in `userId`, or null when none is (yet). */
export async function customerIdOfUser(scope: Scope, userId: string): Promise<string | null> {
  const row = await scope.tx.customer.findUnique({ where: { userId }, select: { id: true } });
  return row?.id ?? null;
}

/** The signed-in customer's own record; "not found", with what to do, when the sign-in has none. */
export async function ownCustomerId(scope: Scope, userId: string): Promise<string> {
  const id = await customerIdOfUser(scope, userId);
  if (!id)
    throw new NotFound(
      "Customer",
      "This sign-in is not linked to a customer account yet. Ask your provider to link it to your customer record.",
    );
  return id;
}
