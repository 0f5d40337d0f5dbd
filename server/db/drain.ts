import type { Scope, Tenant } from "../modules/scope";
import { withTenant } from "./tenant";

/**
 * Works through a company's rows a batch at a time, each batch in its own short transaction,
 * until one touches fewer than `batch` rows; the rows touched in all. A big backlog (a month of
 * sessions to delete, a NAS's sessions to close) never becomes one long transaction holding its
 * locks, and the steps' SKIP LOCKED lets two runs at once share the rows. `step` does one batch
 * of at most `batch` rows and says how many it touched.
 */
export async function drain(tenant: Tenant, batch: number, step: (scope: Scope) => Promise<number>): Promise<number> {
  let count = 0;
  for (;;) {
    const n = await withTenant(tenant.companyId, (tx) => step({ ...tenant, tx }));
    count += n;
    if (n < batch) return count;
  }
}
