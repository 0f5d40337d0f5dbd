import { randomUUID } from "node:crypto";
import { CONNECTION_OF_TRANSACTION, takeConnection, type TxConnection } from "./serial-transactions";
import type { Tx } from "./tenant";

// Many rows in one INSERT, sent as ONE parameter: a JSON array with a [value, value, …] array per
// row, expanded by PostgreSQL (jsonb_array_elements). A billing run writes hundreds of invoices,
// lines and taxes per transaction. One array parameter per column (unnest) cost more in Node than
// in the database: Prisma serialises every raw parameter to JSON, parses it back and copies it,
// then pg escapes each element of each array into a literal, one JavaScript call per value. One
// JSON.stringify of the rows does the same in native code, and a value that is the same for
// every row (the company, the run) goes once, as a parameter of its own.
//
// The statement goes straight to the transaction's pg connection (connectionOf), not through
// Prisma: Prisma JSON-encodes every raw parameter and parses it back before the driver sees it,
// which for a parameter of megabytes of JSON was the largest cost of a billing run in Node (a
// string that is all quotes, escaped and unescaped again). Same connection, same transaction,
// same role and RLS settings; only the ORM's bookkeeping is skipped.

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
  const params: unknown[] = [JSON.stringify(rows.map((r) => perRow.map((value) => value(r) ?? null)))];
  let i = 0;
  const values = columns.map(([, type, value]) => {
    if (typeof value !== "function") {
      params.push(value.same ?? null);
      return `$${params.length}::${type}`;
    }
    const at = i++;
    // ->> is the value as text (NULL for a JSON null), cast to the column's type; a jsonb column
    // takes the JSON value itself, and its JSON null is SQL NULL.
    return type === "jsonb" ? `NULLIF(r->${at}, 'null')` : `(r->>${at})::${type}`;
  });
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${values.join(", ")} FROM jsonb_array_elements($1::jsonb) AS r`;
  await queryRows(tx, sql, params);
}

/** A statement with a large parameter, on the transaction's connection: its rows. */
export async function queryRows<T>(tx: Tx, sql: string, params: readonly unknown[]): Promise<T[]> {
  const connection = await connectionOf(tx);
  if (connection) return (await connection.query(sql, params)).rows as T[];
  return tx.$queryRawUnsafe<T[]>(sql, ...params);
}

const connections = new WeakMap<Tx, TxConnection | null>();

/** The pg connection of a transaction from withTenant (null for a client without one: then Prisma). */
export async function connectionOf(tx: Tx): Promise<TxConnection | null> {
  if (connections.has(tx)) return connections.get(tx)!;
  const token = randomUUID();
  await tx.$queryRawUnsafe(CONNECTION_OF_TRANSACTION, token);
  const connection = takeConnection(token) ?? null;
  connections.set(tx, connection);
  return connection;
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
export const dateColumn = <Row>(name: string, value: (row: Row) => Date | null | undefined): Column<Row> => [
  name,
  "date",
  (r) => day(value(r)),
];
