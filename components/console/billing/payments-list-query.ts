import { PAYMENT_METHODS, PAYMENT_STATUSES } from "@/server/modules/payments/schema";
import type { ListParams, SortOptions } from "../data-list/list-params";

// The payments list's URL → `payments.list` input, shared by the list and its page.

export const PAYMENT_SORTS = ["createdAt", "amountMinor", "receiptNumber"] as const;
export const PAYMENT_FILTERS = [...PAYMENT_STATUSES, "UNMATCHED"] as const;
export const PAYMENTS_SORTING: SortOptions<(typeof PAYMENT_SORTS)[number]> = {
  fallback: "createdAt",
  descending: ["createdAt", "amountMinor", "receiptNumber"],
};

export function paymentsListInput(p: ListParams) {
  const { sort, direction } = p.sortOf(PAYMENT_SORTS, PAYMENTS_SORTING);
  return {
    page: p.page,
    pageSize: 25,
    search: p.search || undefined,
    status: p.oneOf("status", PAYMENT_FILTERS),
    method: p.oneOf("method", PAYMENT_METHODS),
    sort,
    direction,
  };
}
