import type pg from "pg";
import { connectionOf } from "./bulk";
import { APP_ROLE, pgPool } from "./client";
import type { Tx } from "./tenant";

// Tenant transactions in plain SQL on a pg connection, for the few paths where the ORM's cost per
// statement is most of the work (RADIUS accounting and authorize, thousands of requests a second).
// The transaction is the one withTenant opens: the company in the transaction-local setting
// app.company_id that the RLS policies compare with, the role dropped to lastmile_app, so
// row-level security applies exactly as everywhere else.
//
// What makes it cheap: statements are sent together as one simple-protocol query, so a
// transaction costs one or two round trips and socket writes instead of one per statement
// (BEGIN and the tenant settings ride with the first statement, COMMIT with the last). The
// simple protocol takes no parameters, so values are written into the text as escaped literals
// (literal() below); callers write `$1`, `$2`… as with pg or Prisma and never build SQL from input.

export type SqlValue = string | number | bigint | boolean | Date | null | undefined;

/** The statements of one transaction. The same interface over pg (withTenantSql) and over a Prisma transaction (sqlOf). */
export interface SqlTx {
  /** Runs `sql` (one statement, `$n` parameters) after any statements queued with later(); its rows. */
  query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** A statement whose result nobody needs: sent with the next query() or with the commit, in order. */
  later(sql: string, params?: readonly SqlValue[]): void;
  /** Sends what later() queued now (before work that does not go through this interface). */
  flush(): Promise<void>;
}

export interface PgTenantTx extends SqlTx {
  /** Runs `sql` and commits in the same round trip; the transaction is over afterwards. */
  queryAndCommit<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

/**
 * A value as an SQL literal, in pieces to be joined (`out`): strings are quoted with '' doubled
 * (and backslashes doubled in an E'' string). A text without either, such as most JSON, is not
 * rewritten: the pieces are joined once for the whole round trip, so the hundreds of kilobytes of
 * a batch's rows are copied once rather than at every step.
 */
function literalInto(out: string[], value: SqlValue) {
  if (value === null || value === undefined) return void out.push("NULL");
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    return void out.push(String(value));
  }
  if (typeof value === "bigint") return void out.push(value.toString());
  if (typeof value === "boolean") return void out.push(value ? "TRUE" : "FALSE");
  let text = value instanceof Date ? value.toISOString() : value;
  if (text.includes("\0")) throw new Error("Text for PostgreSQL may not contain the NUL character.");
  if (text.includes("'")) text = text.replace(/'/g, "''");
  if (text.includes("\\")) out.push("E'", text.replace(/\\/g, "\\\\"), "'");
  else out.push("'", text, "'");
}

/** A value as an SQL literal. */
function literal(value: SqlValue): string {
  const out: string[] = [];
  literalInto(out, value);
  return out.join("");
}

const PARAMETER = /\$(\d+)/g;

/** `sql` with `$1`, `$2`… replaced by the parameters as literals, in pieces appended to `out`. */
function inlineInto(out: string[], sql: string, params: readonly SqlValue[] = []) {
  let from = 0;
  if (params.length > 0)
    for (const match of sql.matchAll(PARAMETER)) {
      const i = Number(match[1]) - 1;
      if (i < 0 || i >= params.length) throw new Error(`No parameter $${match[1]} for this statement.`);
      out.push(sql.slice(from, match.index));
      literalInto(out, params[i]);
      from = match.index + match[0].length;
    }
  out.push(from === 0 ? sql : sql.slice(from));
}

const OPENING_STATEMENTS = 4;

/** Statements as pieces of text (inlineInto), ";\n" between statements, joined once when sent. */
type Pieces = string[];
const statement = (sql: string, params?: readonly SqlValue[]): Pieces => {
  const out: Pieces = [];
  inlineInto(out, sql, params);
  return out;
};

class PgTransaction implements PgTenantTx {
  private pending: Pieces[];
  /** BEGIN has been sent: a failure must be rolled back. */
  started = false;
  done = false;

  constructor(
    private readonly client: pg.PoolClient,
    companyId: string,
  ) {
    this.pending = [
      ["BEGIN"],
      [`SELECT set_config('app.company_id', ${literal(companyId)}, true)`],
      [`SET LOCAL ROLE ${APP_ROLE}`],
      // The ORM's transactions give up after 30 s (tenant.ts); so does this one, on a lock that never comes.
      ["SET LOCAL statement_timeout = '30s'"],
    ];
  }

