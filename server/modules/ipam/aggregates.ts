import type { z } from "zod";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { guarded } from "./constraints";
import { normalise } from "./prefixes";
import { aggregateFields } from "./schema";

// Aggregates: the address space the ISP holds (an RIR allocation, or private space) that its
// prefixes are carved from. Two aggregates never overlap (the database's exclusion constraint).

export async function create(scope: Scope, input: z.input<typeof aggregateFields>) {
  const d = aggregateFields.parse(input);
  const prefix = await normalise(scope, d.prefix);
  const row = await guarded(() =>
    scope.tx.aggregate.create({
      data: {
        id: newId(),
        companyId: scope.companyId,
        prefix,
        rir: d.rir,
        description: d.description,
        dateAdded: d.dateAdded ? new Date(`${d.dateAdded}T00:00:00Z`) : null,
      },
    }),
  );
  await audit.record(scope, { action: "aggregate.create", entityType: "Aggregate", entityId: row.id, after: row });
  return row;
}

/** Every aggregate, in address order. */
export async function list(scope: Scope) {
  return scope.tx.$queryRaw<{ id: string; prefix: string; rir: string | null; description: string | null }[]>`
    SELECT id, prefix::text AS prefix, rir, description FROM "Aggregate" ORDER BY family(prefix), prefix`;
}
