import { INVOICE_STATUSES } from "@/server/modules/billing/schema";
import type { ListParams, SortOptions } from "../data-list/list-params";

// The invoices list's URL → `billing.invoices.list` input, shared by the list and its page.

export const INVOICE_SORTS = ["number", "issueDate", "dueDate", "totalMinor"] as const;
export const INVOICE_FILTERS = [...INVOICE_STATUSES, "OVERDUE"] as const;
export const INVOICES_SORTING: SortOptions<(typeof INVOICE_SORTS)[number]> = {
  fallback: "number",
  descending: ["number", "issueDate", "dueDate", "totalMinor"],
};

export function invoicesListInput(p: ListParams) {
  const { sort, direction } = p.sortOf(INVOICE_SORTS, INVOICES_SORTING);
  return {
    page: p.page,
    pageSize: 25,
    search: p.search || undefined,
    status: p.oneOf("status", INVOICE_FILTERS),
    billingRunId: p.get("run") || undefined,
    sort,
    direction,
  };
}
