import { STATUS_FILTERS, TICKET_PRIORITIES, TICKET_SORTS } from "@/server/modules/tickets/schema";
import type { ListParams, SortOptions } from "../data-list/list-params";

// The ticket queue's URL → `tickets.list` input, shared by the queue and the page that
// prefetches it (see data-list/list-params.ts for why they must agree).

export const TICKETS_SORTING: SortOptions<(typeof TICKET_SORTS)[number]> = {
  fallback: "updatedAt",
  descending: ["updatedAt", "createdAt", "number"],
};

const SLA_FILTERS = ["breached", "near_breach"] as const;

export function ticketsListInput(p: ListParams) {
  const { sort, direction } = p.sortOf(TICKET_SORTS, TICKETS_SORTING);
  return {
    search: p.search || undefined,
    status: p.oneOf("status", STATUS_FILTERS),
    priority: p.oneOf("priority", TICKET_PRIORITIES),
    categoryId: p.get("category") || undefined,
    assignee: p.get("assignee") || undefined,
    sla: p.oneOf("sla", SLA_FILTERS),
    sort,
    direction,
    page: p.page,
    pageSize: 25,
  };
}
