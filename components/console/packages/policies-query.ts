import type { ListParams } from "../data-list/list-params";

// The bandwidth policies list's URL → `bandwidth.policies.list` input, shared by the list and
// the page that prefetches it.

export function policiesListInput(p: ListParams) {
  return { page: p.page, pageSize: 25, search: p.search || undefined };
}
