import { ownCustomerId } from "../customers/own";
import type { Scope } from "../scope";
import * as topUps from "./top-ups";
import * as view from "./view";

// The customer's side: every function starts from the signed-in user and finds *their* customer
// record, so a customer sees and tops up only their own subscriptions.

export async function usage(scope: Scope, userId: string) {
  return view.forCustomer(scope, await ownCustomerId(scope, userId));
}

export async function buy(scope: Scope, userId: string, input: unknown) {
  return topUps.buy(scope, input, { customerId: await ownCustomerId(scope, userId), userId });
}
