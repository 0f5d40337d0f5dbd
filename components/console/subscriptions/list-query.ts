import { SUBSCRIPTION_STATUSES } from "@/server/modules/subscriptions/schema";
import type { ListParams } from "../data-list/list-params";

// The subscriptions list's URL → `subscriptions.list` input, shared by the list and the page
// that prefetches it (see data-list/list-params.ts for why they must agree).

export function subscriptionsListInput(p: ListParams) {
  return {
    page: p.page,
    pageSize: 25,
    status: p.oneOf("status", SUBSCRIPTION_STATUSES),
    packageId: p.get("package") || undefined,
    search: p.search || undefined,
  };
}

/** The package filter's choices: every package, archived ones too. */
export const PACKAGE_FILTER_INPUT = { archived: "all", pageSize: 100 } as const;
