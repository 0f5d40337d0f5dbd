import { Prisma } from "./generated/prisma/client";
import type { Tx } from "./tenant";

// Many rows in one INSERT, sent as ONE parameter: a JSON array with a [value, value, …] array per
// row, expanded by PostgreSQL (jsonb_array_elements). A billing run writes hundreds of invoices,
// lines and taxes per transaction. One array parameter per column (unnest) cost more in Node than
// in the database: Prisma serialises every raw parameter to JSON, parses it back and copies it,
// then pg escapes each element of each array into a literal, one JavaScript call per value. One
// JSON.stringify of the rows does the same in native code, and a value that is the same for
// every row (the company, the run) goes once, as a parameter of its own.

/** A column's value for every row: a function of the row, or `same(value)` for all of them. */
export type Column<Row> = [name: string, sqlType: string, value: ((row: Row) => unknown) | Same];

interface Same {
  readonly same: unknown;
}
/** The same value in every row (sent once). */
export const same = (value: unknown): Same => ({ same: value });

export async function insertRows<Row>(tx: Tx, table: string, columns: Column<Row>[], rows: readonly Row[]) {
  if (rows.length === 0) return;
  const perRow = columns.flatMap(([, , value]) => (typeof value === "function" ? [value] : []));
  const json = JSON.stringify(rows.map((r) => perRow.map((value) => value(r) ?? null)));
  let i = 0;
  const values = columns.map(([, type, value]) => {
    if (typeof value !== "function") return Prisma.sql`${value.same ?? null}::${Prisma.raw(type)}`;
    const at = Prisma.raw(String(i++));
    // ->> is the value as text (NULL for a JSON null), cast to the column's type; a jsonb column
    // takes the JSON value itself, and its JSON null is SQL NULL.
    return type === "jsonb" ? Prisma.sql`NULLIF(r->${at}, 'null')` : Prisma.sql`(r->>${at})::${Prisma.raw(type)}`;
  });
  const names = Prisma.raw(columns.map(([name]) => `"${name}"`).join(", "));
  await tx.$executeRaw`
    INSERT INTO ${Prisma.raw(`"${table}"`)} (${names})
    SELECT ${Prisma.join(values)} FROM jsonb_array_elements(${json}::jsonb) AS r`;
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
export const dateColumn = <Row>(name: string, value: (row: Row) => Date | null | undefined): Column<Row> => [
  name,
  "date",
  (r) => day(value(r)),
];
