import { OUTAGE_STATUSES, REACHABILITIES } from "@/server/modules/outages/schema";
import type { ListParams } from "../data-list/list-params";

// The outage list's and the device board's URL → their procedures' input, shared by the lists and
// the pages that prefetch them (see data-list/list-params.ts for why they must agree).

export function outagesListInput(p: ListParams) {
  return { page: p.page, pageSize: 25, q: p.search || undefined, status: p.oneOf("status", OUTAGE_STATUSES) };
}

export function boardInput(p: ListParams) {
  return { page: p.page, pageSize: 50, q: p.search || undefined, status: p.oneOf("status", REACHABILITIES) };
}
