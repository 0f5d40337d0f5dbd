import type { Pipeline } from "../../db/bulk";
import type { Scope } from "../scope";

// Human numbers per company (account numbers now; invoices, tickets later). One upsert takes
// the counter's row lock, so concurrent callers are serialised and never share a number; a
// rolled-back transaction gives its number back.
export async function next(scope: Scope, name: string): Promise<number> {
  const rows = await scope.tx.$queryRaw<{ value: number }[]>`
    INSERT INTO "CompanyCounter" ("companyId", name, value) VALUES (${scope.companyId}, ${name}, 1)
    ON CONFLICT ("companyId", name) DO UPDATE SET value = "CompanyCounter".value + 1
    RETURNING value`;
  return rows[0]!.value;
}

/**
 * Takes `count` consecutive numbers at once (bulk imports, a billing batch); returns the first.
 * Same locking as next(). On `pipeline` when given (after the statements already sent on it).
 */
export async function reserve(scope: Scope, name: string, count: number, pipeline?: Pipeline): Promise<number> {
  const rows = pipeline
    ? await pipeline.query<{ value: number }>(
        `INSERT INTO "CompanyCounter" ("companyId", name, value) VALUES ($1, $2, $3::int)
         ON CONFLICT ("companyId", name) DO UPDATE SET value = "CompanyCounter".value + $3::int
         RETURNING value`,
        [scope.companyId, name, count],
      )
    : await scope.tx.$queryRaw<{ value: number }[]>`
        INSERT INTO "CompanyCounter" ("companyId", name, value) VALUES (${scope.companyId}, ${name}, ${count})
        ON CONFLICT ("companyId", name) DO UPDATE SET value = "CompanyCounter".value + ${count}
        RETURNING value`;
  return rows[0]!.value - count + 1;
}
