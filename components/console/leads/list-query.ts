import { LEAD_SORTS, LEAD_SOURCES, LEAD_STAGES } from "@/server/modules/leads/schema";
import type { ListParams, SortOptions } from "../data-list/list-params";

// The leads list's URL → `leads.list` input, shared by the list and the page that prefetches it
// (see data-list/list-params.ts for why they must agree).

/** Follow-ups due (`?due=1`) sort by when they are due; everything else newest first. */
export function leadsSorting(p: ListParams): SortOptions<(typeof LEAD_SORTS)[number]> {
  return { fallback: p.get("due") === "1" ? "followUpAt" : "createdAt", descending: ["createdAt"] };
}

export function leadsListInput(p: ListParams) {
  const due = p.get("due") === "1";
  const { sort, direction } = p.sortOf(LEAD_SORTS, leadsSorting(p));
  return {
    page: p.page,
    pageSize: 25,
    search: p.search || undefined,
    // Follow-ups due span every open stage.
    stage: due ? undefined : p.oneOf("stage", LEAD_STAGES),
    source: p.oneOf("source", LEAD_SOURCES),
    ownerId: p.get("owner") || undefined,
    due: due || undefined,
    sort,
    direction,
  };
}
