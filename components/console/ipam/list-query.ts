import { ADDRESS_STATUSES, PREFIX_POOL_FILTERS, PREFIX_STATUSES } from "@/server/modules/ipam/schema";
import type { ListParams } from "../data-list/list-params";

// The IPAM lists' URL → tRPC input, shared by each list and the page that prefetches it (see
// data-list/list-params.ts for why they must agree).

export function prefixesListInput(p: ListParams) {
  return {
    page: p.page,
    pageSize: 50,
    search: p.search || undefined,
    status: p.oneOf("status", PREFIX_STATUSES),
    pool: p.oneOf("pool", PREFIX_POOL_FILTERS),
    vrfId: p.get("vrf") || undefined,
  };
}

export function addressesListInput(p: ListParams) {
  return {
    page: p.page,
    pageSize: 50,
    search: p.search || undefined,
    status: p.oneOf("status", ADDRESS_STATUSES),
    vrfId: p.get("vrf") || undefined,
  };
}

export function vlansListInput(p: ListParams) {
  return { page: p.page, pageSize: 50, search: p.search || undefined, groupId: p.get("group") || undefined };
}

export function sitesListInput(p: ListParams) {
  return { page: p.page, pageSize: 25, search: p.search || undefined };
}
