// Demo data top-ups: what a capped subscriber (PPPoE Lite 10, 200 GB) can buy in the portal.
// Idempotent: does nothing once the company sells a top-up.
import { withTenant } from "../server/db/tenant";
import * as catalogue from "../server/modules/data-caps/catalogue";
import type { Scope } from "../server/modules/scope";

const TOP_UPS = [
  { name: "Daily boost 2 GB", mb: 2 * 1024, priceMinor: 5_000 },
  { name: "Weekly boost 10 GB", mb: 10 * 1024, priceMinor: 20_000 },
  { name: "Month saver 50 GB", mb: 50 * 1024, priceMinor: 75_000 },
];

export async function seedDataCaps(companyId: string): Promise<void> {
  await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
    if ((await catalogue.list(scope, { includeArchived: true })).total > 0) return;
    for (const t of TOP_UPS) await catalogue.create(scope, t);
  });
}
