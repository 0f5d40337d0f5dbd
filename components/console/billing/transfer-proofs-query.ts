import { PROOF_STATUSES } from "@/server/modules/bank-transfers/schema";
import type { ListParams } from "../data-list/list-params";

// The proofs queue's URL → `bankTransfers.proofs.list` input, shared by the list and its page.
// Without a status in the URL the queue shows what waits for a decision, oldest first.

export const PROOF_FILTERS = [...PROOF_STATUSES, "ALL"] as const;
export type ProofFilter = (typeof PROOF_FILTERS)[number];

export const PROOF_FILTER_LABELS: Record<ProofFilter, string> = {
  SUBMITTED: "Waiting for review",
  VERIFIED: "Verified",
  REJECTED: "Rejected",
  ALL: "All proofs",
};

export function proofFilterOf(p: ListParams): ProofFilter {
  return p.oneOf("status", PROOF_FILTERS) ?? "SUBMITTED";
}

export function transferProofsListInput(p: ListParams) {
  const filter = proofFilterOf(p);
  return { page: p.page, pageSize: 25, status: filter === "ALL" ? undefined : filter };
}
