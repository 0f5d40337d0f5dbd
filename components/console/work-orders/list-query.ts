import { WORK_ORDER_KINDS, WORK_ORDER_SORTS, WORK_ORDER_STATUSES } from "@/server/modules/work-orders/schema";
import type { ListParams, SortOptions } from "../data-list/list-params";

// The work-order list's URL → `workOrders.list` input, shared by the list and the page that
// prefetches it (see data-list/list-params.ts for why they must agree).

export const STATUS_FILTERS = ["open", ...WORK_ORDER_STATUSES] as const;

export const WORK_ORDERS_SORTING: SortOptions<(typeof WORK_ORDER_SORTS)[number]> = {
  fallback: "windowStart",
  descending: ["number"],
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function workOrdersListInput(p: ListParams) {
  const date = (key: string) => {
    const value = p.get(key);
    return value && DATE.test(value) ? value : undefined;
  };
  const { sort, direction } = p.sortOf(WORK_ORDER_SORTS, WORK_ORDERS_SORTING);
  return {
    search: p.search || undefined,
    status: p.oneOf("status", STATUS_FILTERS),
    kind: p.oneOf("kind", WORK_ORDER_KINDS),
    technicianId: p.get("tech") || undefined,
    from: date("from"),
    to: date("to"),
    sort,
    direction,
    page: p.page,
    pageSize: 25,
  };
}
