import { ARRANGEMENT_STATUSES } from "@/server/modules/dunning/schema";
import type { ListParams } from "../data-list/list-params";

// The arrangements queue's URL → `dunning.arrangements.list` input, shared by the list and its page.

export const ARRANGEMENT_FILTERS = ARRANGEMENT_STATUSES;

export function arrangementsListInput(p: ListParams) {
  return {
    page: p.page,
    pageSize: 25,
    status: p.oneOf("status", ARRANGEMENT_FILTERS),
  };
}
