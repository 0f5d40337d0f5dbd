import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;

/**
 * PrismaPg whose interactive transactions send their queries one at a time.
 *
 * Why: Prisma 7's query interpreter loads the relations of an `include` (its "join" plan node)
 * with Promise.all. Outside a transaction each query gets its own pool connection; inside one
 * they all land on the transaction's single pg client, which queues them and warns "Calling
 * client.query() when the client is already executing a query is deprecated" (pg@9 will refuse
 * them). Our own code runs a transaction's queries in order (inOrder in tenant.ts), but a single
 * `findUnique({ include: { customer, package, events } })` still overlapped inside Prisma.
 * Queueing here keeps the same order and the same speed: the connection ran them one after
 * another anyway. Upstream: prisma/orm PRs #29468 and #29979; drop this class once adapter-pg
 * serialises transaction queries itself.
 */
export class SerialTransactionPg extends PrismaPg {
  override async connect(): Promise<PgAdapter> {
    const adapter = await super.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => oneAtATime(await start(isolationLevel));
    return adapter;
  }
}

/** A transaction's own pg connection, in turn with the ORM's queries on it (server/db/bulk.ts). */
export interface TxConnection {
  query(text: string, values: readonly unknown[]): Promise<pg.QueryResult>;
}

/**
 * Asks the adapter for the pg connection under a Prisma transaction: a query with this text never
 * reaches PostgreSQL; its one argument is a token under which the connection is left here for
 * takeConnection(). Prisma offers no other way from a transaction client to its connection.
 */
export const CONNECTION_OF_TRANSACTION = "SELECT $1::text AS lastmile_connection_of_transaction";
const handedOut = new Map<string, TxConnection>();

export function takeConnection(token: string): TxConnection | undefined {
  const found = handedOut.get(token);
  handedOut.delete(token);
  return found;
}

function oneAtATime(tx: PgTransaction): PgTransaction {
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    // A failed query does not stop the next one: its caller gets the error, as before.
    const next = last.then(run, run);
    last = next.catch(() => undefined);
    return next;
  };
  const queryRaw = tx.queryRaw.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  // Savepoints go through executeRaw too, so they queue behind running queries as well.
  // PgTransaction keeps its pool client in `client` (adapter-pg's dist; not in its types).
  const client = (tx as unknown as { client?: pg.PoolClient }).client;
  tx.queryRaw = (query) => {
    if (query.sql === CONNECTION_OF_TRANSACTION && client) {
      handedOut.set(String(query.args[0]), {
        query: (text, values) => inTurn(() => client.query({ text, values: values as unknown[] })),
      });
      return Promise.resolve({ columnNames: [], columnTypes: [], rows: [] });
    }
    return inTurn(() => queryRaw(query));
  };
  tx.executeRaw = (query) => inTurn(() => executeRaw(query));
  return tx;
}
