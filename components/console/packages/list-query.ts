import { PACKAGE_TYPES } from "@/server/modules/packages/schema";
import type { ListParams } from "../data-list/list-params";

// The packages list's URL → `packages.list` input, shared by the list and the page that
// prefetches it (see data-list/list-params.ts for why they must agree).

export function packagesListInput(p: ListParams) {
  return {
    page: p.page,
    pageSize: 25,
    search: p.search || undefined,
    type: p.oneOf("type", PACKAGE_TYPES),
    visibility: p.oneOf("visibility", ["PUBLIC", "STAFF_ONLY"] as const),
    archived: p.oneOf("archived", ["archived", "all"] as const) ?? ("active" as const),
  };
}
