import { ownCustomerId } from "../customers/own";
import type { Scope } from "../scope";
import * as arrangements from "./arrangements";
import type { PortalArrangementInput } from "./schema";
import { customerState } from "./service";

// The signed-in customer's own dunning: what is overdue, when service would be suspended, and a
// payment arrangement they can ask for. Every call starts from the user and finds their customer.

export async function state(scope: Scope, userId: string) {
  const s = await customerState(scope, await ownCustomerId(scope, userId));
  return {
    stage: s.stage,
    currency: s.currency,
    overdueMinor: s.overdueMinor,
    openMinor: s.openMinor,
    overdueInvoices: s.overdueInvoices.map((i) => ({
      number: i.number,
      dueDate: i.dueDate,
      balanceMinor: i.balanceMinor,
    })),
    suspendOn: s.suspendOn,
    suspended: s.suspendedSubscriptionIds.length > 0,
    arrangement: s.arrangement && {
      kind: s.arrangement.kind,
      status: s.arrangement.status,
      instalments: s.arrangement.instalments,
    },
  };
}

export async function requestArrangement(scope: Scope, userId: string, input: PortalArrangementInput) {
  const a = await arrangements.request(scope, await ownCustomerId(scope, userId), input);
  return { kind: a.kind, status: a.status, instalments: a.instalments };
}