  later(sql: string, params?: readonly SqlValue[]) {
    if (this.done) throw new Error("The transaction is over.");
    this.pending.push(statement(sql, params));
  }

  private async send(statements: Pieces[]): Promise<pg.QueryResult[]> {
    if (this.done) throw new Error("The transaction is over.");
    this.pending = [];
    this.started = true;
    const res = (await this.client.query(joined(statements))) as pg.QueryResult | pg.QueryResult[];
    return Array.isArray(res) ? res : [res];
  }

  async flush() {
    if (this.pending.length > (this.started ? 0 : OPENING_STATEMENTS)) await this.send(this.pending);
  }

  async query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    const results = await this.send([...this.pending, statement(sql, params)]);
    return results[results.length - 1].rows as T[];
  }

  async queryAndCommit<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    const results = await this.send([...this.pending, statement(sql, params), ["COMMIT"]]);
    this.done = true;
    return results[results.length - 2].rows as T[];
  }

  async commit() {
    if (this.done) return;
    // Nothing sent and nothing queued beyond the opening statements: there is no transaction to end.
    if (this.started || this.pending.length > OPENING_STATEMENTS) await this.send([...this.pending, ["COMMIT"]]);
    this.done = true;
  }
}

/** The statements as one text, joined in one go. */
function joined(statements: readonly Pieces[]): string {
  const out: string[] = [];
  for (const pieces of statements) {
    if (out.length > 0) out.push(";\n");
    for (const piece of pieces) out.push(piece);
  }
  return out.join("");
}

/**
 * Runs `fn` in a tenant transaction on one pooled pg connection and commits (with the statements
 * still queued by later()), unless fn already did with queryAndCommit(). On any failure the
 * transaction is rolled back, and a connection that cannot even do that is closed, not reused.
 */
export async function withTenantSql<T>(companyId: string, fn: (tx: PgTenantTx) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  const tx = new PgTransaction(client, companyId);
  let result: T;
  try {
    result = await fn(tx);
    await tx.commit();
  } catch (err) {
    if (!tx.started) client.release();
    else
      await client.query("ROLLBACK").then(
        () => client.release(),
        (broken: Error) => client.release(broken),
      );
    throw err;
  }
  client.release();
  return result;
}

/**
 * The same statements inside a Prisma transaction (withTenant), for code that also needs the ORM.
 * On the transaction's own pg connection (connectionOf, server/db/bulk.ts) they are batched as in
 * withTenantSql: what later() queued rides with the next query() in one simple-protocol round
 * trip. A transaction client without a connection (none in the app today) sends them one by one.
 */
export function sqlOf(tx: Tx): SqlTx {
  const pending: { sql: string; params: readonly SqlValue[] }[] = [];
  const viaPrisma = async () => {
    for (const s of pending.splice(0)) await tx.$executeRawUnsafe(s.sql, ...s.params.map((v) => v ?? null));
  };
  /** The pending statements and `last` as one round trip on the connection; the results, in order (null: no connection). */
  const batched = async (last?: { sql: string; params: readonly SqlValue[] }) => {
    const connection = await connectionOf(tx);
    if (!connection) return null;
    const statements = [...pending.splice(0), ...(last ? [last] : [])].map((s) => statement(s.sql, s.params));
    if (statements.length === 0) return [];
    // No parameters: pg sends it with the simple protocol, which takes several statements at once.
    const res = (await connection.query(joined(statements), [])) as pg.QueryResult | pg.QueryResult[];
    return Array.isArray(res) ? res : [res];
  };
  return {
    later: (sql, params = []) => void pending.push({ sql, params }),
    async query<T>(sql: string, params: readonly SqlValue[] = []) {
      const results = await batched({ sql, params });
      if (results) return results[results.length - 1]!.rows as T[];
      await viaPrisma();
      return tx.$queryRawUnsafe<T[]>(sql, ...params.map((v) => v ?? null));
    },
    async flush() {
      if (pending.length > 0 && !(await batched())) await viaPrisma();
    },
  };
}
