import { CUSTOMER_SORTS, CUSTOMER_STATUSES, CUSTOMER_TYPES } from "@/server/modules/customers/schema";
import type { ListParams, SortOptions } from "../data-list/list-params";

// The customers list's URL → `customers.list` input, shared by the list and the page that
// prefetches it (see data-list/list-params.ts for why they must agree).

export const CUSTOMERS_SORTING: SortOptions<(typeof CUSTOMER_SORTS)[number]> = {
  fallback: "createdAt",
  descending: ["createdAt"],
};

/** What narrows and orders the list; the CSV export takes the same. */
export function customersFilters(p: ListParams) {
  const { sort, direction } = p.sortOf(CUSTOMER_SORTS, CUSTOMERS_SORTING);
  return {
    search: p.search || undefined,
    status: p.oneOf("status", CUSTOMER_STATUSES),
    type: p.oneOf("type", CUSTOMER_TYPES),
    tag: p.get("tag") || undefined,
    sort,
    direction,
  };
}

export function customersListInput(p: ListParams) {
  return { ...customersFilters(p), page: p.page, pageSize: 25 };
}
