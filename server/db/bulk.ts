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

/**
 * A column's value for every row: a function of the row, `same(value)` for all of them, or
 * `repeated(fn)` for text that many rows share.
 */
export type Column<Row> = [name: string, sqlType: string, value: ((row: Row) => unknown) | Same | Repeated<Row>];

interface Same {
  readonly same: unknown;
}
/** The same value in every row (sent once). */
export const same = (value: unknown): Same => ({ same: value });

interface Repeated<Row> {
  readonly repeated: (row: Row) => string | null | undefined;
}
/**
 * Text that many rows share (an invoice line's rule and description, a tax's name): each distinct
 * value goes once, in an array parameter of its own, and a row carries its position there. A
 * billing batch's lines repeat a few dozen rules of ~150 characters hundreds of times: written
 * out, they were half the JSON Node built and PostgreSQL parsed.
 */
export const repeated = <Row>(value: (row: Row) => string | null | undefined): Repeated<Row> => ({ repeated: value });

export async function insertRows<Row>(tx: Tx, table: string, columns: Column<Row>[], rows: readonly Row[]) {
  if (rows.length === 0) return;
  const { sql, params } = insertStatement(table, columns, rows);
  await queryRows(tx, sql, params);
}

/** The statement insertRows sends for `rows` (at least one), and its parameters. */
function insertStatement<Row>(table: string, columns: Column<Row>[], rows: readonly Row[]) {
  // Each repeated column's distinct values, numbered from 1 (PostgreSQL's first array element).
  const distinct = columns.map(() => new Map<string, number>());
  const perRow = columns.flatMap(([, , value], c): ((row: Row) => unknown)[] => {
    if (typeof value === "function") return [value];
    if ("same" in value) return [];
    const seen = distinct[c]!;
    return [
      (r) => {
        const v = value.repeated(r);
        if (v == null) return null;
        let at = seen.get(v);
        if (at === undefined) seen.set(v, (at = seen.size + 1));
        return at;
      },
    ];
  });
  const params: unknown[] = [JSON.stringify(rows.map((r) => perRow.map((value) => value(r) ?? null)))];
  let i = 0;
  const values = columns.map(([, type, value], c) => {
    if (typeof value !== "function" && "same" in value) {
      params.push(value.same ?? null);
      return `$${params.length}::${type}`;
    }
    const at = i++;
    if (typeof value !== "function") {
      params.push([...distinct[c]!.keys()]);
      return `($${params.length}::text[])[(r->>${at})::int]::${type}`;
    }
    // ->> is the value as text (NULL for a JSON null), cast to the column's type; a jsonb column
    // takes the JSON value itself, and its JSON null is SQL NULL.
    return type === "jsonb" ? `NULLIF(r->${at}, 'null')` : `(r->>${at})::${type}`;
  });
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${values.join(", ")} FROM jsonb_array_elements($1::jsonb) AS r`;
  return { sql, params };
}

/**
 * Statements of one transaction sent without waiting for each one's answer: the connection runs
 * them in the order they were sent, and while PostgreSQL runs one, Node builds the next one's
 * rows (a billing batch's invoices, lines, taxes and audit entries were each built while the
 * other side waited). A failed statement fails the transaction, so the ones after it fail too,
 * each with the first one's error, which `done()` answers with. A query through the ORM on the
 * same transaction runs after the statements already sent.
 */
export class Pipeline {
  private last: Promise<unknown> = Promise.resolve();
  private readonly sent: Promise<unknown>[] = [];
  /** The first statement's failure: the ones after it answer with it too (not "transaction aborted"). */
  private failure: unknown = null;

  constructor(
    private readonly tx: Tx,
    private readonly connection: TxConnection | null,
  ) {}

  /** Sends a statement now; its rows when it has run. */
  query<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    const connection = this.connection;
    // The pg connection queues what it is given, in order (serial-transactions.ts). Without one
    // (a client that is not withTenant's), each waits for the one before it.
    const answer = (
      connection
        ? connection.query(sql, params).then((r) => r.rows as T[])
        : this.last.then(() => this.tx.$queryRawUnsafe<T[]>(sql, ...params))
    ).catch((err: unknown) => {
      this.failure ??= err;
      throw this.failure;
    });
    this.last = answer;
    // Awaited in done(); until then a failure must not count as unhandled.
    answer.catch(() => undefined);
    this.sent.push(answer);
    return answer;
  }

  /** Sends insertRows' statement for `rows` now (nothing when there are none). */
  insert<Row>(table: string, columns: Column<Row>[], rows: readonly Row[]): void {
    if (rows.length === 0) return;
    const { sql, params } = insertStatement(table, columns, rows);
    void this.query(sql, params);
  }

  /** Waits for everything sent; throws the first failure. */
  async done(): Promise<void> {
    await Promise.all(this.sent);
  }
}

/** A pipeline on the transaction's connection (see Pipeline). */
export async function pipeline(tx: Tx): Promise<Pipeline> {
  return new Pipeline(tx, await connectionOf(tx));
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
